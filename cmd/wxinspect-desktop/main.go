// Command wxinspect-desktop is the desktop inspector: paste a session_key, iv
// and encryptedData and see what they decrypt to, or why they do not.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"

	"fyne.io/fyne/v2/app"

	// Before Fyne reads the locale: see its doc.
	_ "github.com/wxinspect/wxinspect/cmd/wxinspect-desktop/internal/clocale"
	"github.com/wxinspect/wxinspect/desktop"
)

// version is stamped by make release (-ldflags "-X main.version=…").
var version = "devel"

func main() {
	sample := flag.Bool("sample", false, "open with WeChat's official sample loaded")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Fprintln(os.Stdout, "wxinspect-desktop", version)
		return
	}
	if err := desktop.CheckDisplay(runtime.GOOS, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "wxinspect-desktop: error:", err)
		os.Exit(1)
	}
	ui := desktop.New(app.NewWithID("io.github.wxinspect.desktop"))
	if *sample {
		ui.LoadSample()
	}
	ui.Window().ShowAndRun()
}

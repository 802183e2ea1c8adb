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

func main() {
	sample := flag.Bool("sample", false, "open with WeChat's official sample loaded")
	flag.Parse()
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

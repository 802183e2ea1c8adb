// Command wxinspect-desktop is the desktop inspector: paste a session_key, iv
// and encryptedData and see what they decrypt to, or why they do not.
package main

import (
	"flag"

	"fyne.io/fyne/v2/app"

	"github.com/wxinspect/wxinspect/desktop"
)

func main() {
	sample := flag.Bool("sample", false, "open with WeChat's official sample loaded")
	flag.Parse()
	ui := desktop.New(app.NewWithID("io.github.wxinspect.desktop"))
	if *sample {
		ui.LoadSample()
	}
	ui.Window().ShowAndRun()
}

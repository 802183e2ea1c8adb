package desktop

import (
	"errors"
	"os"

	"github.com/atotto/clipboard"
)

// systemClipboard returns github.com/atotto/clipboard's functions, or
// functions that fail when it has no clipboard program to run (xclip, xsel
// or wl-clipboard on Linux).
func systemClipboard() (write func(string) error, read func() (string, error)) {
	if clipboard.Unsupported {
		errNone := errors.New("no system clipboard")
		return func(string) error { return errNone }, func() (string, error) { return "", errNone }
	}
	return clipboard.WriteAll, clipboard.ReadAll
}

// systemLang is the language of the user's locale, as the environment
// variables that POSIX systems set name it.
func systemLang() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			return s
		}
	}
	return "en"
}

// copyText puts text on the system clipboard, or on Fyne's when that
// fails, and says in the status line what was copied (what is a texts key)
// or that nothing could be. It reports whether the text was copied.
func (u *UI) copyText(what, text string) bool {
	if err := u.writeSystem(text); err == nil {
		u.setStatus(u.t("copied", u.t(what)))
		return true
	}
	if c := u.fyneClip(); c != nil {
		c.SetContent(text)
		// Fyne's clipboard gives no error: read it back to know.
		if c.Content() == text {
			u.setStatus(u.t("copied", u.t(what)))
			return true
		}
	}
	u.setStatus(u.t("copy.fail"))
	return false
}

// pasteText reads the clipboard: the system's, else Fyne's.
func (u *UI) pasteText() string {
	if s, err := u.readSystem(); err == nil && s != "" {
		return s
	}
	if c := u.fyneClip(); c != nil {
		return c.Content()
	}
	return ""
}

// CheckDisplay says, in one sentence, why no window can be opened on goos
// with the environment getenv reads: on Linux and the BSDs, an X11 or
// Wayland display is needed, and without one the GL driver panics.
func CheckDisplay(goos string, getenv func(string) string) error {
	switch goos {
	case "windows", "darwin", "ios", "android", "js", "wasip1":
		return nil
	}
	if getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != "" {
		return nil
	}
	return errors.New("no display: neither DISPLAY nor WAYLAND_DISPLAY is set; run it in a desktop session, over ssh -X, or under xvfb-run")
}

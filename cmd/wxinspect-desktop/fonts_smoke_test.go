//go:build smoke

package main

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fontDirs are the directories Fyne's font scanner (go-text's fontscan)
// reads on Linux, besides those of fontconfig's configuration, which name
// the same ones on Debian.
func fontDirs(home string) []string {
	dirs := []string{
		"/usr/X11R6/lib/X11/fonts", "/usr/local/share/fonts", "/usr/share/fonts",
		"/usr/share/texmf/fonts/opentype/public", filepath.Join(home, ".fonts"),
		filepath.Join(home, ".local/share/fonts"),
	}
	for _, d := range filepath.SplitList(os.Getenv("XDG_DATA_DIRS")) {
		if d != "" {
			dirs = append(dirs, filepath.Join(d, "fonts"))
		}
	}
	return dirs
}

// hideFonts is a shell script that mounts an empty tmpfs over every font
// directory that exists, counts the font files still visible, prints
// "fonts visible: N" and runs the command in its arguments. It runs under
// unshare -m, so the mounts are the app's alone.
func hideFonts(dirs []string) string {
	var b strings.Builder
	b.WriteString("set -e\n")
	for _, d := range dirs {
		fmt.Fprintf(&b, "if [ -d %q ]; then mount -t tmpfs -o ro,size=1k none %q; fi\n", d, d)
	}
	b.WriteString("n=$(find")
	for _, d := range dirs {
		fmt.Fprintf(&b, " %q", d)
	}
	b.WriteString(" -type f 2>/dev/null | wc -l)\n")
	b.WriteString("if command -v fc-list >/dev/null; then n=$((n + $(fc-list | wc -l))); fi\n")
	b.WriteString("echo \"fonts visible: $n\"\nexec \"$@\"\n")
	return b.String()
}

// TestSmokeNoSystemFonts runs the window in 简体中文 twice, with the
// machine's fonts and with none visible at all, and requires the two
// screenshots to be the same: every string comes from the fonts in the
// binary, as on a machine without any CJK font.
func TestSmokeNoSystemFonts(t *testing.T) {
	noX := skipper(t)
	if _, err := exec.LookPath("unshare"); err != nil {
		noX("unshare is not installed")
	}
	if err := exec.Command("unshare", "-m", "true").Run(); err != nil {
		noX("unshare -m is not permitted here (it needs root): " + err.Error())
	}
	dir := t.TempDir()
	bin := build(t, dir, noX)
	display := startXvfb(t, noX)
	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"DISPLAY=" + display, "HOME=" + home, "LANG=zh_CN.UTF-8", "LC_ALL=", "LC_MESSAGES=",
		"LANGUAGE=", "XDG_CACHE_HOME=" + filepath.Join(dir, "cache"),
	}

	withFonts, _ := shoot(t, display, append(env, "XDG_CONFIG_HOME="+filepath.Join(dir, "c1")), bin, "--sample")
	script := hideFonts(fontDirs(home))
	without, logs := shoot(t, display, append(env, "XDG_CONFIG_HOME="+filepath.Join(dir, "c2")),
		"unshare", "-m", "sh", "-c", script, "sh", bin, "--sample")
	if !strings.Contains(logs, "fonts visible: 0\n") {
		t.Fatalf("font files were still visible to the app:\n%s", logs)
	}
	if path := os.Getenv("WXINSPECT_SCREENSHOT_ZH"); path != "" {
		if err := savePNG(path, without); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot saved to %s", path)
	}
	if n := differing(withFonts, without); n > 0 {
		savePNG(filepath.Join(os.TempDir(), "wxinspect-with-fonts.png"), withFonts)
		savePNG(filepath.Join(os.TempDir(), "wxinspect-without-fonts.png"), without)
		t.Fatalf("%d pixels differ between the window with system fonts and without (both saved in %s)", n, os.TempDir())
	}
	t.Logf("the window is the same, %v, with and without the system's fonts", without.Bounds().Size())
}

// shoot starts argv with env, waits until its window has drawn and stays
// the same for a second, and returns that frame and what the app logged.
func shoot(t *testing.T, display string, env []string, argv ...string) (image.Image, string) {
	t.Helper()
	app := exec.Command(argv[0], argv[1:]...)
	app.Env = append(os.Environ(), env...)
	var logs bytes.Buffer
	app.Stdout, app.Stderr = &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer func() {
		app.Process.Kill()
		<-exited
	}()
	deadline := time.Now().Add(90 * time.Second)
	var last image.Image
	for {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("%s exited before drawing: %v\n%s", argv[0], err, logs.String())
		default:
		}
		if shot, err := capture(display); err == nil && notBlank(shot) == nil {
			if last != nil && differing(last, shot) == 0 {
				return shot, logs.String()
			}
			last = shot
		}
		if time.Now().After(deadline) {
			t.Fatalf("no steady window in 90 s\n%s", logs.String())
		}
		time.Sleep(time.Second)
	}
}

// differing counts the pixels that differ between a and b; all of them if
// the sizes differ.
func differing(a, b image.Image) int {
	if a.Bounds() != b.Bounds() {
		return a.Bounds().Dx() * a.Bounds().Dy()
	}
	n := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				n++
			}
		}
	}
	return n
}

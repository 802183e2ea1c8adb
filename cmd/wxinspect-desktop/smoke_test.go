//go:build smoke

// The smoke test runs the real binary, GL driver and all, in a virtual X
// server. It is behind the smoke tag so that `go test -race ./...` does not
// build the cgo GL driver a second time with the race detector; run it with
// `make desktop-smoke` or
//
//	go test -tags smoke -run Smoke -v ./cmd/wxinspect-desktop
//
// It needs Xvfb and xwd (apt-get install xvfb x11-apps). Without them it
// skips, unless WXINSPECT_REQUIRE_X=1 (as `make test` sets), when it fails.
// WXINSPECT_SCREENSHOT=path.png keeps the capture; WXINSPECT_RUNS=n starts
// the window n times to measure start-up.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

func TestSmoke(t *testing.T) {
	noX := skipper(t)
	dir := t.TempDir()
	bin := build(t, dir, noX)
	display := startXvfb(t, noX)
	runs := 1
	if n, err := strconv.Atoi(os.Getenv("WXINSPECT_RUNS")); err == nil && n > 1 {
		runs = n
	}
	for i := range runs {
		last := i == runs-1
		runWindow(t, bin, display, filepath.Join(dir, "config"+strconv.Itoa(i)), last)
	}
}

// skipper returns what to call when the test cannot run here: it skips,
// or fails under WXINSPECT_REQUIRE_X=1.
func skipper(t *testing.T) func(string) {
	mustRun := os.Getenv("WXINSPECT_REQUIRE_X") == "1"
	return func(why string) {
		t.Helper()
		if mustRun {
			t.Fatalf("no X server can be had: %s (WXINSPECT_REQUIRE_X=1)", why)
		}
		t.Skipf("SKIP desktop smoke test: no X server can be had: %s; run `make desktop-deps` (Debian) or install xvfb and x11-apps", why)
	}
}

// build checks for Xvfb and xwd and builds the app into dir.
func build(t *testing.T, dir string, noX func(string)) string {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xwd"} {
		if _, err := exec.LookPath(tool); err != nil {
			noX(tool + " is not installed")
		}
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "wxinspect-desktop")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	started := time.Now()
	if err := build.Run(); err != nil {
		t.Fatalf("go build: %v", err)
	}
	t.Logf("built in %v", time.Since(started).Round(time.Second))
	return bin
}

// startXvfb starts a virtual X server and returns its display, ":N".
func startXvfb(t *testing.T, noX func(string)) string {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		noX("Xvfb: " + err.Error())
	}
	w.Close()
	t.Cleanup(func() {
		x.Process.Kill()
		x.Wait()
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			noX("Xvfb did not start")
		}
		return ":" + n
	case <-time.After(30 * time.Second):
		noX("Xvfb did not report a display in 30 s")
	}
	return ""
}

// runWindow starts the app with --sample, waits for its first frame and
// checks it, then measures its memory at rest.
func runWindow(t *testing.T, bin, display, config string, keep bool) {
	app := exec.Command(bin, "--sample")
	app.Env = append(os.Environ(), "DISPLAY="+display, "XDG_CONFIG_HOME="+config, "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=")
	var logs bytes.Buffer
	app.Stdout, app.Stderr = &logs, &logs
	started := time.Now()
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer func() {
		app.Process.Kill()
		<-exited
	}()

	var img image.Image
	var first time.Duration
	deadline := time.Now().Add(90 * time.Second)
	for {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("wxinspect-desktop exited before drawing: %v\n%s", err, logs.String())
		default:
		}
		if shot, err := capture(display); err == nil && notBlank(shot) == nil {
			img, first = shot, time.Since(started)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no window drawn in 90 s\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("first frame after %v (window %v)", first.Round(time.Millisecond), img.Bounds().Size())

	// At rest: the sample decrypted and drawn, nothing happening.
	time.Sleep(5 * time.Second)
	if rss, pss, err := memory(app.Process.Pid); err == nil {
		t.Logf("memory at rest: RSS %d MiB, PSS %d MiB", rss>>10, pss>>10)
	}
	checkPreferences(t, config)
	if !keep {
		return
	}
	if shot, err := capture(display); err == nil {
		img = shot
	}
	if err := notBlank(img); err != nil {
		t.Fatalf("the window is blank: %v", err)
	}
	if path := os.Getenv("WXINSPECT_SCREENSHOT"); path != "" {
		if err := savePNG(path, img); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot saved to %s", path)
	}
}

// checkPreferences reads what the app wrote to disk: the appid of the
// sample, and no secret.
func checkPreferences(t *testing.T, config string) {
	t.Helper()
	var found bool
	err := filepath.WalkDir(config, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		s := core.OfficialSample()
		for _, secret := range []string{s.SessionKey, s.IV, s.EncryptedData[:16]} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s holds a secret of the sample", path)
			}
		}
		found = found || bytes.Contains(b, []byte(s.AppID))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Errorf("no preference file under %s holds the sample's appid", config)
	}
}

// capture is the window named wxinspect, taken with xwd.
func capture(display string) (image.Image, error) {
	out, err := exec.Command("xwd", "-display", display, "-name", "wxinspect", "-silent").Output()
	if err != nil {
		return nil, err
	}
	return decodeXWD(out)
}

// notBlank says why img is not a drawn window: too few colours, or one
// colour nearly everywhere.
func notBlank(img image.Image) error {
	b := img.Bounds()
	counts := map[color.RGBA]int{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			counts[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 255}]++
		}
	}
	most := 0
	for _, n := range counts {
		most = max(most, n)
	}
	total := b.Dx() * b.Dy()
	switch {
	case total < 100*100:
		return fmt.Errorf("the window is %v", b.Size())
	case len(counts) < 16:
		return fmt.Errorf("%d colours", len(counts))
	case float64(total-most)/float64(total) < 0.02:
		return fmt.Errorf("%.1f%% of pixels differ from the background", 100*float64(total-most)/float64(total))
	}
	return nil
}

// decodeXWD reads the X Window Dump of a TrueColor visual, 24 or 32 bits
// per pixel, as xwd writes it (X11/XWDFile.h, version 7).
func decodeXWD(b []byte) (image.Image, error) {
	if len(b) < 100 {
		return nil, errors.New("xwd: short header")
	}
	h := make([]uint32, 25)
	for i := range h {
		h[i] = binary.BigEndian.Uint32(b[4*i:])
	}
	headerSize, version, format := h[0], h[1], h[2]
	width, height := int(h[4]), int(h[5])
	byteOrder, bpp, bpl := h[7], int(h[11]), int(h[12])
	masks := [3]uint32{h[14], h[15], h[16]}
	ncolors := int(h[19])
	if version != 7 || format != 2 || (bpp != 32 && bpp != 24) {
		return nil, fmt.Errorf("xwd: version %d, format %d, %d bits per pixel not supported", version, format, bpp)
	}
	off := int(headerSize) + 12*ncolors
	if off+height*bpl > len(b) {
		return nil, errors.New("xwd: short pixel data")
	}
	var order binary.ByteOrder = binary.LittleEndian
	if byteOrder == 1 {
		order = binary.BigEndian
	}
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for y := range height {
		row := b[off+y*bpl:]
		for x := range width {
			var p uint32
			if bpp == 32 {
				p = order.Uint32(row[4*x:])
			} else if byteOrder == 1 {
				p = uint32(row[3*x])<<16 | uint32(row[3*x+1])<<8 | uint32(row[3*x+2])
			} else {
				p = uint32(row[3*x+2])<<16 | uint32(row[3*x+1])<<8 | uint32(row[3*x])
			}
			var c [3]uint8
			for i, m := range masks {
				c[i] = channel(p, m)
			}
			img.SetRGBA(x, y, color.RGBA{c[0], c[1], c[2], 255})
		}
	}
	return img, nil
}

// channel extracts the bits of mask from p, scaled to 8 bits.
func channel(p, mask uint32) uint8 {
	if mask == 0 {
		return 0
	}
	shift := 0
	for mask&1 == 0 {
		mask >>= 1
		shift++
	}
	v := (p >> shift) & mask
	return uint8(v * 255 / mask)
}

// memory returns the resident and proportional set sizes of pid, in KiB.
func memory(pid int) (rss, pss int, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	if err != nil {
		return 0, 0, err
	}
	for line := range strings.Lines(string(b)) {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		n, _ := strconv.Atoi(f[1])
		switch f[0] {
		case "Rss:":
			rss = n
		case "Pss:":
			pss = n
		}
	}
	return rss, pss, nil
}

// savePNG writes img with its 256 most frequent colours, which keeps a
// screenshot of flat widgets and anti-aliased text small.
func savePNG(path string, img image.Image) error {
	counts := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			counts[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	colours := make([]color.RGBA, 0, len(counts))
	for c := range counts {
		colours = append(colours, c)
	}
	slices.SortFunc(colours, func(a, b color.RGBA) int {
		return cmp.Or(counts[b]-counts[a], cmp.Compare(a.R, b.R), cmp.Compare(a.G, b.G), cmp.Compare(a.B, b.B))
	})
	palette := make(color.Palette, 0, 256)
	for _, c := range colours[:min(256, len(colours))] {
		palette = append(palette, c)
	}
	small := image.NewPaletted(b, palette)
	draw.Draw(small, b, img, b.Min, draw.Src)
	img = small

	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core/wxfake"
)

// TestFullDisk runs each command that prints a result with its standard
// output on /dev/full: the result is lost, so the exit status must say so.
func TestFullDisk(t *testing.T) {
	t.Parallel()
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	fx := fixtureLines(t, 1, 0, "wx4f4bc4dec97d474b")
	fake := wxfake.New()
	srv := httptest.NewServer(fake)
	defer srv.Close()
	app := fake.DefaultApp()
	for _, c := range []struct {
		args  []string
		stdin []byte
	}{
		{[]string{"decrypt", "--appid", "wx4f4bc4dec97d474b"}, fx},
		{[]string{"decrypt", "--json"}, fx},
		{[]string{"inspect"}, fx},
		{[]string{"batch"}, fx},
		{[]string{"fixture", "--appid", "wx4f4bc4dec97d474b", "--phone", "13912345678"}, nil},
		{[]string{"token"}, nil},
		{[]string{"token", "--json"}, nil},
		{[]string{"version"}, nil},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			cmd := exec.Command("wxinspect", c.args...)
			cmd.Stdin = bytes.NewReader(c.stdin)
			cmd.Stdout = full
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			cmd.Env = append(os.Environ(), "WX_API_BASE="+srv.URL, "WX_APPID="+app.AppID, "WX_SECRET="+app.Secret, "LANG=C")
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != exitNotOK {
				t.Fatalf("exit: %v, want status 1; stderr:\n%s", err, stderr.String())
			}
			if !strings.Contains(stderr.String(), "wxinspect: error: writing standard output: no space left on device") {
				t.Fatalf("stderr:\n%s", stderr.String())
			}
		})
	}
}

// TestBatchSignals stops a running batch with a signal while its input stays
// open: every report written is whole, the summary is printed, and the exit
// status is 128 + the signal.
func TestBatchSignals(t *testing.T) {
	t.Parallel()
	lines := bytes.SplitAfter(fixtureLines(t, 600, 0, "wx4f4bc4dec97d474b"), []byte("\n"))[:600]
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command("wxinspect", "batch", "--workers", "4")
			stdin, _ := cmd.StdinPipe()
			stdout, _ := cmd.StdoutPipe()
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			cmd.Env = append(os.Environ(), "LANG=C")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			out := bufio.NewReader(stdout)
			// Feed the first half, and wait for its reports.
			for _, l := range lines[:300] {
				stdin.Write(l)
			}
			var got [][]byte
			for len(got) < 300 {
				l, err := out.ReadBytes('\n')
				if err != nil {
					t.Fatalf("after %d reports: %v", len(got), err)
				}
				got = append(got, l)
			}
			// The other half, in one write, then the signal at once, while
			// the input stays open and batch is busy with it.
			var rest []byte
			for _, l := range lines[300:] {
				rest = append(rest, l...)
			}
			go stdin.Write(rest)
			cmd.Process.Signal(sig)
			tail, _ := io.ReadAll(out)
			err := cmd.Wait()
			stdin.Close()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 128+int(sig) {
				t.Fatalf("exit: %v, want status %d; stderr:\n%s", err, 128+int(sig), stderr.String())
			}
			if len(tail) > 0 && tail[len(tail)-1] != '\n' {
				t.Fatalf("the last report is cut: %.80q", tail[max(0, len(tail)-80):])
			}
			for _, l := range bytes.SplitAfter(tail, []byte("\n")) {
				if len(l) > 0 {
					got = append(got, l)
				}
			}
			for i, l := range got {
				var r reportLine
				if err := json.Unmarshal(l, &r); err != nil || r.Line != i+1 || !r.OK {
					t.Fatalf("report %d: %v: %.80q", i+1, err, l)
				}
			}
			want := "records: " + itoa(len(got)) + " ok, 0 not ok"
			if !strings.Contains(stderr.String(), "wxinspect: "+itoa(len(got))+" "+want) {
				t.Fatalf("%d reports; stderr has no summary %q:\n%s", len(got), want, stderr.String())
			}
		})
	}
}

// TestBatchBrokenPipe closes batch's standard output while it runs: batch
// is not killed by SIGPIPE but stops, prints the summary and exits 1.
func TestBatchBrokenPipe(t *testing.T) {
	t.Parallel()
	lines := bytes.SplitAfter(fixtureLines(t, 50, 0, "wx4f4bc4dec97d474b"), []byte("\n"))[:50]
	cmd := exec.Command("wxinspect", "batch", "--workers", "2")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "LANG=C")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out := bufio.NewReader(stdout)
	stdin.Write(lines[0])
	if _, err := out.ReadBytes('\n'); err != nil {
		t.Fatal(err)
	}
	stdout.Close() // like `head -1`
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for _, l := range lines[1:] {
		if _, err := stdin.Write(l); err != nil {
			break // batch has stopped
		}
	}
	stdin.Close()
	var err error
	select {
	case err = <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatal("batch did not stop")
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitNotOK {
		t.Fatalf("exit: %v, want status 1; stderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "wxinspect: 1 records: 1 ok") || !strings.Contains(stderr.String(), "broken pipe") {
		t.Fatalf("stderr:\n%s", stderr.String())
	}
}

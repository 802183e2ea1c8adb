package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
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

// run runs wxinspect with stdin and the environment, and returns its
// standard output, standard error and exit status.
func run(t *testing.T, stdin []byte, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command("wxinspect", args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(append(os.Environ(), "LANG=C"), env...)
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

// leaked returns the first piece, 8 bytes or longer, of a secret in s.
func leaked(s string, secrets ...string) string {
	for _, sec := range secrets {
		for i := 0; i+8 <= len(sec); i++ {
			if strings.Contains(s, sec[i:i+8]) {
				return sec[i : i+8]
			}
		}
	}
	return ""
}

// terminalControls is what must never reach a terminal from outside text:
// ESC (every CSI and OSC sequence), BEL, CR and the C1 CSI in UTF-8.
var terminalControls = []string{"\x1b", "\x07", "\r", "\u009b", "\u009d"}

func rawControl(s string) string {
	for _, c := range terminalControls {
		if strings.Contains(s, c) {
			return fmt.Sprintf("%q", c)
		}
	}
	return ""
}

// TestHostileDecryptedText decrypts a nickName and an appid laden with
// escape sequences: printed, they are shown escaped, never raw.
func TestHostileDecryptedText(t *testing.T) {
	t.Parallel()
	evil := "Band\x1b]0;pwned\x07\x1b[2J\r\u009b31m\u009d8;;http://x\u009c"
	key, iv := core.OfficialSample().SessionKey, core.OfficialSample().IV
	fx, err := core.Encrypt(core.UserPayload("wx4f4bc4dec97d474b", core.UserInfo{NickName: evil}, time.Unix(1700000000, 0)), key, iv)
	if err != nil {
		t.Fatal(err)
	}
	in := fx.AppendJSON(nil)
	for _, args := range [][]string{{"inspect"}, {"decrypt"}, {"inspect", "--appid", "wx\x1b[31mevil"}, {"decrypt", "--appid", "wx\x1b]0;t\x07"}} {
		stdout, stderr, _ := run(t, in, nil, args...)
		if c := rawControl(stdout + stderr); c != "" {
			t.Errorf("%q prints %s raw:\n%s\n%s", args, c, stdout, stderr)
		}
	}
}

// TestKeyInTheWrongPlace puts the session_key where a file name or an appid
// goes: it is printed nowhere.
func TestKeyInTheWrongPlace(t *testing.T) {
	t.Parallel()
	key := core.OfficialSample().SessionKey
	in := fixtureLines(t, 1, 0, "wx4f4bc4dec97d474b")
	for _, args := range [][]string{
		{"decrypt", "--session-key-file", key},
		{"inspect", "--session-key-file", key},
		{"batch", "--session-key-file", key},
		{"decrypt", "--appid", key},
		{"inspect", "--appid", key},
		{"decrypt", "--json", "--appid", key},
		{"decrypt", "--appid", "wxAAAAAAAAAAAAAAAA"},
	} {
		stdout, stderr, code := run(t, in, nil, args...)
		if code == 0 {
			t.Errorf("%q: exit 0", args)
		}
		if strings.Contains(stdout+stderr, key) {
			t.Errorf("%q prints the key:\n%s\n%s", args, stdout, stderr)
		}
	}
}

// TestHostileServerCLI points the API commands at a server on loopback that
// gives a token, then echoes the request URI and body (with escape
// sequences) in its errmsg, or a page whose title holds part of the secret.
func TestHostileServerCLI(t *testing.T) {
	t.Parallel()
	const secret = "c0ffee00c0ffee11c0ffee22c0ffee33"
	const token = "TOKEN-fetched-by-the-cli-0123456789abcdefghijk"
	for _, mode := range []string{"echo", "title", "redirect"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			var elsewhere atomic.Int32
			thief := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
			defer thief.Close()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				switch {
				case mode == "redirect":
					http.Redirect(w, r, thief.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
				case strings.HasSuffix(r.URL.Path, "stable_token"):
					fmt.Fprintf(w, `{"access_token":%q,"expires_in":7200}`, token)
				case mode == "echo":
					msg, _ := json.Marshal("bad \x1b]0;owned\x07 " + r.URL.RequestURI() + " " + string(body) + " " + secret[:20] + " rid: " + token[:20])
					fmt.Fprintf(w, `{"errcode":40029,"errmsg":%s}`, msg)
				case mode == "title":
					fmt.Fprintf(w, "<html><title>\x1b[2J %s %s</title></html>", secret[:22], token[5:30])
				}
			}))
			defer srv.Close()
			// The appid shares no 8-character run with the secrets: the
			// hints name it, and it is no secret.
			env := []string{"WX_API_BASE=" + srv.URL, "WX_APPID=wx9f8e7d6c5b4a3f2e", "WX_SECRET=" + secret, "WX_SESSION_KEY=tiihtNczf5v6AKRyjwEUhQ=="}
			sig := core.LoginSignature("tiihtNczf5v6AKRyjwEUhQ==", nil)
			for _, c := range []struct {
				args    []string
				secrets []string // in play: the token only where the command fetched it
			}{
				{[]string{"phone", "--code", "x"}, []string{secret, token}},
				{[]string{"phone", "--code", "x", "--json"}, []string{secret, token}},
				{[]string{"checksession", "--openid", "o1"}, []string{secret, token, sig}},
				{[]string{"session", "--js-code", "x"}, []string{secret}},
				{[]string{"token"}, []string{secret}},
			} {
				args := c.args
				if args[0] == "token" && mode != "redirect" {
					continue // it succeeds, printing the token: its job
				}
				stdout, stderr, code := run(t, nil, env, args...)
				if code != exitNotOK {
					t.Errorf("%q: exit %d", args, code)
				}
				out := stdout + stderr
				if l := leaked(out, c.secrets...); l != "" {
					t.Errorf("%q: %q leaks:\n%s", args, l, out)
				}
				if c := rawControl(out); c != "" {
					t.Errorf("%q prints %s raw:\n%s", args, c, out)
				}
			}
			if n := elsewhere.Load(); n != 0 {
				t.Errorf("the redirect target got %d requests", n)
			}
		})
	}
}

// TestPlainHTTPAPIBase refuses to send credentials over plain http to
// another machine.
func TestPlainHTTPAPIBase(t *testing.T) {
	t.Parallel()
	env := []string{"WX_API_BASE=http://192.0.2.1:8788", "WX_APPID=wx1234567890abcdef", "WX_SECRET=c0ffee00c0ffee11c0ffee22c0ffee33"}
	_, stderr, code := run(t, nil, env, "token", "--timeout", "2s")
	if code != exitNotOK || !strings.Contains(stderr, "refusing to send credentials over plain http") {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
}

// TestEndlessInput reads /dev/zero: the read stops at the limit and the
// report says input_too_large.
func TestEndlessInput(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"decrypt", "--json"}, {"inspect", "--json"}} {
		zero, err := os.Open("/dev/zero")
		if err != nil {
			t.Skip(err)
		}
		cmd := exec.Command("wxinspect", args...)
		cmd.Stdin = zero
		done := make(chan []byte, 1)
		go func() { out, _ := cmd.Output(); done <- out }()
		select {
		case out := <-done:
			if !strings.Contains(string(out), `"code":"input_too_large"`) || !strings.Contains(string(out), "more than") {
				t.Errorf("%q: %s", args, out)
			}
		case <-time.After(60 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%q did not end on /dev/zero", args)
		}
		zero.Close()
	}
}

// TestSessionKeyOutNoSymlink checks that --session-key-out does not write
// through a symbolic link, nor change the mode of its target.
func TestSessionKeyOutNoSymlink(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target := dir + "/precious"
	os.WriteFile(target, []byte("keep me\n"), 0o644)
	link := dir + "/key"
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if err := writeSecretFile(link, "tiihtNczf5v6AKRyjwEUhQ=="); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("err = %v", err)
	}
	b, _ := os.ReadFile(target)
	st, _ := os.Stat(target)
	if string(b) != "keep me\n" || st.Mode().Perm() != 0o644 {
		t.Fatalf("target changed: %q %v", b, st.Mode())
	}
	if err := writeSecretFile(dir+"/new", "tiihtNczf5v6AKRyjwEUhQ=="); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(dir + "/new"); st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", st.Mode())
	}
}

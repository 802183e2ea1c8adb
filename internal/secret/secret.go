// Package secret reads the secrets a front end needs — a session_key, an
// AppSecret, an access_token — without ever taking them on the command line:
// from a file, from an environment variable, or from a prompt that does not
// echo what is typed. Errors say what kind of source failed, never its value
// nor the file's path (a secret pasted in its place).
package secret

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/wxinspect/wxinspect/core/wxapi"
)

// MaxFileSize is the largest secret file read. A session_key is 24 bytes, an
// access_token a few hundred: a bigger file is the wrong file.
const MaxFileSize = 64 << 10

// ErrEmpty is returned for a file or a prompt that gave nothing.
var ErrEmpty = errors.New("empty")

// ReadFile reads a secret from the file at path, or from standard input if
// path is "-" (then stdin cannot carry anything else). Surrounding whitespace,
// such as the newline an editor adds, is removed.
func ReadFile(path string, stdin io.Reader) (string, error) {
	var r io.Reader
	if path == "-" {
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			// Not the path: a key pasted where the file name goes would be
			// printed in "open <key>: no such file or directory".
			if pe, ok := errors.AsType[*os.PathError](err); ok {
				err = pe.Err
			}
			return "", fmt.Errorf("cannot open the file: %w", err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return "", err
	}
	if len(b) > MaxFileSize {
		return "", fmt.Errorf("%s is over %d bytes: not a secret file", name(path), MaxFileSize)
	}
	s := string(bytes.TrimSpace(b))
	if s == "" {
		return "", fmt.Errorf("%s is %w", name(path), ErrEmpty)
	}
	return s, nil
}

// name is what a message calls the source: never the path, which may be a
// secret pasted into the wrong place.
func name(path string) string {
	if path == "-" {
		return "standard input"
	}
	return "the file"
}

// IsTerminal reports whether f is a terminal.
func IsTerminal(f *os.File) bool {
	return f != nil && term.IsTerminal(int(f.Fd()))
}

// Prompt writes prompt to out and reads one line from the terminal in,
// without echo. The caller checks that in is a terminal.
func Prompt(in *os.File, out io.Writer, prompt string) (string, error) {
	fmt.Fprint(out, prompt)
	b, err := term.ReadPassword(int(in.Fd()))
	fmt.Fprintln(out)
	if err != nil {
		return "", err
	}
	s := strings.TrimSpace(string(b))
	if s == "" {
		return "", ErrEmpty
	}
	return s, nil
}

// Redact hides each secret in s, and every run of 8 or more bytes copied
// from one, as "***", so that a message that might quote a value (an error
// from a library, a URL, a server's answer) can be printed. It is
// wxapi.Redact, the one redaction of the project.
func Redact(s string, secrets ...string) string { return wxapi.Redact(s, secrets...) }

// Package secret reads the secrets a front end needs — a session_key, an
// AppSecret, an access_token — without ever taking them on the command line:
// from a file, from an environment variable, or from a prompt that does not
// echo what is typed. Errors name where the secret came from, never its value.
package secret

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
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
			return "", err
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
		return "", fmt.Errorf("%s: %w", name(path), ErrEmpty)
	}
	return s, nil
}

func name(path string) string {
	if path == "-" {
		return "standard input"
	}
	return path
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

// Redact replaces every occurrence of each secret in s by "***", so that a
// message that might quote a value (an error from a library, a URL) can be
// printed. Secrets shorter than 4 bytes are left alone: redacting them would
// garble the text without protecting anything.
func Redact(s string, secrets ...string) string {
	for _, sec := range secrets {
		if len(sec) >= 4 {
			s = strings.ReplaceAll(s, sec, "***")
		}
	}
	return s
}

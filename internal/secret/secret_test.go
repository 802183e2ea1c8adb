package secret

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if s, err := ReadFile(write("k", "  tiihtNczf5v6AKRyjwEUhQ==\r\n"), nil); err != nil || s != "tiihtNczf5v6AKRyjwEUhQ==" {
		t.Errorf("ReadFile = %q, %v", s, err)
	}
	if _, err := ReadFile(write("empty", "\n"), nil); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty file: err = %v, want ErrEmpty", err)
	}
	big := write("big", strings.Repeat("x", MaxFileSize+1))
	if _, err := ReadFile(big, nil); err == nil || strings.Contains(err.Error(), "xxxx") {
		t.Errorf("big file: err = %v", err)
	}
	if s, err := ReadFile("-", strings.NewReader("key\n")); err != nil || s != "key" {
		t.Errorf("ReadFile(-) = %q, %v", s, err)
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	got := Redact("post https://x/?secret=abcdef&token=123456 failed: abcdef", "abcdef", "123456", "", "ab")
	if want := "post https://x/?secret=***&token=*** failed: ***"; got != want {
		t.Errorf("Redact = %q, want %q", got, want)
	}
}

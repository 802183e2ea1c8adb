package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPasteCorpus runs every paste of testdata/paste through
// `wxinspect inspect --json` with the corpus's clock and appid: standard
// output must be the expected reports (the core's, one line per record),
// byte for byte.
func TestPasteCorpus(t *testing.T) {
	dir := "../../testdata/paste"
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) < 30 {
		t.Fatalf("%d pastes in %s (%v), want the whole corpus", len(files), dir, err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(dir, name+".jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			// The corpus's request: appid wx4f4bc4dec97d474b, now
			// 1477314247; for other platforms' pastes (platform_*), no
			// appid and now 1700000000 (testdata/paste/README.md).
			args := []string{"inspect", "--json", "--appid", "wx4f4bc4dec97d474b", "--now", "1477314247"}
			if strings.HasPrefix(name, "platform_") {
				args = []string{"inspect", "--json", "--now", "1700000000"}
			}
			stdout, stderr, code := run(t, text, []string{"WX_SESSION_KEY=", "ALIPAY_AES_KEY="}, args...)
			if stdout != string(want) {
				t.Errorf("exit %d, stderr %q; stdout differs from %s.jsonl:\ngot  %s\nwant %s", code, stderr, name, stdout, want)
			}
			wantCode := exitNotOK
			if !notOK.Match(want) {
				wantCode = 0
			}
			if code != wantCode {
				t.Errorf("exit %d, want %d", code, wantCode)
			}
		})
	}
}

// notOK finds a report that is not ok (an unreadable line's has its line
// first).
var notOK = regexp.MustCompile(`(?m)^\{("line":\d+,)?"ok":false`)

package desktop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPasteCorpus pastes every text of testdata/paste into the window, with
// the corpus's appid typed and its clock: one record fills the Inspect tab,
// several the Records tab, and each report must be the core's (NAME.jsonl),
// byte for byte. A paste with no field is not inspected: the window says so
// instead of showing the report of an empty form.
func TestPasteCorpus(t *testing.T) {
	dir := "../testdata/paste"
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
			u := newTestUI(t)
			u.now = func() time.Time { return time.Unix(1477314247, 0) }
			u.inspect.appID.SetText("wx4f4bc4dec97d474b")
			if strings.HasPrefix(name, "platform_") {
				// other platforms' pastes: no appid typed, the clock of
				// testdata/platforms (testdata/paste/README.md)
				u.now = func() time.Time { return time.Unix(1700000000, 0) }
				u.inspect.appID.SetText("")
			}
			u.PasteText(string(text))
			var got []byte
			if lines := u.records.lines; len(lines) > 0 {
				for _, l := range lines {
					got = append(l.report.AppendJSON(got), '\n')
				}
			} else if r := u.inspect.report; r != nil {
				got = append(r.AppendJSON(got), '\n')
			}
			if got == nil {
				// Nothing was read: the window must say so.
				if !strings.Contains(string(want), `"code":"missing_field"`) {
					t.Fatalf("no report for %s, want %s", name, want)
				}
				if st := u.status.Text; st != u.t("paste.none") && st != u.t("paste.empty") {
					t.Errorf("no report and the status %q, want it to say nothing was read", st)
				}
				return
			}
			if string(got) != string(want) {
				t.Errorf("reports differ from %s.jsonl:\ngot  %s\nwant %s", name, got, want)
			}
		})
	}
}

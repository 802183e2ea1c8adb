package core_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/internal/jsontext"
	_ "github.com/wxinspect/wxinspect/core/wxapi" // a pasted answer's errcode hint (testdata/paste/gen.go links it too)
)

// The clock and appid of the corpus's requests (testdata/paste/gen.go).
const (
	pasteNow   = 1477314247
	pasteAppID = "wx4f4bc4dec97d474b"
)

// pasteRequest is the InspectTextJSON request for a paste of the corpus.
func pasteRequest(text string) []byte {
	req := []byte(`{"text":`)
	req = jsontext.AppendString(req, text)
	req = append(req, `,"appid":"`+pasteAppID+`","now":`+strconv.Itoa(pasteNow)+`}`...)
	return req
}

// pasteRequestOf is the request of the corpus's paste name: pastes of other
// platforms (platform_*) name no appid, so that each record's own is
// checked, and take the clock of testdata/platforms, whose values they hold.
func pasteRequestOf(name, text string) []byte {
	if !strings.HasPrefix(name, "platform_") {
		return pasteRequest(text)
	}
	req := []byte(`{"text":`)
	req = jsontext.AppendString(req, text)
	return append(req, `,"now":1700000000}`...)
}

// TestPasteCorpus checks every paste of testdata/paste against the reports
// expected of it, byte for byte.
func TestPasteCorpus(t *testing.T) {
	names, texts := pasteCases(t)
	if len(names) < 30 {
		t.Fatalf("%d pastes in %s, want the whole corpus", len(names), pasteDir)
	}
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(pasteDir, name+".jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			var got []byte
			for _, r := range core.InspectTextJSON(pasteRequestOf(name, texts[i])) {
				got = append(r.AppendJSON(got), '\n')
			}
			if !bytes.Equal(got, want) {
				t.Errorf("reports differ from %s.jsonl (go run ./testdata/paste/gen.go rewrites it):\ngot  %s\nwant %s", name, got, want)
			}
		})
	}
}

// TestPasteHuge reads the pastes too big to commit: one line of 1 MiB and
// 100,000 nested brackets. Each gives reports, and no panic.
func TestPasteHuge(t *testing.T) {
	sk := core.OfficialSample().SessionKey
	for name, text := range map[string]string{
		"one_line_1MiB":   "session_key=" + sk + " iv=" + strings.Repeat("A", 1<<20),
		"nested_brackets": strings.Repeat("[", 100000) + `"` + sk + `"` + strings.Repeat("]", 100000),
		"nested_objects":  strings.Repeat(`{"a":`, 100000) + `{"session_key":"` + sk + `"}`,
		"unbalanced_1MiB": strings.Repeat(`iv="`, 1<<18),
	} {
		t.Run(name, func(t *testing.T) {
			reps := core.InspectTextJSON(pasteRequest(text))
			if len(reps) == 0 {
				t.Fatal("no report")
			}
			for _, r := range reps {
				if r.OK {
					t.Errorf("ok for a paste without a whole record")
				}
				if j := r.AppendJSON(nil); bytes.Contains(j, []byte(sk)) {
					t.Errorf("report shows the session_key")
				}
			}
		})
	}
}

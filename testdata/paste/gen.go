//go:build ignore

// gen writes NAME.jsonl for every NAME.txt in this directory: the reports
// core.InspectTextJSON gives for the paste, one line per record, with the
// request made by PasteRequest's rule (see README.md):
//
//	go run ./testdata/paste/gen.go
package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/wxinspect/wxinspect/core"
	_ "github.com/wxinspect/wxinspect/core/wxapi" // a pasted answer's errcode hint, as every front end gives it
)

// The clock and the appid of every request; they must match the core test
// and the front ends' conformance tests.
const (
	now   = 1477314247 // one minute after the official sample's watermark
	appID = "wx4f4bc4dec97d474b"
	// platform_* pastes: the clock of testdata/platforms, no appid
	platformNow = 1700000000
)

// request is the request of the paste in file name: pastes of other
// platforms (platform_*) name no appid, so that each record's own is
// checked, and take the clock of the vectors their values come from.
func request(name, text string) map[string]any {
	if strings.HasPrefix(name, "platform_") {
		return map[string]any{"text": text, "now": platformNow}
	}
	return map[string]any{"text": text, "appid": appID, "now": now}
}

func main() {
	dir := filepath.Join("testdata", "paste")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		panic("no paste in " + dir)
	}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			panic(err)
		}
		req, err := json.Marshal(request(filepath.Base(f), string(text)))
		if err != nil {
			panic(err)
		}
		var out []byte
		for _, r := range core.InspectTextJSON(req) {
			out = append(r.AppendJSON(out), '\n')
		}
		if err := os.WriteFile(strings.TrimSuffix(f, ".txt")+".jsonl", out, 0o644); err != nil {
			panic(err)
		}
	}
}

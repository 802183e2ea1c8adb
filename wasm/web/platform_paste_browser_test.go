package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestPagePlatformPastes pastes each platform text of testdata/paste into the
// page's paste box, as a user does, with the corpus's clock for them (that
// of testdata/platforms, no appid): one record shows its report, several fill the records table, and
// the reports are the corpus's (the command line's), the platforms the main
// module leaves out from the second one. The selector follows the platform
// the paste names.
func TestPagePlatformPastes(t *testing.T) {
	files, err := filepath.Glob("../../testdata/paste/platform_*.txt")
	if err != nil || len(files) < 10 {
		t.Fatalf("%d platform pastes (%v), want the corpus's", len(files), err)
	}
	ctx := browser(t)
	srv := httptest.NewServer(Handler())
	t.Cleanup(srv.Close)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fixedClock(1700000000)}); err != nil {
		t.Fatal(err)
	}
	p := tab{t, ctx}
	p.do(chromedp.Navigate(srv.URL + "/"))
	p.wait(`document.body.dataset.ready === "true"`)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			p := tab{t, ctx}
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			jsonl, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".jsonl")
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Split(strings.TrimSuffix(string(jsonl), "\n"), "\n")
			p.click("#clear")
			p.paste("appid", "")
			p.eval(`(() => { const s = document.getElementById("platform"); s.value = "wechat"; s.dispatchEvent(new Event("change")); })()`, nil)
			p.paste("paste", string(text))
			wj, _ := json.Marshal(want)
			// The outcome of each report: the page inspects the fields the
			// paste filled, so where each was read (line, column) is not
			// in its report; the rest is the corpus's.
			const outcome = `(r) => JSON.stringify([r.ok, r.platform, r.kind, r.error && r.error.code, r.findings.map(f => f.code), r.data])`
			var cond string
			if len(want) == 1 {
				cond = `(() => { const e = document.getElementById("raw-json"); const o = ` + outcome + `;
					return !document.getElementById("raw").hidden && o(JSON.parse(e.textContent)) === o(JSON.parse(` + js(want[0]) + `)); })()`
			} else {
				// The table's codes, row by row.
				cond = `(() => { const w = (` + string(wj) + `).map(l => JSON.parse(l)); const rows = [...document.querySelectorAll("#batch-rows tr")];
					return !document.getElementById("batch").hidden && rows.length === w.length &&
						rows.every((tr, i) => tr.children[3].textContent === (w[i].error ? w[i].error.code : "") &&
							tr.children[1].classList.contains(w[i].ok ? "ok" : "fail")); })()`
			}
			wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			defer cancel()
			if _, err := chromedp.Run(wctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
				var got string
				p.eval(`document.getElementById("raw-json").textContent + "\n" + document.getElementById("batch-rows").textContent`, &got)
				t.Fatalf("the page does not show the corpus's reports:\ngot  %s\nwant %s", got, want)
			}
			var first struct {
				Platform string `json:"platform"`
			}
			json.Unmarshal([]byte(want[0]), &first)
			if len(want) == 1 && first.Platform != "" {
				// The selector stays at WeChat, the default: the note says
				// what the core read off the data, and its inputs are shown.
				var note string
				p.eval(`document.getElementById("platform-note").textContent`, &note)
				if !strings.Contains(note, "read off the data") {
					t.Errorf("the note beside the selector reads %q for a paste of %s", note, first.Platform)
				}
			}
		})
	}
}

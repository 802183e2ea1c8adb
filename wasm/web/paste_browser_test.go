package web

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPasteCorpus runs every paste of testdata/paste through the page's
// inspection of pasted text (wxinspectPage.inspectText: the main module's
// inspectText, or the second module's for the platforms the main one leaves
// out) in headless Chromium, with the corpus's appid and clock (none and the platform vectors' for
// platform_* pastes). The JS API gives objects, parsed from the core's JSON text: each
// must serialize as the expected report of NAME.jsonl does once parsed by
// the same JSON.parse, so the same fields, values and order.
func TestPasteCorpus(t *testing.T) {
	ctx := browser(t)
	dir := "../../testdata/paste"
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) < 30 {
		t.Fatalf("%d pastes in %s (%v), want the whole corpus", len(files), dir, err)
	}
	type paste struct {
		Name string   `json:"name"`
		Text string   `json:"text"`
		Want []string `json:"want"`
	}
	var pastes []paste
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		jsonl, err := os.ReadFile(filepath.Join(dir, name+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		pastes = append(pastes, paste{name, string(text), strings.Split(strings.TrimSuffix(string(jsonl), "\n"), "\n")})
	}
	b, err := json.Marshal(pastes)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler())
	t.Cleanup(srv.Close)
	p := tab{t, ctx}
	p.do(chromedp.Navigate(srv.URL + "/"))
	p.wait(`document.body.dataset.ready === "true"`)
	var got []struct {
		Name string   `json:"name"`
		Got  []string `json:"got"`
		Want []string `json:"want"`
	}
	p.eval(`Promise.all((`+string(b)+`).map(c => wxinspectPage.inspectText(c.text,
		// other platforms' pastes (platform_*): no appid, the clock of
		// testdata/platforms (testdata/paste/README.md)
		c.name.startsWith("platform_") ? {now: 1700000000} : {appid: "wx4f4bc4dec97d474b", now: 1477314247}).then(reps => ({
		name: c.name,
		got: reps.map(r => JSON.stringify(r)),
		want: c.want.map(l => JSON.stringify(JSON.parse(l))),
	}))))`, &got)
	if len(got) != len(pastes) {
		t.Fatalf("%d results for %d pastes", len(got), len(pastes))
	}
	for _, g := range got {
		if strings.Join(g.Got, "\n") != strings.Join(g.Want, "\n") {
			t.Errorf("%s: reports differ from %s.jsonl:\ngot  %s\nwant %s", g.Name, g.Name, g.Got, g.Want)
		}
	}
}

package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/wxinspect/wxinspect/core"
)

// contrastJS returns, for every visible element holding text under root,
// its contrast with the background it is drawn on (the backgrounds of its
// ancestors composited over the body's), and for every input, select and
// button the contrast of its border with the background around it: the
// failures of WCAG 2.x AA (4.5:1 for text, 3:1 for large text and borders).
const contrastJS = `((root) => {
  const parse = (c) => { const p = c.match(/[\d.]+/g).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const bgOf = (e) => {
    const layers = [];
    for (let n = e; n && n !== document.documentElement; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (const l of layers.reverse()) bg = over(l, bg);
    return bg;
  };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  const fails = [];
  let checked = 0;
  for (const e of root.querySelectorAll("*")) {
    if (!visible(e) || e.closest("[hidden]") || e.disabled) continue;
    const bg = bgOf(e);
    const cs = getComputedStyle(e);
    const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) ||
      (["INPUT", "TEXTAREA"].includes(e.tagName) && e.value);
    if (own) {
      const fg = over(parse(cs.color), bg);
      const size = parseFloat(cs.fontSize), bold = Number(cs.fontWeight) >= 700;
      const want = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
      const r = ratio(fg, bg);
      checked++;
      if (r < want) fails.push({what: "text", tag: e.tagName, id: e.id, cls: e.className, text: (e.textContent || e.value).trim().slice(0, 40), ratio: r, want});
    }
    if (["INPUT", "TEXTAREA", "SELECT", "BUTTON"].includes(e.tagName) && parseFloat(cs.borderTopWidth) > 0 && parse(cs.borderTopColor)[3] > 0) {
      const around = bgOf(e.parentElement);
      const r = ratio(over(parse(cs.borderTopColor), around), around);
      checked++;
      if (r < 3) fails.push({what: "border", tag: e.tagName, id: e.id, ratio: r, want: 3});
    }
  }
  return {checked, fails};
})(document.body)`

type contrastResult struct {
	Checked int
	Fails   []struct {
		What, Tag, ID, Cls, Text string
		Ratio, Want              float64
	}
}

// pageTab opens the page in a 1280×900 window.
func pageTab(t *testing.T, query string) (tab, string) {
	t.Helper()
	ctx := browser(t)
	srv := httptest.NewServer(Handler())
	t.Cleanup(srv.Close)
	p := tab{t, ctx}
	p.viewport(1280, 900, false)
	p.do(chromedp.Navigate(srv.URL + "/" + query))
	p.wait(`document.body.dataset.ready === "true"`)
	return p, srv.URL
}

// clipboardReader is a second tab, on another origin that may read the
// clipboard: the page's own Permissions-Policy forbids clipboard-read.
type clipboardReader struct {
	page, reader tab
}

func newClipboardReader(p tab) clipboardReader {
	p.t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!doctype html><title>clipboard</title>"))
	}))
	p.t.Cleanup(srv.Close)
	ctx, cancel := chromedp.NewContext(p.ctx)
	p.t.Cleanup(cancel)
	r := tab{p.t, ctx}
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.Call(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
			Setting:    cdpbrowser.PermissionSettingGranted, Origin: srv.URL,
		}); err != nil {
			p.t.Fatal(err)
		}
	}
	r.do(chromedp.Navigate(srv.URL + "/"))
	return clipboardReader{p, r}
}

// copied clicks a copy button of the page and returns what the clipboard
// then holds, read in the other tab.
func (c clipboardReader) copied(t *testing.T, selector string) string {
	t.Helper()
	p, r := tab{t, c.page.ctx}, tab{t, c.reader.ctx}
	r.front()
	r.eval(`navigator.clipboard.writeText("")`, nil)
	p.front()
	p.click(selector)
	p.wait(`document.querySelector(` + js(selector) + `).classList.contains("done")`)
	r.front()
	var s string
	r.eval(`navigator.clipboard.readText()`, &s)
	p.front()
	return s
}

// front brings the tab to the front: the clipboard is for the focused one.
func (p tab) front() {
	p.t.Helper()
	if _, err := chromedp.Call(p.ctx, page.BringToFront, cdp.Empty{}); err != nil {
		p.t.Fatal(err)
	}
}

func (p tab) viewport(w, h int64, mobile bool) {
	p.t.Helper()
	if _, err := chromedp.Call(p.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: w, Height: h, DeviceScaleFactor: 1, Mobile: mobile,
	}); err != nil {
		p.t.Fatal(err)
	}
}

// headlineInView says whether the whole headline of the result is in the
// viewport.
func (p tab) headlineInView() bool {
	p.t.Helper()
	var in bool
	p.eval(`(() => { const r = document.getElementById("headline").getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; })()`, &in)
	return in
}

func TestPageLayoutAndCopy(t *testing.T) {
	p, _ := pageTab(t, "")
	vs := vectors(t)

	t.Run("paste keeps typed fields", func(t *testing.T) {
		p := tab{t, p.ctx}
		s := vs["official_sample"].Input
		p.paste("appid", s.AppID)
		p.paste("session_key", s.SessionKey)
		// e.detail holds iv and encryptedData only.
		p.paste("paste", `{"errMsg":"getUserInfo:ok","encryptedData":"`+s.EncryptedData+`","iv":"`+s.IV+`"}`)
		p.wait(`document.querySelector("#card-user")`)
		var got struct{ AppID, SessionKey string }
		p.eval(`({appID: document.getElementById("appid").value, sessionKey: document.getElementById("session_key").value})`, &got)
		if got.AppID != s.AppID || got.SessionKey != s.SessionKey {
			t.Errorf("after the paste appid %q, session_key %q: the typed values are gone", got.AppID, got.SessionKey)
		}
		if f := p.text("#paste-filled"); f != "Filled from the paste: iv, encrypted_data" {
			t.Errorf("the page says %q of what the paste filled", f)
		}
		// The line follows the language, as every other text does.
		p.click("#lang-zh")
		if f := p.text("#paste-filled"); f != "已从粘贴内容填入：iv, encrypted_data" {
			t.Errorf("in 简体中文 the page says %q of what the paste filled", f)
		}
		p.click("#lang-en")
		if !p.headlineInView() {
			t.Error("at 1280×900 the headline is not in view after a paste")
		}
		p.screenshot("wxinspect-web-1280.png")
	})

	t.Run("copy", func(t *testing.T) {
		p := tab{t, p.ctx}
		clip := newClipboardReader(p)
		p.click("#clear")
		ph := vs["phone"]
		p.paste("paste", ph.Line())
		p.wait(`document.querySelector("#copy-phone")`)
		var data struct {
			PhoneNumber string `json:"phoneNumber"`
		}
		p.eval(`JSON.parse(document.getElementById("raw-json").textContent).data`, &data)
		if got := clip.copied(t, "#copy-phone"); got != data.PhoneNumber || got == "" {
			t.Errorf("copy phone: clipboard %q, want %q", got, data.PhoneNumber)
		}
		var report map[string]any
		if err := json.Unmarshal([]byte(clip.copied(t, "#copy-report")), &report); err != nil || report["ok"] != true {
			t.Errorf("copy report: %v %v", err, report["ok"])
		}
		var decrypted map[string]any
		if err := json.Unmarshal([]byte(clip.copied(t, "#copy-json")), &decrypted); err != nil || decrypted["phoneNumber"] != data.PhoneNumber {
			t.Errorf("copy JSON: %v %v", err, decrypted)
		}
		p.click("#sample")
		p.wait(`document.querySelector("#card-user")`)
		if got := clip.copied(t, "#card-user tr:first-child .copy"); got != "Band" {
			t.Errorf("copy of the first user field: %q, want Band", got)
		}
		p.click("#tab-call")
		p.paste("call-code", "PHONE_CODE_6")
		if got := clip.copied(t, "#copy-curl"); !strings.Contains(got, "PHONE_CODE_6") || !strings.HasPrefix(got, "curl") {
			t.Errorf("copy curl: %q", got)
		}
		p.click("#tab-fixture")
		p.click("#fx-make")
		p.wait(`document.querySelector("#copy-fx-session_key")`)
		var fx struct {
			SessionKey string `json:"session_key"`
		}
		p.eval(`JSON.parse(document.getElementById("fx-out").textContent)`, &fx)
		if got := clip.copied(t, "#copy-fx-session_key"); got != fx.SessionKey || got == "" {
			t.Errorf("copy fixture session_key: %q, want %q", got, fx.SessionKey)
		}
		p.click("#tab-decrypt")
	})

	t.Run("appid mismatch", func(t *testing.T) {
		p := tab{t, p.ctx}
		p.click("#sample")
		p.wait(`document.querySelector("#card-user")`)
		p.paste("appid", "wx1234567890abcdef")
		p.wait(`document.querySelector("#headline.error")`)
		msg, _ := core.CodeAppIDMismatch.Describe(core.English, "got", "wx4f4bc4dec97d474b", "want", "wx1234567890abcdef")
		if s := p.text("#headline .title"); s != "Decrypted, but rejected: "+msg {
			t.Errorf("headline %q", s)
		}
		p.click("#lang-zh")
		msg, _ = core.CodeAppIDMismatch.Describe(core.Chinese, "got", "wx4f4bc4dec97d474b", "want", "wx1234567890abcdef")
		p.wait(`document.documentElement.lang === "zh-CN"`)
		if s := p.text("#headline .title"); s != "已解密，但未通过校验："+msg {
			t.Errorf("Chinese headline %q", s)
		}
		p.screenshot("wxinspect-web-zh-mismatch.png")
		p.click("#lang-en")
		p.wait(`document.documentElement.lang === "en"`)
	})

	t.Run("repair", func(t *testing.T) {
		p := tab{t, p.ctx}
		p.click("#clear")
		p.paste("paste", vs["url_encoded"].Line())
		p.wait(`document.querySelector("#headline.warn")`)
		if s := p.text("#headline .title"); !strings.HasPrefix(s, "Decrypted after repairing the input") {
			t.Errorf("headline of a repaired input %q", s)
		}
	})

	t.Run("390 px", func(t *testing.T) {
		p := tab{t, p.ctx}
		p.viewport(390, 844, true)
		defer p.viewport(1280, 900, false)
		p.click("#clear")
		p.eval(`scrollTo(0, 0)`, nil)
		p.paste("paste", vs["phone"].Line())
		p.wait(`document.querySelector("#card-phone")`)
		p.wait(`(() => { const r = document.getElementById("headline").getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`)
		if !p.headlineInView() {
			t.Error("at 390 px the headline is not in view after a paste")
		}
		var overflow bool
		p.eval(`document.documentElement.scrollWidth > innerWidth`, &overflow)
		if overflow {
			t.Error("at 390 px the page scrolls sideways")
		}
		p.screenshot("wxinspect-web-390.png")
	})
}

func TestPageRecords(t *testing.T) {
	p, _ := pageTab(t, "")
	vs := vectors(t)
	dir := t.TempDir()
	if _, err := chromedp.Call(p.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
	}); err != nil {
		t.Fatal(err)
	}
	// One record per line: every line is a row, the unreadable one with its
	// error (the core's unreadable_line).
	lines := vs["phone"].Line() + "\n" + "this line holds nothing readable" + "\n" + vs["bad_padding"].Line() + "\n"
	p.paste("paste", lines)
	p.wait(`document.querySelectorAll("#batch-rows tr").length === 3 && !document.getElementById("batch").hidden`)
	var rows []struct{ Line, Result, Kind, Code, Message string }
	p.eval(`[...document.querySelectorAll("#batch-rows tr")].map(tr => { const c = [...tr.children].map(td => td.textContent); return {line: c[0], result: c[1], kind: c[2], code: c[3], message: c[4]}; })`, &rows)
	if rows[0].Line != "1" || rows[0].Kind != "Phone number" || !strings.Contains(rows[0].Result, "✓") {
		t.Errorf("the first record: %+v", rows[0])
	}
	if rows[1].Line != "2" || !strings.Contains(rows[1].Result, "✗") || rows[1].Code != "unreadable_line" || rows[1].Message != "line 2 holds no session_key, iv or encryptedData" {
		t.Errorf("the unreadable line: %+v", rows[1])
	}
	if rows[2].Line != "3" || !strings.Contains(rows[2].Result, "✗") || rows[2].Code != "bad_padding" || rows[2].Message == "" {
		t.Errorf("the second record: %+v", rows[2])
	}
	if s := p.text("#batch-counts"); !strings.Contains(s, "ok 1") || !strings.Contains(s, "not ok 2") || !strings.Contains(s, "bad_padding 1") || !strings.Contains(s, "unreadable_line 1") {
		t.Errorf("counts %q", s)
	}
	// The table's records and reports are the core's: the same as inspectText.
	var same bool
	p.eval(`JSON.stringify(window.wxinspect.inspectText(document.getElementById("paste").value, {lang: "en", appid: document.getElementById("appid").value}).map(r => r.ok)) === JSON.stringify([true, false, false])`, &same)
	if !same {
		t.Error("the rows are not the records of inspectText")
	}

	// Keyboard: the rows take the focus, the arrows move it, Enter opens.
	p.eval(`document.querySelector("#batch-rows tr").focus()`, nil)
	p.do(chromedp.KeyEvent(kb.ArrowDown))
	var focused string
	p.eval(`document.activeElement.dataset.line`, &focused)
	if focused != "2" {
		t.Errorf("after ArrowDown the focus is on line %q, want 2", focused)
	}
	p.do(chromedp.KeyEvent(kb.ArrowDown))
	p.eval(`document.activeElement.dataset.line`, &focused)
	if focused != "3" {
		t.Errorf("after ArrowDown twice the focus is on line %q, want 3", focused)
	}
	p.do(chromedp.KeyEvent(kb.Enter))
	p.wait(`document.querySelector("#headline .title") && document.querySelector("#headline .title").textContent.includes("PKCS#7")`)

	// Failures only.
	p.click("#batch-failures")
	var shown int
	p.eval(`[...document.querySelectorAll("#batch-rows tr")].filter(tr => !tr.hidden).length`, &shown)
	if shown != 2 {
		t.Errorf("failures only: %d rows shown, want 2", shown)
	}
	p.click("#batch-failures")

	// A maximum age makes the old phone record fail: the table re-runs.
	p.paste("max_age", "60")
	p.wait(`document.querySelector("#batch-rows tr").classList.contains("row-fail")`)
	if s := p.text("#batch-rows tr:first-child"); !strings.Contains(s, "watermark_expired") {
		t.Errorf("after max age 60 the phone row reads %q", s)
	}
	p.paste("max_age", "")
	p.wait(`document.querySelector("#batch-rows tr").classList.contains("row-ok")`)

	// Chinese headers.
	p.click("#lang-zh")
	p.wait(`document.documentElement.lang === "zh-CN"`)
	if s := p.text("#batch thead"); !strings.Contains(s, "类型") || !strings.Contains(s, "说明") {
		t.Errorf("Chinese headers %q", s)
	}
	if s := p.text("#batch-rows tr:first-child"); !strings.Contains(s, "手机号") {
		t.Errorf("Chinese kind %q", s)
	}
	p.screenshot("wxinspect-web-records-zh.png")
	p.click("#lang-en")
	p.wait(`document.documentElement.lang === "en"`)

	// Export: the core's writers (core.AppendReportsJSONL, AppendReportsCSV),
	// which the desktop uses too.
	p.click("#export-jsonl")
	jsonl := waitFile(t, filepath.Join(dir, "wxinspect-reports.jsonl"))
	got := strings.Split(strings.TrimSpace(jsonl), "\n")
	if len(got) != 3 {
		t.Fatalf("JSON Lines export has %d lines, want 3:\n%s", len(got), jsonl)
	}
	for i, l := range got {
		var r struct {
			Line int  `json:"line"`
			OK   bool `json:"ok"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Line != i+1 || r.OK != (i == 0) {
			t.Errorf("export line %d: %v %+v", i, err, r)
		}
	}
	p.click("#export-csv")
	csv := waitFile(t, filepath.Join(dir, "wxinspect-reports.csv"))
	var appid string
	p.eval(`document.getElementById("appid").value`, &appid)
	want := string(core.AppendReportsCSV(nil, core.InspectText(lines, core.Input{AppID: appid})))
	if csv != want || !strings.Contains(csv, "\r\n2,false,,unreadable_line,\"line 2 holds no session_key, iv or encryptedData\"\r\n") {
		t.Errorf("CSV export:\n%q\nwant the core's\n%q", csv, want)
	}
}

// waitFile waits for a download to complete and returns its content.
func waitFile(t *testing.T, path string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			return string(b)
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(filepath.Dir(path))
			t.Fatalf("no %s after 30 s (%v)", path, entries)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestPageCodesAndNavigation(t *testing.T) {
	p, _ := pageTab(t, "?lang=zh")
	if s := p.text("#tab-decrypt"); s != "解密" {
		t.Errorf("with ?lang=zh the Decrypt tab reads %q", s)
	}
	p.click("#lang-en")
	p.wait(`document.documentElement.lang === "en"`)

	p.click("#tab-codes")
	p.paste("codes-search", "padding")
	var shown []string
	p.eval(`[...document.querySelectorAll("#codes dt")].filter(e => !e.hidden).map(e => e.id)`, &shown)
	if len(shown) == 0 || !strings.Contains(strings.Join(shown, " "), "code-bad_padding") || strings.Contains(strings.Join(shown, " "), "code-appid_mismatch") {
		t.Errorf("searching padding shows %q", shown)
	}
	p.paste("codes-search", "")

	// Back after a code link returns to the result.
	p.click("#tab-decrypt")
	p.paste("paste", vectors(t)["bad_padding"].Line())
	p.click(`#headline a[href="#code-bad_padding"]`)
	p.wait(`!document.getElementById("panel-codes").hidden`)
	p.eval(`history.back()`, nil)
	p.wait(`!document.getElementById("panel-decrypt").hidden && document.getElementById("panel-codes").hidden`)
}

// TestPageContrast computes the contrast of every text and border the page
// draws, from the colours Chromium rendered, in light and dark.
func TestPageContrast(t *testing.T) {
	p, _ := pageTab(t, "")
	vs := vectors(t)
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			p := tab{t, p.ctx}
			if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			}); err != nil {
				t.Fatal(err)
			}
			// Every status: ok, repaired, rejected, failed, and the records.
			for _, state := range []string{"official_sample", "url_encoded", "official_sample_other_appid", "bad_padding", "records"} {
				p.click("#clear")
				if state == "records" {
					p.paste("paste", vs["phone"].Line()+"\nnothing\n"+vs["bad_padding"].Line())
					p.wait(`!document.getElementById("batch").hidden`)
				} else {
					p.paste("paste", vs[state].Line())
					p.wait(`document.querySelector("#headline")`)
				}
				p.eval(`document.getElementById("lang-en").focus()`, nil)
				var res contrastResult
				p.eval(contrastJS, &res)
				if res.Checked < 20 {
					t.Fatalf("%s: only %d texts and borders checked", state, res.Checked)
				}
				for _, f := range res.Fails {
					t.Errorf("%s %s: %s <%s id=%q class=%q> %q: %.2f:1, want %.1f:1", scheme, state, f.What, f.Tag, f.ID, f.Cls, f.Text, f.Ratio, f.Want)
				}
			}
			p.screenshot("wxinspect-web-" + scheme + ".png")
		})
	}
	chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
}

// TestPageSampleBeforeLoad clicks the sample button while the module is
// still on its way: the sample shows once it has loaded, and nothing throws.
func TestPageSampleBeforeLoad(t *testing.T) {
	ctx := browser(t)
	srv := httptest.NewServer(Handler())
	t.Cleanup(srv.Close)
	p := tab{t, ctx}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__errors = []; addEventListener("error", (e) => __errors.push(String(e.message))); addEventListener("unhandledrejection", (e) => __errors.push(String(e.reason)));`,
	}); err != nil {
		t.Fatal(err)
	}
	paused := make(chan fetch.RequestID, 4)
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *fetch.EventRequestPaused:
			paused <- e.RequestID
		case fetch.EventRequestPaused:
			paused <- e.RequestID
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*" + ModuleName}}}); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.Navigate(srv.URL + "/"))
	var id fetch.RequestID
	select {
	case id = <-paused:
	case <-time.After(30 * time.Second):
		t.Fatal("the module was never requested")
	}
	// The module is held: the page is loaded, its module is not.
	var ready string
	p.eval(`document.body.dataset.ready || ""`, &ready)
	if ready != "" {
		t.Fatal("the page is ready while its module is held")
	}
	p.click("#sample")
	go func() {
		for id := range paused { // a second request (the non-streaming fallback) goes on too
			chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
		}
	}()
	if _, err := chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id}); err != nil {
		t.Fatal(err)
	}
	p.wait(`document.querySelector("#card-user")`)
	var errs []string
	p.eval(`window.__errors`, &errs)
	if len(errs) > 0 {
		t.Errorf("the page threw: %q", errs)
	}
}

// TestPageAgeOneWay: the watermark badge says the age as the core writes it,
// the same words as the core's watermark_expired message, in both languages.
func TestPageAgeOneWay(t *testing.T) {
	p, _ := pageTab(t, "")
	p.paste("paste", vectors(t)["phone"].Line())
	p.paste("max_age", "60")
	p.wait(`document.getElementById("headline") && document.getElementById("headline").textContent.includes("watermark_expired")`)
	for _, c := range []struct {
		lang, ago string
		age       *regexp.Regexp
	}{
		{"en", " ago)", regexp.MustCompile(`^[0-9]+ d [0-9]+ h$`)},
		{"zh", " 前)", regexp.MustCompile(`^[0-9]+天[0-9]+小时$`)},
	} {
		p.click("#lang-" + c.lang)
		p.wait(`document.getElementById("watermark-time") && document.getElementById("headline").textContent.includes(document.getElementById("watermark-time").textContent.split("(")[1].split(")")[0].replace(/ (ago|前)$/, ""))`)
		badge := p.text("#watermark-time")
		i := strings.LastIndex(badge, "(")
		if i < 0 || !strings.HasSuffix(badge, c.ago) {
			t.Fatalf("%s: the watermark badge reads %q", c.lang, badge)
		}
		age := strings.TrimSuffix(badge[i+1:], c.ago)
		if !c.age.MatchString(age) {
			t.Errorf("%s: the badge's age %q is not in the core's form", c.lang, age)
		}
		if h := p.text("#headline"); !strings.Contains(h, age) {
			t.Errorf("%s: the expired message %q does not say the age %q", c.lang, h, age)
		}
	}
}

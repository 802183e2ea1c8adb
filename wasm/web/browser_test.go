package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/internal/testvectors"
)

// chromium returns the path of the browser, or skips the test when there is
// none and make test did not ask for the browser tests (it sets
// WXINSPECT_REQUIRE_BROWSER and installs Chromium first).
func chromium(t *testing.T) string {
	t.Helper()
	requireBuilt(t)
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("WXINSPECT_REQUIRE_BROWSER") != "" {
		t.Fatal("Chromium is not installed, and WXINSPECT_REQUIRE_BROWSER is set: run make chromium")
	}
	t.Skip("SKIP: Chromium is not installed; the page is not tested in a browser (make chromium installs it)")
	return ""
}

// browser starts headless Chromium with a fresh profile and returns a tab.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox, // tests run as root in CI containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1100, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	// Start the browser with this context: a browser started by an action's
	// context with a timeout would stop with it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// netlog records every request the tab makes.
type netlog struct {
	mu   sync.Mutex
	urls []string
}

func (n *netlog) listen(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Listen(ctx, func(ev any) {
		var url string
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			url = ev.Request.URL
		case network.EventRequestWillBeSent:
			url = ev.Request.URL
		default:
			return
		}
		n.mu.Lock()
		n.urls = append(n.urls, url)
		n.mu.Unlock()
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
}

func (n *netlog) snapshot() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(n.urls)
}

// tab wraps the chromedp calls the tests make.
type tab struct {
	t   *testing.T
	ctx context.Context
}

func (p tab) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression (awaiting a Promise) into v.
func (p tab) eval(expr string, v any) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	b, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("%s: %v", expr, err)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			p.t.Fatalf("%s: %v (%s)", expr, err, b)
		}
	}
}

// text returns the textContent of the first element matching selector.
func (p tab) text(selector string) string {
	p.t.Helper()
	var s string
	p.eval(`(document.querySelector(`+js(selector)+`) || {}).textContent || ""`, &s)
	return s
}

// wait polls until the expression is truthy.
func (p tab) wait(expr string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		p.t.Fatalf("waiting for %s: %v", expr, err)
	}
}

// paste sets the value of a field as a paste does, and fires its input event.
func (p tab) paste(id, value string) {
	p.t.Helper()
	p.eval(`(() => { const e = document.getElementById(`+js(id)+`); e.value = `+js(value)+`; e.dispatchEvent(new Event("input", {bubbles: true})); })()`, nil)
}

func (p tab) click(selector string) {
	p.t.Helper()
	p.do(chromedp.Click(chromedp.CSS(selector)))
}

func (p tab) screenshot(name string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatal(err)
	}
	dir := os.Getenv("WXINSPECT_SCREENSHOTS")
	if dir == "" {
		dir = os.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot: %s (%d bytes)", path, len(png))
}

// js quotes s as a JavaScript string literal.
func js(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// vectors returns the vectors of testdata/vectors.jsonl by name.
func vectors(t *testing.T) map[string]testvectors.Vector {
	vs := map[string]testvectors.Vector{}
	for _, v := range testvectors.Load(t) {
		vs[v.Name] = v
	}
	return vs
}

// TestPage drives the page as a user does, in headless Chromium, against the
// real Handler; the network log must show no request outside the page's
// origin, and none at all after the module has loaded.
func TestPage(t *testing.T) {
	ctx := browser(t)
	srv := httptest.NewServer(Handler())
	t.Cleanup(srv.Close)
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
	t.Cleanup(other.Close)

	var log netlog
	log.listen(t, ctx)
	p := tab{t, ctx}
	p.do(chromedp.Navigate(srv.URL + "/"))
	p.wait(`document.body.dataset.ready === "true"`)
	loaded := len(log.snapshot())
	vs := vectors(t)

	t.Run("api", func(t *testing.T) {
		p := tab{t, ctx}
		var version string
		p.eval(`window.wxinspectReady.then(w => w.version)`, &version)
		if version == "" {
			t.Error("wxinspect.version is empty")
		}
		// Several vectors, success and errors, through window.wxinspect.
		names := []string{"official_sample", "phone", "werun", "appid_mismatch", "bad_padding", "iv_mismatch", "not_json", "session_key_length", "url_encoded", "watermark_future"}
		var inputs []map[string]any
		for _, n := range names {
			v := vs[n]
			var in map[string]any
			if err := json.Unmarshal([]byte(v.Line()), &in); err != nil {
				t.Fatal(err)
			}
			in["now"] = v.Now
			inputs = append(inputs, in)
		}
		b, _ := json.Marshal(inputs)
		var got []struct {
			OK    bool   `json:"ok"`
			Kind  string `json:"kind"`
			Error *struct {
				Code string `json:"code"`
			} `json:"error"`
			Findings []struct {
				Code string `json:"code"`
			} `json:"findings"`
		}
		p.eval(`(() => { const ins = `+string(b)+`; const one = ins.map(i => wxinspect.decrypt(i)); const many = wxinspect.decryptMany(ins);
			if (JSON.stringify(one) !== JSON.stringify(many)) throw new Error("decrypt and decryptMany differ"); return many; })()`, &got)
		if len(got) != len(names) {
			t.Fatalf("%d reports for %d inputs", len(got), len(names))
		}
		for i, n := range names {
			w, r := vs[n].Want, got[i]
			var code string
			if r.Error != nil {
				code = r.Error.Code
			}
			var findings []string
			for _, f := range r.Findings {
				findings = append(findings, f.Code)
			}
			if r.OK != w.OK || r.Kind != w.Kind || code != w.Code || !slices.Equal(findings, w.Findings) && len(findings)+len(w.Findings) > 0 {
				t.Errorf("%s: got ok=%v kind=%q code=%q findings=%q, want %v %q %q %q", n, r.OK, r.Kind, code, findings, w.OK, w.Kind, w.Code, w.Findings)
			}
		}
		var call struct{ Method, URL, Curl string }
		p.eval(`wxinspect.buildPhoneNumberCall({access_token: "TOKEN_9", code: "CODE_8"})`, &call)
		if call.Method != "POST" || !strings.Contains(call.URL, "TOKEN_9") || strings.Contains(call.Curl, "TOKEN_9") {
			t.Errorf("buildPhoneNumberCall = %+v", call)
		}
	})

	t.Run("official sample", func(t *testing.T) {
		p := tab{t, ctx}
		p.click("#sample")
		p.wait(`document.querySelector("#card-user")`)
		if s := p.text("#status"); !strings.Contains(s, "Decrypted") || !strings.Contains(s, "User info") {
			t.Errorf("status %q", s)
		}
		if s := p.text("#card-user"); !strings.Contains(s, "Band") || !strings.Contains(s, "oGZUI0egBJY1zhBYw2KhdUfwVJJE") {
			t.Errorf("user card %q", s)
		}
		if s := p.text("#watermark-appid"); !strings.Contains(s, "appid matches") || !strings.Contains(s, "wx4f4bc4dec97d474b") {
			t.Errorf("watermark badge %q", s)
		}
		// Typing another appid: the watermark names another mini-program.
		p.paste("appid", "")
		p.do(chromedp.SendKeys(chromedp.ID("appid"), "wx1234567890abcdef"))
		// The page decrypts as you type: on a slow machine a report for a
		// prefix of the appid can show first, so wait for the whole one.
		p.wait(`document.querySelector("#status .error") && document.querySelector("#watermark-appid").textContent.includes("wx1234567890abcdef")`)
		if s := p.text("#watermark-appid"); !strings.Contains(s, "appid differs") || !strings.Contains(s, "wx1234567890abcdef") {
			t.Errorf("watermark badge %q", s)
		}
		msg, _ := core.CodeAppIDMismatch.Describe(core.English, "got", "wx4f4bc4dec97d474b", "want", "wx1234567890abcdef")
		if s := p.text("#status"); !strings.Contains(s, msg) || !strings.Contains(s, "-41003") {
			t.Errorf("status %q, want %q and -41003", s, msg)
		}
		// The report gives its error once: the headline links to its code.
		if s := p.text(`#headline a[href="#code-appid_mismatch"]`); s != "appid_mismatch" {
			t.Errorf("no link to #code-appid_mismatch in the headline: %q", s)
		}
		p.screenshot("wxinspect-web-appid-mismatch.png")
	})

	t.Run("errors", func(t *testing.T) {
		p := tab{t, ctx}
		p.click("#clear")
		for _, n := range []string{"bad_padding", "iv_mismatch", "ciphertext_length", "url_encoded"} {
			v := vs[n]
			p.paste("paste", v.Line())
			if v.Want.OK {
				p.wait(`document.querySelector("#status .ok, #status .warn")`)
			} else {
				p.wait(`document.querySelector("#status .error a[href='#code-` + v.Want.Code + `']")`)
				_, hint := core.Code(v.Want.Code).Describe(core.English)
				if s := p.text("#status"); !strings.Contains(s, hint) {
					t.Errorf("%s: status %q lacks the hint %q", n, s, hint)
				}
			}
			for _, f := range v.Want.Findings {
				if p.text(`#findings a[href="#code-`+f+`"]`) != f {
					t.Errorf("%s: no finding %s", n, f)
				}
			}
		}
		// A code links to its explanation on the page.
		p.click(`#findings a[href="#code-url_encoded"]`)
		p.wait(`!document.getElementById("panel-codes").hidden && document.querySelector("#code-url_encoded.target")`)
		_, hint := core.CodeURLEncoded.Describe(core.English)
		if s := p.text("#codes"); !strings.Contains(s, hint) || strings.Count(s, "_") < len(core.Codes()) {
			t.Errorf("the codes tab lacks the url_encoded hint or some codes")
		}
		p.click("#tab-decrypt")
	})

	t.Run("kinds", func(t *testing.T) {
		p := tab{t, ctx}
		p.click("#clear")
		ph := vs["phone_foreign"].Input
		// A query string, as a log line would hold it.
		p.paste("paste", "POST /api/phone?encryptedData="+ph.EncryptedData+"&iv="+ph.IV+"&session_key="+ph.SessionKey)
		p.wait(`document.querySelector("#phone-number")`)
		if s := p.text("#phone-number"); !strings.HasPrefix(s, "+") || len(s) < 8 {
			t.Errorf("phone number %q", s)
		}
		p.paste("paste", vs["werun"].Line())
		p.wait(`document.querySelector("#werun-chart .bar")`)
		var bars int
		p.eval(`document.querySelectorAll("#werun-chart .bar").length`, &bars)
		if bars < 7 {
			t.Errorf("%d bars in the WeRun chart", bars)
		}
		p.paste("paste", vs["share"].Line())
		p.wait(`document.querySelector("#card-share")`)
		p.paste("paste", vs["group"].Line())
		p.wait(`document.querySelector("#card-group")`)
		// Two records, one per line: decrypted together.
		p.paste("paste", vs["phone"].Line()+"\n"+vs["bad_padding"].Line()+"\n")
		p.wait(`document.querySelectorAll("#batch-rows tr").length === 2 && !document.getElementById("batch").hidden`)
		if s := p.text("#batch-rows"); !strings.Contains(s, "Phone number") || !strings.Contains(s, "bad_padding") {
			t.Errorf("batch rows %q", s)
		}
	})

	t.Run("call and fixture", func(t *testing.T) {
		p := tab{t, ctx}
		p.click("#tab-call")
		p.paste("call-token", "ACCESS_TOKEN_7")
		p.paste("call-code", "PHONE_CODE_6")
		if s := p.text("#call-curl"); !strings.Contains(s, "PHONE_CODE_6") || strings.Contains(s, "ACCESS_TOKEN_7") || !strings.Contains(s, "WX_ACCESS_TOKEN") {
			t.Errorf("redacted curl %q", s)
		}
		p.click("#call-reveal")
		p.wait(`document.getElementById("call-curl").textContent.includes("ACCESS_TOKEN_7")`)
		p.click("#tab-fixture")
		p.do(chromedp.SetValue(chromedp.ID("fx-kind"), "werun"))
		p.click("#fx-make")
		p.wait(`document.getElementById("fx-out").textContent.includes("encrypted_data")`)
		p.click("#fx-use")
		p.wait(`!document.getElementById("panel-decrypt").hidden && document.querySelector("#werun-chart .bar")`)
		var bars int
		p.eval(`document.querySelectorAll("#werun-chart .bar").length`, &bars)
		if bars != 31 {
			t.Errorf("fixture of 31 days: %d bars", bars)
		}
		if s := p.text("#watermark-appid"); !strings.Contains(s, "appid matches") {
			t.Errorf("fixture watermark %q", s)
		}
	})

	t.Run("language", func(t *testing.T) {
		p := tab{t, ctx}
		p.click("#sample")
		p.wait(`document.querySelector("#card-user")`)
		p.paste("appid", "")
		p.wait(`document.querySelector('#findings a[href="#code-appid_unchecked"]')`)
		p.click("#lang-zh")
		p.wait(`document.documentElement.lang === "zh-CN"`)
		msg, _ := core.CodeAppIDUnchecked.Describe(core.Chinese, "got", "wx4f4bc4dec97d474b")
		if s := p.text("#findings"); !strings.Contains(s, msg) {
			t.Errorf("findings in Chinese %q, want %q", s, msg)
		}
		for sel, want := range map[string]string{"#tab-decrypt": "解密", "#privacy": "不向任何地方发送数据", "#status": "解密成功", "#watermark-appid": "未校验 appid"} {
			if s := p.text(sel); !strings.Contains(s, want) {
				t.Errorf("%s = %q, want %q", sel, s, want)
			}
		}
		_, hint := core.CodeBadPadding.Describe(core.Chinese)
		if s := p.text("#codes"); !strings.Contains(s, hint) {
			t.Error("the codes tab is not in Chinese")
		}
		p.screenshot("wxinspect-web-zh.png")
		p.click("#lang-en")
		p.wait(`document.documentElement.lang === "en"`)
	})

	t.Run("dark", func(t *testing.T) {
		p := tab{t, ctx}
		var light, dark string
		p.eval(`getComputedStyle(document.body).backgroundColor`, &light)
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
		}); err != nil {
			t.Fatal(err)
		}
		p.eval(`getComputedStyle(document.body).backgroundColor`, &dark)
		if light == dark {
			t.Errorf("the background is %s in light and dark", light)
		}
		p.click("#sample")
		p.wait(`document.querySelector("#card-user")`)
		p.screenshot("wxinspect-web-dark.png")
		chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	})

	t.Run("privacy", func(t *testing.T) {
		p := tab{t, ctx}
		p.click("#sample")
		p.wait(`document.querySelector("#card-user")`)
		p.screenshot("wxinspect-web.png")
		var stored struct{ Local, Session int }
		var cookie string
		p.eval(`({local: localStorage.length, session: sessionStorage.length})`, &stored)
		p.eval(`document.cookie`, &cookie)
		if stored.Local+stored.Session != 0 || cookie != "" {
			t.Errorf("the page stored something: %+v, cookie %q", stored, cookie)
		}
		urls := log.snapshot()
		if len(urls) == 0 {
			t.Fatal("the network log is empty: the listener does not work")
		}
		for _, u := range urls {
			if !strings.HasPrefix(u, srv.URL+"/") {
				t.Errorf("a request left the page's origin: %s", u)
			}
		}
		for _, want := range []string{"/", "/app.js", "/wasm_exec.js", "/style.css", "/" + ModuleName} {
			if !slices.Contains(urls, srv.URL+want) {
				t.Errorf("the log lacks %s: %q", want, urls)
			}
		}
		// The browser may ask for the page's icon whenever it likes; the
		// second module, the page's own file too, loads when the security
		// mode or the codes tab first opens.
		after := slices.DeleteFunc(urls[loaded:], func(u string) bool {
			return u == srv.URL+"/favicon.svg" || u == srv.URL+"/wxinspect-secure.wasm"
		})
		if len(after) > 0 {
			t.Errorf("requests after the module loaded: %q", after)
		}
		// The policy, not just good manners: a request to another origin
		// (a live server on another port) is refused by the browser.
		var outcome string
		p.eval(`fetch(`+js(other.URL+"/steal")+`, {mode: "no-cors"}).then(() => "sent", () => "refused")`, &outcome)
		if outcome != "refused" || elsewhere.Load() != 0 {
			t.Errorf("a fetch to another origin was %s (%d hits): the Content-Security-Policy does not hold", outcome, elsewhere.Load())
		}
	})
}

// TestPageDefaultLanguage opens the page in a browser whose language is
// Chinese: the page starts in Chinese.
func TestPageDefaultLanguage(t *testing.T) {
	ctx := browser(t)
	srv := httptest.NewServer(Handler())
	t.Cleanup(srv.Close)
	p := tab{t, ctx}
	// navigator.language as a Chinese system reports it, set before the
	// page's scripts run.
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `Object.defineProperty(Navigator.prototype, "language", {get: () => "zh-CN"})`,
	}); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.Navigate(srv.URL + "/"))
	p.wait(`document.body.dataset.ready === "true"`)
	if s := p.text("#tab-decrypt"); s != "解密" {
		t.Errorf("with navigator.language zh-CN the Decrypt tab reads %q", s)
	}
	if s := p.text("#lang-zh"); s != "简体中文" {
		t.Errorf("language button %q", s)
	}
}

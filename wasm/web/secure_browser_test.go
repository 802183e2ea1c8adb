package web

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxsecure"
)

// secureMaterial is the guide's material (testdata/secure/guide).
type secureMaterial struct {
	symKey, symSN, rsaSN, certSN string
	rsaKey, cert                 string
}

func loadSecureMaterial(t *testing.T) secureMaterial {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "secure", "guide")
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	env := map[string]string{}
	for _, line := range strings.Split(read("material.env"), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(k, "#") {
			env[k] = v
		}
	}
	return secureMaterial{symKey: env["WX_SECURE_SYM_KEY"], symSN: env["WX_SECURE_SYM_SN"],
		rsaSN: env["WX_SECURE_RSA_SN"], certSN: env["WX_SECURE_CERT_SN"],
		rsaKey: read("app_key.pem"), cert: read("platform_cert.pem")}
}

// nativeReport is the JSON `wxinspect secure explain --json` prints for the
// capture, from the same core compiled natively.
func nativeReport(t *testing.T, capture []byte, m secureMaterial, lang core.Lang) map[string]any {
	t.Helper()
	msg, err := wxsecure.ParseCapture(capture)
	if err != nil {
		t.Fatal(err)
	}
	k := &wxsecure.Keys{SymSN: m.symSN, RSASN: m.rsaSN}
	k.AppID, _ = wxsecure.HeaderValue(msg.Header, wxsecure.HeaderAppID)
	if k.SymKey, err = wxsecure.ParseSymKey(m.symKey); err != nil {
		t.Fatal(err)
	}
	if k.Private, err = wxsecure.ParsePrivateKey([]byte(m.rsaKey)); err != nil {
		t.Fatal(err)
	}
	pub, err := wxsecure.ParseCertificate([]byte(m.cert))
	if err != nil {
		t.Fatal(err)
	}
	k.Certs = []wxsecure.Cert{{SN: m.certSN, Key: pub}}
	r := wxsecure.Explain(msg, wxsecure.CanonicalURL(wxsecure.APIPath(msg, "")), k, wxsecure.Options{Lang: lang})
	var v map[string]any
	if err := json.Unmarshal(r.AppendJSON(nil), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestPageSecure opens the Security mode tab in headless Chromium: its module
// is fetched only then, from the page's origin, next to the main module; the
// guide's request verifies and a request signed over five lines names its
// cause, with the same report as the core natively, in English and Chinese.
func TestPageSecure(t *testing.T) {
	ctx := browser(t)
	var log netlog
	log.listen(t, ctx)
	srv := httptest.NewServer(Handler())
	t.Cleanup(srv.Close)
	p := tab{t, ctx}
	p.do(chromedp.Navigate(srv.URL + "/?lang=en"))
	p.wait(`document.body.dataset.ready === "true"`)
	secureURL := srv.URL + "/wxinspect-secure.wasm"
	fetched := func() int {
		n := 0
		for _, u := range log.snapshot() {
			if u == secureURL {
				n++
			}
		}
		return n
	}
	var defined bool
	p.eval(`typeof window.wxinspectSecure !== "undefined"`, &defined)
	if n := fetched(); n != 0 || defined {
		t.Fatalf("before the tab opens, the secure module was fetched %d times (defined: %v)", n, defined)
	}

	p.click("#tab-secure")
	p.wait(`document.getElementById("panel-secure").dataset.ready === "true"`)
	if n := fetched(); n != 1 {
		t.Errorf("opening the tab fetched the secure module %d times, want 1", n)
	}
	m := loadSecureMaterial(t)
	p.paste("sec-sym-key", m.symKey)
	p.paste("sec-sym-sn", m.symSN)
	p.paste("sec-rsa-key", m.rsaKey)
	p.paste("sec-rsa-sn", m.rsaSN)
	p.paste("sec-cert", m.cert)
	p.paste("sec-cert-sn", m.certSN)
	var types []string
	p.eval(`["sec-sym-key", "sec-rsa-key"].map((id) => { const e = document.getElementById(id); return e.type === "password" || getComputedStyle(e).webkitTextSecurity === "disc" ? "hidden" : "shown"; })`, &types)
	if !reflect.DeepEqual(types, []string{"hidden", "hidden"}) {
		t.Errorf("the secret fields show their values: %v", types)
	}

	explain := func(capture []byte, lang core.Lang) map[string]any {
		t.Helper()
		p.eval(`document.getElementById("lang-`+string(lang)+`").click()`, nil)
		p.paste("sec-capture", string(capture))
		p.eval(`document.getElementById("sec-result").replaceChildren()`, nil)
		p.click("#sec-explain")
		p.wait(`document.querySelector("#sec-status")`)
		var page map[string]any
		p.eval(`wxinspectSecure.explain({capture: document.getElementById("sec-capture").value, lang: `+js(string(lang))+`,
			sym_key: document.getElementById("sec-sym-key").value, sym_sn: document.getElementById("sec-sym-sn").value,
			rsa_key_pem: document.getElementById("sec-rsa-key").value, rsa_sn: document.getElementById("sec-rsa-sn").value,
			cert_pem: document.getElementById("sec-cert").value, cert_sn: document.getElementById("sec-cert-sn").value})`, &page)
		if want := nativeReport(t, capture, m, lang); !reflect.DeepEqual(page, want) {
			t.Errorf("the page's report differs from the core's:\npage   %v\nnative %v", page, want)
		}
		return page
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "secure", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	t.Run("guide", func(t *testing.T) {
		p := tab{t, ctx}
		r := explain(read("guide/request.http"), core.English)
		if r["ok"] != true {
			t.Fatalf("the guide's request does not verify: %v", r)
		}
		if cls := p.text("#sec-status .title"); !strings.HasPrefix(cls, "Verified") {
			t.Errorf("status %q", cls)
		}
		var states []string
		p.eval(`[...document.querySelectorAll("#sec-steps li")].map((e) => e.className)`, &states)
		if len(states) != len(r["steps"].([]any)) || len(states) < 5 {
			t.Errorf("steps drawn %v for %d in the report", states, len(r["steps"].([]any)))
		}
		for _, s := range states {
			if s != "step-ok" {
				t.Errorf("a step of the guide's request is %s", s)
			}
		}
		if pt := p.text("#sec-plaintext"); !strings.Contains(pt, "_appid") {
			t.Errorf("plaintext %q", pt)
		}
		p.eval(`document.getElementById("lang-en").focus()`, nil)
		for _, scheme := range []string{"light", "dark"} {
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			}); err != nil {
				t.Fatal(err)
			}
			var res contrastResult
			p.eval(contrastJS, &res)
			if res.Checked < 20 {
				t.Fatalf("only %d texts and borders checked", res.Checked)
			}
			for _, f := range res.Fails {
				t.Errorf("%s: %s <%s id=%q class=%q> %q: %.2f:1, want %.1f:1", scheme, f.What, f.Tag, f.ID, f.Cls, f.Text, f.Ratio, f.Want)
			}
			p.screenshot("wxinspect-web-secure-" + scheme + ".png")
		}
		chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	})

	t.Run("fifth_line", func(t *testing.T) {
		p := tab{t, ctx}
		capture := read("requests/signature_fifth_line.http")
		for _, lang := range []core.Lang{core.English, core.Chinese} {
			r := explain(capture, lang)
			e, _ := r["error"].(map[string]any)
			if r["ok"] != false || e == nil || e["code"] != "signature_fifth_line" {
				t.Fatalf("%s: %v", lang, r)
			}
			_, hint := core.Code("signature_fifth_line").Describe(lang)
			status := p.text("#sec-status")
			if !strings.Contains(status, e["message"].(string)) || !strings.Contains(status, e["hint"].(string)) ||
				!strings.Contains(status, "signature_fifth_line") || hint == "" {
				t.Errorf("%s: the status %q lacks the cause %v", lang, status, e)
			}
			if lang == core.Chinese && !strings.Contains(status, "签名") {
				t.Errorf("zh: the status is not in Chinese: %q", status)
			}
			var failed []string
			p.eval(`[...document.querySelectorAll("#sec-steps li.step-fail")].map((e) => e.dataset.step)`, &failed)
			if len(failed) == 0 {
				t.Errorf("%s: no step drawn as failing", lang)
			}
		}
	})

	t.Run("coexist_and_privacy", func(t *testing.T) {
		p := tab{t, ctx}
		// The main module still answers next to the second Go program.
		var ok bool
		p.eval(`wxinspect.decrypt(wxinspect.sample).ok`, &ok)
		if !ok {
			t.Error("the main module no longer decrypts once the secure module runs")
		}
		var body string
		p.eval(`document.body.innerText + JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie`, &body)
		if strings.Contains(body, m.symKey) || strings.Contains(body, "PRIVATE KEY") {
			t.Error("a secret is shown on the page or stored")
		}
		for _, u := range log.snapshot() {
			if !strings.HasPrefix(u, srv.URL+"/") {
				t.Errorf("a request left the page's origin: %s", u)
			}
		}
		if n := fetched(); n != 1 {
			t.Errorf("the secure module was fetched %d times, want 1", n)
		}
	})
}

// TestSecureModuleServed checks that make web built the second module into
// the page: served compressed like the main one, within its own budget.
func TestSecureModuleServed(t *testing.T) {
	requireBuilt(t)
	h := Handler()
	raw, err := fs.ReadFile(Static(), SecureModuleName)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("\x00asm")) {
		t.Fatalf("%s is not WebAssembly", SecureModuleName)
	}
	for _, enc := range []string{"br", "gzip"} {
		resp := get(t, h, "GET", "/"+SecureModuleName, "Accept-Encoding", enc)
		if resp.Header.Get("Content-Encoding") != enc || resp.Header.Get("Content-Type") != "application/wasm" {
			t.Errorf("%s: Content-Encoding %q, Content-Type %q", enc, resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"))
		}
		if got := decode(t, resp); got != string(raw) {
			t.Errorf("the %s copy of %s does not decode to the module", enc, SecureModuleName)
		}
	}
	if br, err := fs.ReadFile(Static(), SecureModuleName+".br"); err != nil || len(br) > 1_200_000 {
		t.Errorf("%s.br: %d bytes (%v), budget 1,200,000", SecureModuleName, len(br), err)
	}
}

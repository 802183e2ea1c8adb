package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
)

// fake is a built folder in miniature: the module with both copies, a page
// with a gzip copy only, and a file type that is not served.
func fake() http.Handler {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	br := func(s string) []byte {
		var b bytes.Buffer
		w := brotli.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	return handler{index(fstest.MapFS{
		"wxinspect.wasm":    {Data: []byte("\x00asm module")},
		"wxinspect.wasm.gz": {Data: gz("\x00asm module")},
		"wxinspect.wasm.br": {Data: br("\x00asm module")},
		"index.html":        {Data: []byte("<!doctype html>page")},
		"index.html.gz":     {Data: gz("<!doctype html>page")},
		"app.js":            {Data: []byte("'use strict';")},
		"notes.md":          {Data: []byte("# not served")},
	})}
}

func get(t *testing.T, h http.Handler, method, path string, header ...string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func decode(t *testing.T, resp *http.Response) string {
	t.Helper()
	var r io.Reader = resp.Body
	switch enc := resp.Header.Get("Content-Encoding"); enc {
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "":
	default:
		t.Fatalf("Content-Encoding %q", enc)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSecurityHeaders(t *testing.T) {
	for _, h := range []http.Handler{fake(), handler{nil}} {
		for _, path := range []string{"/", "/wxinspect.wasm", "/missing"} {
			resp := get(t, h, "GET", path)
			for name, want := range map[string]string{
				"Content-Security-Policy": ContentSecurityPolicy,
				"X-Content-Type-Options":  "nosniff",
				"Referrer-Policy":         "no-referrer",
				"X-Frame-Options":         "DENY",
			} {
				if got := resp.Header.Get(name); got != want {
					t.Errorf("GET %s (%d): %s = %q, want %q", path, resp.StatusCode, name, got, want)
				}
			}
		}
	}
	for _, directive := range []string{"default-src 'none'", "connect-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "frame-ancestors 'none'"} {
		if !strings.Contains(ContentSecurityPolicy, directive) {
			t.Errorf("the policy lacks %s", directive)
		}
	}
}

func TestContentTypesAndEncodings(t *testing.T) {
	h := fake()
	cases := []struct {
		path, accept, typ, enc, body string
	}{
		{"/", "", "text/html; charset=utf-8", "", "<!doctype html>page"},
		{"/index.html", "gzip, deflate, br", "text/html; charset=utf-8", "gzip", "<!doctype html>page"},
		{"/app.js", "br", "text/javascript; charset=utf-8", "", "'use strict';"},
		{"/wxinspect.wasm", "", "application/wasm", "", "\x00asm module"},
		{"/wxinspect.wasm", "gzip, deflate, br, zstd", "application/wasm", "br", "\x00asm module"},
		{"/wxinspect.wasm", "gzip", "application/wasm", "gzip", "\x00asm module"},
		{"/wxinspect.wasm", "br;q=0, gzip;q=0.5", "application/wasm", "gzip", "\x00asm module"},
		{"/wxinspect.wasm", "BR;Q=0.000, *", "application/wasm", "gzip", "\x00asm module"},
		{"/wxinspect.wasm", "*", "application/wasm", "br", "\x00asm module"},
		{"/wxinspect.wasm", "identity", "application/wasm", "", "\x00asm module"},
	}
	for _, c := range cases {
		resp := get(t, h, "GET", c.path, "Accept-Encoding", c.accept)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != c.typ || resp.Header.Get("Content-Encoding") != c.enc {
			t.Errorf("GET %s (Accept-Encoding: %s) = %d, %q, encoding %q; want 200, %q, %q", c.path, c.accept,
				resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Encoding"), c.typ, c.enc)
			continue
		}
		if got := decode(t, resp); got != c.body {
			t.Errorf("GET %s (Accept-Encoding: %s): body %q, want %q", c.path, c.accept, got, c.body)
		}
		if c.path == "/wxinspect.wasm" && resp.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("GET %s: no Vary: Accept-Encoding", c.path)
		}
	}
}

func TestNotFoundAndMethods(t *testing.T) {
	h := fake()
	for _, path := range []string{"/missing.js", "/notes.md", "/wxinspect.wasm.br", "/wxinspect.wasm.gz", "/../web.go", "/static/index.html", "//index.html"} {
		if resp := get(t, h, "GET", path); resp.StatusCode != 404 {
			t.Errorf("GET %s = %d, want 404", path, resp.StatusCode)
		}
	}
	for _, m := range []string{"POST", "PUT", "DELETE", "OPTIONS"} {
		resp := get(t, h, m, "/")
		if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s / = %d, Allow %q; want 405", m, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
	resp := get(t, h, "HEAD", "/wxinspect.wasm")
	if b, _ := io.ReadAll(resp.Body); resp.StatusCode != 200 || len(b) != 0 || resp.Header.Get("Content-Length") != "11" {
		t.Errorf("HEAD = %d, %d bytes, Content-Length %q", resp.StatusCode, len(b), resp.Header.Get("Content-Length"))
	}
}

func TestETag(t *testing.T) {
	h := fake()
	plain := get(t, h, "GET", "/wxinspect.wasm")
	br := get(t, h, "GET", "/wxinspect.wasm", "Accept-Encoding", "br")
	tag := plain.Header.Get("ETag")
	if tag == "" || tag == br.Header.Get("ETag") {
		t.Fatalf("ETags %q and %q: want one per encoding", tag, br.Header.Get("ETag"))
	}
	if plain.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("Cache-Control %q", plain.Header.Get("Cache-Control"))
	}
	if resp := get(t, h, "GET", "/wxinspect.wasm", "If-None-Match", tag); resp.StatusCode != 304 {
		t.Errorf("If-None-Match: %d, want 304", resp.StatusCode)
	}
	if resp := get(t, h, "GET", "/wxinspect.wasm", "If-None-Match", tag, "Accept-Encoding", "br"); resp.StatusCode != 200 {
		t.Errorf("If-None-Match with the identity tag, brotli accepted: %d, want 200", resp.StatusCode)
	}
}

func TestNotBuilt(t *testing.T) {
	if index(fstest.MapFS{"index.html": {Data: []byte("x")}}) != nil {
		t.Error("a folder without the module is indexed")
	}
	resp := get(t, handler{nil}, "GET", "/")
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 503 || !strings.Contains(string(b), "make web") {
		t.Errorf("unbuilt page: %d %q", resp.StatusCode, b)
	}
}

// requireBuilt skips a test that needs the built page, or fails it when
// make test asked for every test to run.
func requireBuilt(t *testing.T) {
	t.Helper()
	if Available() {
		return
	}
	if os.Getenv("WXINSPECT_REQUIRE_BROWSER") != "" {
		t.Fatal("the page is not built into this test binary: run make web")
	}
	t.Skip("SKIP: the page is not built (run make web)")
}

// TestBuiltFiles checks what make web wrote: every file is served, the
// module is within its size budget, and the page's own policy matches the
// header's.
func TestBuiltFiles(t *testing.T) {
	requireBuilt(t)
	h := Handler()
	for name, enc := range map[string]string{"index.html": "", "app.js": "", "style.css": "", "favicon.svg": "", "wasm_exec.js": "br", ModuleName: "br"} {
		resp := get(t, h, "GET", "/"+name, "Accept-Encoding", "br")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != enc {
			t.Errorf("GET /%s: %d, Content-Encoding %q, want 200, %q", name, resp.StatusCode, resp.Header.Get("Content-Encoding"), enc)
		}
	}
	raw, err := fs.ReadFile(Static(), ModuleName)
	if err != nil {
		t.Fatal(err)
	}
	if got := decode(t, get(t, h, "GET", "/"+ModuleName, "Accept-Encoding", "br")); got != string(raw) {
		t.Errorf("the brotli copy of the module does not decode to the module: make web is half done")
	}
	if got := decode(t, get(t, h, "GET", "/"+ModuleName, "Accept-Encoding", "gzip")); got != string(raw) {
		t.Errorf("the gzip copy of the module does not decode to the module: make web is half done")
	}
	br, err := Static().Open(ModuleName + ".br")
	if err != nil {
		t.Fatal(err)
	}
	st, _ := br.Stat()
	if st.Size() > 680_000 {
		t.Errorf("%s is %d bytes brotli-compressed, over the budget of 680,000 (mk/web.mk, WEB_BUDGET)", ModuleName, st.Size())
	}
	page := decode(t, get(t, h, "GET", "/"))
	if !strings.Contains(page, strings.TrimSuffix(ContentSecurityPolicy, "; frame-ancestors 'none'")) {
		t.Error("index.html's Content-Security-Policy meta tag differs from ContentSecurityPolicy (frame-ancestors aside)")
	}
}

// TestBrotliOnly serves a folder with the module only as its brotli copy.
// Every client gets it, decoded or gzipped as it asks.
func TestBrotliOnly(t *testing.T) {
	module := append([]byte("\x00asm"), bytes.Repeat([]byte("module "), gzipAtStart/7+1)...)
	var b bytes.Buffer
	w := brotli.NewWriter(&b)
	w.Write(module)
	w.Close()
	h := handler{index(fstest.MapFS{
		"wxinspect.wasm.br": {Data: b.Bytes()},
		"index.html":        {Data: []byte("<!doctype html>page")},
	})}
	if h.files == nil {
		t.Fatal("a folder with the module's brotli copy only is not indexed")
	}
	tags := map[string]bool{}
	for _, accept := range []string{"", "gzip", "br", "gzip, deflate, br"} {
		resp := get(t, h, "GET", "/wxinspect.wasm", "Accept-Encoding", accept)
		if got := decode(t, resp); resp.StatusCode != 200 || got != string(module) {
			t.Errorf("Accept-Encoding %q: %d, %d bytes, want the module's %d", accept, resp.StatusCode, len(got), len(module))
		}
		tags[resp.Header.Get("ETag")] = true
	}
	if len(tags) != 3 {
		t.Errorf("ETags %v: want one per encoding (identity, gzip, br)", tags)
	}
	if resp := get(t, h, "GET", "/wxinspect.wasm.br"); resp.StatusCode != 404 {
		t.Errorf("GET /wxinspect.wasm.br: %d, want 404", resp.StatusCode)
	}
	if index(fstest.MapFS{"wxinspect.wasm.br": {Data: []byte("not brotli")}}) != nil {
		t.Error("a damaged brotli copy of the module is indexed")
	}
}

// TestModuleOnly serves the folder as git keeps it: the module without its
// compressed copies. It is gzipped once, for the clients that accept gzip.
func TestModuleOnly(t *testing.T) {
	module := append([]byte("\x00asm"), bytes.Repeat([]byte("module "), gzipAtStart/7+1)...)
	h := handler{index(fstest.MapFS{
		"wxinspect.wasm": {Data: module},
		"app.js":         {Data: []byte("'use strict';")},
	})}
	for accept, enc := range map[string]string{"": "", "gzip": "gzip", "gzip, deflate, br": "gzip", "br": ""} {
		resp := get(t, h, "GET", "/wxinspect.wasm", "Accept-Encoding", accept)
		if got := resp.Header.Get("Content-Encoding"); got != enc {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", accept, got, enc)
		}
		if got := decode(t, resp); got != string(module) {
			t.Errorf("Accept-Encoding %q: the module decodes to %d bytes, want %d", accept, len(got), len(module))
		}
	}
	if resp := get(t, h, "GET", "/app.js", "Accept-Encoding", "gzip"); resp.Header.Get("Content-Encoding") != "" {
		t.Error("a small page file without a gzip copy is gzipped")
	}
}

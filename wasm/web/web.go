// Package web serves wxinspect's offline debug page: the core compiled to
// WebAssembly (wasm/js) with a small HTML, CSS and JavaScript front end, all
// embedded in the binary that imports this package.
//
// Handler is the entry point; `wxinspect serve` mounts it on 127.0.0.1:
//
//	if !web.Available() {
//		return errors.New("the web page is not built: run make web")
//	}
//	http.ListenAndServe("127.0.0.1:8787", web.Handler())
//
// The files are those of the folder static/: the page's own index.html,
// app.js and style.css, and what `make web` generates: the module, the
// second module of the Security mode tab (SecureModuleName), wasm_exec.js
// from GOROOT, and a .gz and .br copy of each. Of the generated files, git
// keeps the modules and wasm_exec.js (`make web-commit`
// regenerates them, `make web-check` checks that they are what the sources
// build), so that `go install` of the command, which sees only what git
// keeps, embeds a working page: without its compressed copies, the handler
// gzips the module when it starts. Git stores the module itself rather than
// its brotli copy because successive builds delta-compress: a change of the
// core costs the repository about a sixth of a new brotli copy. A tree
// without the module (one that deleted it) still compiles; Available then
// reports false and Handler answers every request with 503 and how to build
// the page.

// Every response carries a strict Content-Security-Policy (the page may load
// only its own files and may connect nowhere else), nosniff, no referrer and
// no framing. The same folder can be served by any static host; index.html
// repeats the policy in a meta tag.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
)

//go:embed static
var embedded embed.FS

// ModuleName is the file name of the js/wasm module in the static folder.
const ModuleName = "wxinspect.wasm"

// SecureModuleName is the page's second module, API security mode
// (wasm/securejs): the page fetches it only when its Security mode tab
// opens. Like the main module, git keeps it raw and the handler gzips it
// when it starts if its compressed copies are missing.
const SecureModuleName = "wxinspect-secure.wasm"

// ContentSecurityPolicy is sent with every response. 'wasm-unsafe-eval'
// allows compiling the module, nothing more; connect-src 'self' lets the
// page fetch its own module and nothing else.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; " +
	"form-action 'none'; frame-ancestors 'none'"

// contentTypes are the only files served; anything else is 404, which also
// keeps the .gz and .br copies from being fetched by name.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".wasm": "application/wasm",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".json": "application/json",
	".txt":  "text/plain; charset=utf-8",
}

// Static returns the page's files: index.html, app.js, style.css, and when
// built the module and wasm_exec.js with their .gz and .br copies.
func Static() fs.FS {
	sub, err := fs.Sub(embedded, "static")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}

// Available reports whether the page was built into this binary: without the
// module (or its brotli copy) it cannot run.
func Available() bool {
	for _, name := range []string{ModuleName, ModuleName + ".br"} {
		if _, err := fs.Stat(Static(), name); err == nil {
			return true
		}
	}
	return false
}

// Handler serves the page from the embedded files, with the security headers
// of every response, the pre-compressed copy a client accepts (brotli, then
// gzip), and ETags so that a reload costs nothing.
func Handler() http.Handler { return handler{load()} }

var load = sync.OnceValue(func() map[string]*file { return index(Static()) })

// NotBuilt is the body of every response when the page was not built.
const NotBuilt = "wxinspect: the web page was not built into this binary.\n" +
	"Run `make web` (it compiles wasm/js and copies wasm_exec.js), then rebuild.\n"

type file struct {
	typ  string
	data map[string][]byte // by Content-Encoding; "" is the identity
	etag map[string]string
}

// index reads the files of root with their compressed copies, or returns nil
// if the module is not among them. A file present only as its brotli copy
// (name.br without name) is decoded, and a large file without a gzip copy
// (the module as git keeps it) is gzipped, so that no client gets it raw.
func index(root fs.FS) map[string]*file {
	files := map[string]*file{}
	_ = fs.WalkDir(root, ".", func(walked string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.TrimSuffix(walked, ".br")
		if name != walked {
			if _, err := fs.Stat(root, name); err == nil {
				return nil // indexed under its own name
			}
		}
		typ, ok := contentTypes[path.Ext(name)]
		if !ok {
			return nil
		}
		f := &file{typ: typ, data: map[string][]byte{}, etag: map[string]string{}}
		for _, enc := range []string{"", "br", "gzip"} {
			if b, err := fs.ReadFile(root, name+suffix[enc]); err == nil {
				f.data[enc] = b
			}
		}
		if f.data[""] == nil && f.data["br"] != nil {
			b, err := io.ReadAll(brotli.NewReader(bytes.NewReader(f.data["br"])))
			if err != nil {
				return nil // a damaged copy: as if the file were missing
			}
			f.data[""] = b
		}
		if f.data["gzip"] == nil && len(f.data[""]) >= gzipAtStart {
			f.data["gzip"] = gzipped(f.data[""])
		}
		if f.data[""] == nil {
			return nil
		}
		for enc, b := range f.data {
			sum := sha256.Sum256(b)
			f.etag[enc] = `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
		}
		files[name] = f
		return nil
	})
	if files[ModuleName] == nil {
		return nil
	}
	return files
}

// gzipAtStart is the size from which a file without a gzip copy is gzipped
// when the handler starts: the modules (3 and 5.7 MB), not the page's small
// files.
const gzipAtStart = 64 << 10

// gzipped is b compressed at gzip's default level: for the browsers that do
// not send brotli to a server without TLS.
func gzipped(b []byte) []byte {
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	w.Write(b) // writes to a bytes.Buffer do not fail
	w.Close()
	return out.Bytes()
}

var suffix = map[string]string{"": "", "br": ".br", "gzip": ".gz"}

type handler struct{ files map[string]*file }

func (h handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", ContentSecurityPolicy)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Cross-Origin-Opener-Policy", "same-origin")
	hd.Set("Cross-Origin-Resource-Policy", "same-origin")
	hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), clipboard-read=(), payment=(), usb=()")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hd.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if h.files == nil {
		hd.Set("Cache-Control", "no-store")
		http.Error(w, NotBuilt, http.StatusServiceUnavailable)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" {
		name = "index.html"
	}
	f := h.files[name]
	if f == nil {
		http.NotFound(w, r)
		return
	}
	enc := negotiate(r.Header.Get("Accept-Encoding"), f)
	hd.Set("Content-Type", f.typ)
	hd.Set("Cache-Control", "no-cache") // revalidate: a new binary may serve new files
	hd.Set("ETag", f.etag[enc])
	if len(f.data) > 1 {
		hd.Set("Vary", "Accept-Encoding")
	}
	if enc != "" {
		hd.Set("Content-Encoding", enc)
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.data[enc]))
}

// negotiate picks the encoding to send: brotli, then gzip, when the client
// accepts it (RFC 9110, section 12.5.3) and a copy exists; else the identity.
func negotiate(accept string, f *file) string {
	q := map[string]bool{}
	for _, part := range strings.Split(accept, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		ok := true
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") && strings.Trim(strings.TrimSpace(v), "0.") == "" {
				ok = false // q=0, q=0.0, q=0.000
			}
		}
		q[coding] = ok
	}
	for _, enc := range []string{"br", "gzip"} {
		accepted, named := q[enc]
		if !named {
			accepted, named = q["*"]
		}
		if named && accepted && f.data[enc] != nil {
			return enc
		}
	}
	return ""
}

package release

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

const modulePath = "github.com/wxinspect/wxinspect"

// version is what the test calls the committed tree; a prerelease of v0.0.0,
// so that no real version in a module cache is shadowed.
const version = "v0.0.0-installtest"

func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// TestGoInstall serves the committed tree (HEAD) as a module proxy would: a
// module zip of what git keeps, made by golang.org/x/mod/zip with the rules
// the proxy applies (no nested modules, no vendor folders).
// It installs the command from that proxy into an empty module cache, as a
// user's `go install …@version` would, and asks the installed `wxinspect
// serve` for the page, its loader and its module.
func TestGoInstall(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	at := filepath.Join(tmp, "proxy", modulePath, "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		t.Fatal(err)
	}
	gomod, err := exec.Command("git", "-C", root, "show", "HEAD:go.mod").Output()
	if err != nil {
		t.Fatal(err)
	}
	// What git keeps at HEAD (git archive, as zip.CreateFromVCS does; it
	// does not recognise a git worktree), zipped by the module rules.
	src := filepath.Join(tmp, "src")
	if err := os.Mkdir(src, 0o755); err != nil {
		t.Fatal(err)
	}
	archive := exec.Command("sh", "-c", `git -C "$1" archive --format=tar HEAD | tar -x -C "$2"`, "sh", root, src)
	if out, err := archive.CombinedOutput(); err != nil {
		t.Fatalf("git archive: %v\n%s", err, out)
	}
	z, err := os.Create(filepath.Join(at, version+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	if err := zip.CreateFromDir(z, module.Version{Path: modulePath, Version: version}, src); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"list":            version + "\n",
		version + ".mod":  string(gomod),
		version + ".info": `{"Version":"` + version + `","Time":"2026-01-01T00:00:00Z"}`,
	} {
		if err := os.WriteFile(filepath.Join(at, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	checkZip(t, filepath.Join(at, version+".zip"))

	// The dependencies come from this machine's module cache (a proxy in
	// itself), then from the configured proxy.
	proxies := "file://" + filepath.ToSlash(filepath.Join(tmp, "proxy")) +
		",file://" + filepath.ToSlash(filepath.Join(goEnv(t, "GOMODCACHE"), "cache", "download"))
	if p := goEnv(t, "GOPROXY"); p != "" && p != "off" {
		proxies += "," + p
	}
	gobin := filepath.Join(tmp, "bin")
	cmd := exec.Command("go", "install", modulePath+"/cmd/wxinspect@"+version)
	cmd.Dir = tmp // outside any module
	cmd.Env = append(os.Environ(),
		"GOPROXY="+proxies, "GOSUMDB=off", "GOFLAGS=-mod=mod -modcacherw", "GOWORK=off",
		"GOTOOLCHAIN=local", "GOBIN="+gobin, "GOMODCACHE="+filepath.Join(tmp, "modcache"), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, out)
	}
	bin := filepath.Join(gobin, "wxinspect")

	out, err := exec.Command(bin, "version").Output()
	if err != nil || !strings.Contains(string(out), version) {
		t.Errorf("wxinspect version: %q, %v; want it to name %s", out, err, version)
	}

	serve := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	stderr, err := serve.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		serve.Process.Signal(os.Interrupt)
		serve.Wait()
	}()
	url := ""
	lines := bufio.NewScanner(stderr)
	for url == "" && lines.Scan() {
		line := lines.Text()
		if i := strings.Index(line, "http://127.0.0.1:"); i >= 0 {
			url = strings.TrimSuffix(line[i:], "/")
		}
	}
	if url == "" {
		t.Fatalf("wxinspect serve said no address: %v", lines.Err())
	}
	go io.Copy(io.Discard, stderr)

	page := get(t, url+"/", "", "")
	if !bytes.Contains(page, []byte(`<script src="wasm_exec.js"`)) || !bytes.Contains(page, []byte(`<script src="app.js"`)) {
		t.Errorf("GET /: not the page: %.200s", page)
	}
	if js := get(t, url+"/wasm_exec.js", "", ""); !bytes.Contains(js, []byte("globalThis.Go = class")) {
		t.Errorf("GET /wasm_exec.js: not Go's loader: %.200s", js)
	}
	if js := get(t, url+"/app.js", "", ""); !bytes.Contains(js, []byte("wxinspect.wasm")) {
		t.Errorf("GET /app.js: %.200s", js)
	}
	mod := get(t, url+"/wxinspect.wasm", "", "")
	if !bytes.HasPrefix(mod, []byte("\x00asm")) || len(mod) < 1<<20 {
		t.Fatalf("GET /wxinspect.wasm: %d bytes starting %q, want a WebAssembly module", len(mod), mod[:min(8, len(mod))])
	}
	// git keeps the module without its compressed copies: serve gzips it.
	for _, accept := range []string{"gzip", "gzip, deflate, br"} {
		if got := get(t, url+"/wxinspect.wasm", accept, "gzip"); !bytes.Equal(got, mod) {
			t.Errorf("GET /wxinspect.wasm, Accept-Encoding %q: %d bytes decoded, want the %d of the module", accept, len(got), len(mod))
		}
	}
}

// checkZip checks that the module zip holds the committed page and no
// nested module.
func checkZip(t *testing.T, path string) {
	t.Helper()
	files, err := zip.CheckZip(module.Version{Path: modulePath, Version: version}, path)
	if err != nil {
		t.Fatal(err)
	}
	prefix := modulePath + "@" + version + "/"
	has := map[string]bool{}
	for _, f := range files.Valid {
		has[strings.TrimPrefix(f, prefix)] = true
	}
	for _, name := range []string{"wasm/web/static/wxinspect.wasm", "wasm/web/static/wasm_exec.js", "wasm/web/static/index.html", "cmd/wxinspect/main.go"} {
		if !has[name] {
			t.Errorf("the module zip lacks %s", name)
		}
	}
	for name := range has {
		if strings.HasPrefix(name, "bench/") || strings.HasPrefix(name, "release/") || strings.HasPrefix(name, "wasm/npm/") && strings.HasSuffix(name, ".wasm") {
			t.Errorf("the module zip holds %s", name)
		}
	}
}

// get fetches url with the Accept-Encoding accept, checks that the answer's
// Content-Encoding is enc, and returns the decoded body.
func get(t *testing.T, url, accept, enc string) []byte {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if accept != "" {
		req.Header.Set("Accept-Encoding", accept)
	}
	client := &http.Client{Timeout: time.Minute, Transport: &http.Transport{DisableCompression: true}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	var r io.Reader = resp.Body
	switch got := resp.Header.Get("Content-Encoding"); got {
	case "":
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		if r, err = gzip.NewReader(r); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("GET %s: Content-Encoding %q", url, got)
	}
	if got := resp.Header.Get("Content-Encoding"); got != enc {
		t.Errorf("GET %s, Accept-Encoding %q: Content-Encoding %q, want %q", url, accept, got, enc)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Package npm holds the tests of the npm package wxinspect (the files beside
// this one; make npm adds the module and wasm_exec.js). The tests pack it
// with npm, install the tarball into an empty project and run it under
// Node.js and in headless Chromium from a plain <script type="module"> page,
// and compare every report with the command line's.
package npm

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/wxinspect/wxinspect/internal/testvectors"
)

// require skips a test that needs a tool or the built package, or fails it
// when make test asked for every test to run (WXINSPECT_REQUIRE_NPM).
func require(t *testing.T, what, how string, ok bool) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("WXINSPECT_REQUIRE_NPM") != "" {
		t.Fatalf("%s, and WXINSPECT_REQUIRE_NPM is set: %s", what, how)
	}
	t.Skipf("SKIP: %s (%s)", what, how)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func lookPath(name string) bool {
	_, err := exec.LookPath(name)
	return err == nil
}

func run(t *testing.T, dir string, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr.Bytes())
	}
	return out
}

// install packs the package and installs the tarball into an empty project,
// with npm's cache in a temporary folder: the package has no dependencies,
// so nothing is downloaded.
var install = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "wxinspect-npm-")
	if err != nil {
		return "", err
	}
	scratch = dir
	npm := func(dir string, args ...string) error {
		cmd := exec.Command("npm", append(args, "--cache", filepath.Join(dir, ".npm-cache"), "--no-audit", "--no-fund", "--offline")...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			return &exec.Error{Name: "npm " + strings.Join(args, " ") + ": " + string(out), Err: err}
		}
		return nil
	}
	pack := filepath.Join(dir, "pack")
	project := filepath.Join(dir, "project")
	for _, d := range []string{pack, project} {
		if err := os.Mkdir(d, 0o755); err != nil {
			return "", err
		}
	}
	here, _ := os.Getwd()
	if err := npm(here, "pack", "--pack-destination", pack); err != nil {
		return "", err
	}
	tgz, _ := filepath.Glob(filepath.Join(pack, "wxinspect-*.tgz"))
	if len(tgz) != 1 {
		return "", os.ErrNotExist
	}
	if err := os.WriteFile(filepath.Join(project, "package.json"), []byte(`{"name":"scratch","private":true,"type":"module"}`+"\n"), 0o644); err != nil {
		return "", err
	}
	if err := npm(project, "install", tgz[0]); err != nil {
		return "", err
	}
	return project, nil
})

// scratch is the folder of install, removed when the tests end.
var scratch string

func TestMain(m *testing.M) {
	code := m.Run()
	if scratch != "" {
		os.RemoveAll(scratch)
	}
	os.Exit(code)
}

func project(t *testing.T) string {
	t.Helper()
	require(t, "the npm package is not built", "run make npm", exists("wxinspect.wasm") && exists("wasm_exec.js"))
	require(t, "npm or node is not installed", "run make node", lookPath("npm") && lookPath("node"))
	dir, err := install()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// call is one vector as a JavaScript caller passes it to inspect: the input
// object with the clock. The raw vector that is not a JSON object cannot be
// passed as one and is left to the command line's and the glue's tests.
type call struct {
	Name  string         `json:"name"`
	Input map[string]any `json:"input"`
}

func calls(t *testing.T) ([]call, []testvectors.Vector) {
	var cs []call
	var vs []testvectors.Vector
	for _, v := range testvectors.Load(t) {
		var in map[string]any
		if err := json.Unmarshal([]byte(v.Line()), &in); err != nil {
			continue
		}
		in["now"] = v.Now
		cs = append(cs, call{v.Name, in})
		vs = append(vs, v)
	}
	if len(cs) < 30 {
		t.Fatalf("only %d vectors are objects", len(cs))
	}
	return cs, vs
}

// cliReports runs `wxinspect decrypt --json --now N` on every vector's line.
func cliReports(t *testing.T, vs []testvectors.Vector) []any {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "wxinspect")
	run(t, ".", "go", "build", "-o", bin, "../../cmd/wxinspect")
	var reports []any
	for _, v := range vs {
		cmd := exec.Command(bin, "decrypt", "--json", "--now", strconv.FormatInt(v.Now, 10))
		cmd.Stdin = strings.NewReader(v.Line())
		cmd.Env = append(os.Environ(), "LANG=C", "LC_ALL=", "LANGUAGE=")
		out, _ := cmd.Output() // not ok is exit status 1
		var r any
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("%s: wxinspect decrypt --json: %v: %q", v.Name, err, out)
		}
		reports = append(reports, r)
	}
	return reports
}

// result is what the scripts under test hand back.
type result struct {
	Version string            `json:"version"`
	Reports []json.RawMessage `json:"reports"`
	Globals []string          `json:"globals"` // names the package left on globalThis
	Text    []json.RawMessage `json:"text"`    // inspectText of the official sample as a log line
	Call    map[string]any    `json:"call"`
	RIDCall map[string]any    `json:"ridCall"`
	Fixture map[string]any    `json:"fixture"`
	Codes   []map[string]any  `json:"codes"`
	Message map[string]string `json:"message"`
}

// script is the same test in Node.js and in the browser: it loads the
// package, records the globals it added, and runs every call.
const script = `
const before = new Set(Object.getOwnPropertyNames(globalThis));
const wx = await load();
const globals = Object.getOwnPropertyNames(globalThis).filter((n) => !before.has(n));
const s = wx.sample;
const result = {
  version: wx.version,
  reports: calls.map((c) => wx.inspect(c.input)),
  globals,
  text: wx.inspectText("2024-05-01 POST /api/phone appid=" + s.appid + " session_key=" + s.session_key +
    " iv=" + s.iv + " encryptedData=" + s.encrypted_data, { lang: "zh" }),
  call: wx.buildPhoneNumberCall({ access_token: "ACCESS_TOKEN", code: "abc" }),
  ridCall: wx.buildRIDCall({ access_token: "ACCESS_TOKEN", rid: "6751a2f9-7d9b5d30-4f2b5c17" }),
  fixture: wx.fixture({ kind: "phone", appid: "wx4f4bc4dec97d474b", phone: "13912345678" }),
  codes: wx.codes(),
  message: wx.describe("iv_length", "zh", "n", "12"),
};
`

func check(t *testing.T, where string, res result, vs []testvectors.Vector, want []any, allowedGlobals ...string) {
	t.Helper()
	if len(res.Reports) != len(want) {
		t.Fatalf("%s: %d reports for %d vectors", where, len(res.Reports), len(want))
	}
	for i, raw := range res.Reports {
		var got any
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want[i]) {
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(want[i])
			t.Errorf("%s: %s:\n got %s\nwant %s (wxinspect decrypt --json)", where, vs[i].Name, g, w)
		}
	}
	for _, g := range res.Globals {
		if !slices.Contains(allowedGlobals, g) {
			t.Errorf("%s: load() left globalThis.%s behind (allowed: %v)", where, g, allowedGlobals)
		}
	}
	if res.Version == "" {
		t.Errorf("%s: no version", where)
	}
	if len(res.Text) != 1 || !bytes.Contains(res.Text[0], []byte(`"ok":true`)) || !bytes.Contains(res.Text[0], []byte(`"kind":"user"`)) {
		t.Errorf("%s: inspectText of the official sample as a log line: %s", where, res.Text)
	}
	if res.Call["method"] != "POST" || !strings.Contains(res.Call["curl"].(string), "$WX_ACCESS_TOKEN") || strings.Contains(res.Call["curl"].(string), "ACCESS_TOKEN'") {
		t.Errorf("%s: buildPhoneNumberCall: %v", where, res.Call)
	}
	if c, _ := res.RIDCall["curl"].(string); !strings.Contains(c, "/cgi-bin/openapi/rid/get?access_token=") || !strings.Contains(c, `{"rid":"6751a2f9-7d9b5d30-4f2b5c17"}`) || strings.Contains(c, "ACCESS_TOKEN'") {
		t.Errorf("%s: buildRIDCall: %v", where, res.RIDCall)
	}
	if res.Fixture["encrypted_data"] == nil || !strings.Contains(res.Fixture["plaintext"].(string), "13912345678") {
		t.Errorf("%s: fixture: %v", where, res.Fixture)
	}
	if len(res.Codes) < 15 || res.Codes[0]["code"] == "" {
		t.Errorf("%s: codes: %v", where, res.Codes)
	}
	if !strings.Contains(res.Message["message"], "12") || res.Message["hint"] == "" {
		t.Errorf("%s: describe: %v", where, res.Message)
	}
}

// TestNode runs the installed package under Node.js.
func TestNode(t *testing.T) {
	dir := project(t)
	cs, vs := calls(t)
	want := cliReports(t, vs)
	js, _ := json.Marshal(cs)
	test := filepath.Join(dir, "node-test.mjs")
	src := `import { load } from "wxinspect";
import { readFileSync } from "node:fs";
const calls = JSON.parse(readFileSync(process.argv[2], "utf8"));
` + script + `
process.stdout.write(JSON.stringify(result));
`
	if err := os.WriteFile(test, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "calls.json")
	if err := os.WriteFile(in, js, 0o644); err != nil {
		t.Fatal(err)
	}
	var res result
	out := run(t, dir, "node", test, in)
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%v: %.300s", err, out)
	}
	// wasm_exec.js installs fs and path where they are missing (Node.js has
	// process); Node.js 18 also gets crypto.
	check(t, "node", res, vs, want, "fs", "path", "crypto")
}

// TestBrowser runs the installed package in headless Chromium from a plain
// module script, served from the scratch project over loopback HTTP, and
// checks that the page asks for nothing but its own files.
func TestBrowser(t *testing.T) {
	dir := project(t)
	chrome := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chrome = p
			break
		}
	}
	if chrome == "" && os.Getenv("WXINSPECT_REQUIRE_BROWSER") != "" {
		t.Fatal("Chromium is not installed, and WXINSPECT_REQUIRE_BROWSER is set: run make chromium")
	}
	require(t, "Chromium is not installed", "run make chromium", chrome != "")
	cs, vs := calls(t)
	want := cliReports(t, vs)
	js, _ := json.Marshal(cs)
	page := `<!doctype html>
<meta charset="utf-8">
<title>wxinspect npm package</title>
<script type="application/json" id="calls">` + strings.ReplaceAll(string(js), "</", `<\/`) + `</script>
<script type="module">
import { load } from "./node_modules/wxinspect/index.js";
const calls = JSON.parse(document.getElementById("calls").textContent);
window.done = (async () => {
` + script + `
return JSON.stringify(result);
})();
</script>
`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	ctx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chrome), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()))
	defer cancel()
	ctx, cancel = chromedp.NewContext(ctx)
	defer cancel()
	// Start the browser with this context, not with the timeout's below.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var urls []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if ev, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			urls = append(urls, ev.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	tctx, tcancel := context.WithTimeout(ctx, 3*time.Minute)
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(srv.URL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	out, err := chromedp.Run(tctx, chromedp.Evaluate[string](`window.done`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var res result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %.300s", err, out)
	}
	// wasm_exec.js installs fs, path and process, which a browser lacks.
	check(t, "chromium", res, vs, want, "fs", "path", "process", "done") // done: the test page's own
	mu.Lock()
	defer mu.Unlock()
	for _, u := range urls {
		if !strings.HasPrefix(u, srv.URL+"/") {
			t.Errorf("the page asked for %s", u)
		}
	}
	if !slices.Contains(urls, srv.URL+"/node_modules/wxinspect/wxinspect.wasm") {
		t.Errorf("the module was not fetched from the package: %v", urls)
	}
}

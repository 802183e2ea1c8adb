//go:build !wasip1

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
	"github.com/tetratelabs/wazero/sys"

	"github.com/wxinspect/wxinspect/internal/testvectors"
)

// module builds the reactor once per test binary, as `make wasm` does.
var module = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "wxinspect-wasi")
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "wxinspect-wasi.wasm")
	cmd := exec.Command("go", "build", "-buildmode=c-shared", "-trimpath", "-o", out, ".")
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", errors.New("go build: " + err.Error() + "\n" + string(b))
	}
	return out, nil
})

func TestMain(m *testing.M) {
	code := m.Run()
	if path, err := module(); err == nil {
		os.RemoveAll(filepath.Dir(path))
	}
	os.Exit(code)
}

func vectors(t *testing.T) []testvectors.Vector {
	t.Helper()
	vs := testvectors.Load(t)
	if len(vs) < 20 {
		t.Fatalf("only %d vectors", len(vs))
	}
	return vs
}

// report is the part of the report schema the vectors pin down.
type report struct {
	OK    bool   `json:"ok"`
	Kind  string `json:"kind"`
	Error *struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		Hint       string `json:"hint"`
		WeChatCode int    `json:"wechat_code"`
	} `json:"error"`
	Findings []struct {
		Code string `json:"code"`
	} `json:"findings"`
}

func check(t *testing.T, v testvectors.Vector, out []byte) {
	t.Helper()
	var r report
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, out)
	}
	var code string
	var wechat int
	if r.Error != nil {
		code, wechat = r.Error.Code, r.Error.WeChatCode
		if r.Error.Message == "" || r.Error.Hint == "" {
			t.Errorf("error without message or hint: %s", out)
		}
	}
	var findings []string
	for _, f := range r.Findings {
		findings = append(findings, f.Code)
	}
	w := v.Want
	if r.OK != w.OK || r.Kind != w.Kind || code != w.Code || wechat != w.WeChatCode || !slices.Equal(findings, w.Findings) && len(findings)+len(w.Findings) > 0 {
		t.Errorf("got ok=%v kind=%q code=%q wechat_code=%d findings=%q\nwant ok=%v kind=%q code=%q wechat_code=%d findings=%q",
			r.OK, r.Kind, code, wechat, findings, w.OK, w.Kind, w.Code, w.WeChatCode, w.Findings)
	}
}

// inspect is the whole host side of the ABI, as a Go program embeds it.
func inspect(ctx context.Context, mod api.Module, input []byte) ([]byte, error) {
	return call(ctx, mod, "wxi_inspect", input)
}

// call calls the export fn (wxi_inspect or wxi_inspect_text) on input.
func call(ctx context.Context, mod api.Module, fn string, input []byte) ([]byte, error) {
	alloc := mod.ExportedFunction("wxi_alloc")
	free := mod.ExportedFunction("wxi_free")
	res, err := alloc.Call(ctx, uint64(len(input)))
	if err != nil {
		return nil, err
	}
	in := uint32(res[0])
	defer free.Call(ctx, uint64(in))
	if !mod.Memory().Write(in, input) {
		return nil, errors.New("wxi_alloc returned a buffer outside memory")
	}
	res, err = mod.ExportedFunction(fn).Call(ctx, uint64(in), uint64(len(input)))
	if err != nil {
		return nil, err
	}
	out, n := uint32(res[0]>>32), uint32(res[0])
	defer free.Call(ctx, uint64(out))
	b, ok := mod.Memory().Read(out, n)
	if !ok {
		return nil, errors.New(fn + " returned a report outside memory")
	}
	return bytes.Clone(b), nil
}

// host is one wazero runtime with the module compiled, shared by the tests:
// compiling takes seconds, and much longer under the race detector.
var host = sync.OnceValues(func() (*hostRuntime, error) {
	path, err := module()
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	r := wazero.NewRuntime(ctx)
	wasi_snapshot_preview1.MustInstantiate(ctx, r)
	cm, err := r.CompileModule(ctx, b)
	if err != nil {
		return nil, err
	}
	return &hostRuntime{r, cm}, nil
})

type hostRuntime struct {
	runtime wazero.Runtime
	module  wazero.CompiledModule
}

// instantiate starts an instance of the reactor, with a clock that reads *now.
func instantiate(t *testing.T, now *atomic.Int64) api.Module {
	t.Helper()
	h, err := host()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cfg := wazero.NewModuleConfig().
		WithName(t.Name()).
		WithStartFunctions("_initialize").
		WithWalltime(func() (int64, int32) { return now.Load(), 0 }, sys.ClockResolution(1))
	mod, err := h.runtime.InstantiateModule(ctx, h.module, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mod.Close(ctx) })
	return mod
}

func TestWazeroVectors(t *testing.T) {
	var now atomic.Int64
	mod := instantiate(t, &now)
	for _, v := range vectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			now.Store(v.Now)
			out, err := inspect(context.Background(), mod, []byte(v.Line()))
			if err != nil {
				t.Fatal(err)
			}
			check(t, v, out)
		})
	}
}

func TestWazeroLanguageAndBadInput(t *testing.T) {
	var now atomic.Int64
	now.Store(1700000000)
	mod := instantiate(t, &now)
	ctx := context.Background()
	out, err := inspect(ctx, mod, []byte(`{"session_key":"tiihtNczf5v6AKRyjwEUhQ==","iv":"r7BXXKkLb8qrSNn05n0qiA==","encrypted_data":"AAAA","lang":"zh-CN"}`))
	if err != nil {
		t.Fatal(err)
	}
	var r report
	if err := json.Unmarshal(out, &r); err != nil || r.Error == nil || r.Error.Code != "ciphertext_length" || !strings.Contains(r.Error.Message, "字节") {
		t.Errorf("want a Chinese ciphertext_length report, got %s", out)
	}
	for _, in := range []string{"", "null", "[]", "{", `"x"`} {
		out, err := inspect(ctx, mod, []byte(in))
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if err := json.Unmarshal(out, &r); err != nil || r.OK || r.Error == nil || r.Error.Code != "bad_input" {
			t.Errorf("%q: want bad_input, got %s", in, out)
		}
	}
}

// TestWazeroFreesMemory inspects many inputs: memory must stop growing once
// the buffers are freed and collected.
func TestWazeroFreesMemory(t *testing.T) {
	var now atomic.Int64
	now.Store(1700000000)
	mod := instantiate(t, &now)
	ctx := context.Background()
	in := []byte(`{"appid":"wx4f4bc4dec97d474b","session_key":"tiihtNczf5v6AKRyjwEUhQ==","iv":"r7BXXKkLb8qrSNn05n0qiA==","encrypted_data":"` + strings.Repeat("QUFB", 40000) + `"}`)
	var size uint32
	for i := range 400 {
		if _, err := inspect(ctx, mod, in); err != nil {
			t.Fatal(err)
		}
		if i == 50 {
			size = mod.Memory().Size()
		}
	}
	if grown := mod.Memory().Size(); grown > 2*size {
		t.Errorf("memory grew from %d to %d bytes over 350 calls of %d bytes: buffers are not freed", size, grown, len(in))
	}
}

func TestNodeWASI(t *testing.T) {
	node := nodeBin(t)
	path, err := module()
	if err != nil {
		t.Fatal(err)
	}
	var vs []testvectors.Vector
	var stdin strings.Builder
	for _, v := range vectors(t) {
		if v.Name == "watermark_future" {
			continue // depends on the clock, which node:wasi does not let us set
		}
		vs = append(vs, v)
		stdin.WriteString(v.Line() + "\n")
	}
	cmd := exec.Command(node, "--no-warnings", "testdata/inspect.mjs", path)
	cmd.Stdin = strings.NewReader(stdin.String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 4<<20)
	i := 0
	for ; sc.Scan(); i++ {
		if i < len(vs) {
			t.Run(vs[i].Name, func(t *testing.T) { check(t, vs[i], sc.Bytes()) })
		}
	}
	if i != len(vs) {
		t.Errorf("node printed %d reports for %d inputs", i, len(vs))
	}
}

// TestWazeroHighPointers grows the module's memory past 2 GiB and inspects
// an input in a buffer above it: pointers are unsigned 32-bit offsets, and
// wxi_free releases such a buffer too.
func TestWazeroHighPointers(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 2.3 GiB")
	}
	ctx := context.Background()
	// A runtime of its own that reserves the 4 GiB of a wasm32 memory at
	// once: growing a memory by copying it would take minutes here.
	path, err := module()
	if err != nil {
		t.Fatal(err)
	}
	wasm, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfig().WithMemoryCapacityFromMax(true))
	defer r.Close(ctx)
	wasi_snapshot_preview1.MustInstantiate(ctx, r)
	mod, err := r.InstantiateWithConfig(ctx, wasm, wazero.NewModuleConfig().WithStartFunctions("_initialize"))
	if err != nil {
		t.Fatal(err)
	}
	alloc := mod.ExportedFunction("wxi_alloc")
	free := mod.ExportedFunction("wxi_free")
	// 256 MiB buffers until one lies above 2 GiB; the input goes into it.
	var ptr uint32
	for range 12 {
		res, err := alloc.Call(ctx, 256<<20)
		if err != nil {
			t.Fatal(err)
		}
		if ptr = uint32(res[0]); ptr >= 1<<31 {
			break
		}
	}
	if ptr < 1<<31 {
		t.Fatalf("no buffer above 2 GiB (last at %#x)", ptr)
	}
	in := []byte(`{"appid":"wx4f4bc4dec97d474b","session_key":"tiihtNczf5v6AKRyjwEUhQ==","iv":"r7BXXKkLb8qrSNn05n0qiA==","encrypted_data":"CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew=="}`)
	if !mod.Memory().Write(ptr, in) {
		t.Fatal("cannot write the buffer")
	}
	inspectAt := func() report {
		t.Helper()
		res, err := mod.ExportedFunction("wxi_inspect").Call(ctx, uint64(ptr), uint64(len(in)))
		if err != nil {
			t.Fatal(err)
		}
		out, n := uint32(res[0]>>32), uint32(res[0])
		b, ok := mod.Memory().Read(out, n)
		if !ok {
			t.Fatal("report outside memory")
		}
		var r report
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
		free.Call(ctx, uint64(out))
		return r
	}
	if r := inspectAt(); !r.OK {
		t.Fatalf("input at %#x: not ok: %+v", ptr, r.Error)
	}
	free.Call(ctx, uint64(ptr))
	// Freed: the module no longer knows the buffer.
	if r := inspectAt(); r.OK || r.Error == nil || r.Error.Code != "bad_input" {
		t.Fatalf("after wxi_free(%#x) the buffer is still live", ptr)
	}
}

// pasteCorpus returns the requests of testdata/paste for wxi_inspect_text
// (the corpus's clock and appid, see its README) and, for each, the array
// of the reports expected: the lines of NAME.jsonl.
func pasteCorpus(t *testing.T) (names []string, reqs, want [][]byte) {
	dir := "../../testdata/paste"
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) < 30 {
		t.Fatalf("%d pastes in %s (%v), want the whole corpus", len(files), dir, err)
	}
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
		r := map[string]any{"text": string(text), "appid": "wx4f4bc4dec97d474b", "now": 1477314247}
		if strings.HasPrefix(name, "platform_") {
			// other platforms' pastes: no appid, the clock of testdata/platforms
			r = map[string]any{"text": string(text), "now": 1700000000}
		}
		req, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
		reqs = append(reqs, req)
		want = append(want, []byte("["+strings.ReplaceAll(strings.TrimSuffix(string(jsonl), "\n"), "\n", ",")+"]"))
	}
	return names, reqs, want
}

// TestWazeroPasteCorpus runs the corpus through wxi_inspect_text: the
// reports must be the core's, byte for byte.
func TestWazeroPasteCorpus(t *testing.T) {
	var now atomic.Int64
	now.Store(1700000000) // the requests' "now" must win over the clock
	mod := instantiate(t, &now)
	names, reqs, want := pasteCorpus(t)
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			out, err := call(context.Background(), mod, "wxi_inspect_text", reqs[i])
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, want[i]) {
				t.Errorf("reports differ from %s.jsonl:\ngot  %s\nwant %s", name, out, want[i])
			}
		})
	}
}

// TestNodeWASIPasteCorpus runs the corpus through wxi_inspect_text under
// node:wasi.
func TestNodeWASIPasteCorpus(t *testing.T) {
	node := nodeBin(t)
	path, err := module()
	if err != nil {
		t.Fatal(err)
	}
	names, reqs, want := pasteCorpus(t)
	cmd := exec.Command(node, "--no-warnings", "testdata/inspect.mjs", path, "text")
	cmd.Stdin = bytes.NewReader(append(bytes.Join(reqs, []byte("\n")), '\n'))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	got := bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n"))
	if len(got) != len(names) {
		t.Fatalf("node printed %d lines for %d requests", len(got), len(names))
	}
	for i, name := range names {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("%s: reports differ from %s.jsonl:\ngot  %s\nwant %s", name, name, got[i], want[i])
		}
	}
}

// TestWazeroPlatforms inspects every vector of testdata/platforms, the keys
// (AES, PEM) in the input object: the report is the command line's, byte for
// byte.
func TestWazeroPlatforms(t *testing.T) {
	var now atomic.Int64
	mod := instantiate(t, &now)
	for _, v := range testvectors.LoadPlatforms(t) {
		t.Run(v.Name, func(t *testing.T) {
			now.Store(v.Now)
			out, err := inspect(context.Background(), mod, []byte(v.Line()))
			if err != nil {
				t.Fatal(err)
			}
			if want := v.Report(t); !bytes.Equal(out, want) {
				t.Errorf("got  %s\nwant %s", out, want)
			}
		})
	}
}

// TestNodeWASIPlatforms runs the platforms' vectors under node:wasi, whose
// clock is the machine's: each report must be the vector's (ok, kind, code,
// findings) and quote no key.
func TestNodeWASIPlatforms(t *testing.T) {
	node := nodeBin(t)
	path, err := module()
	if err != nil {
		t.Fatal(err)
	}
	vs := testvectors.LoadPlatforms(t)
	var stdin strings.Builder
	for _, v := range vs {
		stdin.WriteString(v.Line() + "\n")
	}
	cmd := exec.Command(node, "--no-warnings", "testdata/inspect.mjs", path)
	cmd.Stdin = strings.NewReader(stdin.String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(got) != len(vs) {
		t.Fatalf("node printed %d reports for %d inputs", len(got), len(vs))
	}
	for i, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			var r report
			if err := json.Unmarshal([]byte(got[i]), &r); err != nil {
				t.Fatalf("%v: %s", err, got[i])
			}
			code := ""
			if r.Error != nil {
				code = r.Error.Code
			}
			var findings []string
			for _, f := range r.Findings {
				findings = append(findings, f.Code)
			}
			w := v.Want
			if r.OK != w.OK || r.Kind != w.Kind || code != w.Code || !slices.Equal(findings, w.Findings) && len(findings)+len(w.Findings) > 0 {
				t.Errorf("got ok=%v kind=%q code=%q findings=%q, want %+v", r.OK, r.Kind, code, findings, w)
			}
			secrets := []string{v.Keys.AESKey}
			if lines := strings.Split(v.PrivateKeyPEM, "\n"); len(lines) > 2 {
				secrets = append(secrets, lines[1]) // the first line of the key's base64
			}
			for _, s := range secrets {
				if s != "" && strings.Contains(got[i], s) {
					t.Errorf("the report quotes a key: %s", got[i])
				}
			}
		})
	}
}

// TestWazeroFixture makes a fixture of each platform with wxi_fixture and
// reads it back with wxi_inspect: an ok report of that platform. Alipay's and
// Douyin's new flow carry a fresh RSA key pair.
func TestWazeroFixture(t *testing.T) {
	var now atomic.Int64
	now.Store(1700000000)
	mod := instantiate(t, &now)
	ctx := context.Background()
	for _, c := range []struct{ req, platform string }{
		{`{"appid":"wx4f4bc4dec97d474b"}`, ""},
		{`{"platform":"qq","appid":"1109876543","kind":"user"}`, "qq"},
		{`{"platform":"douyin","appid":"tt0123456789abcdef"}`, "douyin"},
		{`{"platform":"kuaishou","appid":"ks658765432101234567"}`, "kuaishou"},
		{`{"platform":"feishu","appid":"6917460282735329282","timestamp":1699999940}`, "feishu"},
		{`{"platform":"baidu","app_key":"y2dTfnWfkx2OXttMEMWlGHoB1KzMogm7"}`, "baidu"},
		{`{"platform":"alipay"}`, "alipay"},
		{`{"platform":"douyin","new_flow":true,"appid":"tt0123456789abcdef"}`, "douyin"},
	} {
		f, err := call(ctx, mod, "wxi_fixture", []byte(c.req))
		if err != nil {
			t.Fatal(err)
		}
		var fx map[string]any
		if err := json.Unmarshal(f, &fx); err != nil || fx["error"] != nil {
			t.Fatalf("%s: %s", c.req, f)
		}
		var req map[string]any
		json.Unmarshal([]byte(c.req), &req)
		if req["appid"] != nil {
			fx["appid"] = req["appid"]
		}
		in, _ := json.Marshal(fx)
		rep, err := call(ctx, mod, "wxi_inspect", in)
		if err != nil {
			t.Fatal(err)
		}
		var r struct {
			OK       bool   `json:"ok"`
			Platform string `json:"platform"`
		}
		if err := json.Unmarshal(rep, &r); err != nil || !r.OK || r.Platform != c.platform {
			t.Errorf("%s: the fixture %s gives %s", c.req, f, rep)
		}
	}
	for _, req := range []string{`{"platform":"myspace","appid":"x"}`, `not json`, `{"platform":"qq"}`} {
		f, err := call(ctx, mod, "wxi_fixture", []byte(req))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(f, []byte(`{"error":{"code":"`)) {
			t.Errorf("%s: %s, want an error", req, f)
		}
	}
}

// nodeBin is the node command for the node:wasi host example; the test is
// skipped without it, unless make test asks for every browser-side test.
func nodeBin(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("WXINSPECT_REQUIRE_BROWSER") != "" {
			t.Fatal("node is not installed, and WXINSPECT_REQUIRE_BROWSER is set")
		}
		t.Skip("SKIP: node is not installed; the node:wasi host example is not tested")
	}
	return node
}

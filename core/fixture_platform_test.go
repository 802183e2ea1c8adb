//go:build !js

package core_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/rsakey"
)

// labelReader is a deterministic stream of bytes: SHA-256 of a label and a
// counter. Fixtures made with it are the same on every run, but for the RSA
// padding, which Go 1.26's crypto/rsa always draws from the system.
type labelReader struct {
	label string
	n     int
	buf   []byte
}

func (r *labelReader) Read(p []byte) (int, error) {
	for len(r.buf) < len(p) {
		s := sha256.Sum256([]byte(r.label + "/" + strconv.Itoa(r.n)))
		r.buf = append(r.buf, s[:]...)
		r.n++
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// testKey reads a fixed test key pair of testdata/platforms/keys.
func testKey(t testing.TB, name string) *rsakey.PrivateKey {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(platformDir, "keys", name))
	if err != nil {
		t.Fatal(err)
	}
	k, err := rsakey.ParsePrivateKey(b)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// platformFixture is one fixture case: a spec and the keys it is made with.
type platformFixture struct {
	name string
	spec core.FixtureSpec
	keys core.FixtureKeys
}

func platformFixtures(t testing.TB) []platformFixture {
	ts := time.Unix(1700000000-60, 0)
	alipay, douyin := testKey(t, "alipay_platform.key.pem"), testKey(t, "douyin_app.key.pem")
	var cs []platformFixture
	for _, p := range core.Platforms() {
		appID := map[core.Platform]string{
			core.PlatformWeChat: "wx4f4bc4dec97d474b", core.PlatformQQ: "1109876543",
			core.PlatformDouyin: "tt0123456789abcdef", core.PlatformKuaishou: "ks658765432101234567",
			core.PlatformFeishu: "6917460282735329282",
		}[p]
		for _, kind := range (core.FixtureSpec{Platform: p}).Kinds() {
			cs = append(cs, platformFixture{string(p) + "_" + string(kind),
				core.FixtureSpec{Platform: p, AppID: appID, Kind: kind, Time: ts},
				core.FixtureKeys{RSAKey: alipay}})
		}
	}
	return append(cs,
		platformFixture{"douyin_new_phone", core.FixtureSpec{Platform: core.PlatformDouyin, NewFlow: true, AppID: "tt0123456789abcdef", Time: ts},
			core.FixtureKeys{RSAKey: douyin}},
		platformFixture{"baidu_long_payload", core.FixtureSpec{Platform: core.PlatformBaidu, Kind: core.KindUser, AppKey: "y2dTfnWfkx2OXttMEMWlGHoB1KzMogm7",
			User: core.UserInfo{NickName: strings.Repeat("百度用户", 30)}}, core.FixtureKeys{}},
		platformFixture{"douyin_new_two_blocks", core.FixtureSpec{Platform: core.PlatformDouyin, NewFlow: true, AppID: "tt0123456789abcdef", Time: ts,
			Plaintext: []byte(`{"phoneNumber":"13800138000","filler":"` + strings.Repeat("x", 300) + `","watermark":{"appid":"tt0123456789abcdef","timestamp":1699999940}}`)},
			core.FixtureKeys{RSAKey: douyin}},
	)
}

// fixtureInput is a fixture as `wxinspect decrypt` reads it: the JSON object
// on stdin, and the keys from their files.
func fixtureInput(t testing.TB, js []byte, privateKey *rsakey.PrivateKey) core.Input {
	t.Helper()
	in, err := core.ParseInput(js)
	if err != nil {
		t.Fatal(err)
	}
	var keys struct {
		AESKey          string `json:"aes_key"`
		AlipayPublicKey string `json:"alipay_public_key"`
		PrivateKey      string `json:"private_key"`
		AppID           string `json:"appid"`
	}
	if err := json.Unmarshal(js, &keys); err != nil {
		t.Fatal(err)
	}
	in.AESKey = keys.AESKey
	if keys.AlipayPublicKey != "" {
		k, err := rsakey.ParsePublicKey([]byte(keys.AlipayPublicKey))
		if err != nil {
			t.Fatal(err)
		}
		in.AlipayPublicKey = k
	}
	if keys.PrivateKey != "" {
		if privateKey, err = rsakey.ParsePrivateKey([]byte(keys.PrivateKey)); err != nil {
			t.Fatal(err)
		}
	}
	if privateKey != nil && in.Platform == core.PlatformDouyin {
		in.PrivateKey = privateKey
	}
	in.Now = time.Unix(1700000000, 0)
	return in
}

// TestPlatformFixtures makes a fixture of every platform and kind and reads
// it back through Inspect, as `wxinspect decrypt --platform` does: a valid
// report, of the platform, with the appid or App Key checked.
func TestPlatformFixtures(t *testing.T) {
	for _, c := range platformFixtures(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f, err := core.MakeFixture(c.spec, c.keys, &labelReader{label: c.name})
			if err != nil {
				t.Fatal(err)
			}
			js := f.AppendJSON(nil)
			in := fixtureInput(t, js, testKey(t, "douyin_app.key.pem"))
			in.AppID = c.spec.AppID
			in.AppKey = c.spec.AppKey
			r := core.Inspect(in)
			wantKind := c.spec.Kind
			if wantKind == "" {
				wantKind = core.KindPhone
			}
			if c.spec.Plaintext != nil {
				wantKind = core.KindPhone
			}
			if !r.OK || r.Kind != wantKind || len(r.Findings) > 2 {
				t.Fatalf("report of %s: %s", js, r.AppendJSON(nil))
			}
			if r.Platform != c.spec.Platform {
				t.Errorf("platform %q, want %q", r.Platform, c.spec.Platform)
			}
			if r.Data.Raw != f.Plaintext {
				t.Errorf("data %s, plaintext %s", r.Data.Raw, f.Plaintext)
			}
			for _, fd := range r.Findings {
				switch fd.Code {
				case core.CodeAppIDNumber, core.CodePadding32, core.CodeLongPayload, core.CodeAppKeyUnchecked:
				default:
					t.Errorf("finding %s: %s", fd.Code, fd.Message)
				}
			}
			if c.spec.AppID != "" && c.spec.Platform != core.PlatformBaidu && c.spec.Platform != core.PlatformAlipay {
				if r.Watermark == nil || r.Watermark.Check != core.AppIDMatch {
					t.Errorf("watermark %+v, want the appid matched", r.Watermark)
				}
			}
		})
	}
}

// TestPlatformFixtureWrongKeys checks that the fixtures are not accepted
// under the wrong appid, App Key, key or signer: the fixture really is bound
// to what it names.
func TestPlatformFixtureWrongKeys(t *testing.T) {
	ts := time.Unix(1700000000-60, 0)
	alipay, other := testKey(t, "alipay_platform.key.pem"), testKey(t, "alipay_other.key.pem")
	douyinOther := testKey(t, "douyin_other.key.pem")
	mk := func(spec core.FixtureSpec, keys core.FixtureKeys) []byte {
		f, err := core.MakeFixture(spec, keys, &labelReader{label: "wrong"})
		if err != nil {
			t.Fatal(err)
		}
		return f.AppendJSON(nil)
	}
	for _, c := range []struct {
		name   string
		in     func() core.Input
		code   core.Code
		detail string
	}{
		{"qq_wrong_appid", func() core.Input {
			in := fixtureInput(t, mk(core.FixtureSpec{Platform: core.PlatformQQ, AppID: "1109876543", Time: ts}, core.FixtureKeys{}), nil)
			in.AppID = "1109876544"
			return in
		}, core.CodeAppIDMismatch, ""},
		{"feishu_float_appid", func() core.Input {
			in := fixtureInput(t, mk(core.FixtureSpec{Platform: core.PlatformFeishu, AppID: "6917460282735329282", Time: ts}, core.FixtureKeys{}), nil)
			in.AppID = "6917460282735329000" // what a float64 makes of it
			return in
		}, core.CodeAppIDMismatch, ""},
		{"baidu_wrong_app_key", func() core.Input {
			in := fixtureInput(t, mk(core.FixtureSpec{Platform: core.PlatformBaidu, AppKey: "y2dTfnWfkx2OXttMEMWlGHoB1KzMogm7"}, core.FixtureKeys{}), nil)
			in.AppKey = "y2dTfnWfkx2OXttMEMWlGHoB1KzMogm8"
			return in
		}, core.CodeAppKeyMismatch, ""},
		{"alipay_wrong_signer", func() core.Input {
			in := fixtureInput(t, mk(core.FixtureSpec{Platform: core.PlatformAlipay}, core.FixtureKeys{RSAKey: other}), nil)
			in.AlipayPublicKey = alipay.Public()
			return in
		}, core.CodeSignMismatch, ""},
		{"alipay_wrong_aes_key", func() core.Input {
			in := fixtureInput(t, mk(core.FixtureSpec{Platform: core.PlatformAlipay}, core.FixtureKeys{RSAKey: alipay}), nil)
			in.AESKey = "r5o3fhgnAEoKMS9Yyn0L2A=="
			return in
		}, core.CodeBadPadding, ""},
		{"douyin_new_wrong_key", func() core.Input {
			return fixtureInput(t, mk(core.FixtureSpec{Platform: core.PlatformDouyin, NewFlow: true, AppID: "tt0123456789abcdef", Time: ts}, core.FixtureKeys{RSAKey: testKey(t, "douyin_app.key.pem")}), douyinOther)
		}, core.CodeRSADecryptFailed, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := c.in()
			in.Now = time.Unix(1700000000, 0)
			r := core.Inspect(in)
			if r.OK || r.Error == nil || r.Error.Code != c.code {
				t.Errorf("report %s, want %s", r.AppendJSON(nil), c.code)
			}
		})
	}
}

// TestPlatformFixtureFreshKeys makes Alipay's and Douyin's fixtures with
// keys made for them: the fixture holds every key needed to read it back,
// and no private key that was given.
func TestPlatformFixtureFreshKeys(t *testing.T) {
	fresh := core.FixtureKeys{NewRSAKey: rsakey.NewFixtureKey}
	for _, spec := range []core.FixtureSpec{
		{Platform: core.PlatformAlipay},
		{Platform: core.PlatformDouyin, NewFlow: true, AppID: "tt0123456789abcdef"},
		{Platform: core.PlatformBaidu},
	} {
		f, err := core.MakeFixture(spec, fresh, &labelReader{label: "fresh"})
		if err != nil {
			t.Fatal(err)
		}
		js := f.AppendJSON(nil)
		in := fixtureInput(t, js, nil)
		in.Now = time.Time{}
		in.AppKey = f.AppKey
		if r := core.Inspect(in); !r.OK {
			t.Errorf("%s: %s", spec.Platform, r.AppendJSON(nil))
		}
		want := map[core.Platform]string{core.PlatformAlipay: `"aes_key"`, core.PlatformDouyin: `"private_key":"-----BEGIN PRIVATE KEY-----`, core.PlatformBaidu: `"app_key"`}[spec.Platform]
		if !bytes.Contains(js, []byte(want)) {
			t.Errorf("%s: no %s in %s", spec.Platform, want, js)
		}
	}
	// A key that was given is not repeated, nor is Alipay's private half.
	for _, spec := range []core.FixtureSpec{{Platform: core.PlatformAlipay}, {Platform: core.PlatformDouyin, NewFlow: true, AppID: "tt0"}} {
		f, err := core.MakeFixture(spec, core.FixtureKeys{RSAKey: testKey(t, "douyin_app.key.pem")}, &labelReader{label: "given"})
		if err != nil {
			t.Fatal(err)
		}
		if js := f.AppendJSON(nil); bytes.Contains(js, []byte("PRIVATE KEY")) {
			t.Errorf("%s: a private key in %s", spec.Platform, js)
		}
	}
	// Without a key nor a way to make one: missing private_key.
	if _, err := core.MakeFixture(core.FixtureSpec{Platform: core.PlatformAlipay}, core.FixtureKeys{}, &labelReader{}); core.CodeOf(err) != core.CodeMissingField {
		t.Errorf("no RSA key: %v", err)
	}
}

func TestPlatformFixtureErrors(t *testing.T) {
	for _, c := range []struct {
		spec core.FixtureSpec
		keys core.FixtureKeys
		code core.Code
	}{
		{core.FixtureSpec{Platform: core.PlatformAlipay, Kind: core.KindUser}, core.FixtureKeys{}, core.CodeBadInput},
		{core.FixtureSpec{Platform: core.PlatformDouyin, NewFlow: true, AppID: "tt0", Kind: core.KindUser}, core.FixtureKeys{}, core.CodeBadInput},
		{core.FixtureSpec{Platform: core.PlatformQQ, AppID: "1109876543", Kind: core.KindWeRun}, core.FixtureKeys{}, core.CodeBadInput},
		{core.FixtureSpec{Platform: core.PlatformQQ}, core.FixtureKeys{}, core.CodeMissingField},
		{core.FixtureSpec{Platform: "myspace", AppID: "x"}, core.FixtureKeys{}, core.CodeBadInput},
		{core.FixtureSpec{Platform: core.PlatformBaidu}, core.FixtureKeys{SessionKey: "AAAAAAAAAAAAAAAAAAAAAA=="}, core.CodeSessionKeyLength},
		{core.FixtureSpec{Platform: core.PlatformAlipay}, core.FixtureKeys{AESKey: "AAAA"}, core.CodeAESKeyLength},
		{core.FixtureSpec{Platform: core.PlatformAlipay}, core.FixtureKeys{AESKey: "#"}, core.CodeAESKeyBase64},
	} {
		if _, err := core.MakeFixture(c.spec, c.keys, &labelReader{}); core.CodeOf(err) != c.code {
			t.Errorf("%+v: %v, want %s", c.spec, err, c.code)
		}
	}
}

// TestPlatformFixturesNode decrypts every platform's fixture with Node's
// crypto (testdata/platforms/check.mjs), independently of our Go code.
func TestPlatformFixturesNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("WXINSPECT_REQUIRE_BROWSER") != "" {
			t.Fatal("node is not installed, and WXINSPECT_REQUIRE_BROWSER is set")
		}
		t.Skip("SKIP: node is not installed; fixtures are not checked with Node's crypto")
	}
	douyin, err := os.ReadFile(filepath.Join(platformDir, "keys", "douyin_app.key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	cases := platformFixtures(t)
	var in bytes.Buffer
	var plains []string
	for _, c := range cases {
		f, err := core.MakeFixture(c.spec, c.keys, &labelReader{label: c.name})
		if err != nil {
			t.Fatal(err)
		}
		var obj map[string]any
		if err := json.Unmarshal(f.AppendJSON(nil), &obj); err != nil {
			t.Fatal(err)
		}
		if c.spec.NewFlow {
			obj["private_key"] = string(douyin) // the test's key, which the fixture does not repeat
		}
		line, _ := json.Marshal(obj)
		in.Write(append(line, '\n'))
		plains = append(plains, f.Plaintext)
	}
	cmd := exec.Command(node, filepath.Join(platformDir, "check.mjs"))
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	i := 0
	for ; sc.Scan(); i++ {
		var res struct{ Plaintext, Error string }
		if err := json.Unmarshal(sc.Bytes(), &res); err != nil || i >= len(cases) {
			t.Fatalf("node printed %s", sc.Bytes())
		}
		if res.Error != "" || res.Plaintext != plains[i] {
			t.Errorf("%s: node: %s, want the plaintext %s", cases[i].name, sc.Bytes(), plains[i])
		}
	}
	if i != len(cases) {
		t.Errorf("node checked %d fixtures of %d", i, len(cases))
	}
}

// FuzzFixtureJSON: any request gives a fixture that Inspect reads back, or
// an error object; never a panic.
func FuzzFixtureJSON(f *testing.F) {
	for _, s := range []string{`{"appid":"wx4f4bc4dec97d474b"}`, `{"platform":"qq","appid":"1109876543","kind":"user"}`,
		`{"platform":"feishu","appid":"6917460282735329282","timestamp":1699999940}`, `{"platform":"baidu","app_key":"k","session_key":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}`,
		`{"platform":"alipay","aes_key":"AAAAAAAAAAAAAAAAAAAAAA=="}`, `{"platform":"douyin","new_flow":true,"appid":"tt0"}`, `[]`, `{"kind":5}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, req string) {
		out := core.FixtureJSON([]byte(req), &labelReader{label: "fuzz"}, nil)
		var o map[string]any
		if err := json.Unmarshal(out, &o); err != nil {
			t.Fatalf("not JSON: %s", out)
		}
		if o["error"] != nil {
			return
		}
		in, err := core.ParseInput(out)
		if err != nil {
			t.Fatalf("ParseInput(%s): %v", out, err)
		}
		in.AESKey, _ = o["aes_key"].(string)
		if r := core.Inspect(in); r.Data == nil {
			t.Fatalf("the fixture %s does not decrypt: %s", out, r.AppendJSON(nil))
		}
	})
}

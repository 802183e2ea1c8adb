//go:build js && wasm

// These tests run under Node:
//
//	PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test ./wasm/js
package main

import (
	"os"
	"slices"
	"strings"
	"syscall/js"
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/internal/testvectors"
)

var api js.Value

func TestMain(m *testing.M) {
	api = register(js.Global())
	os.Exit(m.Run())
}

// parse makes a JavaScript value from JSON text.
func parse(s string) js.Value { return js.Global().Get("JSON").Call("parse", s) }

func stringify(v js.Value) string { return js.Global().Get("JSON").Call("stringify", v).String() }

func findings(r js.Value) []string {
	var codes []string
	f := r.Get("findings")
	for i := 0; i < f.Length(); i++ {
		codes = append(codes, f.Index(i).Get("code").String())
	}
	return codes
}

func errorCode(r js.Value) string {
	if e := r.Get("error"); e.Truthy() {
		return e.Get("code").String()
	}
	return ""
}

func kind(r js.Value) string {
	if k := r.Get("kind"); k.Type() == js.TypeString {
		return k.String()
	}
	return ""
}

func TestGlobal(t *testing.T) {
	if !js.Global().Get("wxinspect").Equal(api) {
		t.Fatal("globalThis.wxinspect is not the API object")
	}
	if api.Get("version").String() != version {
		t.Errorf("version = %q", api.Get("version").String())
	}
}

func TestDecryptOfficialSample(t *testing.T) {
	r := api.Call("decrypt", api.Get("sample"))
	if !r.Get("ok").Bool() || kind(r) != "user" {
		t.Fatalf("official sample: %s", stringify(r))
	}
	if got := r.Get("data").Get("nickName").String(); got != "Band" {
		t.Errorf("nickName = %q, want Band", got)
	}
	w := r.Get("watermark")
	if w.Get("appid_check").String() != "match" || w.Get("timestamp").Int() != 1477314187 {
		t.Errorf("watermark = %s", stringify(w))
	}
}

// value is the vector's input as a page would pass it: its input line as an
// object, with the clock. Raw inputs, which are not objects the page could
// hold, are skipped.
func value(v testvectors.Vector) (js.Value, bool) {
	if v.Raw != "" {
		return js.Value{}, false
	}
	o := parse(v.Line())
	o.Set("now", v.Now)
	return o, true
}

// check compares a report with the vector's want.
func check(t *testing.T, v testvectors.Vector, r js.Value) {
	t.Helper()
	w := v.Want
	got := findings(r)
	if r.Get("ok").Bool() != w.OK || kind(r) != w.Kind || errorCode(r) != w.Code || !slices.Equal(got, w.Findings) && len(got)+len(w.Findings) > 0 {
		t.Errorf("%s: got %s\nwant ok=%v kind=%q code=%q findings=%q", v.Name, stringify(r), w.OK, w.Kind, w.Code, w.Findings)
	}
}

func TestDecryptVectors(t *testing.T) {
	for _, v := range testvectors.Load(t) {
		if o, ok := value(v); ok {
			check(t, v, api.Call("decrypt", o))
		}
	}
}

func TestDecryptMany(t *testing.T) {
	var vs []testvectors.Vector
	list := js.Global().Get("Array").New()
	for _, v := range testvectors.Load(t) {
		if o, ok := value(v); ok {
			vs = append(vs, v)
			list.Call("push", o)
		}
	}
	rs := api.Call("decryptMany", list)
	if rs.Length() != len(vs) {
		t.Fatalf("%d reports for %d inputs", rs.Length(), len(vs))
	}
	for i, v := range vs {
		check(t, v, rs.Index(i))
	}
	if n := api.Call("decryptMany", "not an array").Length(); n != 0 {
		t.Errorf("decryptMany(string) has %d reports, want 0", n)
	}
}

func TestDecryptBadInput(t *testing.T) {
	for _, in := range []any{js.Undefined(), js.Null(), "a string", 42, parse(`{"session_key": 123}`)} {
		r := api.Call("decrypt", in)
		if r.Get("ok").Bool() || errorCode(r) != "bad_input" {
			t.Errorf("decrypt(%v) = %s, want bad_input", in, stringify(r))
		}
	}
}

func TestDecryptLanguage(t *testing.T) {
	in := parse(`{"session_key": "short", "iv": "r7BXXKkLb8qrSNn05n0qiA==", "encrypted_data": "AAAA", "lang": "zh"}`)
	r := api.Call("decrypt", in)
	if msg := r.Get("error").Get("message").String(); !strings.Contains(msg, "字节") && !strings.Contains(msg, "不是") {
		t.Errorf("lang zh: message %q is not Chinese", msg)
	}
}

func TestExtract(t *testing.T) {
	s := core.OfficialSample()
	x := api.Call("extract", `{"detail":{"iv":"`+s.IV+`","encryptedData":"`+s.EncryptedData+`"},"session_key":"`+s.SessionKey+`","appId":"`+s.AppID+`"}`)
	if x.Get("iv").String() != s.IV || x.Get("encrypted_data").String() != s.EncryptedData ||
		x.Get("session_key").String() != s.SessionKey || x.Get("appid").String() != s.AppID {
		t.Errorf("extract = %s", stringify(x))
	}
	if r := api.Call("decrypt", x); !r.Get("ok").Bool() {
		t.Errorf("extracted input does not decrypt: %s", stringify(r))
	}
	if x := api.Call("extract"); x.Get("iv").String() != "" {
		t.Errorf("extract() = %s", stringify(x))
	}
}

func TestFixture(t *testing.T) {
	const key, iv = "5ppJO0jQ5bKY0lHEiKyjww==", "a5/zNzXgv2pGp5rTrjlczg=="
	cases := []struct {
		in    string
		kind  string
		field string
		want  string
	}{
		{`{"kind":"phone","phone":"13800138000"}`, "phone", "purePhoneNumber", "13800138000"},
		{`{"kind":"phone","phone":"2025550123","country_code":"1"}`, "phone", "countryCode", "1"},
		{`{"kind":"user","nickname":"Band","openid":"oTest"}`, "user", "nickName", "Band"},
		{`{"kind":"share","opengid":"GAbc"}`, "share", "openGId", "GAbc"},
		{`{"kind":"group","opengid":"GAbc","chat_type":1}`, "group", "opengid", "GAbc"},
	}
	for _, c := range cases {
		o := parse(c.in)
		o.Set("appid", "wx1234567890abcdef")
		o.Set("session_key", key)
		o.Set("iv", iv)
		o.Set("timestamp", 1700000000)
		f := api.Call("fixture", o)
		if f.Get("error").Truthy() || f.Get("session_key").String() != key || f.Get("iv").String() != iv {
			t.Fatalf("fixture(%s) = %s", c.in, stringify(f))
		}
		f.Set("appid", "wx1234567890abcdef")
		f.Set("now", 1700000100)
		r := api.Call("decrypt", f)
		if !r.Get("ok").Bool() || kind(r) != c.kind || r.Get("data").Get(c.field).String() != c.want {
			t.Errorf("fixture(%s) decrypts to %s", c.in, stringify(r))
		}
		if r.Get("watermark").Get("timestamp").Int() != 1700000000 {
			t.Errorf("fixture(%s): watermark %s", c.in, stringify(r.Get("watermark")))
		}
	}
}

func TestFixtureWeRun(t *testing.T) {
	f := api.Call("fixture", parse(`{"kind":"werun","appid":"wx1234567890abcdef","days":7,"seed":3}`))
	r := api.Call("decrypt", f)
	if kind(r) != "werun" || r.Get("data").Get("stepInfoList").Length() != 7 {
		t.Errorf("werun fixture decrypts to %s", stringify(r))
	}
}

func TestFixtureFreshKeys(t *testing.T) {
	a := api.Call("fixture", parse(`{"appid":"wx1234567890abcdef","kind":"phone","phone":"13800138000"}`))
	b := api.Call("fixture", parse(`{"appid":"wx1234567890abcdef","kind":"phone","phone":"13800138000"}`))
	for _, f := range []js.Value{a, b} {
		if len(f.Get("session_key").String()) != 24 || len(f.Get("iv").String()) != 24 {
			t.Fatalf("fixture = %s", stringify(f))
		}
	}
	if a.Get("session_key").String() == b.Get("session_key").String() || a.Get("iv").String() == b.Get("iv").String() {
		t.Error("two fixtures share a session_key or iv: the keys are not random")
	}
}

func TestFixtureErrors(t *testing.T) {
	for in, want := range map[string]string{
		`{"appid":"wxA","kind":"passport"}`: "bad_input",
		`{}`:                                "missing_field",
		`{"kind":"phone"}`:                  "missing_field",
		`{"appid":"wxA","kind":"phone","session_key":"YWJj"}`:                      "session_key_length",
		`{"appid":"wxA","kind":"phone","iv":"!!!!!!!!!!!!!!!!!!!!!!!!"}`:           "iv_base64",
		`{"appid":"wxA","kind":"share","session_key":"5ppJO0jQ5bKY0lHEiKyjww==A"}`: "session_key_base64",
	} {
		f := api.Call("fixture", parse(in))
		if got := errorCode(f); got != want || f.Get("error").Get("message").String() == "" {
			t.Errorf("fixture(%s) = %s, want error %s", in, stringify(f), want)
		}
	}
}

func TestBuildPhoneNumberCall(t *testing.T) {
	in := parse(`{"access_token":"ACCESS_TOKEN_1","code":"CODE_2","openid":"OPENID_3"}`)
	c := api.Call("buildPhoneNumberCall", in)
	if c.Get("method").String() != "POST" || !strings.Contains(c.Get("url").String(), "getuserphonenumber") ||
		!strings.Contains(c.Get("url").String(), "ACCESS_TOKEN_1") || !strings.Contains(c.Get("body").String(), `"CODE_2"`) {
		t.Errorf("call = %s", stringify(c))
	}
	if ct := c.Get("headers").Get("Content-Type"); ct.Type() != js.TypeString || !strings.Contains(ct.String(), "application/json") {
		t.Errorf("headers = %s", stringify(c.Get("headers")))
	}
	curl := c.Get("curl").String()
	if strings.Contains(curl, "ACCESS_TOKEN_1") || !strings.Contains(curl, "WX_ACCESS_TOKEN") || !strings.Contains(curl, "CODE_2") {
		t.Errorf("redacted curl = %s", curl)
	}
	in.Set("reveal", true)
	if curl := api.Call("buildPhoneNumberCall", in).Get("curl").String(); !strings.Contains(curl, "ACCESS_TOKEN_1") {
		t.Errorf("revealed curl = %s", curl)
	}
}

func TestCodesAndDescribe(t *testing.T) {
	codes := api.Call("codes")
	all := core.Codes()
	if codes.Length() != len(all) {
		t.Fatalf("%d codes, want %d", codes.Length(), len(all))
	}
	for i, c := range all {
		e := codes.Index(i)
		if e.Get("code").String() != string(c) || e.Get("wechat_code").Int() != c.WeChatCode() {
			t.Errorf("codes()[%d] = %s, want %s", i, stringify(e), c)
		}
	}
	d := api.Call("describe", "iv_length", "zh", "n", "12")
	msg, hint := core.CodeIVLength.Describe(core.Chinese, "n", "12")
	if d.Get("message").String() != msg || d.Get("hint").String() != hint || !strings.Contains(msg, "12") {
		t.Errorf("describe = %s, want %q, %q", stringify(d), msg, hint)
	}
	if d := api.Call("describe"); d.Get("message").String() != "" {
		t.Errorf("describe() = %s", stringify(d))
	}
}

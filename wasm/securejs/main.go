//go:build js && wasm

// Command securejs is the page's second module: API security mode
// (core/wxsecure) and the platforms that the main module leaves out (Baidu,
// Alipay, Douyin's RSA flow), compiled for the browser. It is separate from
// wasm/js because RSA and X.509 more than double the size of a module; the
// page loads it only when its Security mode tab opens, or when the main
// module reports platform_unavailable. It must be built with the tag
// wxinspect_platforms (core/platform_other.go). Like wasm/js it only converts
// JavaScript values and calls the core: reports cross as the JSON text of
// their AppendJSON, the same as the command line's --json.
//
// Once the module runs, globalThis.wxinspectSecure holds:
//
//	explain({capture, url, sym_key, sym_sn, rsa_key_pem, rsa_sn, cert_pem, cert_sn, lang})
//	    → the report of `wxinspect secure explain --json`, or
//	      {error: {code, message, hint}} when the capture or a key cannot be read, or
//	      {url_needed: true} when an answer is given without the API's URL
//	decrypt({platform, appid, session_key, iv, encrypted_data, app_key, response, sign,
//	    aes_key, alipay_public_key, data, private_key, max_age_seconds, lang, now})
//	    → the report of `wxinspect decrypt --json` (core.InspectJSON; the PEM keys
//	      are read by core/rsakey, a key that cannot be read is a bad_key report)
//	inspectText(text, {the same options}) → [report, …] (core.InspectTextJSON)
//	exportRecords(text, {the same options}, "jsonl"|"csv") → those reports as
//	    JSON Lines or CSV (core.AppendReportsJSONL, core.AppendReportsCSV)
//	errcodes() → [{errcode, en, zh}, …]: WeChat's server errcodes with their
//	    hints in English and Chinese (wxapi.ErrCodes), for the page's codes
//	    tab, which loads this module when it opens: the hints weigh about
//	    12 KB, too much for the main module
//	explainAnswer(text, lang) → the report of a pasted WeChat answer with
//	    its errcode's own hint (wxapi.ExplainAnswer), or null when text holds
//	    no answer with a non-zero errcode
//	callAPIs() → [[api, [param, …]], …]: the user-data calls of the page's
//	    call tab (wxapi.UserDataAPIs, wxapi.CallParams)
//	buildCall(api, {param: value, …, reveal}) → {method, url, headers, body,
//	    curl} (wxapi.BuildCall; curl shows the secrets only if reveal), or null
//	    for an API it does not know
//	version → the build's version string
//
// rsa_key_pem may hold the app's private key or only its public key. The
// keys live in the call's arguments only: nothing is kept between calls.
// It then calls globalThis.wxinspectSecureOnLoad(wxinspectSecure) if that is
// a function.
package main

import (
	"strings"
	"syscall/js"
	"time"

	"github.com/wxinspect/wxinspect/core"
	_ "github.com/wxinspect/wxinspect/core/rsakey" // the PEM keys of an input object
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxsecure"
)

// version is set at build time: -ldflags "-X main.version=…".
var version = "devel"

func main() {
	global := js.Global()
	j := global.Get("JSON")
	parse := j.Get("parse").Call("bind", j)
	api := global.Get("Object").New()
	api.Set("version", version)
	api.Set("explain", js.FuncOf(func(_ js.Value, args []js.Value) any {
		in := arg(args, 0)
		return parse.Invoke(string(explain(func(key string) string { return text(in, key) })))
	}))
	stringify := j.Get("stringify").Call("bind", j)
	jsonOf := func(v js.Value) []byte {
		if s := stringify.Invoke(v); s.Type() == js.TypeString {
			return []byte(s.String())
		}
		return nil
	}
	api.Set("decrypt", js.FuncOf(func(_ js.Value, args []js.Value) any {
		v := arg(args, 0)
		var defaults core.Input
		if now := v.Get("now"); v.Type() == js.TypeObject && now.Type() == js.TypeNumber && now.Float() > 0 {
			defaults.Now = time.Unix(int64(now.Float()), 0)
		}
		return parse.Invoke(string(core.InspectJSON(jsonOf(v), defaults).AppendJSON(nil)))
	}))
	reports := func(args []js.Value) []*core.Report {
		obj := global.Get("Object")
		req := obj.Call("assign", obj.New(), arg(args, 1))
		if t := arg(args, 0); t.Type() == js.TypeString {
			req.Set("text", t)
		} else {
			req.Set("text", "")
		}
		return core.InspectTextJSON(jsonOf(req))
	}
	api.Set("inspectText", js.FuncOf(func(_ js.Value, args []js.Value) any {
		out := []byte{'['}
		for i, r := range reports(args) {
			if i > 0 {
				out = append(out, ',')
			}
			out = r.AppendJSON(out)
		}
		return parse.Invoke(string(append(out, ']')))
	}))
	api.Set("exportRecords", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if f := arg(args, 2); f.Type() == js.TypeString && f.String() == "csv" {
			return string(core.AppendReportsCSV(nil, reports(args)))
		}
		return string(core.AppendReportsJSONL(nil, reports(args)))
	}))
	api.Set("errcodes", js.FuncOf(func(js.Value, []js.Value) any {
		all := wxapi.ErrCodes()
		list := make([]any, len(all))
		for i, c := range all {
			list[i] = map[string]any{"errcode": c, "en": wxapi.ErrCodeHint(c, core.English), "zh": wxapi.ErrCodeHint(c, core.Chinese)}
		}
		return list
	}))
	api.Set("explainAnswer", js.FuncOf(func(_ js.Value, args []js.Value) any {
		var s string
		if t := arg(args, 0); t.Type() == js.TypeString {
			s = t.String()
		}
		lang := ""
		if l := arg(args, 1); l.Type() == js.TypeString {
			lang = l.String()
		}
		if r := wxapi.ExplainAnswer(s, core.ParseLang(lang)); r != nil {
			return parse.Invoke(string(r.AppendJSON(nil)))
		}
		return nil
	}))
	api.Set("callAPIs", js.FuncOf(func(js.Value, []js.Value) any {
		list := make([]any, len(wxapi.UserDataAPIs))
		for i, a := range wxapi.UserDataAPIs {
			params := []any{}
			for _, p := range wxapi.CallParams(a) {
				params = append(params, p)
			}
			list[i] = []any{a, params}
		}
		return list
	}))
	api.Set("buildCall", js.FuncOf(func(_ js.Value, args []js.Value) any {
		name, v := "", arg(args, 1)
		if a := arg(args, 0); a.Type() == js.TypeString {
			name = a.String()
		}
		c := wxapi.BuildCall("", name, func(p string) string { return text(v, p) })
		if c == nil {
			return nil
		}
		headers := make(map[string]any, len(c.Header))
		for _, h := range c.Header {
			headers[h.Name] = h.Value
		}
		return map[string]any{"method": c.Method, "url": c.URL, "headers": headers, "body": string(c.Body),
			"curl": c.Curl(v.Type() == js.TypeObject && v.Get("reveal").Truthy())}
	}))
	global.Set("wxinspectSecure", api)
	if f := global.Get("wxinspectSecureOnLoad"); f.Type() == js.TypeFunction {
		f.Invoke(api)
	}
	select {} // keep the Go side alive for the callbacks
}

// arg returns args[i], or undefined.
func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// text returns a JavaScript string property, or "" for anything else.
func text(v js.Value, key string) string {
	if v.Type() != js.TypeObject {
		return ""
	}
	if p := v.Get(key); p.Type() == js.TypeString {
		return p.String()
	}
	return ""
}

// explain reads the capture and the keys as `wxinspect secure explain` does
// and returns the report's JSON.
func explain(get func(string) string) []byte {
	lang := core.ParseLang(get("lang"))
	m, err := wxsecure.ParseCapture([]byte(get("capture")))
	if err != nil {
		return problem(err, lang)
	}
	u := strings.TrimSpace(get("url"))
	k := &wxsecure.Keys{SymSN: strings.TrimSpace(get("sym_sn")), RSASN: strings.TrimSpace(get("rsa_sn"))}
	k.AppID, _ = wxsecure.HeaderValue(m.Header, wxsecure.HeaderAppID)
	if s := strings.TrimSpace(get("sym_key")); s != "" {
		if k.SymKey, err = wxsecure.ParseSymKey(s); err != nil {
			return problem(err, lang)
		}
	}
	pem := strings.TrimSpace(get("rsa_key_pem"))
	if pem == "" {
		pem = strings.TrimSpace(get("public_key_pem"))
	}
	if pem != "" {
		if k.Private, err = wxsecure.ParsePrivateKey([]byte(pem)); err != nil {
			if k.Public, err = wxsecure.ParsePublicKey([]byte(pem)); err != nil {
				return problem(err, lang)
			}
		}
	}
	if s := strings.TrimSpace(get("cert_pem")); s != "" {
		pub, err := wxsecure.ParseCertificate([]byte(s))
		if err != nil {
			return problem(err, lang)
		}
		k.Certs = []wxsecure.Cert{{SN: strings.TrimSpace(get("cert_sn")), Key: pub}}
	}
	path := wxsecure.APIPath(m, u)
	if path == "" {
		return []byte(`{"url_needed":true}`)
	}
	host := ""
	if i := strings.Index(u, "://"); i >= 0 {
		host, _, _ = strings.Cut(u[i+3:], "/")
	}
	if host == "api.weixin.qq.com" {
		host = ""
	}
	r := wxsecure.Explain(m, wxsecure.CanonicalURL(path), k, wxsecure.Options{Lang: lang, Host: host})
	return r.AppendJSON(nil)
}

// problem is {"error": {code, message, hint}} for a capture or key that
// cannot be read.
func problem(err error, lang core.Lang) []byte {
	var p *core.Problem
	if e, ok := err.(*wxsecure.Error); ok {
		p = e.Explain(lang)
	} else {
		p = core.Explain(err, lang)
	}
	return append(p.AppendJSON([]byte(`{"error":`)), '}')
}

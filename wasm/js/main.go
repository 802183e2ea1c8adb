//go:build js && wasm

// Command js is package core compiled for the browser (GOOS=js GOARCH=wasm).
// It only converts JavaScript values and calls the core; it has no logic of
// its own. Reports cross as the JSON text of Report.AppendJSON and are turned
// into objects by the page's own JSON.parse, which keeps encoding/json (and
// fmt and reflect) out of the module: see the size budget in mk/web.mk.
//
// Once the module runs, globalThis.wxinspect holds:
//
//	decrypt({appid, session_key, iv, encrypted_data, max_age_seconds, lang, now,
//	    platform, app_key, response, sign, data})
//	    → report, the schema of `wxinspect decrypt --json` (now: Unix seconds, for tests);
//	    Baidu, Alipay and Douyin's RSA flow give platform_unavailable: the
//	    page's second module (wasm/securejs) inspects them
//	view(input)              → {report, phone, repairs}: decrypt's report, the
//	    phone number as shown (core.PhoneInfo.Display), and the values repaired
//	    (core.Report.Repairs) as [[field, value, [[text, was, code], …]], …],
//	    a session_key masked in its segments; value is for a copy button
//	decryptMany([input, …])  → [report, …] in the same order, in one call
//	inspectText(text, {appid, max_age_seconds, lang, now})
//	    → [report, …], one per record of anything pasted (core.InspectText); the
//	    options fill what a record lacks
//	exportRecords(text, opts, "jsonl"|"csv") → inspectText's reports as JSON
//	    Lines or CSV (core.AppendReportsJSONL, core.AppendReportsCSV)
//	paste(form, text, index) → form with the fields of record index (default 0)
//	    of text filled, the others kept: {appid, session_key, iv, encrypted_data,
//	    platform, app_key, response, sign, data, aes_key, filled: [names], records: N}
//	    (core.Input.Paste; platform is "" when neither the form nor the
//	    paste names one)
//	extract(text)            → {appid, session_key, iv, encrypted_data} of the
//	    first record in pasted text
//	buildPhoneNumberCall({access_token, code, openid, reveal})
//	    → {method, url, headers, body, curl}; curl hides the access_token unless reveal
//	buildRIDCall({access_token, rid, reveal})
//	    → the same for rid/get
//	fixture({kind, appid, session_key, iv, timestamp, …})
//	    → {session_key, iv, encrypted_data, plaintext}, or {error: {code, message}}
//	codes()                  → [{code, wechat_code}, …], every code, errors first
//	describe(code, lang, name, value, …) → {message, hint}
//	sample                   → WeChat's official sample input (core.OfficialSample())
//	version                  → the build's version string
//
// and then calls globalThis.wxinspectOnLoad(wxinspect) if it is a function;
// the page's loader turns that into the Promise window.wxinspectReady.
package main

import (
	"syscall/js"

	"github.com/wxinspect/wxinspect/core"
)

// version is set at build time: -ldflags "-X main.version=…".
var version = "devel"

func main() {
	api := register(js.Global())
	if f := js.Global().Get("wxinspectOnLoad"); f.Type() == js.TypeFunction {
		f.Invoke(api)
	}
	select {} // keep the Go side alive for the callbacks
}

// register builds the API object and sets it as global.wxinspect.
func register(global js.Value) js.Value {
	j := global.Get("JSON")
	b := bridge{stringify: j.Get("stringify").Call("bind", j), parse: j.Get("parse").Call("bind", j), global: global}
	api := global.Get("Object").New()
	api.Set("version", version)
	api.Set("sample", map[string]any{
		core.FieldAppID:         core.OfficialSample().AppID,
		core.FieldSessionKey:    core.OfficialSample().SessionKey,
		core.FieldIV:            core.OfficialSample().IV,
		core.FieldEncryptedData: core.OfficialSample().EncryptedData,
	})
	api.Set("decrypt", js.FuncOf(b.decrypt))
	api.Set("decryptMany", js.FuncOf(b.decryptMany))
	api.Set("view", js.FuncOf(b.view))
	api.Set("exportRecords", js.FuncOf(b.exportRecords))
	api.Set("extract", js.FuncOf(b.extract))
	api.Set("inspectText", js.FuncOf(b.inspectText))
	api.Set("paste", js.FuncOf(b.paste))
	api.Set("buildPhoneNumberCall", js.FuncOf(b.buildPhoneNumberCall))
	api.Set("buildRIDCall", js.FuncOf(b.buildRIDCall))
	api.Set("fixture", js.FuncOf(b.fixture))
	api.Set("codes", js.FuncOf(b.codes))
	api.Set("describe", js.FuncOf(b.describe))
	global.Set("wxinspect", api)
	return api
}

// bridge holds the JavaScript functions the glue calls.
type bridge struct {
	stringify, parse js.Value
	global           js.Value
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

// number returns a JavaScript number property, or def.
func number(v js.Value, key string, def int64) int64 {
	if v.Type() != js.TypeObject {
		return def
	}
	if p := v.Get(key); p.Type() == js.TypeNumber {
		return int64(p.Float())
	}
	return def
}

// object parses JSON made by the core into a JavaScript value.
func (b bridge) object(json []byte) js.Value {
	return b.parse.Invoke(string(json))
}

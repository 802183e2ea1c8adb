//go:build js && wasm

package main

import (
	"syscall/js"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
)

// inspect runs core.InspectJSON on one input object, as JSON text, so that
// the core's own ParseInput reads it (snake_case or camelCase keys, lang,
// max_age_seconds) and a malformed one becomes a bad_input report.
func (b bridge) inspect(dst []byte, v js.Value) []byte {
	return b.report(v).AppendJSON(dst)
}

func (b bridge) report(v js.Value) *core.Report {
	var in []byte
	if s := b.stringify.Invoke(v); s.Type() == js.TypeString {
		in = []byte(s.String())
	}
	var defaults core.Input
	if now := number(v, "now", 0); now > 0 {
		defaults.Now = time.Unix(now, 0)
	}
	return core.InspectJSON(in, defaults)
}

// view is decrypt with what the page shows beside the report, which its
// JSON form leaves out (a session_key never goes into a report): phone, the
// number as core.PhoneInfo.Display writes it, and repairs, core.Report.Repairs
// as arrays (smaller glue than objects).
func (b bridge) view(_ js.Value, args []js.Value) any {
	r := b.report(arg(args, 0))
	o := b.global.Get("Object").New()
	o.Set("report", b.object(r.AppendJSON(nil)))
	if r.Data != nil && r.Kind == core.KindPhone {
		o.Set("phone", r.Data.Phone.Display())
	}
	var reps []any
	for _, p := range r.Repairs() {
		var segs []any
		for _, s := range p.Segments() {
			segs = append(segs, []any{s.Text, s.Was, string(s.Code)})
		}
		reps = append(reps, []any{p.Field, p.Value, segs})
	}
	o.Set("repairs", reps)
	return o
}

func (b bridge) decrypt(_ js.Value, args []js.Value) any {
	return b.object(b.inspect(nil, arg(args, 0)))
}

// decryptMany inspects a whole array in one call and hands back one JSON
// text, so that a pasted log costs one crossing each way, not one per record.
func (b bridge) decryptMany(_ js.Value, args []js.Value) any {
	list := arg(args, 0)
	if list.Type() != js.TypeObject {
		return b.object([]byte("[]"))
	}
	n := list.Length()
	out := make([]byte, 0, 1024*min(n, 4096)+2) // a report is about 1 KB
	out = append(out, '[')
	for i := 0; i < n; i++ {
		if i > 0 {
			out = append(out, ',')
		}
		out = b.inspect(out, list.Index(i))
	}
	return b.object(append(out, ']'))
}

// inspectText(text, {appid, max_age_seconds, lang, now}) is
// core.InspectTextJSON: the options and the text cross as one JSON text, read
// by the core as the WASI module's are.
func (b bridge) inspectText(_ js.Value, args []js.Value) any {
	out := []byte{'['}
	for i, r := range b.textReports(args) {
		if i > 0 {
			out = append(out, ',')
		}
		out = r.AppendJSON(out)
	}
	return b.object(append(out, ']'))
}

// exportRecords(text, opts, format) is the text of inspectText's reports as
// a file: core.AppendReportsCSV for format "csv", else
// core.AppendReportsJSONL.
func (b bridge) exportRecords(_ js.Value, args []js.Value) any {
	reps := b.textReports(args)
	if v := arg(args, 2); v.Type() == js.TypeString && v.String() == "csv" {
		return string(core.AppendReportsCSV(nil, reps))
	}
	return string(core.AppendReportsJSONL(nil, reps))
}

func (b bridge) textReports(args []js.Value) []*core.Report {
	var text string
	if v := arg(args, 0); v.Type() == js.TypeString {
		text = v.String()
	}
	opts := arg(args, 1)
	req := b.global.Get("Object").Call("assign", b.global.Get("Object").New(), opts)
	req.Set("text", text)
	var in []byte
	if s := b.stringify.Invoke(req); s.Type() == js.TypeString {
		in = []byte(s.String())
	}
	return core.InspectTextJSON(in)
}

// paste(form, text, index) is the core's paste rule (core.Input.Paste): the
// fields record index (default 0) of text holds replace the form's, the
// others stay; filled lists the fields filled.
func (b bridge) paste(_ js.Value, args []js.Value) any {
	form := arg(args, 0)
	var s string
	if v := arg(args, 1); v.Type() == js.TypeString {
		s = v.String()
	}
	recs := core.ReadText(s)
	i := int(0)
	if v := arg(args, 2); v.Type() == js.TypeNumber {
		i = v.Int()
	}
	if i < 0 || i >= len(recs) {
		i = 0
	}
	f := core.Input{
		AppID: text(form, core.FieldAppID), SessionKey: text(form, core.FieldSessionKey),
		IV: text(form, core.FieldIV), EncryptedData: text(form, core.FieldEncryptedData),
	}
	if p := text(form, "platform"); p != "" {
		f.Platform, _ = core.ParsePlatform(p)
	}
	f.AppKey, f.Response, f.Sign, f.Data = text(form, core.FieldAppKey), text(form, core.FieldResponse), text(form, core.FieldSign), text(form, core.FieldData)
	f.AESKey = text(form, core.FieldAESKey)
	in, filled := f.Paste(recs[i])
	o := b.global.Get("Object").New()
	o.Set(core.FieldAppID, in.AppID)
	o.Set(core.FieldSessionKey, in.SessionKey)
	o.Set(core.FieldIV, in.IV)
	o.Set(core.FieldEncryptedData, in.EncryptedData)
	o.Set("platform", string(in.Platform))
	o.Set(core.FieldAppKey, in.AppKey)
	o.Set(core.FieldResponse, in.Response)
	o.Set(core.FieldSign, in.Sign)
	o.Set(core.FieldData, in.Data)
	o.Set(core.FieldAESKey, in.AESKey)
	names := b.global.Get("Array").New()
	for _, n := range filled {
		names.Call("push", n)
	}
	o.Set("filled", names)
	o.Set("records", len(recs))
	return o
}

func (b bridge) extract(_ js.Value, args []js.Value) any {
	var s string
	if v := arg(args, 0); v.Type() == js.TypeString {
		s = v.String()
	}
	in := core.ReadText(s)[0]
	return map[string]any{
		core.FieldAppID:         in.AppID,
		core.FieldSessionKey:    in.SessionKey,
		core.FieldIV:            in.IV,
		core.FieldEncryptedData: in.EncryptedData,
	}
}

func (b bridge) codes(_ js.Value, _ []js.Value) any {
	all := core.Codes()
	list := make([]any, len(all))
	for i, c := range all {
		list[i] = map[string]any{"code": string(c), "wechat_code": c.WeChatCode()}
	}
	return list
}

// describe is core.Code.Describe: describe(code, lang, name, value, …).
func (b bridge) describe(_ js.Value, args []js.Value) any {
	var strs []string
	for _, a := range args {
		if a.Type() == js.TypeString {
			strs = append(strs, a.String())
		} else {
			strs = append(strs, "")
		}
	}
	for len(strs) < 2 {
		strs = append(strs, "")
	}
	msg, hint := core.Code(strs[0]).Describe(core.ParseLang(strs[1]), strs[2:]...)
	return map[string]any{"message": msg, "hint": hint}
}

// buildPhoneNumberCall is wxapi.NewPhoneNumberCall: the request, and the curl
// command that hides the access_token unless reveal is true.
func (b bridge) buildPhoneNumberCall(_ js.Value, args []js.Value) any {
	v := arg(args, 0)
	return callObject(v, wxapi.NewPhoneNumberCall("", text(v, "access_token"), text(v, "code"), text(v, "openid")))
}

// buildRIDCall is wxapi.NewRIDCall for the rid v.rid,
// the look-up the page offers for a pasted answer's rid.
func (b bridge) buildRIDCall(_ js.Value, args []js.Value) any {
	v := arg(args, 0)
	return callObject(v, wxapi.NewRIDCall("", text(v, "access_token"), text(v, "rid")))
}

// callObject is c for JavaScript; curl shows the secrets only if v.reveal.
func callObject(v js.Value, c *wxapi.Call) map[string]any {
	headers := make(map[string]any, len(c.Header))
	for _, h := range c.Header {
		headers[h.Name] = h.Value
	}
	reveal := v.Type() == js.TypeObject && v.Get("reveal").Truthy()
	return map[string]any{
		"method":  c.Method,
		"url":     c.URL,
		"headers": headers,
		"body":    string(c.Body),
		"curl":    c.Curl(reveal),
	}
}

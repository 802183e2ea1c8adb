package core

import (
	"strconv"
	"strings"
	"time"

	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// AppendJSON appends the report's JSON form, on one line:
//
//	{"line": 3,                       (only in a batch)
//	 "ok": true,
//	 "platform": "baidu",             (only when not WeChat)
//	 "kind": "phone|user|werun|share|group|unknown",   (once decrypted)
//	 "data": { ...the decrypted JSON object... },        (once decrypted)
//	 "watermark": {"appid", "timestamp", "time", "age_seconds", "age" (FormatAge, in the report's language), "appid_check", "expected_appid"},
//	 "error": {"code", "field", "message", "hint", "wechat_code"},  (only when ok is false)
//	 "input": [{"field", "line", "column", "length", "repaired_length", "preview"}],
//	 "findings": [{"code", "severity", "field", "message", "hint"}]}
//
// Each fact is given once: the error is in "error" and not among the
// findings, which hold every other observation (repairs, warnings, and any
// further error, such as a second missing field). A renderer shows the error,
// then every finding.
//
// "input" says how each field was read (not in the report of an input that
// could not be read at all): "field" is appid (when there is one),
// session_key, iv or encrypted_data; "line" and "column" (1-based, in
// characters) locate the value in pasted text, and are absent for a value
// given otherwise (a form field, a flag, a JSON input object); "length" is
// its length in characters as found, "repaired_length" after the repairs
// that the findings list; "preview" shows at most its first and last 4
// characters ("tiih…Uh==", and less of a short value), never the whole of it.
//
// "data" is the plaintext unchanged, except that line breaks and indentation
// between tokens are removed so that the report stays on one line.
func (r *Report) AppendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	if r.Line > 0 {
		dst = append(dst, `"line":`...)
		dst = strconv.AppendInt(dst, int64(r.Line), 10)
		dst = append(dst, ',')
	}
	dst = append(dst, `"ok":`...)
	dst = strconv.AppendBool(dst, r.OK)
	if !r.isWeChat() {
		dst = append(dst, `,"platform":`...)
		dst = jsontext.AppendString(dst, string(r.Platform))
	}
	if r.Data != nil {
		dst = append(dst, `,"kind":`...)
		dst = jsontext.AppendString(dst, string(r.Kind))
		dst = append(dst, `,"data":`...)
		dst = jsontext.AppendCompact(dst, r.Data.Raw)
	}
	if w := r.Watermark; w != nil {
		dst = append(dst, `,"watermark":{"appid":`...)
		dst = jsontext.AppendString(dst, w.AppID)
		dst = append(dst, `,"timestamp":`...)
		dst = strconv.AppendInt(dst, w.Timestamp, 10)
		dst = append(dst, `,"time":`...)
		dst = jsontext.AppendString(dst, rfc3339(w.Time))
		dst = append(dst, `,"age_seconds":`...)
		dst = strconv.AppendInt(dst, w.AgeSeconds, 10)
		dst = append(dst, `,"age":`...)
		dst = jsontext.AppendString(dst, w.Age)
		dst = append(dst, `,"appid_check":`...)
		dst = jsontext.AppendString(dst, string(w.Check))
		if w.Expected != "" {
			dst = append(dst, `,"expected_appid":`...)
			dst = jsontext.AppendString(dst, w.Expected)
		}
		dst = append(dst, '}')
	}
	if r.Error != nil {
		dst = append(dst, `,"error":`...)
		dst = r.Error.AppendJSON(dst)
	}
	if r.Input != nil {
		dst = append(dst, `,"input":[`...)
		for i, f := range r.Input {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"field":`...)
			dst = jsontext.AppendString(dst, f.Field)
			if f.Line > 0 {
				dst = append(dst, `,"line":`...)
				dst = strconv.AppendInt(dst, int64(f.Line), 10)
				dst = append(dst, `,"column":`...)
				dst = strconv.AppendInt(dst, int64(f.Column), 10)
			}
			dst = append(dst, `,"length":`...)
			dst = strconv.AppendInt(dst, int64(f.Length), 10)
			dst = append(dst, `,"repaired_length":`...)
			dst = strconv.AppendInt(dst, int64(f.RepairedLength), 10)
			dst = append(dst, `,"preview":`...)
			dst = jsontext.AppendString(dst, f.Preview)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"findings":[`...)
	for i, f := range r.Findings {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"code":`...)
		dst = jsontext.AppendString(dst, string(f.Code))
		dst = append(dst, `,"severity":`...)
		dst = jsontext.AppendString(dst, string(f.Severity))
		if f.Field != "" {
			dst = append(dst, `,"field":`...)
			dst = jsontext.AppendString(dst, f.Field)
		}
		dst = append(dst, `,"message":`...)
		dst = jsontext.AppendString(dst, f.Message)
		dst = append(dst, `,"hint":`...)
		dst = jsontext.AppendString(dst, f.Hint)
		dst = append(dst, '}')
	}
	return append(dst, "]}"...)
}

// AppendJSON appends the problem as {"code", "field", "message", "hint",
// "wechat_code", "rid"}; field, wechat_code and rid only when they are set.
func (p *Problem) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"code":`...)
	dst = jsontext.AppendString(dst, string(p.Code))
	if p.Field != "" {
		dst = append(dst, `,"field":`...)
		dst = jsontext.AppendString(dst, p.Field)
	}
	dst = append(dst, `,"message":`...)
	dst = jsontext.AppendString(dst, p.Message)
	dst = append(dst, `,"hint":`...)
	dst = jsontext.AppendString(dst, p.Hint)
	if p.WeChatCode != 0 {
		dst = append(dst, `,"wechat_code":`...)
		dst = strconv.AppendInt(dst, int64(p.WeChatCode), 10)
	}
	if p.RID != "" {
		dst = append(dst, `,"rid":`...)
		dst = jsontext.AppendString(dst, p.RID)
	}
	return append(dst, '}')
}

// MarshalJSON implements json.Marshaler with AppendJSON.
func (r *Report) MarshalJSON() ([]byte, error) { return r.AppendJSON(nil), nil }

// ErrorReport is the report of an input that a front end could not even
// hand to Inspect: a line of a batch that is not a JSON object (CodeBadInput,
// with args "detail", …), or more bytes than it reads (CodeInputTooLarge, with
// args "field", …, "n", …, "max", …). field names the input concerned, if any;
// args fill the code's message as in Code.Describe.
func ErrorReport(lang Lang, field string, code Code, args ...string) *Report {
	r := &Report{}
	r.fail(lang, field, code, args...)
	return r
}

// ParseInput reads one JSON object into an Input. It accepts the snake_case
// keys of the report schema ("session_key", "iv", "encrypted_data", "appid",
// "max_age_seconds", "lang") and the camelCase ones of a mini-program's
// e.detail and of logs ("sessionKey", "encryptedData", "appId"), and those of
// the other platforms ("platform", "app_key", "response", "sign", "data",
// "aes_key", and the PEM keys "alipay_public_key" and "private_key" when
// core/rsakey is linked: see RegisterKeyReaders); other keys are ignored.
// The error, if any, is a *BadInputError (code bad_input); a PEM key that
// cannot be read makes Inspect report bad_key.
func ParseInput(b []byte) (Input, error) {
	var in Input
	var bad string
	ok := jsontext.ParseObject(bufString(b), func(key string, v jsontext.Value) {
		if bad != "" {
			return
		}
		var dst *string
		switch key {
		case "appid", "appId", "app_id", "AppID":
			dst = &in.AppID
		case "session_key", "sessionKey", "SessionKey":
			dst = &in.SessionKey
		case "iv", "IV", "Iv":
			dst = &in.IV
		case "encrypted_data", "encryptedData", "EncryptedData":
			dst = &in.EncryptedData
		case "lang":
			if s, ok := v.String(); ok {
				in.Lang = ParseLang(s)
			} else if v.Kind != jsontext.Null {
				bad = `"lang" is not a string`
			}
			return
		case "max_age_seconds", "maxAgeSeconds":
			switch v.Kind {
			case jsontext.Null:
			case jsontext.Number:
				f, err := strconv.ParseFloat(v.Raw, 64)
				d, ok := maxAgeOfSeconds(f)
				if err != nil || !ok {
					bad = `"` + key + `" is out of range (0 to ` + strconv.FormatInt(int64(maxMaxAge/time.Second), 10) + ` seconds)`
					return
				}
				in.MaxAge = d
			default:
				bad = `"` + key + `" is not a number`
			}
			return
		default:
			in.parsePlatformKey(key, v, bufString(b), &bad)
			return
		}
		switch v.Kind {
		case jsontext.String:
			*dst, _ = v.String()
		case jsontext.Null:
		default:
			bad = `"` + key + `" is not a string`
		}
	})
	switch {
	case !ok:
		return Input{}, &BadInputError{Detail: "not a JSON object"}
	case bad != "":
		return Input{}, &BadInputError{Detail: bad}
	}
	// The strings must not share memory with b, which the caller may reuse.
	in.AppID = cloneString(in.AppID)
	in.SessionKey = cloneString(in.SessionKey)
	in.IV = cloneString(in.IV)
	in.EncryptedData = cloneString(in.EncryptedData)
	in.PlatformInput.clone()
	return in, nil
}

func cloneString(s string) string { return string([]byte(s)) }

// BadInputError is a ParseInput error: the object has a field of the wrong
// type.
type BadInputError struct{ Detail string }

func (e *BadInputError) Error() string { return "bad input: " + e.Detail }

// Report is the report of the unreadable input: code bad_input.
func (e *BadInputError) Report(lang Lang) *Report {
	return ErrorReport(lang, "", CodeBadInput, "detail", e.Detail)
}

// ErrorCode returns CodeBadInput.
func (e *BadInputError) ErrorCode() Code { return CodeBadInput }

// InspectJSON parses one JSON input object (see ParseInput) and inspects it.
// Fields set in defaults fill the ones the object leaves empty. An object
// that cannot be read yields a report with code bad_input.
func InspectJSON(b []byte, defaults Input) *Report {
	in, err := ParseInput(b)
	if err != nil {
		return err.(*BadInputError).Report(defaults.Lang)
	}
	return Inspect(in.WithDefaults(defaults))
}

// WithDefaults returns in with its empty fields taken from d.
func (in Input) WithDefaults(d Input) Input {
	if in.AppID == "" {
		in.AppID = d.AppID
	}
	if in.SessionKey == "" {
		in.SessionKey = d.SessionKey
	}
	if in.IV == "" {
		in.IV = d.IV
	}
	if in.EncryptedData == "" {
		in.EncryptedData = d.EncryptedData
	}
	if in.MaxAge == 0 {
		in.MaxAge = d.MaxAge
	}
	if in.Now.IsZero() {
		in.Now = d.Now
	}
	if in.Lang == "" {
		in.Lang = d.Lang
	}
	in.PlatformInput = in.PlatformInput.withDefaults(d.PlatformInput)
	return in
}

// maxMaxAge is the longest maximum age a front end accepts: 100 years. A
// number of seconds much larger would overflow time.Duration (past 9.2e9
// seconds) into a negative duration, which means no limit at all.
const maxMaxAge = 100 * 365 * 24 * time.Hour

// maxAgeOfSeconds converts a maximum age in seconds, false when it is
// negative, not a number or over maxMaxAge.
func maxAgeOfSeconds(f float64) (time.Duration, bool) {
	if !(f >= 0 && f <= float64(maxMaxAge/time.Second)) { // NaN fails both
		return 0, false
	}
	return time.Duration(f * float64(time.Second)), true
}

// ParseMaxAge reads a maximum age as every front end takes it: plain seconds
// ("300"), days ("7d") or a Go duration ("10m", "2h"), from 0 (no limit) to
// 100 years. The error is a *BadInputError.
func ParseMaxAge(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	bad := &BadInputError{Detail: "the maximum age " + strconv.Quote(s) + " is not a duration such as 300 (seconds), 10m, 2h or 7d, from 0 to 100 years"}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if d, ok := maxAgeOfSeconds(f); ok {
			return d, nil
		}
		return 0, bad
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if f, err := strconv.ParseFloat(days, 64); err == nil {
			if d, ok := maxAgeOfSeconds(f * 86400); ok {
				return d, nil
			}
		}
		return 0, bad
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 || d > maxMaxAge {
		return 0, bad
	}
	return d, nil
}

package core

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Input is what a debugging tool has in hand.
type Input struct {
	AppID         string // optional: without it the watermark appid is not checked
	SessionKey    string
	IV            string
	EncryptedData string
	MaxAge        time.Duration // optional: 0 means no limit
	Now           time.Time     // optional: the zero time means time.Now()
	Lang          Lang          // the language of messages and hints (default English)
	PlatformInput               // the platform (WeChat by default) and its own fields: platform.go

	// src says where ReadText found the fields; a field whose value has
	// changed since is reported as given.
	src *sources
	// unread is the 1-based line of a record ReadText made of a line that
	// holds no field (see unreadableLines); 0 for every other input.
	unread int32
	// the err_no and err_tips of a pasted get_phonenumber_info answer
	errNo, errTips string
}

// Report is everything Inspect found out. It is the one schema of every front
// end; see AppendJSON for its JSON form.
type Report struct {
	OK        bool
	Kind      Kind            // set when the data decrypted to a JSON object
	Data      *Data           // the decrypted payload, or nil
	Watermark *WatermarkCheck // nil when there was no watermark to read
	Error     *Problem        // why OK is false; nil when OK
	Findings  []Finding       // every other observation: repairs, warnings, further errors
	Input     []InputField    // how each input field was read; nil in an ErrorReport
	Line      int             // the input's line number in a batch; 0 when not in one
	Platform  Platform        // the platform of the data: WeChat unless the input said otherwise

	repaired *repairState // the values repaired, for Repairs; never output
}

// InputField says how one input field was read, so that a user can see
// whether a paste was misread.
type InputField struct {
	Field string // FieldAppID, FieldSessionKey, FieldIV or FieldEncryptedData
	// Line and Column (1-based, in characters) locate the value in the text
	// ReadText read; both are 0 for a value given otherwise (a form field, a
	// flag, a JSON input object).
	Line, Column int
	Length       int // characters as found (in the text, or as given)
	// RepairedLength is the length in characters of the value that was
	// decoded, after every repair; for a value that could not be decoded,
	// of the reading that explains the error.
	RepairedLength int
	// Preview shows at most the first 4 and the last 4 characters, and
	// always hides at least a third of the value: never a whole session_key.
	Preview string
}

// AppIDCheck says how the watermark appid compared with the one expected.
type AppIDCheck string

// The outcomes of the appid check.
const (
	AppIDMatch     AppIDCheck = "match"
	AppIDMismatch  AppIDCheck = "mismatch"
	AppIDUnchecked AppIDCheck = "unchecked"
)

// WatermarkCheck is the watermark with what was checked about it.
type WatermarkCheck struct {
	AppID      string
	Timestamp  int64
	Time       time.Time // UTC
	AgeSeconds int64     // negative when the watermark is in the future
	Age        string    // |AgeSeconds| as FormatAge writes it in the report's language
	Check      AppIDCheck
	Expected   string // the appid given, if any
}

// Problem is an error explained: the error of a report that is not ok, or
// what Explain makes of any error of this module.
type Problem struct {
	Code    Code
	Field   string // the input concerned, if any
	Message string
	Hint    string
	// WeChatCode is WeChat's number for the failure: the official demo's
	// (-41001…-41003) for decryption, the errcode for a failed call; or 0.
	WeChatCode int
	RID        string // the request id of a failed call, for WeChat's API 报错诊断 tool
}

// Finding is one observation about the input.
type Finding struct {
	Code     Code
	Severity Severity
	Field    string // the input field concerned, if any
	Message  string
	Hint     string
}

// futureSkew is how far ahead of the clock a watermark may be before a
// finding says so: clocks drift.
const futureSkew = 5 * time.Minute

// Inspect runs every check on in and explains the outcome. It never fails:
// whatever the input, it returns a report. Where strict decoding fails it
// tries to undo transport damage (quotes, whitespace, URL encoding, '+' turned
// into spaces, the URL-safe alphabet, stripped padding) and succeeds only if
// the repaired input decrypts to JSON, reporting each repair.
func Inspect(in Input) *Report {
	if in.unread > 0 {
		return unreadableReport(in)
	}
	if e := in.badKey(); e != nil {
		return e.report(in.Lang)
	}
	why := in.detectPlatform()
	r := &Report{Platform: in.Platform.orWeChat()}
	used := [nInputs]string{strings.TrimSpace(in.AppID), in.SessionKey, in.IV, in.EncryptedData}
	for f := nWeChatInputs; f < nInputs; f++ {
		used[f] = *in.field(f)
	}
	defer func() {
		r.Input = inputSection(&in, &used)
		if used[inSessionKey] != in.SessionKey || used[inIV] != in.IV || used[inEncryptedData] != in.EncryptedData {
			r.repaired = &repairState{given: [nInputs]string{in.AppID, in.SessionKey, in.IV, in.EncryptedData}, used: used}
		}
	}()
	if why == reasonElsewhere {
		name := "another platform"
		if in.Lang == Chinese {
			name = "其他平台"
		}
		r.fail(in.Lang, "", CodePlatformUnavailable, "platform", name)
		return r
	}
	if why != noReason {
		r.notePlatformDetected(in, why)
	}
	if r.inspectPlatform(in) {
		return r
	}
	lang := in.Lang
	if in.src != nil {
		for f := inSessionKey; f < nInputs; f++ {
			if s := &in.src[f]; s.joined && s.value == *in.field(f) {
				r.note(lang, SeverityWarning, inputNames[f], CodeWhitespace, "field", inputNames[f])
			}
		}
	}

	// Missing and oversized fields end the inspection.
	missing := false
	for _, f := range [...]struct{ name, v string }{
		{FieldSessionKey, in.SessionKey}, {FieldIV, in.IV}, {FieldEncryptedData, in.EncryptedData},
	} {
		if strings.TrimSpace(f.v) == "" {
			r.fail(lang, f.name, CodeMissingField, "field", f.name)
			missing = true
		}
	}
	for _, f := range [...]struct{ name, v string }{
		{FieldAppID, in.AppID}, {FieldSessionKey, in.SessionKey}, {FieldIV, in.IV}, {FieldEncryptedData, in.EncryptedData},
	} {
		if len(f.v) > MaxFieldLen {
			r.fail(lang, f.name, CodeInputTooLarge, "field", f.name, "n", strconv.Itoa(len(f.v)), "max", strconv.Itoa(MaxFieldLen))
			missing = true
		}
	}
	if missing {
		return r
	}

	// The literal input, read as a server reads it: the common case, and the
	// one that must be fast.
	if a := tryLiteral(in); a != nil {
		r.succeed(in, a)
		return r
	}

	key := candidates(FieldSessionKey, in.SessionKey)
	iv := candidates(FieldIV, in.IV)
	data := candidates(FieldEncryptedData, in.EncryptedData)

	// Decode every candidate; a field whose candidates all fail is an error.
	keys, kerr := decodeUsed(FieldSessionKey, key, &used[inSessionKey])
	ivs, iverr := decodeUsed(FieldIV, iv, &used[inIV])
	datas, derr := decodeUsed(FieldEncryptedData, data, &used[inEncryptedData])
	for _, e := range []*InputError{kerr, iverr, derr} {
		if e != nil {
			r.failInput(lang, e)
		}
	}
	if r.Error != nil {
		return r
	}
	if kerr == nil {
		used[inSessionKey] = keys[0].value
	}
	if iverr == nil {
		used[inIV] = ivs[0].value
	}
	if derr == nil {
		used[inEncryptedData] = datas[0].value
	}

	// Try the combinations, most literal first; the first that decrypts to
	// JSON wins. Otherwise the most literal one explains the failure.
	var first *attempt
	for _, k := range keys {
		for _, v := range ivs {
			for _, c := range datas {
				a := try(k, v, c)
				if a.code == "" {
					used[inSessionKey], used[inIV], used[inEncryptedData] = k.value, v.value, c.value
					r.succeed(in, a)
					return r
				}
				if first == nil {
					first = a
				}
			}
		}
	}
	used[inSessionKey], used[inIV], used[inEncryptedData] = first.key.value, first.iv.value, first.data.value
	r.addRepairs(lang, first)
	r.fail(lang, FieldEncryptedData, first.code)
	if (first.code == CodeBadPadding || first.code == CodeNotJSON) && r.isWeChat() {
		r.Error.WeChatCode = wechatIllegalBuffer
	}
	return r
}

// candidate is one reading of an input field, with the repairs it took.
type candidate struct {
	field   string
	value   string
	repairs []Code
	bytes   []byte // decoded
}

type attempt struct {
	key, iv, data candidate
	code          Code // "" on success
	payload       *Data
	parsed        parsed
}

// tryLiteral decrypts the input as given, with no repair; it returns nil if
// that fails in any way.
func tryLiteral(in Input) *attempt {
	var key, iv [16]byte
	if decodeBlock(FieldSessionKey, in.SessionKey, &key) != nil || decodeBlock(FieldIV, in.IV, &iv) != nil {
		return nil
	}
	buf, err := decodeCiphertext(in.EncryptedData)
	if err != nil {
		return nil
	}
	cbcDecrypt(&key, &iv, buf)
	n, ok := unpad(buf)
	if !ok {
		return nil
	}
	a := &attempt{
		key:     candidate{field: FieldSessionKey, value: in.SessionKey},
		iv:      candidate{field: FieldIV, value: in.IV},
		data:    candidate{field: FieldEncryptedData, value: in.EncryptedData},
		payload: new(Data),
	}
	if a.parsed, ok = parsePlaintext(buf[:n], a.payload); !ok {
		return nil
	}
	return a
}

// try decrypts one combination of candidates.
func try(k, v, c *candidate) *attempt {
	a := &attempt{key: *k, iv: *v, data: *c}
	var key, iv [16]byte
	copy(key[:], k.bytes)
	copy(iv[:], v.bytes)
	buf := append([]byte(nil), c.bytes...)
	cbcDecrypt(&key, &iv, buf)
	n, ok := unpad(buf)
	if !ok {
		a.code = CodeBadPadding
		return a
	}
	plain := buf[:n]
	a.payload = new(Data)
	if a.parsed, ok = parsePlaintext(plain, a.payload); !ok {
		a.payload = nil
		if ivMismatch(plain) {
			a.code = CodeIVMismatch
		} else {
			a.code = CodeNotJSON
		}
	}
	return a
}

// ivMismatch tells a wrong iv from a wrong key. In CBC the iv only enters the
// first block, so with the right key and another request's iv the plaintext
// is garbage for 16 bytes and then the rest of WeChat's JSON, clean text that
// ends the object. A wrong key garbles every block.
func ivMismatch(p []byte) bool {
	if len(p) <= 16 {
		return false
	}
	head, tail := p[:16], p[16:]
	t := strings.TrimRight(string(tail), " \t\r\n")
	return !isText(head) && isText(tail) && strings.HasSuffix(t, "}") && strings.Contains(t, `"`)
}

// isText reports whether b is valid UTF-8 without control characters other
// than whitespace.
func isText(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			return false
		}
	}
	return true
}

func (r *Report) succeed(in Input, a *attempt) {
	lang := in.Lang
	d, p := a.payload, a.parsed
	r.platformPayload(lang, d, &p)
	r.Data = d
	r.Kind = d.Kind
	r.addRepairs(lang, a)
	// Line breaks inside base64 pass Go's decoder but not every backend's.
	for _, c := range [...]*candidate{&a.key, &a.iv, &a.data} {
		if len(c.repairs) == 0 && (strings.IndexByte(c.value, '\n') >= 0 || strings.IndexByte(c.value, '\r') >= 0) {
			r.note(lang, SeverityWarning, c.field, CodeWhitespace, "field", c.field)
		}
	}
	if !p.hasWatermark {
		r.fail(lang, "", CodeWatermarkMissing)
		return
	}
	now := in.Now
	if now.IsZero() {
		now = time.Now()
	}
	w := d.Watermark
	age := now.Sub(w.Time())
	r.Watermark = &WatermarkCheck{
		AppID: w.AppID, Timestamp: w.Timestamp, Time: w.Time(),
		AgeSeconds: int64(age / time.Second), Age: FormatAge(age, lang),
		Check: AppIDUnchecked, Expected: shownAppID(in),
	}
	if age < -futureSkew {
		r.note(lang, SeverityWarning, "", CodeWatermarkFuture, "time", rfc3339(w.Time()))
	}
	switch {
	case in.AppID == "":
		r.note(lang, SeverityWarning, FieldAppID, CodeAppIDUnchecked, "got", w.AppID)
	case strings.TrimSpace(in.AppID) == w.AppID:
		r.Watermark.Check = AppIDMatch
	default:
		r.Watermark.Check = AppIDMismatch
		r.fail(lang, FieldAppID, CodeAppIDMismatch, "got", w.AppID, "want", shownAppID(in))
		return
	}
	if in.MaxAge > 0 && age > in.MaxAge {
		r.fail(lang, "", CodeWatermarkExpired, "time", rfc3339(w.Time()),
			"age", FormatAge(age, lang), "max", FormatAge(in.MaxAge, lang))
		return
	}
	r.OK = true
}

func (r *Report) addRepairs(lang Lang, a *attempt) {
	for _, c := range [...]*candidate{&a.key, &a.iv, &a.data} {
		for _, code := range c.repairs {
			if !r.noted(code, c.field) {
				r.note(lang, SeverityWarning, c.field, code, "field", c.field)
			}
		}
	}
}

// noted tells whether a finding with code about field is already there.
func (r *Report) noted(code Code, field string) bool {
	for _, f := range r.Findings {
		if f.Code == code && f.Field == field {
			return true
		}
	}
	return false
}

// inputSection says how each field of in was read; used holds the values
// decoded.
func inputSection(in *Input, used *[nInputs]string) []InputField {
	out := make([]InputField, 0, nInputs)
	// Alipay and Douyin's new flow have no session_key, iv nor encryptedData.
	weChatFields := in.Platform != PlatformAlipay && !(in.Platform == PlatformDouyin && in.Data != "" && in.IV == "" && in.EncryptedData == "")
	for f := range nInputs {
		v := *in.field(f)
		if f == inAppID && v == "" || f >= nWeChatInputs && (v == "" || f >= inErrNo || f == inSignType) || v == "" && !weChatFields {
			continue
		}
		if f == inData && strings.HasPrefix(v, "{") {
			continue // a whole get_phonenumber_info answer, not a value given
		}
		x := InputField{
			Field:          inputNames[f],
			Length:         utf8.RuneCountInString(v),
			RepairedLength: utf8.RuneCountInString(used[f]),
			Preview:        preview(v),
		}
		if in.src != nil && in.src[f].value == v && v != "" {
			s := &in.src[f]
			x.Line, x.Column, x.Length = int(s.line), int(s.column), int(s.length)
		}
		out = append(out, x)
	}
	return out
}

// preview masks v: at most its first and last 4 characters, and never more
// than a third of it at each end, so that no value shows whole.
func preview(v string) string {
	n := utf8.RuneCountInString(v)
	if n == 0 {
		return ""
	}
	k := min(4, n/3)
	i := 0
	for range k {
		_, size := utf8.DecodeRuneInString(v[i:])
		i += size
	}
	j := len(v)
	for range k {
		_, size := utf8.DecodeLastRuneInString(v[:j])
		j -= size
	}
	return v[:i] + "…" + v[j:]
}

func (r *Report) note(lang Lang, sev Severity, field string, code Code, args ...string) {
	msg, hint := describeFor(r.Platform, code, lang, args...)
	r.Findings = append(r.Findings, Finding{Code: code, Severity: sev, Field: field, Message: msg, Hint: hint})
}

// fail records an error: the first one is the report's error, and only
// there; any later one is a finding of severity error.
func (r *Report) fail(lang Lang, field string, code Code, args ...string) {
	r.OK = false
	if r.Error != nil {
		r.note(lang, SeverityError, field, code, args...)
		return
	}
	msg, hint := describeFor(r.Platform, code, lang, args...)
	r.Error = &Problem{Code: code, Field: field, Message: msg, Hint: hint}
	if r.isWeChat() {
		r.Error.WeChatCode = code.WeChatCode()
	}
}

func (r *Report) failInput(lang Lang, e *InputError) {
	r.fail(lang, e.Field, e.Code, e.args()...)
}

// decodeCandidates decodes each candidate, keeping those of the right shape.
// If none is, the error is that of the most literal candidate, and *used
// the value that had it.
func decodeCandidates(field string, cs []*candidate) ([]*candidate, *InputError) {
	var used string
	return decodeUsed(field, cs, &used)
}

// decodeUsed is decodeCandidates, and sets *used to the value whose error
// it returns.
func decodeUsed(field string, cs []*candidate, used *string) ([]*candidate, *InputError) {
	var ok []*candidate
	var first *InputError
	for _, c := range cs {
		var err error
		if field == FieldEncryptedData {
			c.bytes, err = decodeCiphertext(c.value)
		} else {
			var b [16]byte
			err = decodeBlock(field, c.value, &b)
			c.bytes = b[:]
		}
		if err != nil {
			e := err.(*InputError)
			e.Field = field
			if first == nil || isLengthError(e.Code) && !isLengthError(first.Code) {
				first = e
				*used = c.value
			}
			continue
		}
		ok = append(ok, c)
	}
	if len(ok) == 0 {
		return nil, first
	}
	return ok, nil
}

// isLengthError tells a value that decodes but has the wrong length, which
// is the better explanation when another reading is not base64 at all.
func isLengthError(c Code) bool {
	return c == CodeSessionKeyLength || c == CodeIVLength || c == CodeCiphertextLength
}

// shownAppID is the appid given, as a report may quote it: "***" when it is
// the session_key, or looks like one (base64 of 16 bytes), pasted into the
// wrong field; a report must not print a key it was not asked to.
func shownAppID(in Input) string {
	a := strings.TrimSpace(in.AppID)
	if a == "" {
		return ""
	}
	if a == strings.TrimSpace(in.SessionKey) || len(a) == 24 && strings.HasSuffix(a, "==") {
		if _, err := base64.StdEncoding.DecodeString(a); err == nil || a == strings.TrimSpace(in.SessionKey) {
			return "***"
		}
	}
	return a
}

package core

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// The fields a reader fills, in the order bare values take them after the
// appid; then those of other platforms, which only keys name.
const (
	inAppID = iota
	inSessionKey
	inIV
	inEncryptedData
	inData     // Douyin's get_phonenumber_info data (Inspect moves it there)
	inAppKey   // Baidu
	inResponse // Alipay …
	inSign     //
	inSignType //
	inAESKey   // … and the console's AES key
	inErrNo    // Douyin's get_phonenumber_info answer
	inErrTips  //
	nInputs
	nWeChatInputs = inData // the fields every input section lists
)

var inputNames = [nInputs]string{FieldAppID, FieldSessionKey, FieldIV, FieldEncryptedData,
	FieldData, FieldAppKey, FieldResponse, FieldSign, "sign_type", FieldAESKey, "err_no", "err_tips"}

// keyName is what a key in pasted text names.
type keyName struct {
	field int
	// weak keys ("data") are too common to trust: their value is taken only
	// when it looks like ciphertext and no strong key of the same record
	// names the field.
	weak bool
}

// keyNames maps a key, with ASCII letters lowered and '_' and '-' removed
// (so sessionKey, SessionKey, session_key and Session-Key are one key), to
// the field it names. It is the one table of field names: add a spelling
// here and every shape the reader knows accepts it.
var keyNames = map[string]keyName{
	"sessionkey":    {field: inSessionKey},
	"iv":            {field: inIV},
	"encrypteddata": {field: inEncryptedData},
	"data":          {field: inEncryptedData, weak: true},
	"appid":         {field: inAppID},
	// other platforms (see detectPlatform)
	"appkey":   {field: inAppKey},
	"response": {field: inResponse},
	"sign":     {field: inSign},
	"signtype": {field: inSignType},
	"aeskey":   {field: inAESKey},
	"errno":    {field: inErrNo},
	"errtips":  {field: inErrTips},
}

// source is one value found in the text, and where.
type source struct {
	value        string // the value handed to Inspect
	line, column int32  // 1-based; column in characters
	length       int32  // characters of the text the value was read from
	field        int8
	bare         bool      // a value without a key
	weak         bool      // the value of a weak key
	joined       bool      // the reader joined it from several lines: a whitespace repair
	_            [0]func() // not comparable: no equality code in the module
}

// sources are the fields of one record as read; an Input carries them so
// that its report can say how it was read.
type sources [nInputs]source

// the value of field f of in.
func (in *Input) field(f int) *string {
	switch f {
	case inAppID:
		return &in.AppID
	case inSessionKey:
		return &in.SessionKey
	case inIV:
		return &in.IV
	case inData:
		return &in.Data
	case inAppKey:
		return &in.AppKey
	case inResponse:
		return &in.Response
	case inSign:
		return &in.Sign
	case inSignType:
		return &in.SignType
	case inAESKey:
		return &in.AESKey
	case inErrNo:
		return &in.errNo
	case inErrTips:
		return &in.errTips
	}
	return &in.EncryptedData
}

// ReadText reads pasted text into records, in the order they appear, each an
// Input holding the fields found (the others are empty) and where each was
// read, which the report of Inspect repeats in its input section. There is
// always at least one record, empty when nothing was found.
//
// It reads, in any mix: JSON (at any depth, also escaped inside a log line
// as \", \x22 or \u0022), JavaScript objects with unquoted keys and single
// quotes, query strings and form bodies (raw, URL-encoded or encoded twice),
// key=value, key: value and key：value lines with ASCII or full-width quotes
// (“” ‘’ 「」), PHP var_dump and print_r, Java toString and {k=v} maps, Python
// dicts, Go's %+v, YAML, curl command lines, raw HTTP requests, and bare
// values. Keys are matched in any case and style (session_key, sessionKey,
// SessionKey, encryptedData, encrypted_data, data, iv, appid, appId).
//
// Values are read as the text has them: base64 wrapped across lines, or
// split by a log viewer, is joined (a whitespace repair of that field); URL
// encoding, '+' turned into spaces inside an unquoted value, quotes left
// around a bare value and the URL-safe alphabet are left for Inspect to
// repair and report.
//
// Records are never mixed. A field that comes again with another value
// starts a new record, from the beginning of its line when the record's
// earlier fields on that line belong with it: N lines that each hold a whole
// record are N records, while the session_key of a login line and the iv and
// encryptedData of the next line are one. Bare values, one per line or
// separated by spaces or commas, fill session_key, iv and encryptedData in
// that order whatever they hold (a value of the form wx + 16 characters is
// the appid); when the text also has keys, only bare values of 16 characters
// or more count, and they fill the fields the current record lacks.
//
// Time and memory are linear in the length of text.
func ReadText(text string) []Input {
	r := reader{text: text, colLine: -1}
	r.scan()
	return r.unreadableLines(r.records())
}

// InspectText reads text (ReadText) and inspects each record. given.AppID,
// the appid expected, is checked against every record (a record's own appid
// counts only without it); the session_key, iv and encryptedData of given
// fill what a record lacks, by the paste rule of Input.Paste; MaxAge, Now and
// Lang apply to all. There is always at least one report. Text without data
// (no field, or an appid alone) that holds a WeChat answer with a non-zero errcode (its JSON, a
// whole HTTP response, a log line) gives one report whose error explains
// that errcode, with code api_error and the rid.
func InspectText(text string, given Input) []*Report {
	recs := ReadText(text)
	if len(recs) == 1 && recs[0].empty() {
		if r := ExplainAnswer(text, given.Lang); r != nil {
			return []*Report{r}
		}
	}
	out := make([]*Report, len(recs))
	for i, rec := range recs {
		out[i] = InspectRecord(rec, given)
	}
	return out
}

// expect is rec pasted into given, with given's appid, if any.
func (given Input) expect(rec Input) Input {
	in, _ := given.Paste(rec)
	if given.AppID != "" {
		in.AppID = given.AppID
	}
	return in
}

// InspectRecord inspects one record of ReadText as InspectText does.
func InspectRecord(rec, given Input) *Report {
	if rec.unread > 0 {
		rec.Lang = given.Lang
		return unreadableReport(rec)
	}
	return Inspect(given.expect(rec))
}

// InspectTextJSON is InspectText for hosts that speak JSON (the WASI
// module, the page's JavaScript API). req is one JSON object:
//
//	{"text": "…", "appid": "wx…", "max_age_seconds": N, "lang": "en|zh", "now": UnixSeconds}
//
// where text is required and the rest are the options of InspectText, read
// as ParseInput reads them ("now", for tests, fixes the clock). A request
// that cannot be read gives one report with code bad_input.
func InspectTextJSON(req []byte) []*Report {
	var text string
	var now int64
	var bad string
	hasText := false
	ok := jsontext.ParseObject(bufString(req), func(key string, v jsontext.Value) {
		switch key {
		case "text":
			text, hasText = v.String()
			if !hasText && v.Kind != jsontext.Null {
				bad = `"text" is not a string`
			}
		case "now":
			if n, ok := v.Int(); ok && n >= 0 {
				now = n
			} else if v.Kind != jsontext.Null {
				bad = `"now" is not a number of seconds`
			}
		}
	})
	given, err := ParseInput(req)
	switch {
	case !ok:
		bad = "not a JSON object"
	case err != nil:
		return []*Report{err.(*BadInputError).Report(given.Lang)}
	case bad == "" && !hasText:
		bad = `"text" is missing`
	}
	if bad != "" {
		return []*Report{(&BadInputError{Detail: bad}).Report(given.Lang)}
	}
	if now > 0 {
		given.Now = time.Unix(now, 0)
	}
	return InspectText(cloneString(text), given)
}

// Paste is the rule for pasting into a form (the page, the desktop): the
// fields the pasted record holds replace the form's, the fields it does not
// hold keep what was typed, and the options (MaxAge, Now, Lang) stay. It
// returns the merged input and the names of the fields filled (FieldAppID,
// FieldSessionKey, FieldIV, FieldEncryptedData), in that order.
func (form Input) Paste(rec Input) (Input, []string) {
	out := form
	var filled []string
	var src sources
	for f := range nInputs {
		if v := *rec.field(f); v != "" {
			*out.field(f) = v
			filled = append(filled, inputNames[f])
			if rec.src != nil {
				src[f] = rec.src[f]
			}
		} else if form.src != nil {
			src[f] = form.src[f]
		}
	}
	if rec.src != nil || form.src != nil {
		out.src = &src
	}
	return out, filled
}

type reader struct {
	text  string
	lines []int // the offset of each line's start; a line ends before its \n or \r\n
	items []source
	keyed bool // a key was found: bare values must then be long
	// miss caches, per closing quote, the offset on the current line from
	// which it is known to be absent, so that unbalanced quotes cost one
	// search per line, not one per opening quote.
	miss     map[string]int
	missLine int
	// the column cursor: the rune column of offset colOff on line colLine
	colLine, colOff, colCol int
}

func (r *reader) lineEnd(li int) int {
	end := len(r.text)
	if li+1 < len(r.lines) {
		end = r.lines[li+1] - 1 // the \n
	}
	if end > r.lines[li] && r.text[end-1] == '\r' && (li+1 < len(r.lines)) {
		end--
	}
	return end
}

func (r *reader) line(li int) string { return r.text[r.lines[li]:r.lineEnd(li)] }

// pos returns the 1-based line and column (in characters) of offset off on
// line li. Offsets asked for on one line only grow, so the cost is linear.
func (r *reader) pos(li, off int) (int32, int32) {
	if li != r.colLine || off < r.colOff {
		r.colLine, r.colOff, r.colCol = li, r.lines[li], 1
	}
	r.colCol += utf8.RuneCountInString(r.text[r.colOff:off])
	r.colOff = off
	return int32(li + 1), int32(r.colCol)
}

func (r *reader) scan() {
	r.lines = append(r.lines, 0)
	for i := 0; i < len(r.text); i++ {
		if r.text[i] == '\n' {
			r.lines = append(r.lines, i+1)
		}
	}
	for li, from := 0, 0; li < len(r.lines); {
		li, from = r.scanLine(li, from)
	}
}

// scanLine reads line li from byte from of the line, and returns where to go
// on: a value may take the lines after it.
func (r *reader) scanLine(li, from int) (int, int) {
	s := r.line(li)
	base := r.lines[li]
	n, next, nextFrom := r.scanKeys(s, from, base, nil, li)
	if n > 0 {
		return next, nextFrom
	}
	// A form body or JSON URL-encoded once or twice as a whole (a query
	// parameter holding a query string): read the decoded text, but take
	// each value from the text as pasted, so that Inspect sees the encoding.
	if strings.IndexByte(s[from:], '%') >= 0 {
		d, m := s[from:], []int(nil)
		for range 2 {
			d2, m2, ok := percentDecodeMap(d, m)
			if !ok {
				break
			}
			d, m = d2, m2
			if n, _, _ := r.scanKeys(d, 0, base+from, m, li); n > 0 {
				return li + 1, 0
			}
		}
	}
	return r.scanBare(li, from)
}

// scanKeys finds key-value pairs in s (line li, or a decoded form of it when
// m maps its offsets to the line's, base the line's offset in the text). It
// returns how many it found and where to go on.
func (r *reader) scanKeys(s string, i, base int, m []int, li int) (found, next, nextFrom int) {
	next = li + 1
	for i < len(s) {
		c := s[i]
		if c == '\\' {
			i += escapeLen(s, i)
			continue
		}
		if !isKeyByte(c) {
			i++
			continue
		}
		j := i
		for j < len(s) && isKeyByte(s[j]) {
			j++
		}
		k, ok := lookupKey(s[i:j])
		if !ok || c == '-' {
			i = j
			continue
		}
		vs, ok := afterKey(s, j)
		if !ok {
			i = j
			continue
		}
		v, ok := r.value(s, vs, base, m, li, k.weak)
		if !ok {
			i = j
			continue
		}
		v.src.weak = k.weak
		v.src.field = int8(k.field)
		r.items = append(r.items, v.src)
		r.keyed = true
		found++
		if v.nextLine > li {
			return found, v.nextLine, v.nextFrom
		}
		i = v.end
	}
	return found, next, 0
}

// lookupKey normalises a word and looks it up in keyNames.
func lookupKey(w string) (keyName, bool) {
	if len(w) > 32 {
		return keyName{}, false
	}
	var b [32]byte
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '_' || c == '-':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b[n] = c
		n++
	}
	k, ok := keyNames[string(b[:n])]
	return k, ok
}

func isKeyByte(c byte) bool {
	return isWordByte(c) || c == '-'
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// escapeLen is the length of the backslash escape at s[i]: \x22, \u0022, or
// a backslash and one byte.
func escapeLen(s string, i int) int {
	if i+1 < len(s) {
		switch s[i+1] {
		case 'x':
			if i+3 < len(s) && unhexByte(s[i+2]) >= 0 && unhexByte(s[i+3]) >= 0 {
				return 4
			}
		case 'u':
			if i+5 < len(s) && unhexByte(s[i+2]) >= 0 && unhexByte(s[i+3]) >= 0 && unhexByte(s[i+4]) >= 0 && unhexByte(s[i+5]) >= 0 {
				return 6
			}
		}
		return 2
	}
	return 1
}

// quoteLen is the length of a quote at s[i], and the quote that closes it:
// ASCII quotes, full-width ones, and the escaped double quotes of JSON inside
// a string (\" \\\" \x22 \u0022).
func quoteLen(s string, i int) (int, string) {
	if i >= len(s) {
		return 0, ""
	}
	switch c := s[i]; c {
	case '"', '\'', '`':
		return 1, s[i : i+1]
	case '\\':
		j := i
		for j < len(s) && s[j] == '\\' {
			j++
		}
		if j < len(s) && s[j] == '"' {
			return j + 1 - i, s[i : j+1]
		}
		if j == i+1 {
			if strings.HasPrefix(s[i:], `\x22`) {
				return 4, `\x22`
			}
			if strings.HasPrefix(s[i:], `\u0022`) {
				return 6, `\u0022`
			}
		}
	case 0xe2, 0xe3:
		for _, q := range fullWidthQuotes {
			if strings.HasPrefix(s[i:], q[0]) {
				return len(q[0]), q[1]
			}
		}
	}
	return 0, ""
}

var fullWidthQuotes = [...][2]string{{"“", "”"}, {"‘", "’"}, {"「", "」"}, {"『", "』"}, {"”", "”"}, {"’", "’"}}

// afterKey returns where the value of a key ending at s[j] starts: after the
// key's closing quote or bracket, the separator (= : ： =>) and blanks.
func afterKey(s string, j int) (int, bool) {
	for range 2 {
		if n, _ := quoteLen(s, j); n > 0 {
			j += n
		} else if j < len(s) && s[j] == ']' {
			j++
		} else {
			break
		}
	}
	j = skipBlank(s, j)
	switch {
	case strings.HasPrefix(s[j:], "=>"):
		j += 2
	case j < len(s) && (s[j] == '=' || s[j] == ':'):
		j++
	case strings.HasPrefix(s[j:], "："):
		j += len("：")
	default:
		return 0, false
	}
	return skipBlank(s, j), true
}

func skipBlank(s string, j int) int {
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	return j
}

// found is a value read after a key.
type found struct {
	src      source
	end      int // in s, after the value and its closing quote
	nextLine int // > li when the value took the lines after it
	nextFrom int
}

// value reads the value that starts at s[vs].
func (r *reader) value(s string, vs, base int, m []int, li int, weak bool) (found, bool) {
	var v found
	// PHP var_dump: string(24) "…"
	if strings.HasPrefix(s[vs:], "string(") {
		if k := strings.IndexByte(s[vs:], ')'); k > 0 && k < 20 {
			vs = skipBlank(s, vs+k+1)
		}
	}
	rest := s[vs:]
	if m == nil && (rest == "" || rest == "|" || rest == ">" || rest == "|-" || rest == ">-") {
		return r.valueBelow(li)
	}
	if n, closing := quoteLen(s, vs); n > 0 {
		start := vs + n
		if k := r.find(li, s, start, closing); k >= 0 {
			v.end = k + len(closing)
			return r.make(v, s, start, k, base, m, li, weak)
		}
		if m == nil {
			if w, ok := r.wrapped(s, start, li, closing); ok {
				return w, true
			}
		}
		vs = start
	}
	// An unquoted value: base64 and URL-encoding characters. A '+' turned
	// into a space leaves the value in pieces; a piece that is itself
	// base64 and not a key belongs to it.
	k := vs
	for {
		for k < len(s) {
			c := s[k]
			if c == '\\' {
				k += escapeLen(s, k)
				continue
			}
			if !isValueByte(c) {
				break
			}
			// '=' is padding only at the end: iv=a=b is iv "a".
			if c == '=' && k+1 < len(s) && isValueByte(s[k+1]) && s[k+1] != '=' {
				break
			}
			k++
		}
		if k < len(s) && s[k] == ' ' && k > vs && s[k-1] != '=' && !hasSuffixFold(s[vs:k], "%3d") {
			t := k
			for t < len(s) && s[t] == ' ' {
				t++
			}
			e := t
			for e < len(s) && isB64Byte(s[e]) {
				e++
			}
			if e > t && (e == len(s) || endsPiece(s[e])) && !strings.Contains(s[t:e], "=") ||
				e > t && (e == len(s) || endsPiece(s[e])) && strings.HasSuffix(s[t:e], "=") && !strings.Contains(strings.TrimRight(s[t:e], "="), "=") {
				k = e
				continue
			}
		}
		break
	}
	v.end = k
	if k == vs {
		return v, false
	}
	if m == nil && k == len(s) {
		if w, ok := r.split(s, vs, li); ok {
			return w, true
		}
	}
	return r.make(v, s, vs, k, base, m, li, weak)
}

func isValueByte(c byte) bool {
	return isB64Byte(c) || c == '-' || c == '_' || c == '%' || c == '.'
}

func isB64Byte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '='
}

// endsPiece tells what may follow a piece of a value split by spaces.
func endsPiece(c byte) bool {
	switch c {
	case ' ', '\t', ',', ';', '&', ')', '}', ']', '"', '\'':
		return true
	}
	return false
}

// find returns the offset of closing in s (line li) from start, or -1,
// caching misses.
func (r *reader) find(li int, s string, start int, closing string) int {
	if r.missLine != li || r.miss == nil {
		r.miss, r.missLine = map[string]int{}, li
	}
	if from, ok := r.miss[closing]; ok && start >= from {
		return -1
	}
	k := strings.Index(s[start:], closing)
	if k < 0 {
		if from, ok := r.miss[closing]; !ok || start < from {
			r.miss[closing] = start
		}
		return -1
	}
	return start + k
}

// make builds the item of the value s[vs:ve].
func (r *reader) make(v found, s string, vs, ve, base int, m []int, li int, weak bool) (found, bool) {
	var raw string
	if m != nil {
		raw = r.text[base+m[vs] : base+m[ve]]
		vs = m[vs]
		v.src.value = raw
	} else {
		raw = s[vs:ve]
		v.src.value = unescape(raw)
	}
	if strings.TrimSpace(v.src.value) == "" {
		return v, false
	}
	if weak && !looksLikeData(v.src.value) {
		return v, false
	}
	v.src.line, v.src.column = r.pos(li, base+vs)
	v.src.length = int32(utf8.RuneCountInString(raw))
	return v, true
}

// looksLikeData tells whether the value of a weak key may be ciphertext.
func looksLikeData(v string) bool {
	if len(v) < 16 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if !isValueByte(v[i]) && v[i] != ' ' {
			return false
		}
	}
	return true
}

// unescape undoes the backslash escapes of JSON and of log formats in a value
// (\/ \u002B \x2B); they are how the text quoted it, not damage. Other
// escapes stay as they are.
func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		n := 1
		c := s[i]
		if c == '\\' {
			n = escapeLen(s, i)
			switch {
			case n == 4:
				c = byte(unhexByte(s[i+2])<<4 | unhexByte(s[i+3]))
			case n == 6 && s[i+2] == '0' && s[i+3] == '0':
				c = byte(unhexByte(s[i+4])<<4 | unhexByte(s[i+5]))
			case n == 2 && strings.IndexByte(`/"'\\`, s[i+1]) >= 0:
				c = s[i+1]
			default:
				b = append(b, s[i:i+n]...)
				i += n
				continue
			}
		}
		b = append(b, c)
		i += n
	}
	return string(b)
}

// base64Line tells whether a whole line, trimmed, is one piece of wrapped
// base64; ending, if not empty, may close it.
func base64Line(s, ending string) (piece string, closed, ok bool) {
	t := strings.TrimSpace(s)
	if ending != "" {
		if k := strings.Index(t, ending); k >= 0 {
			t, closed = t[:k], true
		}
	}
	if t == "" && !closed {
		return "", false, false
	}
	for i := 0; i < len(t); i++ {
		if !isB64Byte(t[i]) && t[i] != '-' && t[i] != '_' && t[i] != '%' {
			return "", false, false
		}
	}
	return t, closed, true
}

// join makes the item of a value in pieces over lines first..last (text
// offsets start..end of the raw value).
func (r *reader) join(pieces []string, li, start, end int) source {
	var it source
	var b []byte
	for _, p := range pieces {
		b = append(b, p...)
	}
	it.value = string(b)
	it.line, it.column = r.pos(li, start)
	it.length = int32(utf8.RuneCountInString(r.text[start:end]))
	it.joined = len(pieces) > 1
	return it
}

// wrapped reads a quoted value whose closing quote is on a later line: the
// lines between are pieces of base64.
func (r *reader) wrapped(s string, start, li int, closing string) (found, bool) {
	first, _, ok := base64Line(s[start:], "")
	if !ok && strings.TrimSpace(s[start:]) != "" {
		return found{}, false
	}
	pieces := []string{first}
	for lj := li + 1; lj < len(r.lines) && lj-li <= maxWrappedLines; lj++ {
		l := r.line(lj)
		p, closed, ok := base64Line(l, closing)
		if !ok {
			return found{}, false
		}
		pieces = append(pieces, p)
		if closed {
			k := strings.Index(l, closing)
			v := found{src: r.join(pieces, li, r.lines[li]+start, r.lines[lj]+k), nextLine: lj, nextFrom: k + len(closing)}
			return v, true
		}
	}
	return found{}, false
}

// maxWrappedLines bounds a value wrapped over lines: 1 MiB at 64 columns.
const maxWrappedLines = MaxFieldLen / 64

// valueBelow reads a value that starts on the line after its key: PHP
// var_dump's string(24) "…", or a YAML block of base64 lines.
func (r *reader) valueBelow(li int) (found, bool) {
	if li+1 >= len(r.lines) {
		return found{}, false
	}
	l := r.line(li + 1)
	t := strings.TrimLeft(l, " \t")
	if strings.HasPrefix(t, "string(") {
		v, ok := r.value(l, len(l)-len(t), r.lines[li+1], nil, li+1, false)
		if ok && v.nextLine <= li+1 {
			v.nextLine, v.nextFrom = li+1, v.end
		}
		return v, ok
	}
	var pieces []string
	lj := li + 1
	for ; lj < len(r.lines) && lj-li <= maxWrappedLines; lj++ {
		p, _, ok := base64Line(r.line(lj), "")
		if !ok || r.line(lj) == p && lj > li+1 && !indented(r.line(li+1)) {
			break
		}
		pieces = append(pieces, p)
	}
	if len(pieces) == 0 {
		return found{}, false
	}
	first := r.line(li + 1)
	start := r.lines[li+1] + len(first) - len(strings.TrimLeft(first, " \t"))
	return found{src: r.join(pieces, li+1, start, r.lineEnd(lj-1)), nextLine: lj}, true
}

func indented(l string) bool { return l != "" && (l[0] == ' ' || l[0] == '\t') }

// split reads an unquoted value that runs to the end of its line and may go
// on in the next ones: base64 wrapped at a fixed width, or a value cut by a
// log viewer's line break. A next line continues the value when it is one
// piece of base64 (and the value so far is not complete), or, when the value
// so far cannot be whole base64 (its length is not a multiple of 4), when it
// starts with a piece of base64 followed by a space.
func (r *reader) split(s string, vs, li int) (found, bool) {
	v := s[vs:]
	if strings.HasSuffix(v, "=") || strings.IndexByte(v, '%') >= 0 || strings.IndexByte(v, '\\') >= 0 {
		return found{}, false
	}
	pieces := []string{v}
	width := 0
	total := len(v)
	lj := li + 1
	nextFrom := 0
	for ; lj < len(r.lines) && lj-li <= maxWrappedLines; lj++ {
		l := r.line(lj)
		if p, _, ok := base64Line(l, ""); ok && len(p) >= 16 && strings.IndexByte(p, '%') < 0 && (width == 0 || len(strings.TrimSpace(l)) <= width) {
			pieces = append(pieces, p)
			total += len(p)
			if width == 0 {
				width = len(strings.TrimSpace(l))
			}
			if strings.HasSuffix(p, "=") || len(strings.TrimSpace(l)) < width {
				lj++
				break
			}
			continue
		}
		if total%4 != 0 && width == 0 {
			e := 0
			for e < len(l) && isB64Byte(l[e]) {
				e++
			}
			if e > 0 && e < len(l) && l[e] == ' ' && !strings.Contains(strings.TrimRight(l[:e], "="), "=") {
				pieces = append(pieces, l[:e])
				nextFrom = e
				v := found{src: r.join(pieces, li, r.lines[li]+vs, r.lines[lj]+e), nextLine: lj, nextFrom: nextFrom}
				return v, true
			}
		}
		break
	}
	if len(pieces) == 1 {
		return found{}, false
	}
	return found{src: r.join(pieces, li, r.lines[li]+vs, r.lineEnd(lj-1)), nextLine: lj}, true
}

// scanBare reads a line without keys: bare values separated by blanks,
// commas or semicolons, each of base64 or URL-encoding characters and
// perhaps quoted. One value alone on a line may be wrapped over the next
// lines at a fixed width.
func (r *reader) scanBare(li, from int) (int, int) {
	s := r.line(li)[from:]
	base := r.lines[li] + from
	var toks [][2]int
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' || c == '\t' || c == ',' || c == ';' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != ',' && s[j] != ';' {
			j++
		}
		if !bareToken(s[i:j]) {
			return li + 1, 0
		}
		toks = append(toks, [2]int{i, j})
		i = j
	}
	if len(toks) == 1 {
		t := s[toks[0][0]:toks[0][1]]
		width := len(t)
		if width >= 40 && !strings.HasSuffix(t, "=") && from == 0 {
			pieces := []string{t}
			lj := li + 1
			for ; lj < len(r.lines) && lj-li <= maxWrappedLines; lj++ {
				l := strings.TrimSpace(r.line(lj))
				if len(l) > width || !bareToken(l) || strings.ContainsAny(l, "\"'") {
					break
				}
				pieces = append(pieces, l)
				if len(l) < width || strings.HasSuffix(l, "=") {
					lj++
					break
				}
			}
			if len(pieces) > 1 {
				it := r.join(pieces, li, base+toks[0][0], r.lineEnd(lj-1))
				it.bare = true
				r.items = append(r.items, it)
				return lj, 0
			}
		}
	}
	for _, t := range toks {
		it := source{value: s[t[0]:t[1]], bare: true}
		it.line, it.column = r.pos(li, base+t[0])
		it.length = int32(len(it.value))
		r.items = append(r.items, it)
	}
	return li + 1, 0
}

// bareToken tells whether t may be a bare value: base64 or URL-encoding
// characters, perhaps in ASCII quotes.
func bareToken(t string) bool {
	if len(t) >= 2 && (t[0] == '"' || t[0] == '\'') && t[len(t)-1] == t[0] {
		t = t[1 : len(t)-1]
	}
	if t == "" || IsRID(t) {
		return false // a rid is no data (ExplainAnswer offers to look it up)
	}
	for i := 0; i < len(t); i++ {
		if !isValueByte(t[i]) || t[i] == '.' {
			return false
		}
	}
	return true
}

// isAppID tells an appid among bare values: wx and 16 letters or digits.
func isAppID(v string) bool {
	if len(v) != 18 || !strings.HasPrefix(v, "wx") {
		return false
	}
	for i := 2; i < len(v); i++ {
		if !isWordByte(v[i]) || v[i] == '_' {
			return false
		}
	}
	return true
}

// record is a record being assembled: for each field, 1 + the index of its
// item, or 0.
type record [nInputs]int32

// records assembles the items into records.
func (r *reader) records() []Input {
	var out []Input
	var cur record
	get := func(f int) *source { return &r.items[cur[f]-1] }
	full := func() bool { return cur[inSessionKey] > 0 && cur[inIV] > 0 && cur[inEncryptedData] > 0 }
	flush := func() {
		in := Input{src: new(sources)}
		some := false
		for f := range nInputs {
			if cur[f] > 0 {
				s := get(f)
				*in.field(f) = s.value
				in.src[f] = *s
				some = some || anchors(f) && !s.weak
			}
		}
		if some {
			out = append(out, in)
		}
	}
	for i := range r.items {
		it := &r.items[i]
		f := int(it.field)
		if it.bare {
			if r.keyed && len(it.value) < 16 {
				continue
			}
			if isAppID(it.value) {
				f = inAppID
			} else {
				f = inSessionKey
				for f < nWeChatInputs && cur[f] > 0 {
					f++
				}
				if f == nWeChatInputs {
					flush()
					cur = record{inAppID: cur[inAppID]}
					f = inSessionKey
				}
			}
			it.field = int8(f)
		}
		if cur[f] > 0 {
			old := get(f)
			switch {
			case old.value == it.value && (f == inAppID || !full()):
				// the same value again: a query string and a body, say
				continue
			case it.weak:
				continue
			case old.weak:
				cur[f] = int32(i + 1)
				continue
			}
			// A new record: from the start of this line, unless the field
			// came first on this same line. It keeps the appid, which
			// names the mini-program expected, not a part of the data.
			var next record
			if old.line != it.line {
				for g := range nInputs {
					if cur[g] > 0 && get(g).line == it.line {
						next[g], cur[g] = cur[g], 0
					}
				}
			}
			if next[inAppID] == 0 {
				next[inAppID] = cur[inAppID]
			}
			flush()
			cur = next
		}
		cur[f] = int32(i + 1)
	}
	flush()
	if len(out) == 0 {
		in := Input{}
		if cur[inAppID] > 0 {
			in.AppID = get(inAppID).value
			in.src = &sources{inAppID: *get(inAppID)}
		}
		out = append(out, in)
	}
	return out
}

// Empty reports whether in holds nothing to inspect: none of the fields
// that make a record (session_key, iv, encryptedData, Alipay's response, a
// Douyin answer's data or err_no). A form with only an appid is empty.
func (in Input) Empty() bool {
	for f := range nInputs {
		if anchors(f) && *in.field(f) != "" {
			return false
		}
	}
	return in.Data == ""
}

// anchors tells the fields that make a record by themselves: the others
// (an appid, Alipay's sign, an App Key…) are common words of logs, and only
// complete a record.
func anchors(f int) bool {
	return f == inSessionKey || f == inIV || f == inEncryptedData || f == inResponse || f == inErrNo
}

// percentDecodeMap decodes %XX in s, returning the decoded text and, for
// each of its offsets (and its end), the offset in the text pasted: m maps s
// to it, or is nil when s is that text.
func percentDecodeMap(s string, m []int) (string, []int, bool) {
	if strings.IndexByte(s, '%') < 0 {
		return "", nil, false
	}
	orig := func(i int) int {
		if m == nil {
			return i
		}
		return m[i]
	}
	b := make([]byte, 0, len(s))
	out := make([]int, 0, len(s)+1)
	changed := false
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && unhexByte(s[i+1]) >= 0 && unhexByte(s[i+2]) >= 0 {
			b = append(b, byte(unhexByte(s[i+1])<<4|unhexByte(s[i+2])))
			out = append(out, orig(i))
			i += 2
			changed = true
			continue
		}
		b = append(b, s[i])
		out = append(out, orig(i))
	}
	out = append(out, orig(len(s)))
	return string(b), out, changed
}

// asciiLower lowers ASCII letters only. Unlike strings.ToLower it never
// changes the length of the text, and it links no Unicode tables into the
// WebAssembly module.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// hasSuffixFold is strings.HasSuffix ignoring the case of ASCII letters.
func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && asciiLower(s[len(s)-len(suffix):]) == suffix
}

// unreadableLines accounts for every line of a text of one record per line,
// such as a log: when there are two records or more and each record's
// session_key, iv and encryptedData were read on one line of its own, every
// other line that is not blank becomes a record too, in its place, whose
// report is CodeUnreadableLine. Any other text keeps its records as they
// are: its lines without a field are chatter around the record (log
// prefixes, the lines of a dump, headers).
func (r *reader) unreadableLines(recs []Input) []Input {
	if len(recs) < 2 {
		return recs
	}
	used := make([]bool, len(r.lines)+1) // by line number
	at := make([]int32, len(recs))       // the line of each record
	for i := range recs {
		src := recs[i].src
		for f := range nInputs {
			s := &src[f]
			if s.line == 0 {
				continue
			}
			used[s.line] = true
			if f == inAppID {
				continue // kept from the record before, or on the line
			}
			if s.joined || at[i] != 0 && at[i] != s.line {
				return recs
			}
			at[i] = s.line
		}
	}
	var out []Input
	next := 0
	for li := range r.lines {
		line := int32(li + 1)
		for next < len(recs) && at[next] <= line {
			out = append(out, recs[next])
			next++
		}
		if !used[line] && strings.TrimSpace(r.line(li)) != "" {
			out = append(out, Input{unread: line})
		}
	}
	return append(out, recs[next:]...)
}

// unreadableReport is the report of a record made of a line without a
// field: CodeUnreadableLine, with the line's number as the report's Line.
func unreadableReport(in Input) *Report {
	n := strconv.Itoa(int(in.unread))
	r := ErrorReport(in.Lang, "", CodeUnreadableLine, "line", n)
	r.Line = int(in.unread)
	return r
}

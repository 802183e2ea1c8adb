package core

import (
	"strconv"
	"strings"

	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// A WeChat answer pasted in place of open data: the JSON answer of a server
// API with a non-zero errcode, a whole HTTP response that carries one, or a
// log line such as "errcode 40029: invalid code, rid: …". InspectText
// explains it as a report whose error has code api_error, the errcode and
// errmsg, and the rid, for rid/get or WeChat's API 报错诊断 tool.

// maxAnswerScan bounds the text searched for an answer: WeChat's answers
// are under a kilobyte, and a paste that big holds no open data.
const maxAnswerScan = 64 << 10

// ExplainAnswer is the report of the WeChat answer with a non-zero errcode
// in pasted text, or of a rid pasted alone (code rid_pasted, to look it up
// with rid/get), or nil when text holds neither. Its hint is the errcode's own
// when core/wxapi is linked (RegisterErrcodeHints), else api_error's. InspectText gives it for text
// in which the reader finds no data (no field, or an appid alone); a front end that reads records itself
// asks it in the same case.
func ExplainAnswer(text string, lang Lang) *Report {
	if len(text) > maxAnswerScan {
		return nil
	}
	code, msg, ok := readAnswer(text)
	if !ok {
		if rid := pastedRID(text); rid != "" {
			m, hint := CodeRIDPasted.Describe(lang, "rid", rid)
			return &Report{Error: &Problem{Code: CodeRIDPasted, Message: m, Hint: hint, RID: rid}}
		}
	}
	if !ok || code == 0 {
		return nil
	}
	// The hint is the errcode's own where core/wxapi is linked
	// (answer_hints.go), else api_error's: look the errcode up in the API's
	// document, the rid up with rid/get or 报错诊断.
	m, hint := CodeAPIError.Describe(lang, "api", "", "errcode", strconv.Itoa(code), "errmsg", msg)
	m = strings.TrimPrefix(strings.TrimPrefix(m, ": "), "：")
	hint = errcodeHint(code, lang, hint)
	return &Report{Error: &Problem{Code: CodeAPIError, Message: m, Hint: hint, WeChatCode: code, RID: ParseRID(msg)}}
}

// readAnswer finds errcode and errmsg in text: in the first JSON object that
// has an integer errcode (the body of an HTTP response, or a log line that
// carries the answer), else after the word errcode ("errcode 40029: …",
// "errcode=40029 errmsg=…").
func readAnswer(text string) (code int, msg string, ok bool) {
	end := strings.LastIndexByte(text, '}')
	// The first few objects only: the answer comes early in what is pasted,
	// and each try reads to the last '}'.
	for i, tries := strings.IndexByte(text, '{'), 0; i >= 0 && i < end && tries < 4; tries++ {
		var hasCode bool
		jsontext.ParseObject(text[i:end+1], func(key string, v jsontext.Value) {
			switch key {
			case "errcode":
				if n, isInt := v.Int(); isInt && n == int64(int32(n)) {
					code, hasCode = int(n), true
				}
			case "errmsg":
				msg, _ = v.String()
			}
		})
		if hasCode {
			return code, msg, true
		}
		msg = ""
		j := strings.IndexByte(text[i+1:], '{')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	i := strings.Index(text, "errcode")
	if i < 0 {
		return 0, "", false
	}
	rest := strings.TrimLeft(text[i+len("errcode"):], `"' :=`)
	n := 0
	if n < len(rest) && rest[n] == '-' {
		n++
	}
	for n < len(rest) && n < 11 && '0' <= rest[n] && rest[n] <= '9' {
		n++
	}
	c, err := strconv.Atoi(rest[:n])
	if err != nil || c != int(int32(c)) {
		return 0, "", false
	}
	line := rest[n:]
	if k := strings.IndexAny(line, "\r\n"); k >= 0 {
		line = line[:k]
	}
	if k := strings.Index(line, "errmsg"); k >= 0 {
		line = line[k+len("errmsg"):]
	}
	return c, strings.Trim(line, `"' :=,}`), true
}

// pastedRID is the rid of text that is a rid alone ("6751a2f9-…", "rid:
// 6751a2f9-…"), else "".
func pastedRID(text string) string {
	t := strings.TrimSpace(text)
	if r := strings.TrimPrefix(t, "rid"); r != t {
		t = strings.TrimLeft(r, ":= ")
	}
	if t = strings.Trim(t, `"'`); IsRID(t) {
		return t
	}
	return ""
}

// IsRID reports whether s has the shape of the rids in WeChat's answers:
// three groups of 8 lower-case hex digits ("61725984-6126f6f9-040f19c4").
func IsRID(s string) bool {
	if len(s) != 26 || s[8] != '-' || s[17] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; i != 8 && i != 17 && !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// ParseRID returns the request id in a WeChat errmsg: "rid: xxxx" in current
// answers, "hints: [ req_id: xxxx ]" in older ones; "" if there is none.
func ParseRID(errmsg string) string {
	for _, marker := range [...]string{"rid:", "req_id:"} {
		i := strings.LastIndex(errmsg, marker)
		if i < 0 {
			continue
		}
		rest := strings.TrimLeft(errmsg[i+len(marker):], " ")
		end := 0
		for end < len(rest) && isRIDByte(rest[end]) {
			end++
		}
		if end > 0 {
			return rest[:end]
		}
	}
	return ""
}

func isRIDByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// empty reports whether the reader found no data for in: an appid alone
// (log lines name it) is no data.
func (in *Input) empty() bool {
	return in.SessionKey == "" && in.IV == "" && in.EncryptedData == "" && in.PlatformInput == PlatformInput{}
}

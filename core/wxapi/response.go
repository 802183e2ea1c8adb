package wxapi

import (
	"strings"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// PhoneNumberResult is the phone_info of a getuserphonenumber answer.
type PhoneNumberResult struct {
	Phone     core.PhoneInfo // countryCode arrives as a string or a number; both become text
	Watermark core.Watermark
}

// Session is the answer of jscode2session. SessionKey is a secret: String
// leaves it out, so that printing a Session does not leak it.
type Session struct {
	OpenID     string
	SessionKey string
	UnionID    string // only when the mini-program is bound to an open platform account
}

// String describes the session without its session_key.
func (s Session) String() string {
	b := append([]byte("openid="), s.OpenID...)
	if s.UnionID != "" {
		b = append(b, " unionid="...)
		b = append(b, s.UnionID...)
	}
	return string(append(b, " session_key=REDACTED"...))
}

// GoString is String, so that %#v does not leak the session_key either.
func (s Session) GoString() string { return s.String() }

// Token is the answer of cgi-bin/token or cgi-bin/stable_token. AccessToken
// is a secret: String leaves it out.
type Token struct {
	AccessToken string
	ExpiresIn   time.Duration // how long the token stays valid from the answer on
}

// String describes the token without its value.
func (t Token) String() string { return "access_token=REDACTED expires_in=" + t.ExpiresIn.String() }

// GoString is String, so that %#v does not leak the token either.
func (t Token) GoString() string { return t.String() }

// ParsePhoneNumberResponse reads the answer of getuserphonenumber:
// {"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber","purePhoneNumber",
// "countryCode","watermark":{"timestamp","appid"}}}.
//
// A non-zero errcode returns an *APIError; a body that is not such an
// answer, a *ResponseError.
func ParsePhoneNumberResponse(body []byte) (*PhoneNumberResult, error) {
	var r PhoneNumberResult
	found := false
	err := parseAnswer(APIPhoneNumber, body, func(key string, v jsontext.Value) {
		if key != "phone_info" || v.Kind != jsontext.Object {
			return
		}
		found = true
		v.Members(func(key string, v jsontext.Value) {
			switch key {
			case "phoneNumber":
				setString(&r.Phone.PhoneNumber, v)
			case "purePhoneNumber":
				setString(&r.Phone.PurePhoneNumber, v)
			case "countryCode":
				if v.Kind == jsontext.Number {
					r.Phone.CountryCode = v.Raw
				} else {
					setString(&r.Phone.CountryCode, v)
				}
			case "watermark":
				v.Members(func(key string, v jsontext.Value) {
					switch key {
					case "appid":
						setString(&r.Watermark.AppID, v)
					case "timestamp":
						if n, ok := v.Int(); ok {
							r.Watermark.Timestamp = n
						}
					}
				})
			}
		})
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, &ResponseError{API: APIPhoneNumber, Fault: core.CodeIncompleteResponse, Field: "phone_info", Len: len(body)}
	}
	if r.Phone.PhoneNumber == "" && r.Phone.PurePhoneNumber == "" {
		return nil, &ResponseError{API: APIPhoneNumber, Fault: core.CodeIncompleteResponse, Field: "phone_info.phoneNumber", Len: len(body)}
	}
	return &r, nil
}

// ParseCode2SessionResponse reads the answer of jscode2session:
// {"openid","session_key","unionid"} or {"errcode","errmsg"}.
func ParseCode2SessionResponse(body []byte) (*Session, error) {
	var s Session
	err := parseAnswer(APICode2Session, body, func(key string, v jsontext.Value) {
		switch key {
		case "openid":
			setString(&s.OpenID, v)
		case "session_key":
			setString(&s.SessionKey, v)
		case "unionid":
			setString(&s.UnionID, v)
		}
	})
	if err != nil {
		return nil, err
	}
	if s.OpenID == "" {
		return nil, &ResponseError{API: APICode2Session, Fault: core.CodeIncompleteResponse, Field: "openid", Len: len(body)}
	}
	if s.SessionKey == "" {
		return nil, &ResponseError{API: APICode2Session, Fault: core.CodeIncompleteResponse, Field: "session_key", Len: len(body)}
	}
	return &s, nil
}

// ParseTokenResponse reads the answer of cgi-bin/token or
// cgi-bin/stable_token (api is APIToken or APIStableToken):
// {"access_token","expires_in"} or {"errcode","errmsg"}.
func ParseTokenResponse(api string, body []byte) (*Token, error) {
	var t Token
	var expires int64
	err := parseAnswer(api, body, func(key string, v jsontext.Value) {
		switch key {
		case "access_token":
			setString(&t.AccessToken, v)
		case "expires_in":
			if n, ok := v.Int(); ok {
				expires = n
			}
		}
	})
	if err != nil {
		return nil, err
	}
	if t.AccessToken == "" {
		return nil, &ResponseError{API: api, Fault: core.CodeIncompleteResponse, Field: "access_token", Len: len(body)}
	}
	// Beyond a day would be a misread; WeChat's tokens live 7200 s.
	if expires <= 0 || expires > 86400 {
		return nil, &ResponseError{API: api, Fault: core.CodeIncompleteResponse, Field: "expires_in", Len: len(body)}
	}
	t.ExpiresIn = time.Duration(expires) * time.Second
	return &t, nil
}

// ParseCheckSessionResponse reads the answer of checksession: nil when the
// session_key is the user's current one; an *APIError of code 87009 when it
// is not.
func ParseCheckSessionResponse(body []byte) error {
	return parseAnswer(APICheckSession, body, nil)
}

// parseAnswer validates body as one JSON object, turns a non-zero errcode
// into an *APIError, and only then hands fn the members.
func parseAnswer(api string, body []byte, fn func(key string, v jsontext.Value)) error {
	if len(body) > MaxResponseLen {
		return &ResponseError{API: api, Fault: core.CodeResponseTooLarge, Len: len(body)}
	}
	s := strings.TrimSpace(strings.TrimPrefix(string(body), "\uFEFF"))
	if s == "" {
		return &ResponseError{API: api, Fault: core.CodeEmptyResponse, Len: len(body)}
	}
	type member struct {
		key string
		v   jsontext.Value
	}
	members := make([]member, 0, 8)
	ok := jsontext.ParseObject(s, func(key string, v jsontext.Value) {
		members = append(members, member{key, v})
	})
	if !ok {
		return classifyNotJSON(api, s, len(body))
	}
	var code int64
	var msg string
	for _, m := range members {
		switch m.key {
		case "errcode":
			n, ok := m.v.Int()
			if !ok || n != int64(int(n)) {
				return &ResponseError{API: api, Fault: core.CodeIncompleteResponse, Field: "errcode", Len: len(body)}
			}
			code = n
		case "errmsg":
			setString(&msg, m.v)
		}
	}
	if code != 0 {
		return newAPIError(api, int(code), msg)
	}
	if fn != nil {
		for _, m := range members {
			fn(m.key, m.v)
		}
	}
	return nil
}

// classifyNotJSON tells an HTML page from cut-off JSON from anything else.
func classifyNotJSON(api, s string, n int) *ResponseError {
	e := &ResponseError{API: api, Fault: core.CodeNotJSONResponse, Len: n}
	switch {
	case s[0] == '<':
		e.Fault = core.CodeHTMLResponse
		e.Title = htmlTitle(s)
	case s[0] == '{' && s[len(s)-1] != '}':
		e.Fault = core.CodeTruncatedResponse
	}
	return e
}

// htmlTitle returns the text of the page's <title>, with whitespace collapsed
// and cut to 80 bytes at a character boundary.
func htmlTitle(s string) string {
	// ASCII-only lowering keeps byte offsets equal in s and lower.
	lower := []byte(s)
	for i, c := range lower {
		if 'A' <= c && c <= 'Z' {
			lower[i] = c + 'a' - 'A'
		}
	}
	i := strings.Index(string(lower), "<title")
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(string(lower[i:]), '>')
	if j < 0 {
		return ""
	}
	start := i + j + 1
	end := strings.Index(string(lower[start:]), "</title")
	if end < 0 {
		return ""
	}
	t := strings.Join(strings.Fields(s[start:start+end]), " ")
	if len(t) > 80 {
		cut := 80
		for cut > 0 && t[cut]&0xC0 == 0x80 {
			cut--
		}
		t = t[:cut] + "…"
	}
	return t
}

func setString(dst *string, v jsontext.Value) {
	if s, ok := v.String(); ok {
		*dst = s
	}
}

// CheckAppID compares the watermark of the answer with the appid of the
// mini-program that asked: a *core.WatermarkError of code appid_mismatch when
// they differ, nil when they match or either is unknown. Every front end that
// shows a getuserphonenumber answer checks it with this.
func (r *PhoneNumberResult) CheckAppID(appID string) error {
	w := r.Watermark
	if appID == "" || w.AppID == "" || w.AppID == appID {
		return nil
	}
	return &core.WatermarkError{Code: core.CodeAppIDMismatch, Want: appID, Got: w.AppID, Timestamp: w.Timestamp}
}

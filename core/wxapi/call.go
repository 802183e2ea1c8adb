// Package wxapi builds the calls of WeChat's server API that a mini-program's
// backend makes, and parses their answers, without doing any I/O:
// getuserphonenumber, jscode2session, stable_token, token and checksession.
// core/wxclient sends them; core/wxfake answers them in tests.
//
// A Call holds credentials: log it with String or Curl(false), which redact
// them. A failed answer is an *APIError (a non-zero errcode) or a
// *ResponseError (a body that is not a WeChat answer); core.Explain gives the
// code, message and hint of either, in English or Chinese.
package wxapi

import (
	"strconv"
	"strings"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// DefaultBaseURL is WeChat's server API. Builders take the base URL as a
// parameter so that the same calls can go to a proxy or to the fake in
// core/wxfake; an empty base URL means this one.
const DefaultBaseURL = "https://api.weixin.qq.com"

// The server APIs that this package builds calls for and parses answers of,
// named by their path as WeChat's documentation names them.
const (
	APIToken        = "cgi-bin/token"                   // getAccessToken
	APIStableToken  = "cgi-bin/stable_token"            // getStableAccessToken
	APICode2Session = "sns/jscode2session"              // code2Session (wx.login)
	APIPhoneNumber  = "wxa/business/getuserphonenumber" // getPhoneNumber (button code)
	APICheckSession = "wxa/checksession"                // checkSessionKey
)

// HeaderField is one request header.
type HeaderField struct {
	Name, Value string
}

// Call is one request to WeChat's server API, built but not sent: the core
// does not do network I/O (core/wxclient does). Every value in URL is
// already escaped and Body is complete.
//
// Call holds credentials (access_token, secret, signature) in URL or Body:
// log it with String or Curl(false), which redact them, never by printing
// its fields.
type Call struct {
	API    string // one of the API constants, e.g. APIPhoneNumber
	Method string // "GET" or "POST"
	URL    string
	Header []HeaderField
	Body   []byte // nil for GET
}

// secretParams are the query parameters and body members that String and
// Curl redact, with the environment variable a redacted curl reads them from.
// The js_code and the phone code are left visible: each is single-use, lives
// five minutes, and is worthless without the secret or a token.
var secretParams = [...]struct{ name, env string }{
	{"access_token", "WX_ACCESS_TOKEN"},
	{"secret", "WX_SECRET"},
	{"signature", "WX_SIGNATURE"},
	{"component_access_token", "WX_COMPONENT_ACCESS_TOKEN"},
	{"access-token", "DOUYIN_ACCESS_TOKEN"}, // a header of Douyin's API
}

func secretEnv(name string) string {
	for _, p := range secretParams {
		if p.name == name {
			return p.env
		}
	}
	return ""
}

// NewPhoneNumberCall builds getuserphonenumber: the code of the
// getPhoneNumber button (e.detail.code, not wx.login's code) sent as a JSON
// body, the access_token in the URL query. openID is optional; when given,
// WeChat checks that the code belongs to that user.
//
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html
func NewPhoneNumberCall(baseURL, accessToken, code, openID string) *Call {
	body := append(make([]byte, 0, 32+len(code)+len(openID)), '{')
	body = jsontext.AppendKey(body, "code")
	body = jsontext.AppendString(body, code)
	if openID != "" {
		body = append(body, ',')
		body = jsontext.AppendKey(body, "openid")
		body = jsontext.AppendString(body, openID)
	}
	body = append(body, '}')
	return jsonCall(APIPhoneNumber, buildURL(baseURL, APIPhoneNumber, "access_token", accessToken), body)
}

// NewCode2SessionCall builds jscode2session, which exchanges the code of
// wx.login for the user's openid and session_key.
//
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
func NewCode2SessionCall(baseURL, appID, secret, jsCode string) *Call {
	return getCall(APICode2Session, buildURL(baseURL, APICode2Session,
		"appid", appID, "secret", secret, "js_code", jsCode, "grant_type", "authorization_code"))
}

// NewStableTokenCall builds stable_token (getStableAccessToken). Unlike
// cgi-bin/token, asking again while the token is valid returns the same
// token, so several servers sharing an appid do not invalidate each other.
// forceRefresh asks for a new token and invalidates the previous one; WeChat
// limits how often it may be used.
//
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html
func NewStableTokenCall(baseURL, appID, secret string, forceRefresh bool) *Call {
	body := append(make([]byte, 0, 96+len(appID)+len(secret)), '{')
	body = jsontext.AppendKey(body, "grant_type")
	body = jsontext.AppendString(body, "client_credential")
	body = append(body, ',')
	body = jsontext.AppendKey(body, "appid")
	body = jsontext.AppendString(body, appID)
	body = append(body, ',')
	body = jsontext.AppendKey(body, "secret")
	body = jsontext.AppendString(body, secret)
	body = append(body, ',')
	body = jsontext.AppendKey(body, "force_refresh")
	body = jsontext.AppendBool(body, forceRefresh)
	body = append(body, '}')
	return jsonCall(APIStableToken, buildURL(baseURL, APIStableToken), body)
}

// NewTokenCall builds cgi-bin/token (getAccessToken). Each call issues a new
// token and the previous one stops working five minutes later: servers that
// each fetch their own token invalidate each other (errcode 40001). Prefer
// NewStableTokenCall.
//
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getAccessToken.html
func NewTokenCall(baseURL, appID, secret string) *Call {
	return getCall(APIToken, buildURL(baseURL, APIToken,
		"grant_type", "client_credential", "appid", appID, "secret", secret))
}

// NewCheckSessionCall builds checksession, which asks WeChat whether
// sessionKey is still the current session_key of openID. The session_key is
// not sent: the call carries its login-state signature (LoginSignature of an
// empty body) with sig_method=hmac_sha256.
//
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/checkSessionKey.html
func NewCheckSessionCall(baseURL, accessToken, openID, sessionKey string) *Call {
	return getCall(APICheckSession, buildURL(baseURL, APICheckSession,
		"access_token", accessToken, "openid", openID,
		"signature", core.LoginSignature(sessionKey, nil), "sig_method", "hmac_sha256"))
}

func getCall(api, url string) *Call {
	return &Call{API: api, Method: "GET", URL: url}
}

func jsonCall(api, url string, body []byte) *Call {
	return &Call{API: api, Method: "POST", URL: url, Body: body,
		Header: []HeaderField{{"Content-Type", "application/json"}}}
}

// buildURL joins the base URL and the API path and appends the query
// parameters, given as name, value pairs, each value escaped.
func buildURL(baseURL, api string, params ...string) string {
	if baseURL == "" {
		baseURL = DefaultBaseURL
	}
	b := make([]byte, 0, len(baseURL)+len(api)+64)
	b = append(b, strings.TrimRight(baseURL, "/")...)
	b = append(b, '/')
	b = append(b, api...)
	for i := 0; i+1 < len(params); i += 2 {
		if i == 0 {
			b = append(b, '?')
		} else {
			b = append(b, '&')
		}
		b = append(b, params[i]...)
		b = append(b, '=')
		b = appendQueryEscape(b, params[i+1])
	}
	return string(b)
}

// appendQueryEscape appends s escaped for a URL query value: the unreserved
// characters of RFC 3986 (letters, digits, '-', '.', '_', '~') are kept and
// every other byte is percent-encoded, space included (as %20, which every
// server reads, where '+' would be ambiguous). A base64 '+' thus becomes %2B
// instead of arriving as a space.
func appendQueryEscape(dst []byte, s string) []byte {
	const upperHex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', upperHex[c>>4], upperHex[c&0xf])
	}
	return dst
}

// String returns the method and the URL with credentials replaced by
// REDACTED: safe for logs.
func (c *Call) String() string {
	return c.Method + " " + string(redactURL(nil, c.URL, func(string) string { return "REDACTED" }))
}

// Curl renders the call as a curl command line that can be pasted into a
// POSIX shell. Unless reveal is true, the access_token, secret and signature
// are replaced by shell expansions of $WX_ACCESS_TOKEN, $WX_SECRET and
// $WX_SIGNATURE, so that the command still runs once those are exported and
// can be shared without leaking them. The shell inserts the variables as they
// are: WeChat's tokens, secrets and signatures need no URL escaping.
func (c *Call) Curl(reveal bool) string {
	// A NUL cannot occur in an escaped URL or in a JSON body, so it marks
	// where a redacted value goes until the text has been quoted.
	mark := func(name string) string { return "\x00" + secretEnv(name) + "\x00" }
	url, body := c.URL, c.Body
	if !reveal {
		url = string(redactURL(nil, c.URL, mark))
		body = redactBody(c.Body, mark)
	}
	b := []byte("curl -sS")
	if c.Method != "" && c.Method != "GET" {
		b = append(b, " -X "...)
		if isToken(c.Method) {
			b = append(b, c.Method...)
		} else {
			b = appendShellQuote(b, c.Method)
		}
	}
	b = append(b, ' ')
	b = appendShellQuote(b, url)
	for _, h := range c.Header {
		v := h.Value
		if env := secretEnv(h.Name); env != "" && !reveal {
			v = "\x00" + env + "\x00"
		}
		b = append(b, " -H "...)
		b = appendShellQuote(b, h.Name+": "+v)
	}
	if body != nil {
		b = append(b, " --data-raw "...)
		b = appendShellQuote(b, string(body))
	}
	if reveal {
		return string(b)
	}
	out := string(b)
	for _, p := range secretParams {
		out = strings.ReplaceAll(out, "\x00"+p.env+"\x00", `'"$`+p.env+`"'`)
		// A value at the end of a word leaves an empty '' behind: drop it.
		out = strings.ReplaceAll(out, `"$`+p.env+`"'' `, `"$`+p.env+`" `)
		if strings.HasSuffix(out, `"$`+p.env+`"''`) {
			out = out[:len(out)-2]
		}
	}
	return out
}

// redactURL appends url with the value of every secret query parameter
// replaced by what replace returns for its name.
func redactURL(dst []byte, url string, replace func(name string) string) []byte {
	q := strings.IndexByte(url, '?')
	if q < 0 {
		return append(dst, url...)
	}
	dst = append(dst, url[:q+1]...)
	for i, param := range strings.Split(url[q+1:], "&") {
		if i > 0 {
			dst = append(dst, '&')
		}
		name, _, hasValue := strings.Cut(param, "=")
		if hasValue && secretEnv(name) != "" {
			dst = append(dst, name...)
			dst = append(dst, '=')
			dst = append(dst, replace(name)...)
			continue
		}
		dst = append(dst, param...)
	}
	return dst
}

// redactBody returns a JSON object body with its secret members replaced. A
// body that is not a JSON object is replaced as a whole: it cannot be told
// safe.
func redactBody(body []byte, replace func(name string) string) []byte {
	if body == nil {
		return nil
	}
	out := append(make([]byte, 0, len(body)), '{')
	n := 0
	ok := jsontext.ParseObject(string(body), func(key string, v jsontext.Value) {
		if n > 0 {
			out = append(out, ',')
		}
		n++
		out = jsontext.AppendKey(out, key)
		if secretEnv(key) != "" && v.Kind == jsontext.String {
			out = append(out, '"')
			out = append(out, replace(key)...)
			out = append(out, '"')
			return
		}
		out = append(out, v.Raw...)
	})
	if !ok {
		return []byte("(a body of " + strconv.Itoa(len(body)) + " bytes that is not a JSON object, not shown)")
	}
	return append(out, '}')
}

// isToken reports whether s is a plain upper-case word such as POST, which a
// shell takes as it is.
func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

// appendShellQuote appends s in single quotes, in which a POSIX shell takes
// every byte literally except the quote itself.
func appendShellQuote(dst []byte, s string) []byte {
	dst = append(dst, '\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			dst = append(dst, `'\''`...)
			continue
		}
		dst = append(dst, s[i])
	}
	return append(dst, '\'')
}

package wxapi

import (
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// The user-data APIs beyond login and the phone number.
const (
	APIRID                   = "cgi-bin/openapi/rid/get"        // getRidInfo
	APICheckEncrypted        = "wxa/business/checkencryptedmsg" // checkEncryptedData
	APIUserEncryptKey        = "wxa/business/getuserencryptkey" // getUserEncryptKey
	APIResetSessionKey       = "wxa/resetusersessionkey"        // ResetUserSessionKey
	APIComponentCode2Session = "sns/component/jscode2session"   // thirdpartyCode2Session
	APIOpenData              = "wxa/getopendata"                // getOpenData (cloudID)
)

// IsRID reports whether s has the shape of the rids in WeChat's answers:
// three groups of 8 lower-case hex digits ("61725984-6126f6f9-040f19c4").
func IsRID(s string) bool {
	if len(s) != 26 || s[8] != '-' || s[17] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 8 || i == 17 {
			continue
		}
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// FindRID returns the rid in pasted text: an errmsg ("… rid: xxxx"), a whole
// answer, a log line, or the rid alone; "" if there is none. A "rid:" marker
// wins; otherwise the last rid-shaped word.
func FindRID(text string) string {
	if len(text) > MaxResponseLen {
		text = text[:MaxResponseLen]
	}
	if r := parseRID(text); IsRID(r) {
		return r
	}
	found := ""
	for i := 0; i+26 <= len(text); i++ {
		if (i == 0 || !isRIDByte(text[i-1])) && IsRID(text[i:i+26]) && (i+26 == len(text) || !isRIDByte(text[i+26])) {
			found = text[i : i+26]
			i += 25
		}
	}
	return found
}

// NewRIDCall builds rid/get, which returns the request and answer WeChat
// saw under a rid of the last 7 days (same account only; not for sns/ APIs).
//
// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/openapi/getRidInfo.html
func NewRIDCall(baseURL, accessToken, rid string) *Call {
	body := jsontext.AppendKey([]byte{'{'}, "rid")
	body = append(jsontext.AppendString(body, rid), '}')
	return jsonCall(APIRID, buildURL(baseURL, APIRID, "access_token", accessToken), body)
}

// RIDInfo is the request of rid/get's answer. RequestURL and RequestBody are
// as WeChat recorded them (WeChat cuts the access_token); Redacted hides the
// credentials that remain.
type RIDInfo struct {
	InvokeTime   int64 // Unix time
	CostMS       int64
	RequestURL   string // the query string
	RequestBody  string
	ResponseBody string
	ClientIP     string
}

// Redacted returns the query and body with credentials replaced by
// REDACTED.
func (r RIDInfo) Redacted() (query, body string) {
	q := string(redactURL(nil, "?"+r.RequestURL, func(string) string { return "REDACTED" }))[1:]
	b := r.RequestBody
	if strings.HasPrefix(strings.TrimSpace(b), "{") {
		b = string(redactBody([]byte(b), func(string) string { return "REDACTED" }))
	}
	return q, b
}

// ParseRIDResponse reads the answer of rid/get.
func ParseRIDResponse(body []byte) (*RIDInfo, error) {
	var r RIDInfo
	found := false
	err := parseAnswer(APIRID, body, func(key string, v jsontext.Value) {
		if key != "request" || v.Kind != jsontext.Object {
			return
		}
		found = true
		v.Members(func(key string, v jsontext.Value) {
			switch key {
			case "invoke_time":
				r.InvokeTime, _ = v.Int()
			case "cost_in_ms":
				r.CostMS, _ = v.Int()
			case "request_url":
				setString(&r.RequestURL, v)
			case "request_body":
				setString(&r.RequestBody, v)
			case "response_body":
				setString(&r.ResponseBody, v)
			case "client_ip":
				setString(&r.ClientIP, v)
			}
		})
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, &ResponseError{API: APIRID, Fault: core.CodeMissingField, Field: "request", Len: len(body)}
	}
	return &r, nil
}

// EncryptedMsgHash is the encrypted_msg_hash of checkencryptedmsg: the hex
// SHA-256 of the encryptedData text as the client sent it (base64 text, not
// the bytes it decodes to).
func EncryptedMsgHash(encryptedData string) string {
	// Not encoding/hex, which links fmt (see the core's package doc).
	const digits = "0123456789abcdef"
	sum := sha256.Sum256([]byte(encryptedData))
	out := make([]byte, 0, 2*len(sum))
	for _, b := range sum {
		out = append(out, digits[b>>4], digits[b&15])
	}
	return string(out)
}

// NewCheckEncryptedCall builds checkencryptedmsg, which tells whether
// encryptedData (phone-number data of the last 3 days) was made by WeChat.
//
// https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/basic-info/api_checkencrypteddata.html
func NewCheckEncryptedCall(baseURL, accessToken, encryptedData string) *Call {
	body := jsontext.AppendKey([]byte{'{'}, "encrypted_msg_hash")
	body = append(jsontext.AppendString(body, EncryptedMsgHash(encryptedData)), '}')
	return jsonCall(APICheckEncrypted, buildURL(baseURL, APICheckEncrypted, "access_token", accessToken), body)
}

// EncryptedCheck is the answer of checkencryptedmsg.
type EncryptedCheck struct {
	Valid      bool  // WeChat spells it "vaild"
	CreateTime int64 // when WeChat made the data (Unix time), if Valid
}

// ParseCheckEncryptedResponse reads the answer of checkencryptedmsg.
func ParseCheckEncryptedResponse(body []byte) (*EncryptedCheck, error) {
	var r EncryptedCheck
	found := false
	err := parseAnswer(APICheckEncrypted, body, func(key string, v jsontext.Value) {
		switch key {
		case "vaild", "valid":
			if v.Kind == jsontext.True || v.Kind == jsontext.False {
				r.Valid, found = v.Kind == jsontext.True, true
			}
		case "create_time":
			r.CreateTime, _ = v.Int()
		}
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, &ResponseError{API: APICheckEncrypted, Fault: core.CodeMissingField, Field: "vaild", Len: len(body)}
	}
	return &r, nil
}

// NewUserEncryptKeyCall builds getuserencryptkey: the user's last three
// encrypt keys, asked with the login-state signature of sessionKey
// (hex(hmac_sha256(key = session_key text, ""))), sig_method=hmac_sha256.
//
// https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/internet/api_getuserencryptkey.html
func NewUserEncryptKeyCall(baseURL, accessToken, openID, sessionKey string) *Call {
	return getCall(APIUserEncryptKey, buildURL(baseURL, APIUserEncryptKey, "access_token", accessToken,
		"openid", openID, "signature", core.LoginSignature(sessionKey, nil), "sig_method", "hmac_sha256"))
}

// UserKey is one encrypt key of getuserencryptkey. EncryptKey is a secret:
// String leaves it out.
type UserKey struct {
	EncryptKey string // base64 of the AES-128 key
	IV         string // 16 characters, used as they are
	Version    int64
	ExpireIn   time.Duration // 0 once expired
	CreateTime int64
}

// String describes the key without its value.
func (k UserKey) String() string {
	return "version=" + strconv.FormatInt(k.Version, 10) + " encrypt_key=REDACTED expire_in=" + k.ExpireIn.String()
}

// GoString is String.
func (k UserKey) GoString() string { return k.String() }

// ParseUserEncryptKeyResponse reads the answer of getuserencryptkey: the
// keys newest first, as WeChat lists them.
func ParseUserEncryptKeyResponse(body []byte) ([]UserKey, error) {
	var keys []UserKey
	found := false
	err := parseAnswer(APIUserEncryptKey, body, func(key string, v jsontext.Value) {
		if key != "key_info_list" || v.Kind != jsontext.Array {
			return
		}
		found = true
		v.Elements(func(v jsontext.Value) {
			var k UserKey
			v.Members(func(key string, v jsontext.Value) {
				switch key {
				case "encrypt_key":
					setString(&k.EncryptKey, v)
				case "iv":
					setString(&k.IV, v)
				case "version":
					k.Version, _ = v.Int()
				case "expire_in":
					n, _ := v.Int()
					k.ExpireIn = time.Duration(n) * time.Second
				case "create_time":
					k.CreateTime, _ = v.Int()
				}
			})
			keys = append(keys, k)
		})
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, &ResponseError{API: APIUserEncryptKey, Fault: core.CodeMissingField, Field: "key_info_list", Len: len(body)}
	}
	return keys, nil
}

// OpenWithUserKeys finds which of keys opens data, base64 that the
// mini-program encrypted with AES-128-CBC under a key of
// wx.getUserCryptoManager: the key whose decryption has valid padding and is
// text. It returns that key's index in keys and the plaintext, or -1.
func OpenWithUserKeys(data string, keys []UserKey) (int, []byte) {
	best, bestText := -1, false
	var out []byte
	for i, k := range keys {
		iv := k.IV
		if len(iv) == 16 {
			iv = base64.StdEncoding.EncodeToString([]byte(iv))
		}
		plain, err := core.Decrypt(k.EncryptKey, iv, data)
		if err != nil {
			continue
		}
		text := utf8.Valid(plain)
		if best < 0 || text && !bestText {
			best, bestText, out = i, text, plain
		}
	}
	return best, out
}

// NewResetSessionKeyCall builds resetusersessionkey, which replaces the
// user's session_key, asked with the login-state signature of the current
// one (the same signature as checksession).
//
// https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_resetusersessionkey.html
func NewResetSessionKeyCall(baseURL, accessToken, openID, sessionKey string) *Call {
	return getCall(APIResetSessionKey, buildURL(baseURL, APIResetSessionKey, "access_token", accessToken,
		"openid", openID, "signature", core.LoginSignature(sessionKey, nil), "sig_method", "hmac_sha256"))
}

// ParseResetSessionKeyResponse reads the answer of resetusersessionkey: the
// openid and the new session_key.
func ParseResetSessionKeyResponse(body []byte) (*Session, error) {
	return parseSession(APIResetSessionKey, body)
}

// NewComponentCode2SessionCall builds the jscode2session of a third-party
// platform (component_appid) on behalf of the mini-program appID.
//
// https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/login/api_thirdpartycode2session.html
func NewComponentCode2SessionCall(baseURL, appID, jsCode, componentAppID, componentAccessToken string) *Call {
	return getCall(APIComponentCode2Session, buildURL(baseURL, APIComponentCode2Session,
		"appid", appID, "js_code", jsCode, "grant_type", "authorization_code",
		"component_appid", componentAppID, "component_access_token", componentAccessToken))
}

// ParseComponentCode2SessionResponse reads its answer.
func ParseComponentCode2SessionResponse(body []byte) (*Session, error) {
	return parseSession(APIComponentCode2Session, body)
}

func parseSession(api string, body []byte) (*Session, error) {
	var s Session
	err := parseAnswer(api, body, func(key string, v jsontext.Value) {
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
	if s.OpenID == "" || s.SessionKey == "" {
		return nil, &ResponseError{API: api, Fault: core.CodeMissingField, Field: "session_key", Len: len(body)}
	}
	return &s, nil
}

// NewOpenDataCall builds getopendata, which exchanges cloudIDs (what cloud
// development hands the mini-program instead of encryptedData) for the
// data. openID is optional.
//
// https://developers.weixin.qq.com/miniprogram/dev/server/API/cloudbase/others/api_getopendata.html
func NewOpenDataCall(baseURL, accessToken, openID string, cloudIDs []string) *Call {
	body := append(jsontext.AppendKey([]byte{'{'}, "cloudid_list"), '[')
	for i, id := range cloudIDs {
		if i > 0 {
			body = append(body, ',')
		}
		body = jsontext.AppendString(body, id)
	}
	body = append(body, ']', '}')
	params := []string{"access_token", accessToken}
	if openID != "" {
		params = append(params, "openid", openID)
	}
	return jsonCall(APIOpenData, buildURL(baseURL, APIOpenData, params...), body)
}

// OpenData is one entry of getopendata's data_list. JSON is the data as
// JSON text ({"cloudID", "data": {…}}), whether WeChat sent it as a string
// (its document's table) or as an object (its example).
type OpenData struct {
	CloudID string
	JSON    string
}

// ParseOpenDataResponse reads the answer of getopendata.
func ParseOpenDataResponse(body []byte) ([]OpenData, error) {
	var list []OpenData
	found := false
	err := parseAnswer(APIOpenData, body, func(key string, v jsontext.Value) {
		if key != "data_list" || v.Kind != jsontext.Array {
			return
		}
		found = true
		v.Elements(func(v jsontext.Value) {
			var d OpenData
			v.Members(func(key string, v jsontext.Value) {
				switch key {
				case "cloud_id":
					setString(&d.CloudID, v)
				case "json":
					if v.Kind == jsontext.Object {
						d.JSON = v.Raw
					} else {
						setString(&d.JSON, v)
					}
				}
			})
			list = append(list, d)
		})
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, &ResponseError{API: APIOpenData, Fault: core.CodeMissingField, Field: "data_list", Len: len(body)}
	}
	return list, nil
}

// PhoneCodeShape says what a code sent to getuserphonenumber looks like:
// "phone" for 64 hex digits (the phone codes of WeChat's examples),
// "login" for 32 characters (wx.login's js_code), "" otherwise. The shape is
// evidence, not proof: WeChat does not promise either length.
func PhoneCodeShape(code string) string {
	switch {
	case len(code) == 64 && isHex(code):
		return "phone"
	case len(code) == 32:
		return "login"
	}
	return ""
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

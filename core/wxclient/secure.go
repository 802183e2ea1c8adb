package wxclient

import (
	"crypto/rand"
	"net/http"
	"strings"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/internal/jsontext"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxsecure"
)

// WithSecure sends every call that WeChat serves in API security mode
// (服务端API安全鉴权, wxsecure.Supported: getuserphonenumber) encrypted and
// signed with k, and accepts an answer only once its platform signature
// verifies with one of k.Certs and its body decrypts with _appid and
// _timestamp matching the headers. A refused answer is a *SecureError naming
// the cause (core.CodeOf gives its code: response_unsigned, signature_invalid,
// body_altered, timestamp_mismatch, …). An unsigned answer is accepted only
// when it is a WeChat error (errcode ≠ 0), which grants nothing: that is how
// WeChat answers 40230–40240. The signature and the AAD always cover
// https://api.weixin.qq.com/<path>, whatever WithBaseURL says.
func WithSecure(k *wxsecure.Keys) Option { return func(c *Client) { c.secure = k } }

// SecureError is an answer refused in security mode, or a call that could
// not be sealed.
type SecureError struct {
	API string
	Err *wxsecure.Error
}

func (e *SecureError) Error() string { return e.API + ": security mode: " + e.Err.Error() }

// Unwrap returns the *wxsecure.Error.
func (e *SecureError) Unwrap() error { return e.Err }

// Explain is core.Explain of e: the code of the fault, the API it concerns.
func (e *SecureError) Explain(lang core.Lang) *core.Problem {
	p := e.Err.Explain(lang)
	p.Message = e.API + ": " + p.Message
	return p
}

// seal returns call sealed when security mode applies to it.
func (c *Client) seal(call *wxapi.Call) (*wxapi.Call, error) {
	if c.secure == nil || !wxsecure.Supported(call.API) {
		return call, nil
	}
	k := *c.secure
	if k.AppID == "" {
		k.AppID = c.appID
	}
	s, err := k.SealRequest(call, c.now(), rand.Reader)
	if err != nil {
		return nil, &SecureError{API: call.API, Err: err.(*wxsecure.Error)}
	}
	return s, nil
}

// open verifies and decrypts an answer in security mode and returns the
// answer as WeChat sends it in the clear.
func (c *Client) open(call *wxapi.Call, resp *http.Response, b []byte) ([]byte, error) {
	if c.secure == nil || !wxsecure.Supported(call.API) {
		return b, nil
	}
	h := make([]wxapi.HeaderField, 0, len(resp.Header))
	for name, vs := range resp.Header {
		if strings.HasPrefix(strings.ToLower(name), "wechatmp-") && len(vs) > 0 {
			h = append(h, wxapi.HeaderField{Name: name, Value: vs[0]})
		}
	}
	k := *c.secure
	if k.AppID == "" {
		k.AppID = c.appID
	}
	o, err := k.OpenResponse(call.API, h, b)
	if err != nil {
		e := err.(*wxsecure.Error)
		if e.Code == core.CodeResponseUnsigned && isWeChatError(b) {
			return b, nil
		}
		return nil, &SecureError{API: call.API, Err: e}
	}
	if o.Deprecated && c.log != nil {
		c.log.Warn("wechat signed the answer with a certificate being retired; download the new platform certificate",
			"api", call.API, "serial", o.Serial, "current", o.Current)
	}
	return o.Body, nil
}

// isWeChatError reports whether b is a WeChat answer with errcode ≠ 0.
func isWeChatError(b []byte) bool {
	code := int64(0)
	ok := jsontext.ParseObject(string(b), func(key string, v jsontext.Value) {
		if key == "errcode" {
			code, _ = v.Int()
		}
	})
	return ok && code != 0
}

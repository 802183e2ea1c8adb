package wxsecure

import (
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/internal/jsontext"
	"github.com/wxinspect/wxinspect/core/wxapi"
)

// WeChatOrigin is where urlpath points, whatever base URL a call travels to.
const WeChatOrigin = "https://api.weixin.qq.com"

// The headers of security mode.
const (
	HeaderAppID               = "Wechatmp-Appid"
	HeaderTimestamp           = "Wechatmp-TimeStamp"
	HeaderSignature           = "Wechatmp-Signature"
	HeaderSerial              = "Wechatmp-Serial"
	HeaderSerialDeprecated    = "Wechatmp-Serial-Deprecated"
	HeaderSignatureDeprecated = "Wechatmp-Signature-Deprecated"
)

// SaltLength is the PSS salt length WeChat requires of request signatures.
const SaltLength = 32

// supported lists the calls of package core that WeChat serves in security
// mode (their documentation says 支持安全鉴权), plus the guide's example.
var supported = map[string]bool{
	wxapi.APIPhoneNumber:  true,
	"wxa/getuserriskrank": true,
}

// Supported reports whether WeChat serves api in security mode; other calls
// (token, jscode2session, checksession) are sent as they are.
func Supported(api string) bool { return supported[api] }

// CanonicalURL returns the urlpath of api: https://api.weixin.qq.com/<api>.
func CanonicalURL(api string) string {
	return WeChatOrigin + "/" + strings.TrimLeft(api, "/")
}

// SignedString returns urlpath\nappid\ntimestamp\nbody, what is signed.
func SignedString(urlpath, appID string, timestamp int64, body []byte) []byte {
	b := make([]byte, 0, len(urlpath)+len(appID)+len(body)+24)
	b = append(b, urlpath...)
	b = append(b, '\n')
	b = append(b, appID...)
	b = append(b, '\n')
	b = strconv.AppendInt(b, timestamp, 10)
	b = append(b, '\n')
	return append(b, body...)
}

// AAD returns urlpath|appid|timestamp|sn, the GCM additional data.
func AAD(urlpath, appID string, timestamp int64, sn string) []byte {
	b := make([]byte, 0, len(urlpath)+len(appID)+len(sn)+24)
	b = append(b, urlpath...)
	b = append(b, '|')
	b = append(b, appID...)
	b = append(b, '|')
	b = strconv.AppendInt(b, timestamp, 10)
	b = append(b, '|')
	return append(b, sn...)
}

// Envelope is the encrypted body.
type Envelope struct {
	IV, Data, AuthTag []byte
}

// AppendJSON appends {"iv":…,"data":…,"authtag":…}, the guide's order.
func (e *Envelope) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"iv":"`...)
	dst = base64.StdEncoding.AppendEncode(dst, e.IV)
	dst = append(dst, `","data":"`...)
	dst = base64.StdEncoding.AppendEncode(dst, e.Data)
	dst = append(dst, `","authtag":"`...)
	dst = base64.StdEncoding.AppendEncode(dst, e.AuthTag)
	return append(dst, `"}`...)
}

// ParseEnvelope reads an encrypted body. Its error is an *Error with
// CodeEnvelopeInvalid naming what is wrong.
func ParseEnvelope(body []byte) (*Envelope, error) {
	var iv, data, tag string
	var seen [3]bool
	bad := ""
	ok := jsontext.ParseObject(string(body), func(key string, v jsontext.Value) {
		s, isStr := v.String()
		var i int
		switch key {
		case "iv":
			iv, i = s, 0
		case "data":
			data, i = s, 1
		case "authtag":
			tag, i = s, 2
		default:
			return
		}
		seen[i] = true
		if !isStr && bad == "" {
			bad = key + " is not a string"
		}
	})
	if !ok {
		return nil, envelopeError("not a JSON object")
	}
	for i, name := range [3]string{"iv", "data", "authtag"} {
		if !seen[i] {
			return nil, envelopeError(name + " is missing")
		}
	}
	if bad != "" {
		return nil, envelopeError(bad)
	}
	e := &Envelope{}
	var err error
	if e.IV, err = base64.StdEncoding.DecodeString(iv); err != nil {
		return nil, envelopeError("iv is not valid base64")
	}
	if e.Data, err = base64.StdEncoding.DecodeString(data); err != nil {
		return nil, envelopeError("data is not valid base64")
	}
	if e.AuthTag, err = base64.StdEncoding.DecodeString(tag); err != nil {
		return nil, envelopeError("authtag is not valid base64")
	}
	if len(e.IV) != 12 {
		return nil, envelopeError("iv decodes to " + strconv.Itoa(len(e.IV)) + " bytes, want 12")
	}
	if len(e.AuthTag) != 16 {
		return nil, envelopeError("authtag decodes to " + strconv.Itoa(len(e.AuthTag)) + " bytes, want 16")
	}
	return e, nil
}

func envelopeError(detail string) *Error {
	return fail(core.CodeEnvelopeInvalid, 40235, "detail", detail)
}

func newGCM(key []byte) (cipher.AEAD, error) {
	if len(key) != 32 {
		return nil, keyError("the symmetric key", strconv.Itoa(len(key))+" bytes, want 32 (AES256_GCM)")
	}
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, keyError("the symmetric key", "rejected by AES")
	}
	return cipher.NewGCM(b)
}

// seal encrypts plaintext into an envelope.
func seal(key, iv, aad, plaintext []byte) (*Envelope, error) {
	g, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	out := g.Seal(nil, iv, plaintext, aad)
	n := len(out) - g.Overhead()
	return &Envelope{IV: iv, Data: out[:n], AuthTag: out[n:]}, nil
}

// open decrypts an envelope; false when authentication fails.
func open(g cipher.AEAD, e *Envelope, aad []byte) ([]byte, bool) {
	ct := make([]byte, 0, len(e.Data)+len(e.AuthTag))
	ct = append(append(ct, e.Data...), e.AuthTag...)
	p, err := g.Open(ct[:0], e.IV, ct, aad)
	return p, err == nil
}

func digest(msg []byte) []byte {
	h := sha256.Sum256(msg)
	return h[:]
}

var pss32 = &rsa.PSSOptions{SaltLength: SaltLength, Hash: crypto.SHA256}

// Sign signs msg with RSASSA-PSS, SHA-256, salt 32.
func Sign(rand io.Reader, k *rsa.PrivateKey, msg []byte) ([]byte, error) {
	return rsa.SignPSS(rand, k, crypto.SHA256, digest(msg), pss32)
}

// Verify checks an RSASSA-PSS SHA-256 signature of msg with salt 32.
func Verify(k *rsa.PublicKey, msg, sig []byte) bool {
	return k != nil && rsa.VerifyPSS(k, crypto.SHA256, digest(msg), sig, pss32) == nil
}

// verifyAnySalt checks a PSS signature whatever its salt length: the guide
// says answers need no salt length.
func verifyAnySalt(k *rsa.PublicKey, msg, sig []byte) bool {
	return k != nil && rsa.VerifyPSS(k, crypto.SHA256, digest(msg), sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto}) == nil
}

// Plaintext builds the plaintext of a call: _n, _appid, _timestamp, then
// every query parameter but access_token (as strings) and every member of the
// JSON body, as they are.
func Plaintext(call *wxapi.Call, appID string, timestamp int64, nonce string) ([]byte, error) {
	b := make([]byte, 0, 96+len(call.URL)+len(call.Body))
	b = append(b, `{"_n":`...)
	b = jsontext.AppendString(b, nonce)
	b = append(b, `,"_appid":`...)
	b = jsontext.AppendString(b, appID)
	b = append(b, `,"_timestamp":`...)
	b = strconv.AppendInt(b, timestamp, 10)
	if q := strings.IndexByte(call.URL, '?'); q >= 0 {
		for _, p := range strings.Split(call.URL[q+1:], "&") {
			name, v, _ := strings.Cut(p, "=")
			if name == "" || name == "access_token" {
				continue
			}
			n, ok1 := unescape(name)
			s, ok2 := unescape(v)
			if !ok1 || !ok2 {
				return nil, fail(core.CodeCaptureInvalid, 0, "detail", "a query parameter is not valid URL encoding")
			}
			b = append(b, ',')
			b = jsontext.AppendKey(b, n)
			b = jsontext.AppendString(b, s)
		}
	}
	if len(call.Body) > 0 {
		ok := jsontext.ParseObject(string(call.Body), func(key string, v jsontext.Value) {
			b = append(b, ',')
			b = jsontext.AppendKey(b, key)
			b = append(b, v.Raw...)
		})
		if !ok {
			return nil, fail(core.CodeSecurePlaintextInvalid, 0, "detail", "cannot be built: the call's body is not a JSON object")
		}
	}
	return append(b, '}'), nil
}

// SealRequest returns call in security mode: a POST to the same URL with only
// the access_token left in the query, the body encrypted, and the Wechatmp-*
// headers signed over WeChat's URL of the API. random supplies the nonce, the
// iv and the PSS salt (crypto/rand.Reader).
func (k *Keys) SealRequest(call *wxapi.Call, now time.Time, random io.Reader) (*wxapi.Call, error) {
	if k.Private == nil {
		return nil, keyError("the private key", "missing")
	}
	if k.SymSN == "" {
		return nil, keyError("the symmetric key's serial", "missing")
	}
	if k.AppID == "" {
		return nil, keyError("the appid", "missing")
	}
	ts := now.Unix()
	var rnd [28]byte
	if _, err := io.ReadFull(random, rnd[:]); err != nil {
		return nil, keyError("the random source", "it failed")
	}
	nonce := base64.RawStdEncoding.EncodeToString(rnd[:16])
	plain, err := Plaintext(call, k.AppID, ts, nonce)
	if err != nil {
		return nil, err
	}
	urlpath := CanonicalURL(call.API)
	env, err := seal(k.SymKey, rnd[16:], AAD(urlpath, k.AppID, ts, k.SymSN), plain)
	if err != nil {
		return nil, err
	}
	body := env.AppendJSON(nil)
	sig, err := Sign(random, k.Private, SignedString(urlpath, k.AppID, ts, body))
	if err != nil {
		return nil, keyError("the private key", "signing failed")
	}
	u := call.URL
	if q := strings.IndexByte(u, '?'); q >= 0 {
		u = u[:q]
		for _, p := range strings.Split(call.URL[q+1:], "&") {
			if strings.HasPrefix(p, "access_token=") {
				u += "?" + p
			}
		}
	}
	return &wxapi.Call{API: call.API, Method: "POST", URL: u, Body: body, Header: []wxapi.HeaderField{
		{Name: "Content-Type", Value: "application/json"},
		{Name: HeaderAppID, Value: k.AppID},
		{Name: HeaderTimestamp, Value: strconv.FormatInt(ts, 10)},
		{Name: HeaderSignature, Value: base64.StdEncoding.EncodeToString(sig)},
	}}, nil
}

// HeaderValue returns the value of the header name in h, case-insensitively.
func HeaderValue(h []wxapi.HeaderField, name string) (string, bool) {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return f.Value, true
		}
	}
	return "", false
}

// Opened is an answer that verified and decrypted.
type Opened struct {
	Body       []byte // the answer as WeChat would send it in the clear: the plaintext without _n, _appid, _timestamp
	Plaintext  []byte // the decrypted JSON
	Timestamp  int64
	Serial     string // the serial of the certificate that verified it
	Deprecated bool   // verified only by Wechatmp-Signature-Deprecated: download the new certificate
	Current    string // the serial of WeChat's current certificate (Wechatmp-Serial)
}

// OpenResponse verifies the platform signature of an answer to api, then
// decrypts it and checks _appid and _timestamp against the headers. A
// signature by a certificate being retired is accepted (Opened.Deprecated).
// An answer without signature headers is an *Error with CodeResponseUnsigned:
// the caller decides whether a plain WeChat error may pass (it grants
// nothing). Every failure is an *Error naming its cause.
func (k *Keys) OpenResponse(api string, h []wxapi.HeaderField, body []byte) (*Opened, error) {
	m := &Message{Response: true, Header: h, Body: body}
	r := explain(m, CanonicalURL(api), k, Options{})
	if r.err != nil {
		return nil, r.err
	}
	return &Opened{Body: stripSecurity(r.plain), Plaintext: r.plain, Timestamp: r.ts,
		Serial: r.serial, Deprecated: r.deprecated, Current: r.current}, nil
}

// OpenRequest verifies and decrypts a request to api as WeChat does; the
// *Error's Errcode is what WeChat answers (40231–40240). maxSkew bounds the
// distance between the request's timestamp and now (0: not checked).
func (k *Keys) OpenRequest(api string, h []wxapi.HeaderField, body []byte, now time.Time, maxSkew time.Duration) (plaintext []byte, err error) {
	m := &Message{Header: h, Body: body}
	r := explain(m, CanonicalURL(api), k, Options{Now: now, MaxSkew: maxSkew})
	if r.err != nil {
		return nil, r.err
	}
	return r.plain, nil
}

// stripSecurity removes _n, _appid and _timestamp from a plaintext object.
func stripSecurity(plain []byte) []byte {
	out := append(make([]byte, 0, len(plain)), '{')
	n := 0
	jsontext.ParseObject(string(plain), func(key string, v jsontext.Value) {
		if key == "_n" || key == "_appid" || key == "_timestamp" {
			return
		}
		if n > 0 {
			out = append(out, ',')
		}
		n++
		out = jsontext.AppendKey(out, key)
		out = append(out, v.Raw...)
	})
	return append(out, '}')
}

// Platform is the signing side of answers: WeChat, or the fake. Deprecated,
// when set, is the certificate being retired; answers then carry both
// signatures.
type Platform struct {
	SN         string
	Key        *rsa.PrivateKey
	Deprecated *Platform
}

// SealResponse encrypts an answer (a JSON object) with the app's symmetric
// key and signs it as WeChat does.
func (p *Platform) SealResponse(api string, k *Keys, answer []byte, now time.Time, random io.Reader) (h []wxapi.HeaderField, body []byte, err error) {
	ts := now.Unix()
	var rnd [28]byte
	if _, err := io.ReadFull(random, rnd[:]); err != nil {
		return nil, nil, keyError("the random source", "it failed")
	}
	plain := make([]byte, 0, len(answer)+96)
	plain = append(plain, `{"_n":`...)
	plain = jsontext.AppendString(plain, base64.RawStdEncoding.EncodeToString(rnd[:16]))
	plain = append(plain, `,"_appid":`...)
	plain = jsontext.AppendString(plain, k.AppID)
	plain = append(plain, `,"_timestamp":`...)
	plain = strconv.AppendInt(plain, ts, 10)
	if !jsontext.ParseObject(string(answer), func(key string, v jsontext.Value) {
		plain = append(plain, ',')
		plain = jsontext.AppendKey(plain, key)
		plain = append(plain, v.Raw...)
	}) {
		return nil, nil, fail(core.CodeSecurePlaintextInvalid, 0, "detail", "cannot be built: the answer is not a JSON object")
	}
	plain = append(plain, '}')
	urlpath := CanonicalURL(api)
	env, err := seal(k.SymKey, rnd[16:], AAD(urlpath, k.AppID, ts, k.SymSN), plain)
	if err != nil {
		return nil, nil, err
	}
	body = env.AppendJSON(nil)
	msg := SignedString(urlpath, k.AppID, ts, body)
	sig, err := Sign(random, p.Key, msg)
	if err != nil {
		return nil, nil, keyError("the platform key", "signing failed")
	}
	h = []wxapi.HeaderField{
		{Name: "Content-Type", Value: "application/json; charset=UTF-8"},
		{Name: HeaderAppID, Value: k.AppID},
		{Name: HeaderTimestamp, Value: strconv.FormatInt(ts, 10)},
		{Name: HeaderSerial, Value: p.SN},
		{Name: HeaderSignature, Value: base64.StdEncoding.EncodeToString(sig)},
	}
	if d := p.Deprecated; d != nil {
		dsig, err := Sign(random, d.Key, msg)
		if err != nil {
			return nil, nil, keyError("the deprecated platform key", "signing failed")
		}
		h = append(h, wxapi.HeaderField{Name: HeaderSerialDeprecated, Value: d.SN},
			wxapi.HeaderField{Name: HeaderSignatureDeprecated, Value: base64.StdEncoding.EncodeToString(dsig)})
	}
	return h, body, nil
}

// unescape decodes a query component ('+' is a space, %XX a byte).
func unescape(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b = append(b, ' ')
		case '%':
			if i+2 >= len(s) || unhex(s[i+1]) < 0 || unhex(s[i+2]) < 0 {
				return "", false
			}
			b = append(b, byte(unhex(s[i+1])<<4|unhex(s[i+2])))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b), true
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

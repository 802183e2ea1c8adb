package wxsecure

import (
	"crypto"
	"crypto/cipher"
	"crypto/rsa"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// Options of Explain.
type Options struct {
	// Now and MaxSkew: when MaxSkew > 0, a timestamp further than MaxSkew
	// from Now is timestamp_expired (WeChat's 40240).
	Now     time.Time
	MaxSkew time.Duration
	// Host is where the request travelled (a proxy, the fake), to recognise
	// a urlpath made from it; empty: the capture's Host header.
	Host string
	Lang core.Lang
}

// tsWindow is how far from the header the diagnosis looks for the
// timestamp a body was encrypted with (an AES-GCM open each); sigWindow, for
// the one signed (an RSA verification each).
const (
	tsWindow  = 300
	sigWindow = 10
)

// Step is one check of Explain, in order.
type Step struct {
	Name   string // headers, urlpath, signed_string, sha256, signature, envelope, aad, decrypt, plaintext
	OK     bool
	Skip   bool   // not checked: the material was not given
	Detail string // what was computed or found; never a key
}

// Report is what Explain found out about a captured request or answer.
type Report struct {
	Response  bool
	OK        bool
	URLPath   string
	AppID     string
	Timestamp int64
	Steps     []Step
	Error     *core.Problem // the first failure; nil when OK
	Findings  []core.Finding
	Plaintext string // the decrypted JSON, access_token redacted; empty when not decrypted

	err        *Error
	plain      []byte
	ts         int64
	serial     string
	current    string
	deprecated bool
}

// Explain checks a captured request or answer step by step with the
// material given and names the first component that fails, trying the
// usual mistakes (a fifth line, a urlpath with the query or without the
// scheme, another timestamp, serial or appid, a re-serialised body, PKCS#1
// v1.5 or another salt) until one explains it. urlpath is WeChat's URL of
// the API (CanonicalURL). It never fails: whatever the input, it returns a
// report.
func Explain(m *Message, urlpath string, k *Keys, o Options) *Report {
	return explain(m, urlpath, k, o)
}

type explainer struct {
	r       *Report
	m       *Message
	k       *Keys
	o       Options
	urlpath string
	appID   string
	ts      int64
	sig     []byte
	pub     *rsa.PublicKey
	env     *Envelope
	gcm     cipher.AEAD

	sigCause, aadCause *Error
}

func (x *explainer) step(name string, ok bool, detail string) {
	x.r.Steps = append(x.r.Steps, Step{Name: name, OK: ok, Detail: detail})
}

func (x *explainer) skip(name, detail string) {
	x.r.Steps = append(x.r.Steps, Step{Name: name, Skip: true, OK: true, Detail: detail})
}

// fault records a failure: the first is the report's error, every one is a
// finding.
func (x *explainer) fault(e *Error) {
	msg, hint := e.Describe(x.o.Lang)
	x.r.Findings = append(x.r.Findings, core.Finding{Code: e.Code, Severity: core.SeverityError, Message: msg, Hint: hint})
	if x.r.err == nil {
		x.r.err = e
		x.r.Error = &core.Problem{Code: e.Code, Message: msg, Hint: hint, WeChatCode: e.Errcode}
	}
}

func (x *explainer) warn(code core.Code, args ...string) {
	msg, hint := code.Describe(x.o.Lang, args...)
	x.r.Findings = append(x.r.Findings, core.Finding{Code: code, Severity: core.SeverityWarning, Message: msg, Hint: hint})
}

func explain(m *Message, urlpath string, k *Keys, o Options) *Report {
	if k == nil {
		k = &Keys{}
	}
	x := &explainer{r: &Report{Response: m.Response, URLPath: urlpath}, m: m, k: k, o: o, urlpath: urlpath}
	x.run()
	x.r.OK = x.r.err == nil
	return x.r
}

func (x *explainer) run() {
	if !x.headers() {
		return
	}
	x.step("urlpath", true, x.urlpath)
	signed := SignedString(x.urlpath, x.appID, x.ts, x.m.Body)
	x.step("signed_string", true, string(signed))
	x.step("sha256", true, hex.EncodeToString(digest(signed)))
	if x.o.MaxSkew > 0 {
		d := x.o.Now.Sub(time.Unix(x.ts, 0))
		if d < 0 {
			d = -d
		}
		if d > x.o.MaxSkew {
			x.fault(fail(core.CodeTimestampExpired, 40240, "got", strconv.FormatInt(x.ts, 10), "age", d.Round(time.Second).String(),
				"now", x.o.Now.UTC().Format(time.RFC3339), "max", x.o.MaxSkew.String()))
		}
	}
	sigOK := x.signature(signed)
	env, err := ParseEnvelope(x.m.Body)
	if err != nil {
		e := err.(*Error)
		x.step("envelope", false, e.Args[1])
		if sigOK != nil && !*sigOK {
			x.fault(x.sigCause)
		}
		x.fault(e)
		return
	}
	x.env = env
	x.step("envelope", true, "iv "+strconv.Itoa(len(env.IV))+" bytes, data "+strconv.Itoa(len(env.Data))+" bytes, authtag "+strconv.Itoa(len(env.AuthTag))+" bytes")
	plain, decOK := x.decrypt()
	switch {
	case sigOK == nil && decOK == nil:
	case sigOK != nil && decOK != nil && !*sigOK && !*decOK && x.aadCause == nil && x.sigCause.Code == core.CodeSignatureInvalid:
		// Neither the signature nor the decryption works, and no single
		// mistake explains either: the body is not what was signed.
		x.fault(fail(core.CodeBodyAltered, 40234))
	case sigOK != nil && !*sigOK:
		x.fault(x.sigCause)
	}
	if decOK != nil && !*decOK && x.aadCause != nil {
		x.fault(x.aadCause)
	} else if decOK != nil && !*decOK && (sigOK == nil || *sigOK) {
		x.fault(fail(core.CodeGCMAuthFailed, 40235, "sn", x.k.SymSN))
	}
	if plain != nil {
		x.plaintext(plain)
	}
}

// headers reads the Wechatmp-* headers; false when the rest cannot be
// checked.
func (x *explainer) headers() bool {
	h := x.m.Header
	missing := func(name string, errcode int) bool {
		x.step("headers", false, name+" is missing")
		x.fault(fail(core.CodeHeaderMissing, errcode, "header", name))
		return false
	}
	if x.m.Response {
		if _, ok := HeaderValue(h, HeaderSignature); !ok {
			x.step("headers", false, "no "+HeaderSignature)
			x.fault(fail(core.CodeResponseUnsigned, 0))
			return false
		}
	} else if sn, ok := HeaderValue(h, HeaderSerial); ok && sn == "" {
		return missing(HeaderSerial, 40230)
	}
	appID, ok := HeaderValue(h, HeaderAppID)
	if !ok || appID == "" {
		return missing(HeaderAppID, 40233)
	}
	tsv, ok := HeaderValue(h, HeaderTimestamp)
	if !ok || tsv == "" {
		return missing(HeaderTimestamp, 40231)
	}
	ts, err := strconv.ParseInt(tsv, 10, 64)
	if err != nil || ts <= 0 {
		return missing(HeaderTimestamp, 40231)
	}
	sigv, ok := HeaderValue(h, HeaderSignature)
	if !ok || sigv == "" {
		return missing(HeaderSignature, 40232)
	}
	sig, err := base64.StdEncoding.DecodeString(sigv)
	if err != nil {
		return missing(HeaderSignature, 40232)
	}
	if x.m.Response {
		sn, ok := HeaderValue(h, HeaderSerial)
		if !ok || sn == "" {
			return missing(HeaderSerial, 40230)
		}
		x.r.current = sn
	}
	x.appID, x.ts, x.sig = appID, ts, sig
	x.r.AppID, x.r.Timestamp, x.r.ts = appID, ts, ts
	x.step("headers", true, HeaderAppID+" "+appID+", "+HeaderTimestamp+" "+tsv+" ("+time.Unix(ts, 0).UTC().Format(time.RFC3339)+")")
	return true
}

// signature checks the signature; nil when it could not be checked.
func (x *explainer) signature(signed []byte) *bool {
	t, f := true, false
	if !x.m.Response {
		x.pub = x.k.public()
		if x.pub == nil {
			x.skip("signature", "no public or private key given")
			return nil
		}
		if Verify(x.pub, signed, x.sig) {
			x.step("signature", true, "RSASSA-PSS (SHA-256, salt 32) verifies with the app's key")
			return &t
		}
		x.step("signature", false, "RSASSA-PSS (SHA-256, salt 32) does not verify with the app's key")
		x.sigCause = x.diagnoseSignature(signed)
		return &f
	}
	serial, _ := HeaderValue(x.m.Header, HeaderSerial)
	depSerial, _ := HeaderValue(x.m.Header, HeaderSerialDeprecated)
	sig := x.sig
	key := x.k.cert(serial)
	x.r.serial = serial
	if key == nil {
		if dk := x.k.cert(depSerial); dk != nil {
			ds, _ := HeaderValue(x.m.Header, HeaderSignatureDeprecated)
			d, err := base64.StdEncoding.DecodeString(ds)
			if err != nil || ds == "" {
				x.step("signature", false, HeaderSignatureDeprecated+" is missing or not base64")
				x.sigCause = fail(core.CodeHeaderMissing, 0, "header", HeaderSignatureDeprecated)
				return &f
			}
			key, sig, x.r.serial, x.r.deprecated = dk, d, depSerial, true
		}
	}
	if key == nil {
		if len(x.k.Certs) == 0 {
			x.skip("signature", "no platform certificate given")
			return nil
		}
		x.step("signature", false, "signed by certificate "+serial+", not given")
		x.sigCause = fail(core.CodeCertificateUnknown, 0, "serial", serial)
		return &f
	}
	x.pub = key
	x.sig = sig
	if verifyAnySalt(key, signed, sig) {
		x.step("signature", true, "RSASSA-PSS (SHA-256) verifies with certificate "+x.r.serial)
		if x.r.deprecated {
			x.warn(core.CodeDeprecatedCertificate, "serial", depSerial, "current", serial)
		}
		return &t
	}
	x.step("signature", false, "RSASSA-PSS (SHA-256) does not verify with certificate "+x.r.serial)
	x.sigCause = x.diagnoseSignature(signed)
	return &f
}

// decrypt opens the envelope with the standard AAD; nil plaintext and a nil
// result when it could not be tried.
func (x *explainer) decrypt() ([]byte, *bool) {
	t, f := true, false
	aad := AAD(x.urlpath, x.appID, x.ts, x.k.SymSN)
	if len(x.k.SymKey) == 0 {
		x.skip("aad", string(aad))
		x.skip("decrypt", "no symmetric key given")
		return nil, nil
	}
	g, err := newGCM(x.k.SymKey)
	if err != nil {
		x.step("decrypt", false, "the symmetric key is not usable")
		x.aadCause = err.(*Error)
		return nil, &f
	}
	x.gcm = g
	x.step("aad", true, string(aad))
	if p, ok := open(g, x.env, aad); ok {
		x.step("decrypt", true, "AES-256-GCM authenticates, "+strconv.Itoa(len(p))+" bytes of plaintext")
		return p, &t
	}
	x.step("decrypt", false, "AES-256-GCM does not authenticate with this key and AAD")
	p, cause := x.diagnoseAAD()
	x.aadCause = cause
	return p, &f
}

// plaintext checks the decrypted JSON.
func (x *explainer) plaintext(p []byte) {
	var n, appID string
	var ts int64
	var hasN, hasAppID, hasTS, hasToken bool
	ok := jsontext.ParseObject(string(p), func(key string, v jsontext.Value) {
		switch key {
		case "_n":
			n, hasN = v.String()
		case "_appid":
			appID, hasAppID = v.String()
		case "_timestamp":
			ts, hasTS = v.Int()
		case "access_token":
			hasToken = true
		}
	})
	_ = n
	if !ok {
		x.step("plaintext", false, "not a JSON object")
		x.fault(fail(core.CodeSecurePlaintextInvalid, 40235, "detail", "is not a JSON object"))
		return
	}
	x.r.plain = p
	x.r.Plaintext = string(redactToken(p))
	switch {
	case !hasN || !hasAppID || !hasTS:
		missing := []string{}
		for _, f := range []struct {
			name string
			ok   bool
		}{{"_n (string)", hasN}, {"_appid (string)", hasAppID}, {"_timestamp (number)", hasTS}} {
			if !f.ok {
				missing = append(missing, f.name)
			}
		}
		x.step("plaintext", false, "lacks "+strings.Join(missing, ", "))
		x.fault(fail(core.CodeSecurePlaintextInvalid, 40235, "detail", "lacks "+strings.Join(missing, ", ")))
	case appID != x.appID:
		x.step("plaintext", false, "_appid "+appID+" ≠ header "+x.appID)
		x.fault(fail(core.CodeSecureAppIDMismatch, 40236, "where", "_appid in the plaintext", "got", appID, "want", x.appID))
	case ts != x.ts:
		x.step("plaintext", false, "_timestamp "+strconv.FormatInt(ts, 10)+" ≠ header "+strconv.FormatInt(x.ts, 10))
		x.fault(fail(core.CodeTimestampMismatch, 40235, "where", "_timestamp in the plaintext", "got", strconv.FormatInt(ts, 10), "want", strconv.FormatInt(x.ts, 10)))
	default:
		x.step("plaintext", !hasToken, "_appid and _timestamp match the headers")
	}
	if hasToken && !x.m.Response {
		x.fault(fail(core.CodeAccessTokenInPlaintext, 0))
	}
}

func redactToken(p []byte) []byte {
	out := append(make([]byte, 0, len(p)), '{')
	i := 0
	jsontext.ParseObject(string(p), func(key string, v jsontext.Value) {
		if i > 0 {
			out = append(out, ',')
		}
		i++
		out = jsontext.AppendKey(out, key)
		if key == "access_token" {
			out = append(out, `"REDACTED"`...)
			return
		}
		out = append(out, v.Raw...)
	})
	return append(out, '}')
}

// A variant is one usual mistake: the urlpath, appid, timestamp, serial or
// body it would have used, and the error that names it.
type variant struct {
	urlpath string
	ts      int64
	sn      string
	body    []byte
	extra   string // a fifth line
	err     *Error
}

// urlVariants are the wrong urlpaths seen in practice.
func (x *explainer) urlVariants(where string, errcode int) []variant {
	var vs []variant
	path := strings.TrimPrefix(x.urlpath, WeChatOrigin)
	add := func(u string, code core.Code, args ...string) {
		if u != x.urlpath {
			vs = append(vs, variant{urlpath: u, err: fail(code, errcode, append([]string{"where", where}, args...)...)})
		}
	}
	if q := strings.IndexByte(x.m.Target, '?'); q >= 0 && !x.m.Response {
		add(x.urlpath+x.m.Target[q:], core.CodeURLPathQuery)
	}
	add("api.weixin.qq.com"+path, core.CodeURLPathScheme, "got", "api.weixin.qq.com"+path)
	add(path, core.CodeURLPathScheme, "got", path)
	add(strings.TrimPrefix(path, "/"), core.CodeURLPathScheme, "got", strings.TrimPrefix(path, "/"))
	add("http://api.weixin.qq.com"+path, core.CodeURLPathScheme, "got", "http://api.weixin.qq.com"+path)
	host := x.o.Host
	if host == "" {
		host, _ = HeaderValue(x.m.Header, "Host")
	}
	if host != "" && host != "api.weixin.qq.com" {
		for _, scheme := range []string{"http://", "https://"} {
			u := scheme + host + path
			add(u, core.CodeURLPathHost, "got", u, "want", x.urlpath)
			if q := strings.IndexByte(x.m.Target, '?'); q >= 0 {
				vs = append(vs, variant{urlpath: u + x.m.Target[q:], err: fail(core.CodeURLPathHost, errcode, "where", where,
					"got", u+redactQuery(x.m.Target[q:]), "want", x.urlpath)})
			}
		}
	}
	return vs
}

func (x *explainer) serials() []string {
	var s []string
	for _, sn := range append([]string{x.k.RSASN}, certSNs(x.k)...) {
		if sn != "" && sn != x.k.SymSN {
			s = append(s, sn)
		}
	}
	return s
}

func certSNs(k *Keys) []string {
	s := make([]string, 0, len(k.Certs))
	for _, c := range k.Certs {
		s = append(s, c.SN)
	}
	return s
}

// diagnoseSignature names why the signature fails.
func (x *explainer) diagnoseSignature(signed []byte) *Error {
	if !x.m.Response {
		if verifyAnySalt(x.pub, signed, x.sig) {
			return fail(core.CodeSignatureSaltLength, 40234, "n", strconv.Itoa(x.saltLength(signed)))
		}
		if rsa.VerifyPKCS1v15(x.pub, crypto.SHA256, digest(signed), x.sig) == nil {
			return fail(core.CodeSignaturePKCS1v15, 40234)
		}
	}
	var vs []variant
	for _, sn := range append([]string{x.k.SymSN}, x.serials()...) {
		if sn == "" {
			continue
		}
		for _, extra := range []string{"\n" + sn, "\n" + sn + "\n"} {
			vs = append(vs, variant{extra: extra, err: fail(core.CodeSignatureFifthLine, 40234, "serial", sn)})
		}
	}
	vs = append(vs, variant{extra: "\n", err: fail(core.CodeBodyReserialized, 40234, "detail", "a line break was added after the body")})
	vs = append(vs, x.urlVariants("signed string", 40234)...)
	for _, b := range reserialisations(x.m.Body) {
		vs = append(vs, variant{body: b.body, err: fail(core.CodeBodyReserialized, 40234, "detail", b.what)})
	}
	// The timestamp actually signed: the one the body was encrypted with (a
	// cheap search), milliseconds, or a few seconds off.
	tsv := strconv.FormatInt(x.ts, 10)
	if t, ok := x.encryptedTimestamp(); ok && t != x.ts {
		vs = append(vs, variant{ts: t, err: fail(core.CodeTimestampMismatch, 40234, "where", "signed", "got", strconv.FormatInt(t, 10), "want", tsv)})
	}
	vs = append(vs, variant{ts: x.ts * 1000, err: fail(core.CodeTimestampMismatch, 40234, "where", "signed", "got", strconv.FormatInt(x.ts*1000, 10), "want", tsv)})
	for d := int64(1); d <= sigWindow; d++ {
		for _, t := range []int64{x.ts - d, x.ts + d} {
			vs = append(vs, variant{ts: t, err: fail(core.CodeTimestampMismatch, 40234, "where", "signed", "got", strconv.FormatInt(t, 10), "want", tsv)})
		}
	}
	for _, v := range vs {
		u, a, t, b := x.urlpath, x.appID, x.ts, x.m.Body
		if v.urlpath != "" {
			u = v.urlpath
		}
		if v.ts != 0 {
			t = v.ts
		}
		if v.body != nil {
			b = v.body
		}
		msg := append(SignedString(u, a, t, b), v.extra...)
		if verifyAnySalt(x.pub, msg, x.sig) {
			return v.err
		}
	}
	key := "the app's public key"
	if x.m.Response {
		key = "certificate " + x.r.serial
	}
	return fail(core.CodeSignatureInvalid, 40234, "key", key)
}

// saltLength finds the salt length of a PSS signature that verifies with
// some salt.
func (x *explainer) saltLength(signed []byte) int {
	maxSalt := x.pub.Size() - 32 - 2
	for n := 0; n <= maxSalt; n++ {
		if rsa.VerifyPSS(x.pub, crypto.SHA256, digest(signed), x.sig, &rsa.PSSOptions{SaltLength: n}) == nil {
			return n
		}
	}
	return -1
}

// diagnoseAAD names why the decryption fails, and returns the plaintext when
// a variant decrypts.
func (x *explainer) diagnoseAAD() ([]byte, *Error) {
	var vs []variant
	for _, sn := range append(x.serials(), "") {
		vs = append(vs, variant{sn: sn, err: fail(core.CodeAADSerialMismatch, 40235, "got", quoteEmpty(sn), "want", x.k.SymSN)})
	}
	vs = append(vs, x.urlVariants("AAD", 40235)...)
	tsv := strconv.FormatInt(x.ts, 10)
	vs = append(vs, variant{ts: x.ts * 1000, err: fail(core.CodeTimestampMismatch, 40235, "where", "in the AAD", "got", strconv.FormatInt(x.ts*1000, 10), "want", tsv)})
	for d := int64(1); d <= tsWindow; d++ {
		for _, t := range []int64{x.ts - d, x.ts + d} {
			vs = append(vs, variant{ts: t, err: fail(core.CodeTimestampMismatch, 40235, "where", "in the AAD", "got", strconv.FormatInt(t, 10), "want", tsv)})
		}
	}
	for _, v := range vs {
		u, t, sn := x.urlpath, x.ts, x.k.SymSN
		if v.urlpath != "" {
			u = v.urlpath
		}
		if v.ts != 0 {
			t = v.ts
		}
		if v.err.Code == core.CodeAADSerialMismatch {
			sn = v.sn
		}
		if p, ok := open(x.gcm, x.env, AAD(u, x.appID, t, sn)); ok {
			return p, v.err
		}
	}
	// The appid of the AAD is unknown until the data decrypts: try the
	// plaintext's own _appid is impossible, so only an empty one.
	if p, ok := open(x.gcm, x.env, AAD(x.urlpath, "", x.ts, x.k.SymSN)); ok {
		return p, fail(core.CodeSecureAppIDMismatch, 40235, "where", "in the AAD", "got", `""`, "want", x.appID)
	}
	return nil, nil
}

func quoteEmpty(s string) string {
	if s == "" {
		return `""`
	}
	return s
}

type reserialised struct {
	what string
	body []byte
}

// reserialisations returns the bodies an SDK may have signed before its HTTP
// library encoded the envelope again: the three members in another order,
// with or without spaces, with '/' escaped or not.
func reserialisations(body []byte) []reserialised {
	vals := map[string]string{}
	if !jsontext.ParseObject(string(body), func(key string, v jsontext.Value) {
		if s, ok := v.String(); ok {
			vals[key] = s
		}
	}) || len(vals) != 3 {
		return nil
	}
	orders := [][3]string{
		{"iv", "data", "authtag"}, {"iv", "authtag", "data"}, {"data", "iv", "authtag"},
		{"data", "authtag", "iv"}, {"authtag", "iv", "data"}, {"authtag", "data", "iv"},
	}
	var out []reserialised
	for _, o := range orders {
		for _, sp := range []struct{ colon, comma, what string }{{":", ",", ""}, {": ", ", ", "spaces"}} {
			for _, esc := range []bool{false, true} {
				b := []byte{'{'}
				for i, name := range o {
					if _, ok := vals[name]; !ok {
						return nil
					}
					if i > 0 {
						b = append(b, sp.comma...)
					}
					b = append(b, '"')
					b = append(b, name...)
					b = append(b, '"')
					b = append(b, sp.colon...)
					s := vals[name]
					if esc {
						s = strings.ReplaceAll(s, "/", `\/`)
					}
					b = append(b, '"')
					b = append(b, s...)
					b = append(b, '"')
				}
				b = append(b, '}')
				if string(b) == string(body) {
					continue
				}
				what := []string{}
				if o != orders[0] {
					what = append(what, "members signed in the order "+strings.Join(o[:], ", "))
				}
				if sp.what != "" {
					what = append(what, "signed with spaces")
				}
				if esc {
					what = append(what, `'/' signed as '\/'`)
				}
				if len(what) == 0 {
					what = append(what, "signed compact, sent with other spacing, order or escaping")
				}
				out = append(out, reserialised{strings.Join(what, "; "), b})
			}
		}
	}
	return out
}

// redactQuery hides the access_token of a query string.
func redactQuery(q string) string {
	parts := strings.Split(q, "&")
	for i, p := range parts {
		name, _, _ := strings.Cut(strings.TrimPrefix(p, "?"), "=")
		if name == "access_token" {
			parts[i] = p[:strings.IndexByte(p, '=')+1] + "REDACTED"
		}
	}
	return strings.Join(parts, "&")
}

// AppendJSON appends the report's JSON form, on one line:
//
//	{"kind": "request|response", "ok": true, "urlpath", "appid", "timestamp",
//	 "steps": [{"name", "ok", "skipped", "detail"}],
//	 "error": {"code", "message", "hint", "wechat_code"},   (only when ok is false)
//	 "findings": [{"code", "severity", "message", "hint"}],
//	 "plaintext": {…}}                                      (once decrypted; access_token redacted)
func (r *Report) AppendJSON(dst []byte) []byte {
	kind := "request"
	if r.Response {
		kind = "response"
	}
	dst = append(dst, `{"kind":`...)
	dst = jsontext.AppendString(dst, kind)
	dst = append(dst, `,"ok":`...)
	dst = strconv.AppendBool(dst, r.OK)
	dst = append(dst, `,"urlpath":`...)
	dst = jsontext.AppendString(dst, r.URLPath)
	if r.AppID != "" {
		dst = append(dst, `,"appid":`...)
		dst = jsontext.AppendString(dst, r.AppID)
		dst = append(dst, `,"timestamp":`...)
		dst = strconv.AppendInt(dst, r.Timestamp, 10)
	}
	dst = append(dst, `,"steps":[`...)
	for i, s := range r.Steps {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"name":`...)
		dst = jsontext.AppendString(dst, s.Name)
		dst = append(dst, `,"ok":`...)
		dst = strconv.AppendBool(dst, s.OK)
		if s.Skip {
			dst = append(dst, `,"skipped":true`...)
		}
		dst = append(dst, `,"detail":`...)
		dst = jsontext.AppendString(dst, s.Detail)
		dst = append(dst, '}')
	}
	dst = append(dst, ']')
	if e := r.Error; e != nil {
		dst = append(dst, `,"error":{"code":`...)
		dst = jsontext.AppendString(dst, string(e.Code))
		dst = append(dst, `,"message":`...)
		dst = jsontext.AppendString(dst, e.Message)
		dst = append(dst, `,"hint":`...)
		dst = jsontext.AppendString(dst, e.Hint)
		if e.WeChatCode != 0 {
			dst = append(dst, `,"wechat_code":`...)
			dst = strconv.AppendInt(dst, int64(e.WeChatCode), 10)
		}
		dst = append(dst, '}')
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
		dst = append(dst, `,"message":`...)
		dst = jsontext.AppendString(dst, f.Message)
		dst = append(dst, `,"hint":`...)
		dst = jsontext.AppendString(dst, f.Hint)
		dst = append(dst, '}')
	}
	dst = append(dst, ']')
	if r.Plaintext != "" {
		dst = append(dst, `,"plaintext":`...)
		dst = jsontext.AppendCompact(dst, r.Plaintext)
	}
	return append(dst, '}')
}

// encryptedTimestamp finds the timestamp of the AAD the body decrypts with,
// within tsWindow of the header's.
func (x *explainer) encryptedTimestamp() (int64, bool) {
	env, err := ParseEnvelope(x.m.Body)
	if err != nil || len(x.k.SymKey) == 0 {
		return 0, false
	}
	g, err := newGCM(x.k.SymKey)
	if err != nil {
		return 0, false
	}
	for d := int64(0); d <= tsWindow; d++ {
		for _, t := range []int64{x.ts - d, x.ts + d} {
			if _, ok := open(g, env, AAD(x.urlpath, x.appID, t, x.k.SymSN)); ok {
				return t, true
			}
		}
	}
	return 0, false
}

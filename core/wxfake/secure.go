package wxfake

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxsecure"
)

// API security mode (服务端API安全鉴权), as faked:
//
//   - EnableSecure turns it on for an app: the fake makes the app's
//     symmetric key and RSA key pair (as the console's 随机生成 buttons do)
//     and has one platform certificate for all apps. Calls that WeChat serves
//     in security mode (getuserphonenumber) must then come sealed and signed.
//   - The checks, in order, and their errcodes: an empty Wechatmp-Serial
//     header 40230 (WeChat's guide sends none; its table lists 40230 as a
//     missing serial), no Wechatmp-Appid 40233, no Wechatmp-TimeStamp 40231,
//     no Wechatmp-Signature 40232, an appid the fake does not know 40236, an
//     appid other than the access_token's 40237, no symmetric key 40238, no
//     public key 40239, a timestamp more than SecureMaxSkew from the clock
//     40240, a signature that does not verify over
//     https://api.weixin.qq.com/<path> 40234, a body that does not decrypt
//     40235, an _appid other than the header's 40236. These answers are
//     plain JSON, unsigned, as they must be.
//   - Every other answer, errors included, is encrypted and signed with the
//     platform certificate; during a rotation (RotatePlatform) it carries
//     the signature of the certificate being retired too, in
//     Wechatmp-Serial-Deprecated and Wechatmp-Signature-Deprecated.
//   - Control endpoints: POST /_fake/secure/rotate {} starts a rotation and
//     answers {"serial", "certificate"} of the new certificate (public);
//     POST /_fake/secure/rotate {"end": true} ends it.

// SecureMaxSkew is how far a request's timestamp may be from the fake's
// clock before it answers 40240.
const SecureMaxSkew = 5 * time.Minute

type secureState struct {
	apps     map[string]*wxsecure.Keys // appid → its material, private key included
	platform *wxsecure.Platform
	certs    map[string][]byte // serial → certificate PEM
}

// SecureMaterial is what a client needs for one app: its keys and the
// platform certificate (PEM) with its serial.
type SecureMaterial struct {
	Keys       *wxsecure.Keys // the client's material: AppID, SymKey, SymSN, Private, RSASN, Certs
	CertPEM    []byte
	PrivatePEM []byte // the app's private key, PKCS#8 PEM
}

// EnableSecure turns API security mode on for appID and returns the
// material a client needs. Calling it again returns the same material.
func (s *Server) EnableSecure(appID string) (*SecureMaterial, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.apps[appID]; !ok {
		return nil, notFound("unknown appid " + appID)
	}
	if s.secure == nil {
		p, certPEM, err := s.newPlatform()
		if err != nil {
			return nil, err
		}
		s.secure = &secureState{apps: map[string]*wxsecure.Keys{}, platform: p, certs: map[string][]byte{p.SN: certPEM}}
	}
	k := s.secure.apps[appID]
	if k == nil {
		priv, err := rsa.GenerateKey(s.randomReader(), 2048)
		if err != nil {
			return nil, err
		}
		k = &wxsecure.Keys{AppID: appID, SymKey: s.read(32), SymSN: s.hex(16), Private: priv, RSASN: s.hex(16)}
		s.secure.apps[appID] = k
	}
	return s.material(k)
}

// material returns the client's view of k. s.mu must be held.
func (s *Server) material(k *wxsecure.Keys) (*SecureMaterial, error) {
	p := s.secure.platform
	c := *k
	c.Public = nil
	c.Certs = []wxsecure.Cert{{SN: p.SN, Key: &p.Key.PublicKey}}
	der, err := x509.MarshalPKCS8PrivateKey(k.Private)
	if err != nil {
		return nil, err
	}
	return &SecureMaterial{Keys: &c, CertPEM: s.secure.certs[p.SN],
		PrivatePEM: pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})}, nil
}

// SetSecureKeys replaces what the fake knows of an app in security mode:
// a nil symmetric key gives 40238, a nil public key 40239, another key pair
// 40234, as when the console holds other keys than the client.
func (s *Server) SetSecureKeys(appID string, symKey []byte, symSN string, public *rsa.PublicKey) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.secure == nil || s.secure.apps[appID] == nil {
		return notFound("security mode is off for " + appID)
	}
	k := *s.secure.apps[appID]
	k.SymKey, k.SymSN, k.Public = symKey, symSN, public
	if public == nil {
		k.Private = nil
	}
	s.secure.apps[appID] = &k
	return nil
}

// RotatePlatform starts a rotation of the platform certificate: answers are
// signed by a new certificate (Wechatmp-Serial) and by the current one
// (Wechatmp-Serial-Deprecated). It returns the new certificate's serial and
// PEM. EndRotation drops the old certificate.
func (s *Server) RotatePlatform() (serial string, certPEM []byte, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.secure == nil {
		return "", nil, notFound("security mode is off")
	}
	p, certPEM, err := s.newPlatform()
	if err != nil {
		return "", nil, err
	}
	old := *s.secure.platform
	old.Deprecated = nil
	p.Deprecated = &old
	s.secure.platform = p
	s.secure.certs[p.SN] = certPEM
	return p.SN, certPEM, nil
}

// EndRotation ends a rotation: answers carry only the new signature.
func (s *Server) EndRotation() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.secure != nil {
		s.secure.platform.Deprecated = nil
	}
}

// newPlatform makes a platform key and a self-signed certificate. s.mu must
// be held.
func (s *Server) newPlatform() (*wxsecure.Platform, []byte, error) {
	key, err := rsa.GenerateKey(s.randomReader(), 2048)
	if err != nil {
		return nil, nil, err
	}
	sn := s.hex(16)
	tmpl := &x509.Certificate{
		SerialNumber: new(big.Int).SetBytes(s.read(16)),
		Subject:      pkix.Name{CommonName: "wxinspect fake platform " + sn, Organization: []string{"wxinspect"}},
		NotBefore:    s.now().Add(-time.Hour),
		NotAfter:     s.now().Add(5 * 365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(s.randomReader(), tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	return &wxsecure.Platform{SN: sn, Key: key}, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), nil
}

// randomReader is the random source for keys: crypto/rand unless WithRandom
// gave one (keys then repeat from run to run, for tests).
func (s *Server) randomReader() io.Reader {
	if s.random == nil {
		return rand.Reader
	}
	return readerFunc(func(b []byte) (int, error) { copy(b, s.read(len(b))); return len(b), nil })
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(b []byte) (int, error) { return f(b) }

var secureErrmsg = map[int]string{
	40230: "missing Wechatmp-Serial", 40231: "missing Wechatmp-TimeStamp", 40232: "missing Wechatmp-Signature",
	40233: "missing Wechatmp-Appid", 40234: "invalid signature", 40235: "invalid encrypt",
	40236: "invalid Wechatmp-Appid", 40237: "Wechatmp-Appid and access_token do not match",
	40238: "symmetric key not set", 40239: "public key not set", 40240: "expired Wechatmp-TimeStamp",
}

func secureFail(code int) reply { return fail(code, secureErrmsg[code]) }

// serveSecure serves a call of an app in security mode; false when the
// request is not one (the ordinary handlers then serve it).
func (s *Server) serveSecure(w http.ResponseWriter, r *http.Request, path string) bool {
	if path == "_fake/secure/rotate" {
		s.controlRotate(w, r)
		return true
	}
	if !wxsecure.Supported(path) {
		return false
	}
	s.mu.Lock()
	if s.secure == nil {
		s.mu.Unlock()
		return false
	}
	tokenApp, rep, valid := s.checkToken(r)
	headerApp := r.Header.Get(wxsecure.HeaderAppID)
	_, known := s.apps[headerApp]
	k := s.secure.apps[headerApp]
	inMode := s.secure.apps[tokenApp] != nil || headerApp != ""
	now := s.now()
	s.mu.Unlock()
	if !inMode {
		return false
	}
	if !valid {
		s.answer(w, path, rep)
		return true
	}
	h := []wxapi.HeaderField{}
	for _, name := range []string{wxsecure.HeaderAppID, wxsecure.HeaderTimestamp, wxsecure.HeaderSignature, wxsecure.HeaderSerial} {
		if vs, ok := r.Header[http.CanonicalHeaderKey(name)]; ok && len(vs) > 0 {
			h = append(h, wxapi.HeaderField{Name: name, Value: vs[0]})
		}
	}
	if sn, has := wxsecure.HeaderValue(h, wxsecure.HeaderSerial); has && sn == "" {
		s.answer(w, path, secureFail(40230))
		return true
	}
	for _, c := range []struct {
		name string
		code int
	}{{wxsecure.HeaderAppID, 40233}, {wxsecure.HeaderTimestamp, 40231}, {wxsecure.HeaderSignature, 40232}} {
		if v, _ := wxsecure.HeaderValue(h, c.name); v == "" {
			s.answer(w, path, secureFail(c.code))
			return true
		}
	}
	switch {
	case !known:
		s.answer(w, path, secureFail(40236))
		return true
	case headerApp != tokenApp:
		s.answer(w, path, secureFail(40237))
		return true
	case k == nil || len(k.SymKey) == 0:
		s.answer(w, path, secureFail(40238))
		return true
	case k.Public == nil && k.Private == nil:
		s.answer(w, path, secureFail(40239))
		return true
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		s.answer(w, path, secureFail(40235))
		return true
	}
	plain, err := k.OpenRequest(path, h, raw, now, SecureMaxSkew)
	if err != nil {
		var e *wxsecure.Error
		code := 40235
		if errors.As(err, &e) && e.Errcode != 0 {
			code = e.Errcode
		}
		if s.log != nil {
			s.log.Info("wxfake: security mode refused a request", "path", path, "cause", string(core.CodeOf(err)))
		}
		s.answer(w, path, secureFail(code))
		return true
	}
	// The call proper, with the decrypted parameters as its body.
	var params map[string]any
	if json.Unmarshal(plain, &params) != nil {
		s.answer(w, path, secureFail(40235))
		return true
	}
	delete(params, "_n")
	delete(params, "_appid")
	delete(params, "_timestamp")
	body, _ := json.Marshal(params)
	inner := r.Clone(r.Context())
	inner.Body = io.NopCloser(bytes.NewReader(body))
	inner.Header.Set("Content-Type", "application/json")
	var rep2 reply
	switch path {
	case wxapi.APIPhoneNumber:
		rep2 = s.phoneNumber(inner)
	default:
		rep2 = fail(40066, "invalid url")
	}
	answer, err := json.Marshal(s.answerBody(path, rep2))
	if err != nil {
		http.Error(w, "wxfake: "+err.Error(), http.StatusInternalServerError)
		return true
	}
	s.mu.Lock()
	p := s.secure.platform
	hdr, sealed, err := p.SealResponse(path, k, answer, s.now(), s.randomReader())
	s.mu.Unlock()
	if err != nil {
		http.Error(w, "wxfake: "+err.Error(), http.StatusInternalServerError)
		return true
	}
	for _, f := range hdr {
		w.Header().Set(f.Name, f.Value)
	}
	w.WriteHeader(http.StatusOK)
	w.Write(sealed)
	return true
}

func (s *Server) controlRotate(w http.ResponseWriter, r *http.Request) {
	var req struct {
		End bool `json:"end"`
	}
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "POST only"})
		return
	}
	if b, _ := io.ReadAll(r.Body); len(strings.TrimSpace(string(b))) > 0 && json.Unmarshal(b, &req) != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "the body is not a JSON object"})
		return
	}
	if req.End {
		s.EndRotation()
		writeJSON(w, http.StatusOK, map[string]any{"ended": true})
		return
	}
	sn, certPEM, err := s.RotatePlatform()
	if err != nil {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"serial": sn, "certificate": string(certPEM)})
}

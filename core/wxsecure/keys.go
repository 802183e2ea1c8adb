package wxsecure

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"strconv"
	"strings"

	"github.com/wxinspect/wxinspect/core"
)

// Keys is the security-mode material of one mini-program, as the console
// (mp.weixin.qq.com → 开发管理 → 开发设置 → API安全) shows it. A client needs
// SymKey, Private and Certs; a server (the fake) needs SymKey and Public;
// Explain works with whatever is given and skips the steps it cannot check.
type Keys struct {
	AppID   string
	SymKey  []byte // the API对称密钥, 32 bytes (AES256_GCM)
	SymSN   string // its serial (编号)
	Private *rsa.PrivateKey
	Public  *rsa.PublicKey // the app's public key; from Private when nil
	RSASN   string         // the serial of the API非对称密钥 (not signed, not sent)
	Certs   []Cert         // the platform certificates held, current first
}

// Cert is a platform certificate's public key with its console serial, which
// is not the X.509 serial number.
type Cert struct {
	SN  string
	Key *rsa.PublicKey
}

// Error is a failure of security mode: a code from core's list with the
// arguments of its message, and the WeChat errcode the same fault gets from
// WeChat's server (40230–40240), or 0.
type Error struct {
	Code    core.Code
	Args    []string // name, value pairs for core.Code.Describe
	Errcode int
}

func (e *Error) Error() string {
	msg, _ := e.Code.Describe(core.English, e.Args...)
	return string(e.Code) + ": " + msg
}

// ErrorCode returns the code, for core.CodeOf.
func (e *Error) ErrorCode() core.Code { return e.Code }

// Explain is core.Explain of e.
func (e *Error) Explain(lang core.Lang) *core.Problem {
	msg, hint := e.Code.Describe(lang, e.Args...)
	return &core.Problem{Code: e.Code, Message: msg, Hint: hint, WeChatCode: e.Errcode}
}

// Describe returns the message and hint in lang.
func (e *Error) Describe(lang core.Lang) (message, hint string) {
	return e.Code.Describe(lang, e.Args...)
}

func fail(code core.Code, errcode int, args ...string) *Error {
	return &Error{Code: code, Args: args, Errcode: errcode}
}

func keyError(what, detail string) *Error {
	return fail(core.CodeSecureKey, 0, "what", what, "detail", detail)
}

// ParseSymKey decodes the base64 symmetric key of the console (44
// characters, 32 bytes).
func ParseSymKey(b64 string) ([]byte, error) {
	k, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if err != nil {
		return nil, keyError("the symmetric key", "not valid base64")
	}
	if len(k) != 32 {
		return nil, keyError("the symmetric key", "it decodes to "+strconv.Itoa(len(k))+" bytes, want 32 (AES256_GCM)")
	}
	return k, nil
}

// ParsePrivateKey reads an RSA private key in PEM, PKCS#1 ("RSA PRIVATE
// KEY") or PKCS#8 ("PRIVATE KEY").
func ParsePrivateKey(pemBytes []byte) (*rsa.PrivateKey, error) {
	b, _ := pem.Decode(pemBytes)
	if b == nil {
		// The console's download is sometimes the base64 alone.
		der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(pemBytes)), ""))
		if err != nil || len(der) == 0 {
			return nil, keyError("the private key", "not a PEM block")
		}
		b = &pem.Block{Type: "PRIVATE KEY", Bytes: der}
	}
	if k, err := x509.ParsePKCS1PrivateKey(b.Bytes); err == nil {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
	if err != nil {
		return nil, keyError("the private key", "neither PKCS#1 nor PKCS#8 RSA")
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, keyError("the private key", "not an RSA key (SM2 is not supported)")
	}
	return rk, nil
}

// ParsePublicKey reads an RSA public key from a PEM public key (PKIX or
// PKCS#1), a certificate or a private key: what a tool may be given to check
// a request's signature.
func ParsePublicKey(pemBytes []byte) (*rsa.PublicKey, error) {
	b, _ := pem.Decode(pemBytes)
	if b == nil {
		return nil, keyError("the public key", "not a PEM block")
	}
	switch b.Type {
	case "CERTIFICATE":
		return ParseCertificate(pemBytes)
	case "RSA PUBLIC KEY":
		k, err := x509.ParsePKCS1PublicKey(b.Bytes)
		if err != nil {
			return nil, keyError("the public key", "not a PKCS#1 RSA public key")
		}
		return k, nil
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(b.Bytes)
		if err != nil {
			return nil, keyError("the public key", "not a PKIX public key")
		}
		rk, ok := k.(*rsa.PublicKey)
		if !ok {
			return nil, keyError("the public key", "not an RSA key")
		}
		return rk, nil
	}
	k, err := ParsePrivateKey(pemBytes)
	if err != nil {
		return nil, keyError("the public key", "a PEM block of type "+b.Type)
	}
	return &k.PublicKey, nil
}

// ParseCertificate reads the RSA public key of a platform certificate (PEM).
// The certificate's validity is not checked: WeChat's own example expires,
// and the console, not a chain, is what vouches for it.
func ParseCertificate(pemBytes []byte) (*rsa.PublicKey, error) {
	b, _ := pem.Decode(pemBytes)
	if b == nil || b.Type != "CERTIFICATE" {
		return nil, keyError("the platform certificate", "not a PEM certificate")
	}
	c, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		return nil, keyError("the platform certificate", "not a valid X.509 certificate")
	}
	k, ok := c.PublicKey.(*rsa.PublicKey)
	if !ok {
		return nil, keyError("the platform certificate", "not an RSA key (SM2 is not supported)")
	}
	return k, nil
}

// public returns the key that verifies the app's signatures.
func (k *Keys) public() *rsa.PublicKey {
	if k.Public != nil {
		return k.Public
	}
	if k.Private != nil {
		return &k.Private.PublicKey
	}
	return nil
}

// cert returns the certificate with serial sn.
func (k *Keys) cert(sn string) *rsa.PublicKey {
	for _, c := range k.Certs {
		if c.SN == sn && sn != "" {
			return c.Key
		}
	}
	return nil
}

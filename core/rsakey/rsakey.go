// Package rsakey reads the RSA keys of Alipay and Douyin and gives the core
// what it needs of them: core.SignatureVerifier for Alipay's RSA2 signature
// and core.Decrypter for Douyin's phone number (RSA PKCS#1 v1.5).
//
// It is a package of its own because crypto/rsa and crypto/x509 are large:
// the core does not import them, so that the WebAssembly page that does
// not need these two platforms stays within its size budget.
package rsakey

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"io"
	"strings"

	"github.com/wxinspect/wxinspect/core"
)

// PublicKey is an RSA public key: Alipay's (支付宝公钥).
type PublicKey struct{ key *rsa.PublicKey }

// PrivateKey is an RSA private key: a Douyin application's.
type PrivateKey struct{ key *rsa.PrivateKey }

// Importing rsakey lets core.ParseInput read the PEM keys of an input
// object ("alipay_public_key", "private_key"): see core.RegisterKeyReaders.
func init() { core.RegisterKeyReaders(readPublic, readPrivate) }

func readPublic(b []byte) (core.SignatureVerifier, string) {
	k, err := ParsePublicKey(b)
	if err != nil {
		return nil, detail(err)
	}
	return k, ""
}

func readPrivate(b []byte) (core.Decrypter, string) {
	k, err := ParsePrivateKey(b)
	if err != nil {
		return nil, detail(err)
	}
	return k, ""
}

func detail(err error) string {
	if e, ok := err.(*Error); ok {
		return e.Detail
	}
	return "unreadable"
}

// Error is a key that cannot be read; it never quotes the key.
type Error struct {
	Field  string // core.FieldAlipayPublicKey or core.FieldPrivateKey
	Detail string
}

func (e *Error) Error() string { return "invalid " + e.Field + ": " + e.Detail }

// ErrorCode returns core.CodeBadKey.
func (e *Error) ErrorCode() core.Code { return core.CodeBadKey }

// Report is the report of the unreadable key.
func (e *Error) Report(lang core.Lang) *core.Report {
	return core.ErrorReport(lang, e.Field, core.CodeBadKey, "field", e.Field, "detail", e.Detail)
}

// block returns the DER of a PEM key, or of the bare base64 the Alipay
// console shows.
func block(field string, b []byte) (der []byte, typ string, err error) {
	if p, _ := pem.Decode(b); p != nil {
		return p.Bytes, p.Type, nil
	}
	text := string(b)
	// PEM whose line breaks became spaces, as a single-line field (an HTML
	// input, a Fyne Entry) makes of a pasted key: the armor, then base64.
	if _, rest, ok := strings.Cut(text, "-----BEGIN "); ok {
		if t, body, ok := strings.Cut(rest, "-----"); ok {
			body, _, _ = strings.Cut(body, "-----END ")
			typ, text = t, body
		}
	}
	s := strings.Join(strings.Fields(text), "")
	if s == "" {
		return nil, "", &Error{field, "empty"}
	}
	der, err = base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, "", &Error{field, "neither PEM nor base64"}
	}
	return der, typ, nil
}

// ParsePublicKey reads an RSA public key: PEM "PUBLIC KEY" (PKIX) or
// "RSA PUBLIC KEY" (PKCS#1), or the bare base64 of either.
func ParsePublicKey(b []byte) (*PublicKey, error) {
	const field = core.FieldAlipayPublicKey
	der, typ, err := block(field, b)
	if err != nil {
		return nil, err
	}
	if typ == "" || typ == "PUBLIC KEY" {
		if k, err := x509.ParsePKIXPublicKey(der); err == nil {
			if rk, ok := k.(*rsa.PublicKey); ok {
				return &PublicKey{rk}, nil
			}
			return nil, &Error{field, "not an RSA key"}
		}
	}
	if k, err := x509.ParsePKCS1PublicKey(der); err == nil {
		return &PublicKey{k}, nil
	}
	if strings.Contains(typ, "PRIVATE") {
		return nil, &Error{field, "a private key where the public key is wanted"}
	}
	return nil, &Error{field, "not an RSA public key (PKIX or PKCS#1)"}
}

// ParsePrivateKey reads an RSA private key: PEM "PRIVATE KEY" (PKCS#8) or
// "RSA PRIVATE KEY" (PKCS#1), or the bare base64 of either.
func ParsePrivateKey(b []byte) (*PrivateKey, error) {
	const field = core.FieldPrivateKey
	der, typ, err := block(field, b)
	if err != nil {
		return nil, err
	}
	if k, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		if rk, ok := k.(*rsa.PrivateKey); ok {
			return &PrivateKey{rk}, nil
		}
		return nil, &Error{field, "not an RSA key"}
	}
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return &PrivateKey{k}, nil
	}
	if strings.Contains(typ, "PUBLIC") {
		return nil, &Error{field, "a public key where the private key is wanted"}
	}
	return nil, &Error{field, "not an RSA private key (PKCS#8 or PKCS#1)"}
}

// VerifySHA256 checks an RSA2 signature (SHA256withRSA, PKCS#1 v1.5).
func (k *PublicKey) VerifySHA256(message, signature []byte) error {
	sum := sha256.Sum256(message)
	return rsa.VerifyPKCS1v15(k.key, crypto.SHA256, sum[:], signature)
}

// ErrDecrypt is the one error of DecryptPKCS1v15.
var ErrDecrypt = errors.New("rsakey: decryption failed")

// DecryptPKCS1v15 decrypts RSA PKCS#1 v1.5 ciphertext. Ciphertext longer than
// one block of the key is decrypted block by block and joined, as some
// platforms do for long plaintexts.
func (k *PrivateKey) DecryptPKCS1v15(ciphertext []byte) ([]byte, error) {
	n := k.key.Size()
	if len(ciphertext) == 0 || len(ciphertext)%n != 0 {
		return nil, ErrDecrypt
	}
	var out []byte
	for i := 0; i < len(ciphertext); i += n {
		//lint:ignore SA1019 Douyin's protocol is PKCS#1 v1.5; the error is reported as one opaque rsa_decrypt_failed
		p, err := rsa.DecryptPKCS1v15(nil, k.key, ciphertext[i:i+n])
		if err != nil {
			return nil, ErrDecrypt
		}
		out = append(out, p...)
	}
	return out, nil
}

// Public returns the public half of k.
func (k *PrivateKey) Public() *PublicKey { return &PublicKey{&k.key.PublicKey} }

var (
	_ core.SignatureVerifier = (*PublicKey)(nil)
	_ core.Decrypter         = (*PrivateKey)(nil)
	_ core.RSAKey            = (*PrivateKey)(nil)
)

// Generate makes a fresh RSA-2048 key pair for a fixture. Since Go 1.26,
// crypto/rsa draws key material from the system's secure source whatever
// reader it is given, so Generate takes none: fixtures with fixed keys read
// them with ParsePrivateKey instead.
func Generate() (*PrivateKey, error) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	return &PrivateKey{k}, nil
}

// NewFixtureKey is Generate as core.FixtureKeys.NewRSAKey wants it.
func NewFixtureKey() (core.RSAKey, error) { return Generate() }

// SignSHA256 signs message with SHA256withRSA, PKCS#1 v1.5: Alipay's RSA2.
func (k *PrivateKey) SignSHA256(message []byte) ([]byte, error) {
	sum := sha256.Sum256(message)
	return rsa.SignPKCS1v15(rand.Reader, k.key, crypto.SHA256, sum[:])
}

// EncryptPKCS1v15 encrypts one block of at most Size()-11 bytes to the
// public half of k with PKCS#1 v1.5 padding from the system's secure source,
// as Douyin encrypts a phone number; for fixtures.
func (k *PrivateKey) EncryptPKCS1v15(message []byte) ([]byte, error) {
	//lint:ignore SA1019 Douyin's protocol is PKCS#1 v1.5 (fixtures only)
	return rsa.EncryptPKCS1v15(rand.Reader, &k.key.PublicKey, message)
}

// Size is the modulus's length in bytes.
func (k *PrivateKey) Size() int { return k.key.Size() }

// PrivateKeyPEM returns k as PEM "PRIVATE KEY" (PKCS#8).
func (k *PrivateKey) PrivateKeyPEM() string {
	der, err := x509.MarshalPKCS8PrivateKey(k.key)
	if err != nil {
		panic("rsakey: " + err.Error()) // cannot happen for a valid RSA key
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// PublicKeyPEM returns the public half of k as PEM "PUBLIC KEY" (PKIX).
func (k *PrivateKey) PublicKeyPEM() string {
	der, err := x509.MarshalPKIXPublicKey(&k.key.PublicKey)
	if err != nil {
		panic("rsakey: " + err.Error()) // cannot happen for a valid RSA key
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// EncryptPKCS1v15 encrypts msg to k with RSA PKCS#1 v1.5 padding drawn from
// random, as Douyin encrypts a phone number to an application public key;
// for fixtures and the fake API.
func (k *PublicKey) EncryptPKCS1v15(random io.Reader, msg []byte) ([]byte, error) {
	//lint:ignore SA1019 Douyin's protocol is PKCS#1 v1.5 (fixtures and the fake only)
	return rsa.EncryptPKCS1v15(random, k.key, msg)
}

package core

import "errors"

// Alipay's public key and Douyin's application private key may come in an
// input object as PEM text ("alipay_public_key", "private_key"), as the front
// ends that speak JSON (the page, the WASI module) hand them over. Reading
// them needs crypto/rsa and crypto/x509, which the core does not link (the
// page's size budget): core/rsakey registers its readers when it is
// imported, as crypto/sha256 registers itself with package crypto. Without
// them a PEM key of an input object is bad_key ("this build reads no RSA
// keys"); the page's main module, which inspects neither platform
// (platform_js.go), does not read them at all.
var keyReaders struct {
	public  func([]byte) (SignatureVerifier, string)
	private func([]byte) (Decrypter, string)
}

// RegisterKeyReaders makes ParseInput read "alipay_public_key" and
// "private_key" with public and private, which return the key, or nil and
// why it cannot be read (without quoting it). core/rsakey calls it when it
// is imported. A key that cannot be read makes Inspect report bad_key, as
// the command line does for a key file.
func RegisterKeyReaders(public func(pem []byte) (SignatureVerifier, string), private func(pem []byte) (Decrypter, string)) {
	keyReaders.public, keyReaders.private = public, private
}

// unreadableKey is a key of an input object that could not be read. It stands in
// for the key, failing every use, until Inspect reports it.
type unreadableKey struct{ field, detail string }

var errBadKey = errors.New("the key could not be read")

func (*unreadableKey) VerifySHA256(_, _ []byte) error           { return errBadKey }
func (*unreadableKey) DecryptPKCS1v15(_ []byte) ([]byte, error) { return nil, errBadKey }

// report is the bad_key report of e, the same as the command line makes of a
// key file that cannot be read.
func (e *unreadableKey) report(lang Lang) *Report {
	return ErrorReport(lang, e.field, CodeBadKey, "field", e.field, "detail", e.detail)
}

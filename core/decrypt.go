package core

import (
	"crypto/aes"
	"encoding/base64"
	"errors"
	"strconv"
	"unsafe"
)

// MaxFieldLen is the longest session_key, iv or encryptedData accepted, in
// bytes of base64. Real open data is a few kilobytes; anything longer is not
// one value and is rejected with CodeInputTooLarge before any work is done.
const MaxFieldLen = 1 << 20

// The input fields, as named in reports and errors.
const (
	FieldAppID         = "appid"
	FieldSessionKey    = "session_key"
	FieldIV            = "iv"
	FieldEncryptedData = "encrypted_data"
)

// ErrDecrypt is the one error Open and Decrypt return when the data does not
// decrypt under the key and iv: whether the padding or the JSON failed is not
// told apart, so that a server does not become a padding oracle. Inspect
// explains the cause.
var ErrDecrypt = errors.New("wxinspect: decryption failed: the session_key, iv and encryptedData do not belong together")

// InputError reports an input that cannot be used at all: a missing field, a
// value that is not base64, a key or iv that is not 16 bytes, a ciphertext
// that is not whole AES blocks, or a value over MaxFieldLen. It never quotes
// the value.
type InputError struct {
	Field string // FieldSessionKey, FieldIV, FieldEncryptedData or FieldAppID
	Code  Code
	// N is the decoded length for length errors, the input length for
	// CodeInputTooLarge, and the offset of the first bad byte for base64 errors.
	N int
}

func (e *InputError) Error() string {
	switch e.Code {
	case CodeMissingField, CodeMissingCredential:
		return "missing " + e.Field
	case CodeSessionKeyBase64, CodeIVBase64, CodeEncryptedDataBase64:
		return "invalid " + e.Field + ": not base64 (illegal data at byte " + strconv.Itoa(e.N) + ")"
	case CodeSessionKeyLength, CodeIVLength:
		return "invalid " + e.Field + ": " + strconv.Itoa(e.N) + " bytes, want 16"
	case CodeCiphertextLength:
		return "invalid " + e.Field + ": " + strconv.Itoa(e.N) + " bytes, want a positive multiple of 16"
	case CodeInputTooLarge:
		return "invalid " + e.Field + ": " + strconv.Itoa(e.N) + " bytes, over the limit of " + strconv.Itoa(MaxFieldLen)
	}
	return "invalid " + e.Field + ": " + string(e.Code)
}

// ErrorCode returns the error's code.
func (e *InputError) ErrorCode() Code { return e.Code }

// CodeOf returns the code of an error returned by this package, or "" for
// ErrDecrypt (deliberately uninformative) and for foreign errors.
func CodeOf(err error) Code {
	// errors.AsType, unlike errors.As, needs no reflection: a smaller
	// WebAssembly module.
	if c, ok := errors.AsType[codedError](err); ok {
		return c.ErrorCode()
	}
	return ""
}

// Decrypt is the strict algorithm of WeChat's "开放数据校验与解密": it decodes
// the standard base64 of sessionKey (16 bytes), iv (16 bytes) and
// encryptedData, decrypts with AES-128-CBC and removes PKCS#7 padding. It
// repairs nothing and does not look at the plaintext. Malformed inputs return
// an *InputError; a wrong key or iv returns ErrDecrypt.
//
// https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
func Decrypt(sessionKey, iv, encryptedData string) ([]byte, error) {
	buf, err := decryptStrict(sessionKey, iv, encryptedData)
	if err != nil {
		return nil, err
	}
	n, ok := unpad(buf)
	if !ok {
		return nil, ErrDecrypt
	}
	return buf[:n], nil
}

// decryptStrict decodes and decrypts without unpadding.
func decryptStrict(sessionKey, iv, encryptedData string) ([]byte, error) {
	for _, f := range [...]struct{ name, v string }{
		{FieldSessionKey, sessionKey}, {FieldIV, iv}, {FieldEncryptedData, encryptedData},
	} {
		if f.v == "" {
			return nil, &InputError{Field: f.name, Code: CodeMissingField}
		}
		if len(f.v) > MaxFieldLen {
			return nil, &InputError{Field: f.name, Code: CodeInputTooLarge, N: len(f.v)}
		}
	}
	var key, ivb [16]byte
	if err := decodeBlock(FieldSessionKey, sessionKey, &key); err != nil {
		return nil, err
	}
	if err := decodeBlock(FieldIV, iv, &ivb); err != nil {
		return nil, err
	}
	buf, err := decodeCiphertext(encryptedData)
	if err != nil {
		return nil, err
	}
	cbcDecrypt(&key, &ivb, buf)
	return buf, nil
}

var base64Codes = map[string][2]Code{
	FieldSessionKey:    {CodeSessionKeyBase64, CodeSessionKeyLength},
	FieldIV:            {CodeIVBase64, CodeIVLength},
	FieldEncryptedData: {CodeEncryptedDataBase64, CodeCiphertextLength},
}

func base64Error(field string, err error) error {
	n := 0
	if ce, ok := errors.AsType[base64.CorruptInputError](err); ok {
		n = int(ce)
	}
	return &InputError{Field: field, Code: base64Codes[field][0], N: n}
}

// decodeBlock decodes a base64 session_key or iv that must be 16 bytes.
func decodeBlock(field, s string, dst *[16]byte) error {
	// 16 bytes are 24 characters; allow room to report the real length.
	var tmp [64]byte
	if base64.StdEncoding.DecodedLen(len(s)) > len(tmp) {
		n, err := decodedLen(s)
		if err != nil {
			return base64Error(field, err)
		}
		return &InputError{Field: field, Code: base64Codes[field][1], N: n}
	}
	n, err := base64.StdEncoding.Decode(tmp[:], []byte(s))
	if err != nil {
		return base64Error(field, err)
	}
	if n != 16 {
		return &InputError{Field: field, Code: base64Codes[field][1], N: n}
	}
	copy(dst[:], tmp[:16])
	return nil
}

// decodedLen decodes s only to learn its length, for error messages.
func decodedLen(s string) (int, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	return len(b), err
}

func decodeCiphertext(s string) ([]byte, error) {
	buf := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
	// Decode only reads its source: view s in place rather than copy it.
	n, err := base64.StdEncoding.Decode(buf, stringBytes(s))
	if err != nil {
		return nil, base64Error(FieldEncryptedData, err)
	}
	if n == 0 || n%aes.BlockSize != 0 {
		return nil, &InputError{Field: FieldEncryptedData, Code: CodeCiphertextLength, N: n}
	}
	return buf[:n], nil
}

// cbcDecrypt decrypts buf in place with AES-128-CBC (NIST SP 800-38A, 6.2);
// len(buf) is a positive multiple of 16. It walks the blocks from the last,
// so that each block's predecessor is still ciphertext when it is needed,
// and needs no copy of the buffer nor a cipher.BlockMode allocation.
func cbcDecrypt(key, iv *[16]byte, buf []byte) {
	block, err := aes.NewCipher(key[:])
	if err != nil {
		panic("wxinspect: unreachable: 16-byte AES key rejected")
	}
	for i := len(buf) - aes.BlockSize; i >= 0; i -= aes.BlockSize {
		b := buf[i : i+aes.BlockSize]
		block.Decrypt(b, b)
		prev := iv[:]
		if i > 0 {
			prev = buf[i-aes.BlockSize : i]
		}
		xor16((*[16]byte)(b), (*[16]byte)(prev))
	}
}

// xor16 is dst ^= src for one block, as two 64-bit words (the compiler
// merges the byte loads and stores); subtle.XORBytes costs more in checks than
// in work for 16 bytes.
func xor16(dst, src *[16]byte) {
	for i := 0; i < 16; i += 8 {
		x := le64(dst[i:]) ^ le64(src[i:])
		dst[i], dst[i+1], dst[i+2], dst[i+3] = byte(x), byte(x>>8), byte(x>>16), byte(x>>24)
		dst[i+4], dst[i+5], dst[i+6], dst[i+7] = byte(x>>32), byte(x>>40), byte(x>>48), byte(x>>56)
	}
}

func le64(b []byte) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// stringBytes views s as bytes for functions that only read them.
func stringBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// unpad checks PKCS#7 padding for 16-byte blocks (RFC 5652, section 6.3):
// the last byte n is 1..16 and the last n bytes all equal n. It returns the
// plaintext length. Every one of the last 16 bytes is examined whatever their
// value, so that the time taken does not tell where the padding failed.
func unpad(b []byte) (int, bool) {
	if len(b) < aes.BlockSize {
		return 0, false
	}
	tail := b[len(b)-aes.BlockSize:]
	n := tail[aes.BlockSize-1]
	bad := byte(0)
	if n == 0 || n > aes.BlockSize {
		bad = 1
	}
	for i := range aes.BlockSize {
		// in is 0xff when byte i lies inside the padding.
		in := byte(int(aes.BlockSize-1-i)-int(n)) >> 7 * 0xff
		bad |= (tail[i] ^ n) & in
	}
	if bad != 0 {
		return 0, false
	}
	return len(b) - int(n), true
}

// codedError is an error of this package that has a Code.
type codedError interface {
	error
	ErrorCode() Code
}

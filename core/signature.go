package core

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
)

// VerifySignature checks the signature that wx.getUserInfo returns beside
// rawData: hex(sha1(rawData + session_key)). The comparison takes the same
// time whatever the signature.
//
// https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
func VerifySignature(rawData, signature, sessionKey string) bool {
	sum := sha1.Sum([]byte(rawData + sessionKey))
	want := appendHex(nil, sum[:])
	return subtle.ConstantTimeCompare(want, []byte(signature)) == 1
}

// LoginSignature is WeChat's user login-state signature:
// hex(hmac_sha256(key = the session_key string as given, message = body)).
// For a GET request such as wxa/checksession the body is empty.
//
// https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/session-signature.html
func LoginSignature(sessionKey string, body []byte) string {
	return string(appendHex(nil, hmacSHA256([]byte(sessionKey), body)))
}

// hmacSHA256 is HMAC (RFC 2104) over SHA-256. crypto/hmac would do the same
// but links SHA-3 and SHA-512 into the WebAssembly module; the construction
// is tested against RFC 4231 and WeChat's example.
func hmacSHA256(key, msg []byte) []byte {
	const blockSize = 64
	if len(key) > blockSize {
		k := sha256.Sum256(key)
		key = k[:]
	}
	var ipad, opad [blockSize]byte
	copy(ipad[:], key)
	copy(opad[:], key)
	for i := range ipad {
		ipad[i] ^= 0x36
		opad[i] ^= 0x5c
	}
	h := sha256.New()
	h.Write(ipad[:])
	h.Write(msg)
	inner := h.Sum(nil)
	h.Reset()
	h.Write(opad[:])
	h.Write(inner)
	return h.Sum(nil)
}

func appendHex(dst, b []byte) []byte {
	const digits = "0123456789abcdef"
	for _, c := range b {
		dst = append(dst, digits[c>>4], digits[c&0xf])
	}
	return dst
}

package core

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
)

// VerifySignature checks the signature that wx.getUserInfo returns beside
// rawData: hex(sha1(rawData + session_key)). The comparison takes the same
// time whatever the signature.
//
// https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
func VerifySignature(rawData, signature, sessionKey string) bool {
	sum := sha1.Sum([]byte(rawData + sessionKey))
	var want [2 * sha1.Size]byte
	hex.Encode(want[:], sum[:])
	return subtle.ConstantTimeCompare(want[:], []byte(signature)) == 1
}

// LoginSignature is WeChat's user login-state signature:
// hex(hmac_sha256(key = the session_key string as given, message = body)).
// For a GET request such as wxa/checksession the body is empty.
//
// https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/session-signature.html
func LoginSignature(sessionKey string, body []byte) string {
	m := hmac.New(sha256.New, []byte(sessionKey))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

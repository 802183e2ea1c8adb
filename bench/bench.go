// Package bench measures wxinspect's core against the Go libraries that
// backends use to decrypt WeChat mini-program open data, on the same input:
// the official sample of WeChat's "开放数据校验与解密" document.
//
// It is a module of its own so that the main module never depends on the
// peers; run it with `make bench` from the repository root (see
// docs/bench-core.md). Every benchmark first checks that its path decrypts the
// sample to the same user, so that only correct work is timed.
//
// https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
package bench

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"errors"
)

// The official sample: user info of nickName "Band" for the mini-program
// wx4f4bc4dec97d474b, as printed in WeChat's document and its WXBizDataCrypt
// demo code. It is repeated here rather than taken from the core so that the
// benchmarks stay fixed while the core changes.
const (
	AppID         = "wx4f4bc4dec97d474b"
	SessionKey    = "tiihtNczf5v6AKRyjwEUhQ=="
	IV            = "r7BXXKkLb8qrSNn05n0qiA=="
	EncryptedData = "CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+" +
		"3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6" +
		"/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs" +
		"8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns" +
		"/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG" +
		"20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew=="

	// What the sample decrypts to, for the checks.
	NickName = "Band"
	OpenID   = "oGZUI0egBJY1zhBYw2KhdUfwVJJE"
)

var errBaseline = errors.New("bench: baseline decryption failed")

// Baseline is the least any decryption must do: three standard base64
// decodes, AES-128-CBC and a PKCS#7 unpad, with the standard library only and
// no validation beyond what keeps it from panicking. core.Decrypt is held to
// within 1.3× of it.
func Baseline(sessionKey, iv, encryptedData string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(sessionKey)
	if err != nil {
		return nil, err
	}
	ivb, err := base64.StdEncoding.DecodeString(iv)
	if err != nil {
		return nil, err
	}
	buf, err := base64.StdEncoding.DecodeString(encryptedData)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	if len(ivb) != aes.BlockSize || len(buf) == 0 || len(buf)%aes.BlockSize != 0 {
		return nil, errBaseline
	}
	cipher.NewCBCDecrypter(block, ivb).CryptBlocks(buf, buf)
	n := int(buf[len(buf)-1])
	if n == 0 || n > aes.BlockSize {
		return nil, errBaseline
	}
	for _, c := range buf[len(buf)-n:] {
		if int(c) != n {
			return nil, errBaseline
		}
	}
	return buf[:len(buf)-n], nil
}

package core

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// checkPresent fails the report for each empty or oversized field; it
// reports whether all were usable.
func (r *Report) checkPresent(lang Lang, fields ...string) bool {
	ok := true
	for i := 0; i+1 < len(fields); i += 2 {
		name, v := fields[i], fields[i+1]
		if strings.TrimSpace(v) == "" {
			r.fail(lang, name, CodeMissingField, "field", name)
			ok = false
		} else if len(v) > MaxFieldLen {
			r.fail(lang, name, CodeInputTooLarge, "field", name, "n", strconv.Itoa(len(v)), "max", strconv.Itoa(MaxFieldLen))
			ok = false
		}
	}
	return ok
}

// decodeKeyCandidates decodes each candidate of a key or iv that must be
// want bytes, keeping those that are.
func decodeKeyCandidates(field string, cs []*candidate, want int, codes [2]Code) ([]*candidate, *InputError) {
	var ok []*candidate
	var first *InputError
	for _, c := range cs {
		b, err := base64.StdEncoding.DecodeString(c.value)
		var e *InputError
		switch {
		case err != nil:
			n := 0
			if ce, isCorrupt := err.(base64.CorruptInputError); isCorrupt {
				n = int(ce)
			}
			e = &InputError{Field: field, Code: codes[0], N: n}
		case len(b) != want:
			e = &InputError{Field: field, Code: codes[1], N: len(b)}
		}
		if e != nil {
			if first == nil || isLengthError(e.Code) && !isLengthError(first.Code) || e.Code == codes[1] && first.Code == codes[0] {
				first = e
			}
			continue
		}
		c.bytes = b
		ok = append(ok, c)
	}
	if len(ok) == 0 {
		return nil, first
	}
	return ok, nil
}

// failInputArgs reports an input error with the arguments its code takes.
func (r *Report) failInputArgs(lang Lang, e *InputError) {
	n := strconv.Itoa(e.N)
	switch e.Code {
	case CodeSessionKeyBase64, CodeIVBase64, CodeEncryptedDataBase64, CodeAESKeyBase64, CodeResponseBase64:
		r.fail(lang, e.Field, e.Code, "detail", "illegal data at byte "+n)
	default:
		r.fail(lang, e.Field, e.Code, "n", n)
	}
}

// baiduAttempt is one decryption of Baidu data.
type baiduAttempt struct {
	attempt
	pad     int    // padding length
	length  int    // the plaintext's length prefix
	have    int    // bytes after the prefix
	trailer string // what follows the data: the App Key
}

// DecryptBaidu is Baidu's algorithm ("用户数据的签名验证和加解密"): AES-192-CBC
// under the 24-byte base64 sessionKey and the 16-byte iv, padding to a
// 32-byte boundary (PKCS#7 with 1 to 32 bytes), and a plaintext
// random(16) ‖ uint32 big-endian length ‖ data ‖ App Key. It returns data
// and the trailing App Key; the caller compares that with its own (Inspect
// does). Malformed input is an *InputError; anything else ErrDecrypt.
//
// https://smartprogram.baidu.com/docs/develop/api/open/log_data/
func DecryptBaidu(sessionKey, iv, data string) (plaintext []byte, appKey string, err error) {
	for _, f := range [...]struct{ name, v string }{{FieldSessionKey, sessionKey}, {FieldIV, iv}, {FieldEncryptedData, data}} {
		if f.v == "" {
			return nil, "", &InputError{Field: f.name, Code: CodeMissingField}
		}
		if len(f.v) > MaxFieldLen {
			return nil, "", &InputError{Field: f.name, Code: CodeInputTooLarge, N: len(f.v)}
		}
	}
	k, e := decodeKeyCandidates(FieldSessionKey, []*candidate{{value: sessionKey}}, 24, base64Codes[FieldSessionKey])
	if e != nil {
		return nil, "", e
	}
	v, e := decodeKeyCandidates(FieldIV, []*candidate{{value: iv}}, 16, base64Codes[FieldIV])
	if e != nil {
		return nil, "", e
	}
	ct, err := decodeCiphertext(data)
	if err != nil {
		return nil, "", err
	}
	a := tryBaidu(k[0], v[0], &candidate{bytes: ct}, false)
	if a.code != "" {
		return nil, "", ErrDecrypt
	}
	return []byte(a.payload.Raw), a.trailer, nil
}

// tryBaidu decrypts one combination; with parse, it parses the data.
func tryBaidu(k, v, c *candidate, parse bool) *baiduAttempt {
	a := &baiduAttempt{attempt: attempt{key: *k, iv: *v, data: *c}}
	block, err := aes.NewCipher(k.bytes)
	if err != nil {
		a.code = CodeSessionKeyLength
		return a
	}
	buf := append([]byte(nil), c.bytes...)
	cipher.NewCBCDecrypter(block, v.bytes).CryptBlocks(buf, buf)
	n := int(buf[len(buf)-1])
	if n == 0 || n > 32 || n > len(buf) {
		a.code = CodeBadPadding
		return a
	}
	for _, b := range buf[len(buf)-n:] {
		if int(b) != n {
			a.code = CodeBadPadding
			return a
		}
	}
	a.pad = n
	plain := buf[:len(buf)-n]
	if len(plain) < 20 {
		a.code = CodeNotJSON
		return a
	}
	// encoding/binary would link reflect into the WebAssembly module.
	length := uint64(plain[16])<<24 | uint64(plain[17])<<16 | uint64(plain[18])<<8 | uint64(plain[19])
	a.have = len(plain) - 20
	if length > uint64(a.have) {
		a.code = CodeLengthPrefix
		a.length = int(min(length, 1<<31))
		return a
	}
	a.length = int(length)
	body := plain[20 : 20+a.length]
	a.trailer = string(plain[20+a.length:])
	a.payload = new(Data)
	if !parse {
		a.payload.Raw = string(body)
		return a
	}
	var ok bool
	if a.parsed, ok = parsePlaintext(body, a.payload); !ok {
		a.payload = nil
		a.code = CodeNotJSON
	}
	return a
}

// inspectBaidu inspects Baidu smart-program data.
func (r *Report) inspectBaidu(in Input) {
	lang := in.Lang
	data := in.EncryptedData
	if data == "" {
		data = in.Data
	}
	if !r.checkPresent(lang, FieldSessionKey, in.SessionKey, FieldIV, in.IV, FieldEncryptedData, data) {
		return
	}
	keys, kerr := decodeKeyCandidates(FieldSessionKey, candidates(FieldSessionKey, in.SessionKey), 24, base64Codes[FieldSessionKey])
	ivs, iverr := decodeKeyCandidates(FieldIV, candidates(FieldIV, in.IV), 16, base64Codes[FieldIV])
	datas, derr := decodeCandidates(FieldEncryptedData, candidates(FieldEncryptedData, data))
	for _, e := range []*InputError{kerr, iverr, derr} {
		if e != nil {
			r.failInputArgs(lang, e)
		}
	}
	if r.Error != nil {
		return
	}
	var first *baiduAttempt
	for _, k := range keys {
		for _, v := range ivs {
			for _, c := range datas {
				a := tryBaidu(k, v, c, true)
				if a.code == "" {
					r.baiduSucceed(in, a)
					return
				}
				if first == nil {
					first = a
				}
			}
		}
	}
	r.addRepairs(lang, &first.attempt)
	if first.code == CodeLengthPrefix {
		r.fail(lang, FieldEncryptedData, first.code, "n", strconv.Itoa(first.length), "have", strconv.Itoa(first.have))
		return
	}
	r.fail(lang, FieldEncryptedData, first.code)
}

func (r *Report) baiduSucceed(in Input, a *baiduAttempt) {
	lang := in.Lang
	d := a.payload
	r.platformPayload(lang, d, &a.parsed)
	r.Data, r.Kind = d, d.Kind
	r.addRepairs(lang, &a.attempt)
	if a.pad > 16 {
		r.note(lang, SeverityInfo, FieldEncryptedData, CodePadding32, "n", strconv.Itoa(a.pad))
	}
	if a.length > 255 {
		r.note(lang, SeverityInfo, FieldEncryptedData, CodeLongPayload, "n", strconv.Itoa(a.length))
	}
	trailer := a.trailer
	if !utf8.ValidString(trailer) {
		trailer = strconv.QuoteToASCII(trailer)
	}
	want := strings.TrimSpace(in.AppKey)
	switch {
	case want == "":
		r.note(lang, SeverityWarning, FieldAppKey, CodeAppKeyUnchecked, "got", trailer)
	case want != a.trailer:
		r.fail(lang, FieldAppKey, CodeAppKeyMismatch, "got", trailer, "want", want)
		return
	}
	r.OK = true
}

// inspectAlipay inspects what my.getPhoneNumber returned: it verifies the
// RSA2 signature over the response (quoted when encrypted), decrypts it
// with the AES key and an IV of zeros, and reads Alipay's answer.
//
// https://opendocs.alipay.com/common/02mse3 (敏感信息加解密)
func (r *Report) inspectAlipay(in Input) {
	lang := in.Lang
	resp := in.Response
	if resp == "" {
		resp = in.EncryptedData
	}
	if !r.checkPresent(lang, FieldResponse, resp) {
		return
	}
	encrypted := !strings.HasPrefix(strings.TrimSpace(resp), "{")
	if !r.alipaySign(in, resp, encrypted) {
		return
	}
	var plain []byte
	if !encrypted {
		plain = []byte(strings.TrimSpace(resp))
	} else {
		if !r.checkPresent(lang, FieldAESKey, in.AESKey) {
			return
		}
		keys, kerr := decodeKeyCandidates(FieldAESKey, candidates(FieldAESKey, in.AESKey), 16, [2]Code{CodeAESKeyBase64, CodeAESKeyLength})
		datas, derr := decodeCandidates(FieldEncryptedData, candidates(FieldResponse, resp))
		if derr != nil {
			derr.Field = FieldResponse
			if derr.Code == CodeEncryptedDataBase64 {
				derr.Code = CodeResponseBase64
			}
		}
		for _, e := range []*InputError{kerr, derr} {
			if e != nil {
				r.failInputArgs(lang, e)
			}
		}
		if r.Error != nil {
			return
		}
		var zero [16]byte
		code := CodeBadPadding
		var used *candidate
		for _, k := range keys {
			for _, c := range datas {
				var key [16]byte
				copy(key[:], k.bytes)
				buf := append([]byte(nil), c.bytes...)
				cbcDecrypt(&key, &zero, buf)
				if n, ok := unpad(buf); ok {
					plain, used = buf[:n], c
					break
				}
			}
			if plain != nil {
				break
			}
		}
		if used != nil {
			for _, rep := range used.repairs {
				r.note(lang, SeverityWarning, FieldResponse, rep, "field", FieldResponse)
			}
		}
		if plain == nil {
			r.fail(lang, FieldResponse, code)
			return
		}
	}
	d := new(Data)
	p, ok := parsePlaintext(plain, d)
	if !ok {
		r.fail(lang, FieldResponse, CodeNotJSON)
		return
	}
	var code, msg, subCode, subMsg string
	jsontext.ParseObject(d.Raw, func(key string, v jsontext.Value) {
		switch key {
		case "code":
			code, _ = v.String()
		case "msg":
			msg, _ = v.String()
		case "subCode", "sub_code":
			subCode, _ = v.String()
		case "subMsg", "sub_msg":
			subMsg, _ = v.String()
		}
	})
	r.platformPayload(lang, d, &p)
	r.Data, r.Kind = d, d.Kind
	if code != "10000" {
		r.fail(lang, "", CodeAlipayError, "code", code, "msg", msg, "sub_code", subCode, "sub_msg", subMsg)
		return
	}
	r.OK = true
}

// alipaySign verifies the signature, or notes why it was not verified; it
// reports false when the report failed.
func (r *Report) alipaySign(in Input, resp string, encrypted bool) bool {
	lang := in.Lang
	switch {
	case strings.TrimSpace(in.Sign) == "":
		r.note(lang, SeverityWarning, FieldSign, CodeSignUnchecked, "detail", "no sign was given")
		return true
	case in.AlipayPublicKey == nil:
		r.note(lang, SeverityWarning, FieldAlipayPublicKey, CodeSignUnchecked, "detail", "no Alipay public key was given")
		return true
	case in.SignType != "" && in.SignType != "RSA2":
		r.note(lang, SeverityWarning, FieldSign, CodeSignUnchecked, "detail", "sign_type "+strconv.Quote(in.SignType)+" is not RSA2")
		return true
	}
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSpace(in.Sign))
	if err != nil {
		r.fail(lang, FieldSign, CodeSignMismatch)
		return false
	}
	signed := resp
	if encrypted {
		signed = `"` + resp + `"`
	}
	if in.AlipayPublicKey.VerifySHA256([]byte(signed), sig) == nil {
		return true
	}
	if encrypted && in.AlipayPublicKey.VerifySHA256([]byte(resp), sig) == nil {
		r.note(lang, SeverityWarning, FieldSign, CodeSignUnquoted)
	}
	r.fail(lang, FieldSign, CodeSignMismatch)
	return false
}

// inspectDouyin inspects the phone number of Douyin's new flow: data
// encrypted with RSA PKCS#1 v1.5 to the application public key.
//
// https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/tutorial/open-capabilities/general-capabilities/new-phone-method
func (r *Report) inspectDouyin(in Input) {
	lang := in.Lang
	data := strings.TrimSpace(in.Data)
	if strings.HasPrefix(data, "{") {
		a, ok := readDouyinAnswer(data)
		switch {
		case !ok:
			r.fail(lang, FieldData, CodeBadInput, "detail", "data is neither base64 nor a get_phonenumber_info answer (JSON with err_no)")
			return
		case a.errNo != 0:
			r.fail(lang, "", CodeDouyinError, "err_no", strconv.FormatInt(a.errNo, 10), "err_tips", a.errTips)
			return
		}
		data = a.data
	}
	if !r.checkPresent(lang, FieldData, data) {
		return
	}
	if in.PrivateKey == nil {
		r.fail(lang, FieldPrivateKey, CodeMissingField, "field", FieldPrivateKey)
		return
	}
	datas, derr := decodeAnyCandidates(FieldData, candidates(FieldData, data))
	if derr != nil {
		r.failInputArgs(lang, derr)
		return
	}
	var first Code
	for _, c := range datas {
		plain, err := in.PrivateKey.DecryptPKCS1v15(c.bytes)
		code := CodeRSADecryptFailed
		if err == nil {
			a := &attempt{data: *c, payload: new(Data)}
			var ok bool
			if a.parsed, ok = parsePlaintext(plain, a.payload); ok {
				r.succeed(in, a)
				return
			}
			code = CodeNotJSON
		}
		if first == "" {
			first = code
		}
	}
	r.fail(lang, FieldData, first)
}

// decodeAnyCandidates decodes base64 of any non-zero length.
func decodeAnyCandidates(field string, cs []*candidate) ([]*candidate, *InputError) {
	var ok []*candidate
	var first *InputError
	for _, c := range cs {
		b, err := base64.StdEncoding.DecodeString(c.value)
		if err != nil || len(b) == 0 {
			if first == nil {
				n := 0
				if ce, isCorrupt := err.(base64.CorruptInputError); isCorrupt {
					n = int(ce)
				}
				first = &InputError{Field: field, Code: CodeEncryptedDataBase64, N: n}
			}
			continue
		}
		c.bytes = b
		ok = append(ok, c)
	}
	if len(ok) == 0 {
		return nil, first
	}
	return ok, nil
}

// douyinAnswer is what Inspect reads of a pasted get_phonenumber_info answer
// (core/wxapi parses the answers of calls it sends).
type douyinAnswer struct {
	errNo   int64
	errTips string
	data    string
}

// readDouyinAnswer reads {"err_no", "err_tips" (or "err_msg"), "data"}; ok is
// false for anything that is not a JSON object with an integer err_no.
func readDouyinAnswer(s string) (a douyinAnswer, ok bool) {
	hasErrNo := false
	ok = jsontext.ParseObject(s, func(key string, v jsontext.Value) {
		switch key {
		case "err_no":
			a.errNo, hasErrNo = v.Int()
		case "err_tips":
			setString(&a.errTips, v)
		case "err_msg":
			if a.errTips == "" {
				setString(&a.errTips, v)
			}
		case "data":
			setString(&a.data, v)
		}
	})
	return a, ok && hasErrNo
}

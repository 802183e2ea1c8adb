//go:build !js

package core

// The fixtures of the platforms other than WeChat. The js/wasm page, which
// makes WeChat fixtures only, leaves them out to stay within its size budget
// (fixture_platform_js.go).

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// Kinds returns the kinds of fixture s's platform makes, default first:
// what its mini-programs get encrypted (Douyin's new flow and Alipay: phone
// numbers only).
func (s FixtureSpec) Kinds() []Kind {
	switch {
	case s.Platform.orWeChat() == PlatformWeChat:
		return FixtureKinds()
	case s.Platform == PlatformAlipay, s.Platform == PlatformDouyin && s.NewFlow:
		return []Kind{KindPhone}
	}
	return []Kind{KindPhone, KindUser}
}

// MakeFixture makes the test data of spec on its platform, as that platform
// hands it to a backend, with every key needed to decrypt it: see Fixture
// for the fields of each platform. It encrypts spec.Plaintext if set, else
// the payload spec describes (Payload). Errors are *InputError (a missing
// appid or key, a key of the wrong length) or *BadInputError (a kind the
// platform does not make, an unknown platform).
func MakeFixture(spec FixtureSpec, keys FixtureKeys, random io.Reader) (*Fixture, error) {
	p := spec.Platform.orWeChat()
	if _, ok := platformInfos[p]; !ok && p != PlatformWeChat {
		return nil, &BadInputError{Detail: "unknown platform \"" + string(p) + "\": want one of wechat, qq, douyin, kuaishou, feishu, baidu, alipay"}
	}
	plain := spec.Plaintext
	if plain == nil {
		var err error
		if plain, err = spec.Payload(); err != nil {
			return nil, err
		}
	}
	var f *Fixture
	var err error
	switch {
	case p == PlatformBaidu:
		f, err = baiduFixture(spec, plain, keys, random)
	case p == PlatformAlipay:
		f, err = alipayFixture(plain, keys, random)
	case p == PlatformDouyin && spec.NewFlow:
		f, err = douyinFixture(plain, keys)
	default:
		f, err = NewFixture(plain, keys.SessionKey, keys.IV, random)
	}
	if err != nil {
		return nil, err
	}
	if p != PlatformWeChat {
		f.Platform = p
	}
	return f, nil
}

// platformPayload builds the plaintext of spec on a platform whose payload
// is not WeChat's; ok is false for WeChat's shape.
func (s FixtureSpec) platformPayload() (b []byte, ok bool, err error) {
	if !containsKind(s.Kinds(), s.kind()) {
		var names []string
		for _, k := range s.Kinds() {
			names = append(names, string(k))
		}
		what := platformInfos[s.Platform].name
		if s.Platform == PlatformDouyin && s.NewFlow {
			what += " (new phone flow)"
		}
		return nil, true, &BadInputError{Detail: "kind \"" + string(s.Kind) + "\": " + what + " fixtures are " + strings.Join(names, " or ")}
	}
	phone := orDefault(s.PurePhoneNumber, "13800138000")
	switch {
	case s.Platform == PlatformFeishu:
		if s.AppID == "" {
			return nil, true, &InputError{Field: FieldAppID, Code: CodeMissingField}
		}
		b, err := s.weChatPayload()
		if err == nil && allDigits(s.AppID) && (s.AppID[0] != '0' || len(s.AppID) == 1) {
			// Feishu writes its watermark appid as a JSON number, larger
			// than 2^53 (a JSON number has no leading zero): the payload
			// ends with "appid":"…"}}.
			q := jsontext.AppendString(nil, s.AppID)
			b = append(append(b[:len(b)-len(q)-2], s.AppID...), "}}"...)
		}
		return b, true, err
	case s.Platform == PlatformAlipay:
		b = []byte(`{"code":"10000","msg":"Success","mobile":`)
		b = jsontext.AppendString(b, phone)
		return append(b, '}'), true, nil
	case s.Platform == PlatformBaidu && s.kind() == KindPhone:
		b = []byte(`{"mobile":`)
		b = jsontext.AppendString(b, phone)
		return append(b, '}'), true, nil
	case s.Platform == PlatformBaidu:
		u := s.User
		b = appendStringField([]byte{'{'}, true, "openid", orDefault(u.OpenID, "kFixtureOpenId0000000000000000"))
		b = appendStringField(b, false, "nickname", orDefault(u.NickName, "wxinspect"))
		b = appendStringField(b, false, "headimgurl", u.AvatarURL)
		b = append(b, `,"sex":`...)
		b = jsontext.AppendInt(b, int64(u.Gender))
		return append(b, '}'), true, nil
	}
	return nil, false, nil
}

func (s FixtureSpec) kind() Kind {
	if s.Kind == "" {
		return KindPhone
	}
	return s.Kind
}

func containsKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// randomBytes reads n bytes from random.
func randomBytes(random io.Reader, n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(random, b); err != nil {
		return nil, err
	}
	return b, nil
}

// keyOrFresh decodes key (base64 of n bytes), or draws n fresh bytes when
// it is empty.
func keyOrFresh(field string, key string, n int, codes [2]Code, random io.Reader) ([]byte, string, error) {
	if key == "" {
		b, err := randomBytes(random, n)
		if err != nil {
			return nil, "", err
		}
		return b, base64.StdEncoding.EncodeToString(b), nil
	}
	c, e := decodeKeyCandidates(field, []*candidate{{value: strings.TrimSpace(key)}}, n, codes)
	if e != nil {
		return nil, "", &fixtureKeyError{e, n}
	}
	return c[0].bytes, c[0].value, nil
}

// fixtureKeyError is a fixture key that cannot be used: it says the length wanted,
// which is not always 16 bytes (Baidu's session_key).
type fixtureKeyError struct {
	*InputError
	want int
}

func (e *fixtureKeyError) Error() string {
	switch e.Code {
	case CodeSessionKeyBase64, CodeIVBase64, CodeAESKeyBase64:
		return "invalid " + e.Field + ": not base64 (illegal data at byte " + strconv.Itoa(e.N) + ")"
	}
	return "invalid " + e.Field + ": " + strconv.Itoa(e.N) + " bytes, want " + strconv.Itoa(e.want)
}

func (e *fixtureKeyError) Unwrap() error { return e.InputError }

// padTo pads b with PKCS#7 to a multiple of block bytes (1 to block).
func padTo(b []byte, block int) []byte {
	n := block - len(b)%block
	out := make([]byte, len(b)+n)
	copy(out, b)
	for i := len(b); i < len(out); i++ {
		out[i] = byte(n)
	}
	return out
}

// appKeyAlphabet is the alphabet of Baidu's App Keys (32 letters and digits).
const appKeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// baiduFixture encrypts plain as Baidu does: AES-192-CBC over
// random(16) ‖ uint32 BE length ‖ plain ‖ App Key, padded to 32 bytes.
func baiduFixture(spec FixtureSpec, plain []byte, keys FixtureKeys, random io.Reader) (*Fixture, error) {
	key, skText, err := keyOrFresh(FieldSessionKey, keys.SessionKey, 24, base64Codes[FieldSessionKey], random)
	if err != nil {
		return nil, err
	}
	iv, ivText, err := keyOrFresh(FieldIV, keys.IV, 16, base64Codes[FieldIV], random)
	if err != nil {
		return nil, err
	}
	appKey := strings.TrimSpace(spec.AppKey)
	if appKey == "" {
		b, err := randomBytes(random, 32)
		if err != nil {
			return nil, err
		}
		for i := range b {
			b[i] = appKeyAlphabet[int(b[i])%len(appKeyAlphabet)]
		}
		appKey = string(b)
	}
	prefix, err := randomBytes(random, 16)
	if err != nil {
		return nil, err
	}
	n := len(plain)
	buf := append(prefix, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	buf = append(append(buf, plain...), appKey...)
	buf = padTo(buf, 32)
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(buf, buf)
	return &Fixture{SessionKey: skText, IV: ivText, Data: base64.StdEncoding.EncodeToString(buf), AppKey: appKey, Plaintext: string(plain)}, nil
}

// rsaKey returns the given RSA key or a fresh one, and whether it is fresh.
func (k FixtureKeys) rsaKey() (RSAKey, bool, error) {
	if k.RSAKey != nil {
		return k.RSAKey, false, nil
	}
	if k.NewRSAKey == nil {
		return nil, false, &InputError{Field: FieldPrivateKey, Code: CodeMissingField}
	}
	key, err := k.NewRSAKey()
	return key, true, err
}

// alipayFixture makes what my.getPhoneNumber gives the client: the response
// encrypted with AES-128-CBC under the AES key and a zero IV, signed with
// RSA2 over the response in double quotes.
func alipayFixture(plain []byte, keys FixtureKeys, random io.Reader) (*Fixture, error) {
	key, keyText, err := keyOrFresh(FieldAESKey, keys.AESKey, 16, [2]Code{CodeAESKeyBase64, CodeAESKeyLength}, random)
	if err != nil {
		return nil, err
	}
	rk, _, err := keys.rsaKey()
	if err != nil {
		return nil, err
	}
	buf := padTo(plain, aes.BlockSize)
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	var zero [aes.BlockSize]byte
	cipher.NewCBCEncrypter(block, zero[:]).CryptBlocks(buf, buf)
	resp := base64.StdEncoding.EncodeToString(buf)
	sig, err := rk.SignSHA256([]byte(`"` + resp + `"`))
	if err != nil {
		return nil, err
	}
	return &Fixture{
		Response: resp, Sign: base64.StdEncoding.EncodeToString(sig), SignType: "RSA2",
		AESKey: keyText, AlipayPublicKey: rk.PublicKeyPEM(), Plaintext: string(plain),
	}, nil
}

// douyinFixture encrypts plain to the application's public key with RSA
// PKCS#1 v1.5, as get_phonenumber_info's data; a plaintext longer than one
// block is encrypted block by block.
func douyinFixture(plain []byte, keys FixtureKeys) (*Fixture, error) {
	rk, fresh, err := keys.rsaKey()
	if err != nil {
		return nil, err
	}
	var ct []byte
	step := rk.Size() - 11
	for i := 0; i < len(plain) || i == 0; i += step {
		c, err := rk.EncryptPKCS1v15(plain[i:min(i+step, len(plain))])
		if err != nil {
			return nil, err
		}
		ct = append(ct, c...)
	}
	f := &Fixture{Data: base64.StdEncoding.EncodeToString(ct), Plaintext: string(plain)}
	if fresh {
		f.PrivateKey = rk.PrivateKeyPEM()
	}
	return f, nil
}

// appendPlatformJSON appends the fixture of a platform other than WeChat.
func (f *Fixture) appendPlatformJSON(dst []byte) ([]byte, bool) {
	dst = append(dst, '{')
	dst = jsontext.AppendKey(dst, "platform")
	dst = jsontext.AppendString(dst, string(f.Platform))
	for _, kv := range [...][2]string{
		{"session_key", f.SessionKey},
		{"iv", f.IV},
		{"encrypted_data", f.EncryptedData},
		{"data", f.Data},
		{"app_key", f.AppKey},
		{"response", f.Response},
		{"sign", f.Sign},
		{"sign_type", f.SignType},
		{"aes_key", f.AESKey},
		{"alipay_public_key", f.AlipayPublicKey},
		{"private_key", f.PrivateKey},
	} {
		if kv[1] == "" {
			continue
		}
		dst = append(dst, ',')
		dst = jsontext.AppendKey(dst, kv[0])
		dst = jsontext.AppendString(dst, kv[1])
		if kv[0] == "sign_type" {
			dst = append(dst, `,"encrypt_type":"AES","charset":"UTF-8"`...)
		}
	}
	dst = append(dst, ',')
	dst = jsontext.AppendKey(dst, "plaintext")
	dst = jsontext.AppendString(dst, f.Plaintext)
	return append(dst, '}'), true
}

// FixtureJSON makes a fixture for hosts that speak JSON (the WASI module).
// req is one JSON object:
//
//	{"platform", "appid", "kind", "phone", "country_code", "timestamp" (Unix seconds),
//	 "app_key", "new_flow" (Douyin), "session_key", "iv", "aes_key"}
//
// read as FixtureSpec and FixtureKeys; fresh keys come from random, RSA keys
// from newRSAKey (nil where RSA is not linked: Alipay's and Douyin's new
// flow then need none to be made, and fail with missing_field private_key).
// It returns the fixture's JSON (Fixture.AppendJSON), or
// {"error": {"code", "message"}}.
func FixtureJSON(req []byte, random io.Reader, newRSAKey func() (RSAKey, error)) []byte {
	var spec FixtureSpec
	keys := FixtureKeys{NewRSAKey: newRSAKey}
	var bad string
	ok := jsontext.ParseObject(bufString(req), func(key string, v jsontext.Value) {
		var dst *string
		switch key {
		case "platform":
			s, _ := v.String()
			p, ok := ParsePlatform(s)
			if !ok {
				bad = "unknown platform \"" + s + "\": want one of wechat, qq, douyin, kuaishou, feishu, baidu, alipay"
			}
			spec.Platform = p
			return
		case "timestamp":
			if n, ok := v.Int(); ok && n > 0 {
				spec.Time = time.Unix(n, 0)
			} else if v.Kind != jsontext.Null {
				bad = `"timestamp" is not a number of seconds`
			}
			return
		case "new_flow":
			spec.NewFlow = v.Kind == jsontext.True
			return
		case "appid":
			dst = &spec.AppID
		case "phone":
			dst = &spec.PurePhoneNumber
		case "country_code":
			dst = &spec.CountryCode
		case "app_key":
			dst = &spec.AppKey
		case "session_key":
			dst = &keys.SessionKey
		case "iv":
			dst = &keys.IV
		case "aes_key":
			dst = &keys.AESKey
		case "kind":
			s, _ := v.String()
			spec.Kind = Kind(s)
			return
		default:
			return
		}
		if s, ok := v.String(); ok {
			*dst = cloneString(s)
		} else if v.Kind != jsontext.Null {
			bad = `"` + key + `" is not a string`
		}
	})
	if !ok {
		bad = "not a JSON object"
	}
	var err error = &BadInputError{Detail: bad}
	if bad == "" {
		var f *Fixture
		if f, err = MakeFixture(spec, keys, random); err == nil {
			return f.AppendJSON(nil)
		}
	}
	b := []byte(`{"error":{"code":`)
	b = jsontext.AppendString(b, string(CodeOf(err)))
	b = append(b, `,"message":`...)
	b = jsontext.AppendString(b, err.Error())
	return append(b, "}}"...)
}

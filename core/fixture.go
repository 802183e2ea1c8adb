package core

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"io"
	"time"

	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// Fixture is open data made for tests: what a mini-program would hand a
// backend, and the keys to decrypt it. WeChat's scheme (WeChat, QQ, Douyin's
// legacy flow, Kuaishou, Feishu) fills SessionKey, IV and EncryptedData;
// Baidu SessionKey (24 bytes), IV, Data and AppKey; Alipay Response, Sign,
// SignType, AESKey and AlipayPublicKey; Douyin's new phone flow Data, and
// PrivateKey when the fixture made the key.
type Fixture struct {
	Platform      Platform // "" for WeChat
	SessionKey    string
	IV            string
	EncryptedData string
	Plaintext     string

	Data            string // Baidu's ciphertext; Douyin's get_phonenumber_info data
	AppKey          string // Baidu: the App Key that ends the plaintext
	Response        string // Alipay: what my.getPhoneNumber returns …
	Sign            string // … with its RSA2 signature
	SignType        string
	AESKey          string // Alipay: the console's AES key, base64
	AlipayPublicKey string // Alipay: PEM of the public key that verifies Sign
	PrivateKey      string // Douyin's new flow: PEM (PKCS#8) of the application key, when the fixture made it
}

// Encrypt is the inverse of Decrypt: it pads plaintext with PKCS#7 and
// encrypts it with AES-128-CBC under the base64 sessionKey and iv (16 bytes
// each; NewKey makes them). It returns the fixture with all three values in
// standard base64.
func Encrypt(plaintext []byte, sessionKey, iv string) (*Fixture, error) {
	var key, ivb [16]byte
	if err := decodeBlock(FieldSessionKey, sessionKey, &key); err != nil {
		return nil, err
	}
	if err := decodeBlock(FieldIV, iv, &ivb); err != nil {
		return nil, err
	}
	n := aes.BlockSize - len(plaintext)%aes.BlockSize
	buf := make([]byte, len(plaintext)+n)
	copy(buf, plaintext)
	for i := len(plaintext); i < len(buf); i++ {
		buf[i] = byte(n)
	}
	block, err := aes.NewCipher(key[:])
	if err != nil {
		return nil, err
	}
	cipher.NewCBCEncrypter(block, ivb[:]).CryptBlocks(buf, buf)
	return &Fixture{
		SessionKey:    sessionKey,
		IV:            iv,
		EncryptedData: base64.StdEncoding.EncodeToString(buf),
		Plaintext:     string(plaintext),
	}, nil
}

// NewKey reads 16 bytes from random (crypto/rand.Reader in production) and
// returns them in base64: a fresh session_key or iv for a fixture. The core
// does not import crypto/rand itself, so that the WebAssembly build can draw
// on the browser's crypto.getRandomValues instead.
func NewKey(random io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(random, b[:]); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(b[:]), nil
}

// NewFixture encrypts plaintext like Encrypt, drawing a session_key or an iv
// left empty from random (crypto/rand.Reader in production).
func NewFixture(plaintext []byte, sessionKey, iv string, random io.Reader) (*Fixture, error) {
	var err error
	if sessionKey == "" {
		if sessionKey, err = NewKey(random); err != nil {
			return nil, err
		}
	}
	if iv == "" {
		if iv, err = NewKey(random); err != nil {
			return nil, err
		}
	}
	return Encrypt(plaintext, sessionKey, iv)
}

// RSAKey is an RSA key pair as the fixtures of Alipay and of Douyin's new
// phone flow use it. core/rsakey makes one (fresh, or from a PEM private
// key); the core does not import crypto/rsa itself, so that the WebAssembly
// module stays small.
type RSAKey interface {
	Decrypter
	// SignSHA256 signs with SHA256withRSA, PKCS#1 v1.5 (Alipay's RSA2).
	SignSHA256(message []byte) ([]byte, error)
	// EncryptPKCS1v15 encrypts one block to the public half with PKCS#1
	// v1.5 padding, as Douyin encrypts a phone number.
	EncryptPKCS1v15(message []byte) ([]byte, error)
	// Size is the modulus's length in bytes.
	Size() int
	PrivateKeyPEM() string // PKCS#8
	PublicKeyPEM() string  // PKIX
}

// FixtureKeys are the keys a fixture encrypts under. Each one left empty is
// made fresh: AES keys and ivs from the random reader, RSA keys with
// NewRSAKey. A fixture repeats every key, so that its data can be decrypted,
// except the private half of an RSA key that was given.
type FixtureKeys struct {
	SessionKey string // base64: 16 bytes, Baidu's 24
	IV         string // base64, 16 bytes
	AESKey     string // Alipay: the console's AES key, base64 of 16 bytes
	// RSAKey is, for Alipay, the key pair that plays Alipay's (its public
	// half verifies the sign) and, for Douyin's new flow, the application's
	// (its private half decrypts data).
	RSAKey    RSAKey
	NewRSAKey func() (RSAKey, error) // makes a fresh RSA key; needed when RSAKey is nil
}

// FixtureSpec describes the plaintext of a fixture. Empty fields take
// realistic defaults, so FixtureSpec{AppID: "wx…"} alone makes a phone
// number. Every front end's fixture maker goes through it.
type FixtureSpec struct {
	Platform        Platform  // "" is WeChat
	AppID           string    // the watermark's; Baidu and Alipay have none
	Kind            Kind      // phone (the default), user, werun, share or group
	Time            time.Time // the watermark's time; zero means now
	PurePhoneNumber string    // phone: default 13800138000
	CountryCode     string    // phone: default 86
	User            UserInfo  // user: an empty OpenID, NickName or Language takes a default
	Days            int       // werun: how many days of steps, default DefaultWeRunDays
	Seed            uint32    // werun: varies the step counts
	OpenGID         string    // share, group
	ChatType        int       // group
	AppKey          string    // Baidu: the App Key that ends the plaintext; default drawn at random
	NewFlow         bool      // Douyin: the phone flow of base library 3.51.0 and later (RSA)
	Plaintext       []byte    // MakeFixture: encrypt this instead of the payload
}

// DefaultWeRunDays is how many days of steps a WeRun fixture has when
// FixtureSpec.Days is not set: WeChat's getWeRunData gives the last 30 days.
const DefaultWeRunDays = 30

// FixtureKinds returns the kinds FixtureSpec can make, default first.
func FixtureKinds() []Kind { return []Kind{KindPhone, KindUser, KindWeRun, KindShare, KindGroup} }

// Payload builds the plaintext the platform (WeChat by default) would
// encrypt for s. A missing AppID is an *InputError (missing_field: a
// watermark must name the mini-program; Baidu's and Alipay's payloads have
// none); a Kind the platform does not make is a *BadInputError.
func (s FixtureSpec) Payload() ([]byte, error) {
	if s.Platform.orWeChat() != PlatformWeChat {
		if b, ok, err := s.platformPayload(); ok {
			return b, err
		}
	}
	if s.AppID == "" {
		return nil, &InputError{Field: FieldAppID, Code: CodeMissingField}
	}
	return s.weChatPayload()
}

// weChatPayload builds the payload of WeChat's scheme.
func (s FixtureSpec) weChatPayload() ([]byte, error) {
	t := s.Time
	if t.IsZero() {
		t = time.Now()
	}
	openGID := orDefault(s.OpenGID, "GFixtureOpenGId0000000000000")
	switch s.Kind {
	case KindPhone, "":
		return PhonePayload(s.AppID, orDefault(s.PurePhoneNumber, "13800138000"), s.CountryCode, t), nil
	case KindUser:
		u := s.User
		u.OpenID = orDefault(u.OpenID, "oFixtureOpenId00000000000000")
		u.NickName = orDefault(u.NickName, "wxinspect")
		u.Language = orDefault(u.Language, "zh_CN")
		return UserPayload(s.AppID, u, t), nil
	case KindWeRun:
		days := s.Days
		if days <= 0 {
			days = DefaultWeRunDays
		}
		return WeRunPayload(s.AppID, DailySteps(days, t, s.Seed), t), nil
	case KindShare:
		return SharePayload(s.AppID, openGID, t), nil
	case KindGroup:
		return GroupPayload(s.AppID, openGID, s.ChatType, t), nil
	}
	return nil, &BadInputError{Detail: "unknown kind \"" + string(s.Kind) + "\": want phone, user, werun, share or group"}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// AppendJSON appends the fixture as {"session_key", "iv", "encrypted_data",
// "plaintext"}: the input of `wxinspect decrypt`. On other platforms it
// starts with "platform" and holds the fields the platform sends, under
// their names in Baidu's, Alipay's and Douyin's documents ("data",
// "response", "sign", "sign_type", "encrypt_type", "charset"), then the keys
// ("app_key", "aes_key", "alipay_public_key", "private_key") and
// "plaintext"; empty fields are left out.
func (f *Fixture) AppendJSON(dst []byte) []byte {
	if f.Platform != "" && f.Platform != PlatformWeChat {
		if b, ok := f.appendPlatformJSON(dst); ok {
			return b
		}
	}
	dst = append(dst, '{')
	dst = jsontext.AppendKey(dst, "session_key")
	dst = jsontext.AppendString(dst, f.SessionKey)
	dst = append(dst, ',')
	dst = jsontext.AppendKey(dst, "iv")
	dst = jsontext.AppendString(dst, f.IV)
	dst = append(dst, ',')
	dst = jsontext.AppendKey(dst, "encrypted_data")
	dst = jsontext.AppendString(dst, f.EncryptedData)
	dst = append(dst, ',')
	dst = jsontext.AppendKey(dst, "plaintext")
	dst = jsontext.AppendString(dst, f.Plaintext)
	return append(dst, '}')
}

// MarshalJSON implements json.Marshaler with AppendJSON.
func (f *Fixture) MarshalJSON() ([]byte, error) { return f.AppendJSON(nil), nil }

// appendWatermark appends ,"watermark":{...} and the closing brace.
func appendWatermark(b []byte, appID string, t time.Time) []byte {
	b = append(b, `,"watermark":{"timestamp":`...)
	b = jsontext.AppendInt(b, t.Unix())
	b = append(b, `,"appid":`...)
	b = jsontext.AppendString(b, appID)
	return append(b, "}}"...)
}

func appendStringField(b []byte, first bool, key, value string) []byte {
	if !first {
		b = append(b, ',')
	}
	b = jsontext.AppendKey(b, key)
	return jsontext.AppendString(b, value)
}

// PhonePayload builds the plaintext of getPhoneNumber as WeChat writes it.
// countryCode defaults to "86"; outside mainland China, phoneNumber carries
// the country code.
func PhonePayload(appID, purePhoneNumber, countryCode string, t time.Time) []byte {
	if countryCode == "" {
		countryCode = "86"
	}
	phone := purePhoneNumber
	if countryCode != "86" {
		phone = "+" + countryCode + " " + purePhoneNumber
	}
	b := []byte{'{'}
	b = appendStringField(b, true, "phoneNumber", phone)
	b = appendStringField(b, false, "purePhoneNumber", purePhoneNumber)
	b = appendStringField(b, false, "countryCode", countryCode)
	return appendWatermark(b, appID, t)
}

// UserPayload builds the plaintext of getUserInfo.
func UserPayload(appID string, u UserInfo, t time.Time) []byte {
	b := []byte{'{'}
	b = appendStringField(b, true, "openId", u.OpenID)
	b = appendStringField(b, false, "nickName", u.NickName)
	b = append(b, `,"gender":`...)
	b = jsontext.AppendInt(b, int64(u.Gender))
	b = appendStringField(b, false, "language", u.Language)
	b = appendStringField(b, false, "city", u.City)
	b = appendStringField(b, false, "province", u.Province)
	b = appendStringField(b, false, "country", u.Country)
	b = appendStringField(b, false, "avatarUrl", u.AvatarURL)
	if u.UnionID != "" {
		b = appendStringField(b, false, "unionId", u.UnionID)
	}
	return appendWatermark(b, appID, t)
}

// WeRunPayload builds the plaintext of getWeRunData.
func WeRunPayload(appID string, steps []Step, t time.Time) []byte {
	b := []byte(`{"stepInfoList":[`)
	for i, s := range steps {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"timestamp":`...)
		b = jsontext.AppendInt(b, s.Timestamp)
		b = append(b, `,"step":`...)
		b = jsontext.AppendInt(b, int64(s.Step))
		b = append(b, '}')
	}
	b = append(b, ']')
	return appendWatermark(b, appID, t)
}

// DailySteps makes n days of plausible WeRun data ending on the day of end,
// each timestamp at midnight China Standard Time as WeChat sends them. The
// numbers vary with seed, deterministically.
func DailySteps(n int, end time.Time, seed uint32) []Step {
	cst := chinaTime
	e := end.In(cst)
	day := time.Date(e.Year(), e.Month(), e.Day(), 0, 0, 0, 0, cst)
	steps := make([]Step, n)
	x := seed | 1
	for i := range steps {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		steps[i] = Step{Timestamp: day.AddDate(0, 0, i-n+1).Unix(), Step: int(x % 15000)}
	}
	return steps
}

// SharePayload builds the plaintext of getShareInfo.
func SharePayload(appID, openGID string, t time.Time) []byte {
	b := appendStringField([]byte{'{'}, true, "openGId", openGID)
	return appendWatermark(b, appID, t)
}

// GroupPayload builds the plaintext of getGroupEnterInfo.
func GroupPayload(appID, openGID string, chatType int, t time.Time) []byte {
	b := appendStringField([]byte{'{'}, true, "opengid", openGID)
	b = append(b, `,"chat_type":`...)
	b = jsontext.AppendInt(b, int64(chatType))
	return appendWatermark(b, appID, t)
}

package core

import (
	"strconv"
	"strings"

	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// Platform is the mini-program platform whose user data an Input holds.
// The zero value is WeChat.
//
// QQ, Douyin/Toutiao (tt.getPhoneNumber before base library 3.51.0 and
// tt.getUserInfo), Kuaishou and Feishu/Lark use WeChat's scheme
// (AES-128-CBC, PKCS#7, a JSON plaintext with a watermark); Baidu, Alipay and
// Douyin's phone numbers since base library 3.51.0 differ outright. See
// docs/platforms.md.
type Platform string

// The platforms.
const (
	PlatformWeChat   Platform = "wechat"
	PlatformQQ       Platform = "qq"
	PlatformDouyin   Platform = "douyin"
	PlatformKuaishou Platform = "kuaishou"
	PlatformFeishu   Platform = "feishu"
	PlatformBaidu    Platform = "baidu"
	PlatformAlipay   Platform = "alipay"
)

// Platforms returns every platform, WeChat first.
func Platforms() []Platform {
	return []Platform{PlatformWeChat, PlatformQQ, PlatformDouyin, PlatformKuaishou, PlatformFeishu, PlatformBaidu, PlatformAlipay}
}

// ParsePlatform reads a platform name, case-insensitively; "" is WeChat,
// and "toutiao", "bytedance", "tt" are Douyin, "lark" is Feishu, "swan" is
// Baidu. An unknown name returns false.
func ParsePlatform(s string) (Platform, bool) {
	switch asciiLower(strings.TrimSpace(s)) {
	case "", "wechat", "weixin", "wx":
		return PlatformWeChat, true
	case "qq":
		return PlatformQQ, true
	case "douyin", "toutiao", "bytedance", "tt":
		return PlatformDouyin, true
	case "kuaishou", "ks":
		return PlatformKuaishou, true
	case "feishu", "lark":
		return PlatformFeishu, true
	case "baidu", "swan":
		return PlatformBaidu, true
	case "alipay", "my":
		return PlatformAlipay, true
	}
	return "", false
}

// orWeChat returns p, or WeChat for the zero value.
func (p Platform) orWeChat() Platform {
	if p == "" {
		return PlatformWeChat
	}
	return p
}

// PlatformOfAppID guesses the platform of an appid by its shape: "wx…" is
// WeChat, "tt" and 16 letters or digits Douyin, "ks" and 10 or more
// Kuaishou, "cli_…" and numbers past 2^53 are
// Feishu, 16 digits starting with 20 are Alipay, 10 digits are QQ. It
// returns false when the shape says nothing (Baidu's App ID is a plain
// number too).
func PlatformOfAppID(appID string) (Platform, bool) {
	s := strings.TrimSpace(appID)
	switch {
	case strings.HasPrefix(s, "wx") && len(s) == 18:
		return PlatformWeChat, true
	case strings.HasPrefix(s, "tt") && len(s) == 18 && alnum(s):
		return PlatformDouyin, true
	case strings.HasPrefix(s, "ks") && len(s) >= 12 && alnum(s):
		return PlatformKuaishou, true
	case strings.HasPrefix(s, "cli_"):
		return PlatformFeishu, true
	case !allDigits(s):
		return "", false
	case len(s) == 16 && strings.HasPrefix(s, "20"):
		return PlatformAlipay, true
	case len(s) == 10:
		return PlatformQQ, true
	case len(s) >= 17 && beyond2to53(s):
		return PlatformFeishu, true
	}
	return "", false
}

// alnum reports whether s is ASCII letters and digits only: an appid, not
// base64.
func alnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) || s[i] == '_' {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// beyond2to53 reports whether the decimal integer s is larger than 2^53, the
// largest integer below which every integer is a float64.
func beyond2to53(s string) bool {
	s = strings.TrimLeft(s, "-0")
	const max = "9007199254740992"
	return len(s) > len(max) || len(s) == len(max) && s > max
}

// PlatformInput holds what other platforms need beside WeChat's fields. It
// is embedded in Input.
type PlatformInput struct {
	Platform Platform // "" is WeChat

	// Baidu: the App Key that ends the plaintext. The ciphertext is
	// EncryptedData (Baidu's "data"); session_key decodes to 24 bytes.
	AppKey string

	// Alipay: what my.getPhoneNumber gave the client, and the keys from the
	// console. Response is the value of "response" as sent (base64 when
	// encrypted, a JSON object otherwise).
	Response        string
	Sign            string
	SignType        string // "RSA2" or empty
	AESKey          string // base64, 16 bytes (接口内容加密方式)
	AlipayPublicKey SignatureVerifier

	// Douyin since base library 3.51.0: the "data" of the
	// get_phonenumber_info answer (base64 RSA ciphertext), or the whole
	// answer, and the application private key to decrypt it.
	Data       string
	PrivateKey Decrypter
}

// SignatureVerifier checks an RSA2 signature: SHA256withRSA, PKCS#1 v1.5.
// core/rsakey makes one from a PEM public key; the core does not import
// crypto/rsa itself, so that the WebAssembly module stays small.
type SignatureVerifier interface {
	VerifySHA256(message, signature []byte) error
}

// Decrypter decrypts RSA PKCS#1 v1.5 ciphertext with a private key.
// core/rsakey makes one from a PEM private key (PKCS#1 or PKCS#8).
type Decrypter interface {
	DecryptPKCS1v15(ciphertext []byte) ([]byte, error)
}

// The fields of other platforms, as named in reports and errors.
const (
	FieldAppKey          = "app_key"
	FieldResponse        = "response"
	FieldSign            = "sign"
	FieldAESKey          = "aes_key"
	FieldAlipayPublicKey = "alipay_public_key"
	FieldData            = "data"
	FieldPrivateKey      = "private_key"
)

// withDefaults fills p's empty fields from d.
func (p PlatformInput) withDefaults(d PlatformInput) PlatformInput {
	if p.Platform == "" {
		p.Platform = d.Platform
	}
	p.AppKey = orDefault(p.AppKey, d.AppKey)
	p.Response = orDefault(p.Response, d.Response)
	p.Sign = orDefault(p.Sign, d.Sign)
	p.SignType = orDefault(p.SignType, d.SignType)
	p.AESKey = orDefault(p.AESKey, d.AESKey)
	p.Data = orDefault(p.Data, d.Data)
	if p.AlipayPublicKey == nil {
		p.AlipayPublicKey = d.AlipayPublicKey
	}
	if p.PrivateKey == nil {
		p.PrivateKey = d.PrivateKey
	}
	return p
}

// parsePlatformKey reads the keys of other platforms in an input object
// (see ParseInput); it reports whether key was one of them. raw is the whole
// object, kept as Data when it is a Douyin answer (it has "err_no").
func (p *PlatformInput) parsePlatformKey(key string, v jsontext.Value, raw string, bad *string) bool {
	var dst *string
	switch key {
	case "platform":
		s, ok := v.String()
		if !ok {
			if v.Kind != jsontext.Null {
				*bad = `"platform" is not a string`
			}
			return true
		}
		pl, ok := ParsePlatform(s)
		if !ok {
			*bad = `unknown platform "` + s + `": want one of wechat, qq, douyin, kuaishou, feishu, baidu, alipay`
			return true
		}
		p.Platform = pl
		return true
	case "err_no":
		p.Data = raw
		return true
	case "app_key", "appKey":
		dst = &p.AppKey
	case "response":
		if v.Kind == jsontext.Object {
			// A client that parsed the unencrypted response: keep it as text.
			p.Response = v.Raw
			return true
		}
		dst = &p.Response
	case "sign":
		dst = &p.Sign
	case "aes_key", "aesKey":
		dst = &p.AESKey
	case "alipay_public_key", "alipayPublicKey", "private_key", "privateKey":
		field := FieldPrivateKey
		if key[0] == 'a' {
			field = FieldAlipayPublicKey
		}
		if s, ok := v.String(); ok && strings.TrimSpace(s) != "" {
			p.readKey(field, s)
			return true
		}
		dst = new(string) // null or "": no key; anything else is bad input
	case "sign_type", "signType":
		dst = &p.SignType
	case "data":
		if p.Data == raw {
			return true // the whole answer is already kept
		}
		dst = &p.Data
	default:
		return false
	}
	switch v.Kind {
	case jsontext.String:
		*dst, _ = v.String()
	case jsontext.Null:
	default:
		*bad = `"` + key + `" is not a string`
	}
	return true
}

func (p *PlatformInput) clone() {
	p.AppKey = cloneString(p.AppKey)
	p.Response = cloneString(p.Response)
	p.Sign = cloneString(p.Sign)
	p.AESKey = cloneString(p.AESKey)
	p.SignType = cloneString(p.SignType)
	p.Data = cloneString(p.Data)
}

// platformInfo is what hints say about a platform.
type platformInfo struct {
	name, login, session string
}

var platformInfos = map[Platform]platformInfo{
	PlatformQQ:       {"QQ", "qq.login", "code2Session (api.q.qq.com/sns/jscode2session)"},
	PlatformDouyin:   {"Douyin", "tt.login", "code2Session (developer.toutiao.com/api/apps/v2/jscode2session)"},
	PlatformKuaishou: {"Kuaishou", "ks.login", "code2session (open.kuaishou.com/oauth2/mp/code2session)"},
	PlatformFeishu:   {"Feishu", "tt.login", "tokenLoginValidate (open.feishu.cn/open-apis/mina/v2/tokenLoginValidate)"},
	PlatformBaidu:    {"Baidu", "swan.getLoginCode", "getSessionKeyByCode (spapi.baidu.com/oauth/jscode2sessionkey)"},
	PlatformAlipay:   {"Alipay", "my.getAuthCode", "alipay.system.oauth.token"},
}

const platformRotateEN = "The session_key does not belong to this data. Most often a {login} call after the data was encrypted rotated the session_key: call {login} before showing the button, not in its callback, and use the session_key from that login ({session}); also check that you looked up the session_key of this user."
const platformRotateZH = "session_key 与这份数据不匹配。最常见的原因是加密之后又调用了 {login}，导致 session_key 被刷新：请在展示按钮之前调用 {login}（不要在回调中调用），并使用那次登录通过 {session} 换到的 session_key；同时确认取的是这个用户的 session_key。"

// platformHints replace the WeChat wording of a code's message and hint on
// other platforms; {login}, {session} and {platform} are filled from
// platformInfos.
var platformHints = map[Code]entry{
	CodeMissingField: {0,
		"{field} is missing", "Send every value the mini-program got (encryptedData or data, and iv) with the session_key your server got from {session}.",
		"缺少 {field}", "请完整提供小程序拿到的值（encryptedData 或 data，以及 iv），以及服务端通过 {session} 得到的 session_key。"},
	CodeBadPadding: {0,
		"decryption failed: the PKCS#7 padding is invalid", platformRotateEN,
		"解密失败：PKCS#7 填充不正确", platformRotateZH},
	CodeNotJSON: {0,
		"the plaintext is not a JSON object", "Decryption produced bytes that are not {platform}'s JSON: the session_key most likely belongs to another user or login. " + platformRotateEN,
		"明文不是 JSON 对象", "解密结果不是{platform}的 JSON：session_key 很可能属于另一个用户或另一次登录。" + platformRotateZH},
	CodeWatermarkMissing: {0,
		"the plaintext has no watermark {appid, timestamp}", "Genuine {platform} open data carries a watermark; this data was made by something else, so do not trust it.",
		"明文中没有 watermark {appid, timestamp}", "{platform}开放数据带有 watermark；这份数据不是{platform}生成的，不应信任。"},
	CodeAppIDMismatch: {0,
		"the watermark appid is {got}, not {want}", "The data was produced for another mini-program ({got}). Check that the session_key comes from {session} with the appid and secret of {want}, and that the front end is that mini-program.",
		"watermark 中的 appid 是 {got}，不是 {want}", "这份数据属于另一个小程序（{got}）。请确认 session_key 来自 {want} 的 appid 和 secret 调用的 {session}，且前端就是该小程序。"},
	CodeAppIDUnchecked: {0,
		"no appid given: the watermark appid {got} was not checked", "Pass your {platform} mini-program's appid so that data made for another mini-program is rejected.",
		"未提供 appid：未校验 watermark 中的 appid {got}", "请提供你的{platform}小程序 appid，以拒绝属于其他小程序的数据。"},
	CodeSessionKeyLength: {0,
		"session_key decodes to {n} bytes, want {want}", "A {platform} session_key is the base64 value {session} returned; you may be passing the openid, the login code, an access_token or a truncated value.",
		"session_key 解码后为 {n} 字节，应为 {want} 字节", "{platform}的 session_key 是 {session} 返回的 base64 值；你可能传入了 openid、登录 code、access_token 或被截断的值。"},
}

// alipayHints replace a code's wording for Alipay (platform_other.go).
var alipayHints map[Code]entry

// douyinKeyMissing is the wording of a missing private key in Douyin's new
// flow (platform_other.go).
var douyinKeyMissing entry

// describeFor is Code.Describe with the wording of platform p.
func describeFor(p Platform, c Code, lang Lang, args ...string) (message, hint string) {
	info, other := platformInfos[p]
	e, ok := platformHints[c]
	if p == PlatformAlipay {
		e, ok = alipayHints[c]
	}
	if p == PlatformDouyin && c == CodeMissingField && len(args) >= 2 && args[1] == FieldPrivateKey && douyinKeyMissing.en != "" {
		e = douyinKeyMissing
	}
	if !other || !ok {
		if c == CodeSessionKeyLength && p != PlatformBaidu {
			args = append(args, "want", "16")
		}
		return c.Describe(lang, args...)
	}
	want := "16"
	if p == PlatformBaidu {
		want = "24"
	}
	args = append(args, "login", info.login, "session", info.session, "platform", info.name, "want", want)
	message, hint = e.en, e.enHint
	if lang == Chinese {
		message, hint = e.zh, e.zhHint
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+args[i]+"}", args[i+1])
	}
	r := strings.NewReplacer(pairs...)
	return r.Replace(message), r.Replace(hint)
}

// isWeChat reports whether the report is of WeChat data.
func (r *Report) isWeChat() bool { return r.Platform == "" || r.Platform == PlatformWeChat }

// inspectPlatform inspects the platforms whose scheme is not WeChat's and
// reports true; for WeChat's scheme (WeChat, QQ, Douyin's legacy flow,
// Kuaishou, Feishu) it does nothing and reports false.
func (r *Report) inspectPlatform(in Input) bool {
	switch in.Platform {
	case "", PlatformWeChat, PlatformQQ, PlatformKuaishou, PlatformFeishu:
		return false
	case PlatformDouyin:
		// The new flow hands over data (or the whole answer), never an iv.
		if in.Data == "" || in.IV != "" || in.EncryptedData != "" {
			return false
		}
		r.inspectOther(in)
	case PlatformBaidu, PlatformAlipay:
		r.inspectOther(in)
	default:
		r.fail(in.Lang, "", CodeBadInput, "detail", "unknown platform \""+string(in.Platform)+"\"")
	}
	return true
}

// platformPayload completes a decrypted payload with what other platforms
// write differently: Feishu's numeric watermark appid, Baidu's and Alipay's
// "mobile", Baidu's "headimgurl" and "sex".
func (r *Report) platformPayload(lang Lang, d *Data, p *parsed) {
	if r.isWeChat() {
		return
	}
	jsontext.ParseObject(d.Raw, func(key string, v jsontext.Value) {
		switch key {
		case "watermark":
			v.Members(func(key string, v jsontext.Value) {
				if key == "appid" && v.Kind == jsontext.Number && d.Watermark.AppID == "" {
					d.Watermark.AppID = v.Raw
					if n, err := strconv.ParseUint(v.Raw, 10, 64); err == nil && beyond2to53(v.Raw) {
						// What a float64 makes of it: the nearest double,
						// printed as an integer (exact below 2^64).
						f := float64(n)
						asFloat := "a number ≥ 2^64"
						if f < 1<<64 {
							asFloat = strconv.FormatUint(uint64(f), 10)
						}
						r.note(lang, SeverityInfo, "", CodeAppIDNumber, "got", v.Raw, "float", asFloat)
					}
				}
			})
		case "mobile":
			if s, ok := v.String(); ok {
				d.Phone.PhoneNumber, d.Phone.PurePhoneNumber = s, s
				d.Kind = KindPhone
			}
		case "headimgurl":
			setString(&d.User.AvatarURL, v)
		case "sex":
			setInt(&d.User.Gender, v)
		}
	})
}

// platformReason is why an input that did not state its platform was read
// as that platform's.
type platformReason int8

const (
	noReason     platformReason = iota
	reasonAlipay                // response and sign
	reasonDouyin                // a get_phonenumber_info answer
	reasonBaidu                 // app_key
	reasonAppID                 // the appid's shape
	// the page's main module: the input may be another platform's, which
	// its second module tells (platform_js.go)
	reasonElsewhere
)

//go:build !js || wxinspect_platforms

package core

import (
	"strconv"
	"strings"

	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// This file links the inspection of Baidu, Alipay and Douyin's new phone
// flow into every build but the js/wasm page's main module, which has a size
// budget (see platform_js.go).

func init() {
	for c, e := range otherCatalog {
		catalog[c] = e
	}
	alipayHints = alipayWording
	douyinKeyMissing = entry{0,
		"{field} is missing", "get_phonenumber_info's data is RSA-encrypted to the application public key configured under 开发配置 in Douyin's console: give its private key (PEM, PKCS#1 or PKCS#8; --private-key-file).",
		"缺少 {field}", "get_phonenumber_info 的 data 是用抖音控制台「开发配置」中的应用公钥 RSA 加密的：请提供对应的应用私钥（PEM，PKCS#1 或 PKCS#8；--private-key-file）。"}
}

// inspectOther inspects the platforms whose scheme is not WeChat's.
func (r *Report) inspectOther(in Input) {
	switch in.Platform {
	case PlatformDouyin:
		r.inspectDouyin(in)
	case PlatformBaidu:
		r.inspectBaidu(in)
	case PlatformAlipay:
		r.inspectAlipay(in)
	}
}

var otherCatalog = map[Code]entry{
	CodeAppKeyMismatch: {0,
		"the plaintext ends with App Key {got}, not {want}", "Baidu appends the App Key of the smart program that the data is for: this data was made for {got}. Check that the session_key comes from getSessionKeyByCode with that program's App Key and App Secret, and that you passed the App Key (not the App ID).",
		"明文末尾的 App Key 是 {got}，不是 {want}", "百度会在明文末尾附上数据所属智能小程序的 App Key：这份数据属于 {got}。请确认 session_key 来自该小程序 App Key 与 App Secret 调用的 getSessionKeyByCode，且传入的是 App Key（不是 App ID）。"},
	CodeLengthPrefix: {0,
		"the plaintext says its data is {n} bytes, but only {have} follow", "Read the 4 bytes after the 16 random bytes as one big-endian uint32. This plaintext is not Baidu's layout: the session_key most likely belongs to another login.",
		"明文声明数据长 {n} 字节，但后面只有 {have} 字节", "请把 16 字节随机数之后的 4 个字节按大端 uint32 读取。这段明文不符合百度的格式：session_key 很可能属于另一次登录。"},
	CodeSignMismatch: {0,
		"the RSA2 signature does not verify over the response", "Verify with the Alipay public key (支付宝公钥, not your application public key) over the response string exactly as received, wrapped in double quotes when it is encrypted; check that nothing re-encoded the response on the way.",
		"RSA2 签名对 response 验证失败", "请用支付宝公钥（不是应用公钥）验签，验签内容是原样的 response 字符串，加密时须在前后加上双引号；并检查 response 在传输中是否被改动。"},
	CodeAESKeyBase64: {0,
		"the AES key is not valid base64: {detail}", "Copy the AES key (接口内容加密方式) from the Alipay console as it is shown: 24 base64 characters.",
		"AES 密钥不是合法的 base64：{detail}", "请从支付宝开放平台控制台的「接口内容加密方式」原样复制 AES 密钥：24 个 base64 字符。"},
	CodeAESKeyLength: {0,
		"the AES key decodes to {n} bytes, want 16", "The AES key of 接口内容加密方式 is 24 base64 characters (16 bytes). You may be passing the application private key or the Alipay public key.",
		"AES 密钥解码后为 {n} 字节，应为 16 字节", "「接口内容加密方式」的 AES 密钥是 24 个 base64 字符（16 字节）。你可能传入了应用私钥或支付宝公钥。"},
	CodeResponseBase64: {0,
		"the response is neither a JSON object nor base64: {detail}", "Send response exactly as my.getPhoneNumber returned it, inside the object with sign; do not parse or re-encode it.",
		"response 既不是 JSON 对象也不是 base64：{detail}", "请原样发送 my.getPhoneNumber 返回的 response，连同 sign 一起；不要解析或重新编码。"},
	CodeAlipayError: {0,
		"Alipay answered {code} {msg}: {sub_code} {sub_msg}", "40003 isv.invalid-auth-relations: the user has not authorised this mini-program, or the mini-program has no 获取会员手机号 feature approved; call my.getPhoneNumber only from the authorisation button (open-type=\"getAuthorize\" scope=\"phoneNumber\") and check the feature in the console.",
		"支付宝返回 {code} {msg}：{sub_code} {sub_msg}", "40003 isv.invalid-auth-relations：用户未授权该小程序，或小程序未开通「获取会员手机号」功能；请只在授权按钮（open-type=\"getAuthorize\" scope=\"phoneNumber\"）回调中调用 my.getPhoneNumber，并在控制台检查该功能。"},
	CodeRSADecryptFailed: {0,
		"data does not decrypt under this private key (RSA PKCS#1 v1.5)", "Douyin encrypts data to the application public key configured under 开发配置 in the console: use its private key (PKCS#1 or PKCS#8 PEM), and decrypt with PKCS#1 v1.5 padding, not OAEP.",
		"data 无法用该私钥解密（RSA PKCS#1 v1.5）", "抖音用控制台「开发配置」中的应用公钥加密 data：请使用对应的应用私钥（PKCS#1 或 PKCS#8 PEM），并以 PKCS#1 v1.5 填充解密，不要用 OAEP。"},
	CodeDouyinError: {0,
		"get_phonenumber_info answered err_no {err_no}: {err_tips}", "The phone code is single-use and valid for 5 minutes; it is the code of the getPhoneNumber button, not of tt.login. Check the access-token header (a client_token of this app).",
		"get_phonenumber_info 返回 err_no {err_no}：{err_tips}", "手机号 code 只能使用一次，5 分钟内有效；它是 getPhoneNumber 按钮返回的 code，不是 tt.login 的 code。并检查 access-token 请求头（本应用的 client_token）。"},
	CodeAppKeyUnchecked: {0,
		"no App Key given: the trailer {got} was not checked", "Pass your smart program's App Key (--app-key, or app_key in the input) so that data made for another program is rejected.",
		"未提供 App Key：未校验明文末尾的 {got}", "请提供智能小程序的 App Key（--app-key 或输入中的 app_key），以拒绝属于其他小程序的数据。"},
	CodePadding32: {0,
		"the padding is {n} bytes: Baidu pads to a 32-byte boundary", "Baidu's padding is PKCS#7 over 32-byte blocks (1 to 32 bytes). A strict 16-byte PKCS#7 unpad (Java's AES/CBC/PKCS5Padding, openssl_decrypt without OPENSSL_ZERO_PADDING) rejects it: decrypt without padding and remove the last byte's count yourself.",
		"填充为 {n} 字节：百度按 32 字节边界填充", "百度的填充是按 32 字节分组的 PKCS#7（1 到 32 字节）。严格的 16 字节 PKCS#7 去填充（Java 的 AES/CBC/PKCS5Padding、未加 OPENSSL_ZERO_PADDING 的 openssl_decrypt）会拒绝它：请以无填充方式解密，再按最后一个字节的值自行去除。"},
	CodeLongPayload: {0,
		"the data is {n} bytes, over 255", "Read the length as all 4 bytes (big-endian uint32). Baidu's Go demo reads only the last byte and breaks on data this long.",
		"数据长 {n} 字节，超过 255", "请把长度的 4 个字节整体按大端 uint32 读取。百度 Go 示例只读最后一个字节，数据这么长时会出错。"},
	CodeSignUnchecked: {0,
		"the signature was not verified: {detail}", "Give the Alipay public key (--alipay-public-key-file) and the sign from the same object as response, so that forged data is rejected.",
		"未验证签名：{detail}", "请提供支付宝公钥（--alipay-public-key-file）以及与 response 同一对象中的 sign，以拒绝伪造的数据。"},
	CodeSignUnquoted: {0,
		"the signature covers the response without its double quotes", "Alipay signs an encrypted response as a JSON string, with its double quotes. This sign was made over the bare string, so it is not Alipay's: if your own code signs or verifies, add the quotes.",
		"签名对应的是不带双引号的 response", "支付宝对加密的 response 按 JSON 字符串（带双引号）签名。这个 sign 是对不带引号的字符串做的，因此不是支付宝生成的：如果是你自己的代码在加签或验签，请加上双引号。"},
}

// alipayHints replace a code's wording for Alipay, whose key is the console's
// AES key rather than a session_key.
var alipayWording = map[Code]entry{
	CodeBadPadding: {0,
		"decryption failed: the PKCS#7 padding is invalid", "The AES key does not belong to this response. Use the AES key of the same Alipay app (开发设置 > 接口内容加密方式); if it was reset, responses encrypted before use the old key. The IV is 16 zero bytes.",
		"解密失败：PKCS#7 填充不正确", "AES 密钥与这份 response 不匹配。请使用同一支付宝应用的 AES 密钥（开发设置 > 接口内容加密方式）；若密钥重置过，之前加密的 response 用的是旧密钥。IV 为 16 个零字节。"},
	CodeNotJSON: {0,
		"the plaintext is not a JSON object", "Decryption produced bytes that are not Alipay's JSON: the AES key most likely belongs to another app.",
		"明文不是 JSON 对象", "解密结果不是支付宝的 JSON：AES 密钥很可能属于另一个应用。"},
	CodeMissingField: {0,
		"{field} is missing", "Give the object my.getPhoneNumber returned ({\"response\": …, \"sign\": …}), the AES key (--aes-key-file or ALIPAY_AES_KEY) and the Alipay public key (--alipay-public-key-file).",
		"缺少 {field}", "请提供 my.getPhoneNumber 返回的对象（{\"response\": …, \"sign\": …}）、AES 密钥（--aes-key-file 或 ALIPAY_AES_KEY）和支付宝公钥（--alipay-public-key-file）。"},
	CodeCiphertextLength: {0,
		"response decodes to {n} bytes, not a positive multiple of 16", "The response was truncated or altered on the way: send it exactly as my.getPhoneNumber returned it.",
		"response 解码后为 {n} 字节，不是 16 的正整数倍", "response 在传输中被截断或改动：请原样发送 my.getPhoneNumber 返回的值。"},
}

// readKey reads the PEM key of field from s through the registered readers
// (platform_keys.go). A key that cannot be read, or that this build cannot
// read (core/rsakey is not linked: the WASI module), is kept as an
// *unreadableKey in its place, for Inspect to report.
func (p *PlatformInput) readKey(field, s string) {
	b := []byte(s) // a copy: the input's buffer may be reused
	if keyReaders.public == nil || keyReaders.private == nil {
		k := &unreadableKey{field, "this build reads no RSA keys"}
		if field == FieldAlipayPublicKey {
			p.AlipayPublicKey = k
		} else {
			p.PrivateKey = k
		}
		return
	}
	switch {
	case field == FieldAlipayPublicKey:
		k, detail := keyReaders.public(b)
		if k == nil {
			k = &unreadableKey{field, detail}
		}
		p.AlipayPublicKey = k
	case field == FieldPrivateKey:
		k, detail := keyReaders.private(b)
		if k == nil {
			k = &unreadableKey{field, detail}
		}
		p.PrivateKey = k
	}
}

// badKey returns the first key of p that could not be read, or nil.
func (p *PlatformInput) badKey() *unreadableKey {
	if e, ok := p.AlipayPublicKey.(*unreadableKey); ok {
		return e
	}
	if e, ok := p.PrivateKey.(*unreadableKey); ok {
		return e
	}
	return nil
}

// douyinData moves what the reader found of Douyin's new flow into Data:
// a pasted answer's data, or a failed answer as JSON (its err_no and
// err_tips), which inspectDouyin reads.
func (in *Input) douyinData() {
	// The new flow: a pasted answer's data, or a failed answer as JSON.
	if n, err := strconv.ParseInt(strings.TrimSpace(in.errNo), 10, 64); err == nil && n != 0 {
		b := []byte(`{"err_no":`)
		b = strconv.AppendInt(b, n, 10)
		b = append(b, `,"err_tips":`...)
		in.Data = string(append(jsontext.AppendString(b, in.errTips), '}'))
	} else if in.Data == "" && in.EncryptedData != "" {
		in.Data, in.EncryptedData = in.EncryptedData, ""
		if in.src != nil {
			src := *in.src
			src[inData], src[inEncryptedData] = src[inEncryptedData], source{}
			in.src = &src
		}
	}
}

// detectPlatform names the platform of an input that does not state one,
// from its shape: Alipay's response with its sign, a Douyin
// get_phonenumber_info answer (err_no), Baidu's App Key, or an appid of the
// shape of QQ, Douyin, Kuaishou or Feishu (PlatformOfAppID). A stated
// platform always wins. It also moves what the reader found into the fields
// the platform reads: a pasted answer's err_no and data into Data.
func (in *Input) detectPlatform() platformReason {
	why := noReason
	if in.Platform == "" {
		p, ok := PlatformOfAppID(in.AppID)
		switch {
		case strings.TrimSpace(in.Response) != "" && (in.Sign != "" || in.SignType != "" || in.AESKey != ""):
			in.Platform, why = PlatformAlipay, reasonAlipay
		case in.errNo != "" || strings.HasPrefix(strings.TrimSpace(in.Data), "{"):
			in.Platform, why = PlatformDouyin, reasonDouyin
		case in.AppKey != "":
			in.Platform, why = PlatformBaidu, reasonBaidu
		case ok && p != PlatformWeChat && p != PlatformAlipay:
			in.Platform, why = p, reasonAppID
		}
	}
	if in.Platform == PlatformDouyin && in.IV == "" && in.SessionKey == "" {
		in.douyinData()
	}
	return why
}

// notePlatformDetected says what platform the input was read as, and why.
func (r *Report) notePlatformDetected(in Input, why platformReason) {
	name := platformInfos[in.Platform].name
	var en, zh string
	switch why {
	case reasonAlipay:
		en, zh = "it has Alipay's response and sign", "其中有支付宝的 response 和 sign"
	case reasonDouyin:
		en, zh = "it is a get_phonenumber_info answer (err_no)", "它是 get_phonenumber_info 的返回（含 err_no）"
	case reasonBaidu:
		en, zh = "it has Baidu's app_key", "其中有百度的 app_key"
	default:
		a := shownAppID(in)
		en, zh = "the appid "+a+" has the shape of "+name+"'s", "appid "+a+" 符合"+name+"的格式"
	}
	reason := en
	if in.Lang == Chinese {
		reason = zh
	}
	r.note(in.Lang, SeverityInfo, "", CodePlatformDetected, "platform", name, "reason", reason)
}

package core

import "strings"

// Code names a failure or a finding. Codes are a public contract: they are
// stable, lowercase snake words that a user can search for, and this file is
// the one place where they are listed.
type Code string

// Error codes: each makes a Report not ok.
const (
	CodeMissingField        Code = "missing_field"         // a required input is empty
	CodeSessionKeyBase64    Code = "session_key_base64"    // session_key is not base64, even after repairs
	CodeIVBase64            Code = "iv_base64"             // iv is not base64, even after repairs
	CodeEncryptedDataBase64 Code = "encrypted_data_base64" // encryptedData is not base64, even after repairs
	CodeSessionKeyLength    Code = "session_key_length"    // session_key does not decode to 16 bytes
	CodeIVLength            Code = "iv_length"             // iv does not decode to 16 bytes
	CodeCiphertextLength    Code = "ciphertext_length"     // ciphertext is empty or not whole 16-byte blocks
	CodeBadPadding          Code = "bad_padding"           // PKCS#7 padding is wrong: the key does not belong to the data
	CodeIVMismatch          Code = "iv_mismatch"           // only the first block is garbage: the iv is from another request
	CodeNotJSON             Code = "not_json"              // the plaintext is not a JSON object
	CodeWatermarkMissing    Code = "watermark_missing"     // the plaintext has no watermark {appid, timestamp}
	CodeAppIDMismatch       Code = "appid_mismatch"        // the watermark names another mini-program
	CodeWatermarkExpired    Code = "watermark_expired"     // the watermark is older than the allowed age
	CodeInputTooLarge       Code = "input_too_large"       // a field is longer than MaxFieldLen
	CodeBadInput            Code = "bad_input"             // the input object is not valid JSON or has fields of the wrong type
)

// Finding codes: they explain, but do not fail, a Report. The repairs have
// severity warning; the data decrypted only after undoing them.
const (
	CodeWhitespace      Code = "whitespace"        // spaces, tabs or line breaks inside or around the value
	CodeQuoted          Code = "quoted"            // the value was wrapped in quotes
	CodeURLEncoded      Code = "url_encoded"       // %2B, %2F, %3D: the value was URL-encoded
	CodePlusAsSpace     Code = "plus_as_space"     // '+' had been turned into a space by a form or query decoder
	CodeURLSafeAlphabet Code = "url_safe_alphabet" // '-' and '_' in place of '+' and '/'
	CodeMissingPadding  Code = "missing_padding"   // trailing '=' had been stripped
	CodeAppIDUnchecked  Code = "appid_unchecked"   // no appid was given, so the watermark appid was not compared
	CodeWatermarkFuture Code = "watermark_future"  // the watermark time is ahead of the clock
)

// Severity of a Finding.
type Severity string

// Severities, from least to most serious.
const (
	SeverityInfo    Severity = "info"
	SeverityWarning Severity = "warning"
	SeverityError   Severity = "error"
)

// Lang selects the language of messages and hints.
type Lang string

// The languages of messages and hints.
const (
	English Lang = "en"
	Chinese Lang = "zh"
)

// ParseLang maps a language tag or locale ("zh", "zh-CN", "zh_CN.UTF-8",
// "en-US") to a Lang; anything that is not Chinese is English.
func ParseLang(tag string) Lang {
	t := asciiLower(strings.TrimSpace(tag))
	if t == "zh" || strings.HasPrefix(t, "zh-") || strings.HasPrefix(t, "zh_") || strings.HasPrefix(t, "zh.") {
		return Chinese
	}
	return English
}

// The official WXBizDataCrypt demo's error numbers, so that reports can be
// matched with old logs.
const (
	wechatIllegalAesKey = -41001
	wechatIllegalIv     = -41002
	wechatIllegalBuffer = -41003
)

type entry struct {
	wechat int
	// message and hint templates; {name} is replaced by an argument
	en, enHint string
	zh, zhHint string
}

const rotateHintEN = "The session_key does not belong to this data. Most often a wx.login call after the data was encrypted rotated the session_key: call wx.login before showing the button (or wx.checkSession in its callback) and use the session_key from that login; also check that you looked up the session_key of this user."
const rotateHintZH = "session_key 与这份数据不匹配。最常见的原因是加密之后又调用了 wx.login，导致 session_key 被刷新：请在展示按钮之前调用 wx.login（或在回调中先 wx.checkSession），并使用那次登录换到的 session_key；同时确认取的是这个用户的 session_key。"

// catalog holds every code's message and hint in English and Chinese.
var catalog = map[Code]entry{
	CodeMissingField: {0,
		"{field} is missing", "Send all three values from the mini-program: encryptedData and iv from the event's detail, and the session_key your server got from jscode2session.",
		"缺少 {field}", "请完整提供三个值：事件 detail 中的 encryptedData 和 iv，以及服务端通过 jscode2session 得到的 session_key。"},
	CodeSessionKeyBase64: {wechatIllegalAesKey,
		"session_key is not valid base64: {detail}", "Use the session_key exactly as jscode2session returned it (24 base64 characters ending in '=='); do not hex-encode, trim or URL-decode it.",
		"session_key 不是合法的 base64：{detail}", "请原样使用 jscode2session 返回的 session_key（24 个 base64 字符，以 == 结尾），不要做十六进制转换、截断或 URL 解码。"},
	CodeIVBase64: {wechatIllegalIv,
		"iv is not valid base64: {detail}", "Send iv exactly as the mini-program received it, in a JSON body, not in a URL or a form.",
		"iv 不是合法的 base64：{detail}", "请原样发送小程序拿到的 iv，放在 JSON 请求体中，不要放在 URL 或表单里。"},
	CodeEncryptedDataBase64: {wechatIllegalBuffer,
		"encryptedData is not valid base64: {detail}", "Send encryptedData exactly as the mini-program received it, in a JSON body; check that nothing truncated or re-encoded it on the way.",
		"encryptedData 不是合法的 base64：{detail}", "请原样发送 encryptedData，放在 JSON 请求体中；检查传输途中是否被截断或二次编码。"},
	CodeSessionKeyLength: {wechatIllegalAesKey,
		"session_key decodes to {n} bytes, want 16", "A session_key is 24 base64 characters that decode to 16 bytes. You may be passing the openid, the js_code, an access_token or a truncated value.",
		"session_key 解码后为 {n} 字节，应为 16 字节", "session_key 是 24 个 base64 字符，解码后 16 字节。你可能传入了 openid、js_code、access_token 或被截断的值。"},
	CodeIVLength: {wechatIllegalIv,
		"iv decodes to {n} bytes, want 16", "An iv is 24 base64 characters that decode to 16 bytes; check that the whole value arrived.",
		"iv 解码后为 {n} 字节，应为 16 字节", "iv 是 24 个 base64 字符，解码后 16 字节；请确认完整传输。"},
	CodeCiphertextLength: {wechatIllegalBuffer,
		"encryptedData decodes to {n} bytes, not a positive multiple of 16", "The ciphertext was truncated or padded on the way: check length limits in your request parsing, database column and logs.",
		"encryptedData 解码后为 {n} 字节，不是 16 的正整数倍", "密文在传输中被截断或改动：请检查请求解析、数据库字段和日志的长度限制。"},
	CodeBadPadding: {wechatIllegalBuffer,
		"decryption failed: the PKCS#7 padding is invalid", rotateHintEN,
		"解密失败：PKCS#7 填充不正确", rotateHintZH},
	CodeIVMismatch: {wechatIllegalBuffer,
		"the iv does not belong to this encryptedData: only the first block decrypts to garbage", "encryptedData and iv must come from the same event: do not mix the iv of one request (or one getPhoneNumber tap) with the data of another.",
		"iv 与 encryptedData 不匹配：只有第一个分组解密为乱码", "encryptedData 与 iv 必须来自同一次事件：不要把一次请求（或一次授权）的 iv 与另一次的数据混用。"},
	CodeNotJSON: {wechatIllegalBuffer,
		"the plaintext is not a JSON object", "Decryption produced bytes that are not WeChat's JSON: the session_key most likely belongs to another user or login. " + rotateHintEN,
		"明文不是 JSON 对象", "解密结果不是微信的 JSON：session_key 很可能属于另一个用户或另一次登录。" + rotateHintZH},
	CodeWatermarkMissing: {wechatIllegalBuffer,
		"the plaintext has no watermark {appid, timestamp}", "Genuine WeChat open data always carries a watermark; this data was made by something else, so do not trust it.",
		"明文中没有 watermark {appid, timestamp}", "微信开放数据总是带有 watermark；这份数据不是微信生成的，不应信任。"},
	CodeAppIDMismatch: {wechatIllegalBuffer,
		"the watermark appid is {got}, not {want}", "The data was produced for another mini-program ({got}). Check that the session_key comes from jscode2session with the appid and secret of {want}, and that the front end is that mini-program.",
		"watermark 中的 appid 是 {got}，不是 {want}", "这份数据属于另一个小程序（{got}）。请确认 session_key 来自 {want} 的 appid 和 secret 调用的 jscode2session，且前端就是该小程序。"},
	CodeWatermarkExpired: {0,
		"the watermark is from {time}, {age} old, beyond the allowed {max}", "The data was encrypted too long ago: it may be a replay. Ask the mini-program for fresh data.",
		"watermark 时间为 {time}，已过去 {age}，超过允许的 {max}", "这份数据加密于很久以前，可能是重放。请让小程序重新获取数据。"},
	CodeInputTooLarge: {wechatIllegalBuffer,
		"{field} is {n} bytes, over the limit of {max}", "WeChat open data is a few kilobytes at most; this is not one value. Check what you pasted.",
		"{field} 有 {n} 字节，超过上限 {max}", "微信开放数据最多几 KB；这不是单个值，请检查粘贴的内容。"},
	CodeBadInput: {0,
		"the input is not a JSON object with string fields: {detail}", "Give one JSON object such as {\"session_key\": \"…\", \"iv\": \"…\", \"encrypted_data\": \"…\", \"appid\": \"wx…\"}.",
		"输入不是字段均为字符串的 JSON 对象：{detail}", "请提供一个 JSON 对象，例如 {\"session_key\": \"…\", \"iv\": \"…\", \"encrypted_data\": \"…\", \"appid\": \"wx…\"}。"},

	CodeWhitespace: {0,
		"{field} contained whitespace or line breaks, removed", "Logs and copy-paste wrap long values; some base64 decoders reject line breaks. Store and send the value on one line.",
		"{field} 中含有空白或换行，已去除", "日志和复制粘贴会折行；部分 base64 解码器不接受换行。请保存并发送单行的值。"},
	CodeQuoted: {0,
		"{field} was wrapped in quotes, removed", "The value was JSON-encoded twice or copied with its quotes; decode it once.",
		"{field} 被引号包裹，已去除", "值被重复 JSON 编码，或复制时带上了引号；只解码一次即可。"},
	CodeURLEncoded: {0,
		"{field} was URL-encoded (%2B, %2F, %3D), decoded", "The mini-program sent the value through encodeURIComponent or a query string; send it in a JSON body, or URL-decode exactly once.",
		"{field} 经过了 URL 编码（%2B、%2F、%3D），已解码", "小程序用 encodeURIComponent 或查询字符串发送了该值；请放在 JSON 请求体中发送，或只做一次 URL 解码。"},
	CodePlusAsSpace: {0,
		"{field} had '+' turned into spaces, restored", "A form or query-string decoder turned '+' into a space: send the values in a JSON body (Content-Type: application/json), or encodeURIComponent them.",
		"{field} 中的 '+' 被变成了空格，已还原", "表单或查询字符串解码把 '+' 变成了空格：请用 JSON 请求体（Content-Type: application/json）发送，或先 encodeURIComponent。"},
	CodeURLSafeAlphabet: {0,
		"{field} used the URL-safe base64 alphabet ('-', '_'), converted", "Something re-encoded the value as URL-safe base64; WeChat uses the standard alphabet. Pass the value through unchanged.",
		"{field} 使用了 URL 安全的 base64 字符（'-'、'_'），已转换", "某处把值转成了 URL 安全 base64；微信使用标准字符集，请原样传递。"},
	CodeMissingPadding: {0,
		"{field} had its trailing '=' stripped, restored", "Something stripped the base64 padding; keep the trailing '=' characters.",
		"{field} 末尾的 '=' 被去掉了，已补齐", "某处去掉了 base64 末尾的填充，请保留末尾的 '='。"},
	CodeAppIDUnchecked: {0,
		"no appid given: the watermark appid {got} was not checked", "Pass your mini-program's appid so that data made for another mini-program is rejected.",
		"未提供 appid：未校验 watermark 中的 appid {got}", "请提供你的小程序 appid，以拒绝属于其他小程序的数据。"},
	CodeWatermarkFuture: {0,
		"the watermark time {time} is ahead of the clock", "Check the clock of this machine; WeChat stamps data when it encrypts it.",
		"watermark 时间 {time} 晚于当前时间", "请检查本机时钟；微信在加密时写入时间戳。"},
}

// Codes returns every code, errors first, in the order of this file.
func Codes() []Code {
	return []Code{
		CodeMissingField, CodeSessionKeyBase64, CodeIVBase64, CodeEncryptedDataBase64,
		CodeSessionKeyLength, CodeIVLength, CodeCiphertextLength, CodeBadPadding,
		CodeIVMismatch, CodeNotJSON, CodeWatermarkMissing, CodeAppIDMismatch,
		CodeWatermarkExpired, CodeInputTooLarge, CodeBadInput,
		CodeWhitespace, CodeQuoted, CodeURLEncoded, CodePlusAsSpace, CodeURLSafeAlphabet,
		CodeMissingPadding, CodeAppIDUnchecked, CodeWatermarkFuture,
	}
}

// WeChatCode returns the official demo's error number for an error code, or 0.
func (c Code) WeChatCode() int { return catalog[c].wechat }

// Hint returns what to do about c, in lang, without the specifics of one case.
func (c Code) Hint(lang Lang) string {
	e := catalog[c]
	if lang == Chinese {
		return e.zhHint
	}
	return e.enHint
}

// Describe returns c's message and hint in lang with args filled in; args
// alternate names and values ("field", "iv").
func (c Code) Describe(lang Lang, args ...string) (message, hint string) {
	e := catalog[c]
	message, hint = e.en, e.enHint
	if lang == Chinese {
		message, hint = e.zh, e.zhHint
	}
	if len(args) > 1 {
		pairs := make([]string, 0, len(args))
		for i := 0; i+1 < len(args); i += 2 {
			pairs = append(pairs, "{"+args[i]+"}", args[i+1])
		}
		r := strings.NewReplacer(pairs...)
		message, hint = r.Replace(message), r.Replace(hint)
	}
	return message, hint
}

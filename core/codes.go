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

// API security mode (服务端API安全鉴权) codes: why an encrypted, signed call
// or its answer fails. core/wxsecure reports them; a report's WeChat errcode
// (40230–40240) is given per case, not here.
const (
	CodeSecureKey              Code = "secure_key"                // a key, certificate or serial is missing or unusable
	CodeCaptureInvalid         Code = "capture_invalid"           // not a raw HTTP request or response
	CodeHeaderMissing          Code = "header_missing"            // a Wechatmp-* header is missing or not valid
	CodeSignatureFifthLine     Code = "signature_fifth_line"      // the signed string has a fifth line (a key serial)
	CodeURLPathQuery           Code = "urlpath_query"             // the signed or encrypted urlpath carries the query string
	CodeURLPathScheme          Code = "urlpath_scheme"            // the signed or encrypted urlpath lacks https://
	CodeURLPathHost            Code = "urlpath_host"              // the urlpath is the proxy's, not https://api.weixin.qq.com
	CodeTimestampMismatch      Code = "timestamp_mismatch"        // the timestamp signed or encrypted is not the header's
	CodeTimestampExpired       Code = "timestamp_expired"         // the timestamp is too old (40240)
	CodeBodyReserialized       Code = "body_reserialized"         // the body was serialised again after signing
	CodeSignaturePKCS1v15      Code = "signature_pkcs1v15"        // signed with PKCS#1 v1.5 instead of PSS
	CodeSignatureSaltLength    Code = "signature_salt_length"     // PSS with a salt length other than 32
	CodeSignatureInvalid       Code = "signature_invalid"         // the signature does not verify, and no single cause explains it
	CodeBodyAltered            Code = "body_altered"              // neither the signature nor the decryption works: the body changed
	CodeEnvelopeInvalid        Code = "envelope_invalid"          // the body is not {iv, data, authtag} with the right lengths
	CodeAADSerialMismatch      Code = "aad_serial_mismatch"       // the AAD names another serial than the symmetric key's
	CodeSecureAppIDMismatch    Code = "secure_appid_mismatch"     // the appid differs between header, AAD and plaintext
	CodeGCMAuthFailed          Code = "gcm_auth_failed"           // AES-GCM authentication failed: another key or altered data
	CodeSecurePlaintextInvalid Code = "secure_plaintext_invalid"  // the decrypted data is not JSON with _n, _appid, _timestamp
	CodeAccessTokenInPlaintext Code = "access_token_in_plaintext" // the encrypted plaintext carries the access_token
	CodeCertificateUnknown     Code = "certificate_unknown"       // the answer is signed by a certificate serial we do not hold
	CodeResponseUnsigned       Code = "response_unsigned"         // an answer without a platform signature, refused
	CodeDeprecatedCertificate  Code = "deprecated_certificate"    // finding: verified only with the certificate being retired
)

// Codes of a call to WeChat's server API (package core/wxapi builds the
// calls and parses the answers, core/wxclient sends them). They are not in a
// Report; Explain gives them for the errors of those packages.
const (
	CodeAPIError           Code = "api_error"           // WeChat answered a non-zero errcode
	CodeEmptyResponse      Code = "empty_response"      // the answer has no body at all
	CodeHTMLResponse       Code = "html_response"       // an HTML page: a proxy, gateway or firewall answered
	CodeTruncatedResponse  Code = "truncated_response"  // JSON that stops before its end
	CodeNotJSONResponse    Code = "not_json_response"   // anything else that is not one JSON object
	CodeIncompleteResponse Code = "incomplete_response" // errcode 0 but a required member is absent or of the wrong type
	CodeResponseTooLarge   Code = "response_too_large"  // over wxapi.MaxResponseLen
	CodeNoAnswer           Code = "no_answer"           // the connection failed or the time ran out: no answer at all
	CodeMissingCredential  Code = "missing_credential"  // an AppID, AppSecret, code, openid, session_key or access_token the call needs is empty
	CodeDecryptFailed      Code = "decrypt_failed"      // ErrDecrypt: Open and Decrypt do not say why, Inspect does
	CodeRIDPasted          Code = "rid_pasted"          // a rid pasted alone: look it up with rid/get
)

// The likely causes of getuserphonenumber's errcode 40029, which WeChat
// answers alike for each (wxapi.DiagnosePhoneCode names them). Their
// messages and hints are in core/wxapi, beside the rule that picks them: the
// page module, which never calls getuserphonenumber, stays without them.
const (
	CodePhoneCodeLoginShape Code = "phone_code_login_shape" // the code looks like wx.login's js_code
	CodePhoneCodeReused     Code = "phone_code_reused"      // the code was already exchanged
	CodePhoneCodeNotForApp  Code = "phone_code_not_for_app" // WeChat does not know the code for this appid
)

// The codes of the platforms other than WeChat (see Platform). PlatformCodes
// lists them, and Codes does not, so that the WeChat vectors need not cover
// them (the platform vectors in testdata/platforms do).

// Error codes of other platforms.
const (
	CodeAppKeyMismatch   Code = "app_key_mismatch"   // Baidu: the plaintext's trailer is another App Key
	CodeLengthPrefix     Code = "length_prefix"      // Baidu: the plaintext's uint32 length does not fit the plaintext
	CodeSignMismatch     Code = "sign_mismatch"      // Alipay: the RSA2 signature does not verify over the response
	CodeAESKeyBase64     Code = "aes_key_base64"     // Alipay: the AES key is not base64
	CodeAESKeyLength     Code = "aes_key_length"     // Alipay: the AES key does not decode to 16 bytes
	CodeResponseBase64   Code = "response_base64"    // Alipay: the response is neither JSON nor base64
	CodeAlipayError      Code = "alipay_error"       // Alipay: the decrypted response is an error answer
	CodeRSADecryptFailed Code = "rsa_decrypt_failed" // Douyin: data does not decrypt under the private key
	CodeDouyinError      Code = "douyin_error"       // Douyin: get_phonenumber_info answered err_no ≠ 0
	CodeBadKey           Code = "bad_key"            // a PEM key that cannot be read
	// the platform's data cannot be inspected in this build (js/wasm leaves
	// out Baidu, Alipay and Douyin's RSA flow to stay within its size budget)
	CodePlatformUnavailable Code = "platform_unavailable"
)

// Finding codes of other platforms.
const (
	CodeAppKeyUnchecked Code = "app_key_unchecked" // Baidu: no App Key given, the trailer was not compared
	CodePadding32       Code = "padding_32"        // Baidu: padding to a 32-byte boundary, which a 16-byte PKCS#7 check rejects
	CodeLongPayload     Code = "long_payload"      // Baidu: over 255 bytes, past what one length byte can say
	CodeSignUnchecked   Code = "sign_unchecked"    // Alipay: no sign or no public key, the signature was not verified
	CodeSignUnquoted    Code = "sign_unquoted"     // Alipay: the signature covers the response without its quotes
	CodeAppIDNumber     Code = "appid_number"      // Feishu: the watermark appid is a JSON number beyond 2^53
	// the input named no platform, and its shape decided which it is
	CodePlatformDetected Code = "platform_detected"
)

// PlatformCodes returns the codes that only other platforms use, errors
// first.
func PlatformCodes() []Code {
	return []Code{
		CodeAppKeyMismatch, CodeLengthPrefix, CodeSignMismatch, CodeAESKeyBase64, CodeAESKeyLength,
		CodeResponseBase64, CodeAlipayError, CodeRSADecryptFailed, CodeDouyinError, CodeBadKey, CodePlatformUnavailable,
		CodeAppKeyUnchecked, CodePadding32, CodeLongPayload, CodeSignUnchecked, CodeSignUnquoted, CodeAppIDNumber,
		CodePlatformDetected,
	}
}

// Finding codes of pasted text.
const (
	CodeURLEncodedTwice Code = "url_encoded_twice" // %252B: the value was URL-encoded twice
)

// Error codes of pasted text.
const (
	// a line of a text of one record per line that holds no field
	CodeUnreadableLine Code = "unreadable_line"
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
		"session_key is not valid base64: {detail}", "Use the session_key exactly as jscode2session returned it (24 base64 characters ending in '=='); do not hex-encode or trim it.",
		"session_key 不是合法的 base64：{detail}", "请原样使用 jscode2session 返回的 session_key（24 个 base64 字符，以 == 结尾），不要做十六进制转换或截断。"},
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
	CodeUnreadableLine: {0,
		"line {line} holds no session_key, iv or encryptedData", "Each line of this text is read as one record, and this one has none of the three fields. Check that the line is whole (not cut or wrapped by the log viewer) and that its keys are spelled as WeChat sends them; or leave the line out.",
		"第 {line} 行没有 session_key、iv 或 encryptedData", "这段文本按每行一条记录读取，而这一行三个字段都没有。请检查该行是否完整（没有被日志查看器截断或折行），字段名是否与微信发送的一致；或删去这一行。"},
	CodeURLEncodedTwice: {0,
		"{field} was URL-encoded twice (%252B), decoded twice", "Two layers each URL-encoded the value (encodeURIComponent and then a form or query encoder): encode it once on the way, or URL-decode it twice on arrival; better, send it in a JSON body.",
		"{field} 被 URL 编码了两次（%252B），已解码两次", "值被两层各编码了一次（encodeURIComponent 之后又经过表单或查询字符串编码）：请只编码一次，或在接收端解码两次；最好放在 JSON 请求体中发送。"},
	CodeWatermarkFuture: {0,
		"the watermark time {time} is ahead of the clock", "Check the clock of this machine; WeChat stamps data when it encrypts it.",
		"watermark 时间 {time} 晚于当前时间", "请检查本机时钟；微信在加密时写入时间戳。"},

	// API security mode.
	CodeSecureKey: {0,
		"{what} is not usable: {detail}", "Copy the material from mp.weixin.qq.com (开发管理 → 开发设置 → API安全): the symmetric key is 44 base64 characters (32 bytes, AES256_GCM), the private key a PEM (PKCS#1 or PKCS#8), the platform certificate a PEM certificate; each has its own serial (编号).",
		"{what} 不可用：{detail}", "请从 mp.weixin.qq.com（开发管理 → 开发设置 → API安全）复制：对称密钥是 44 个 base64 字符（32 字节，AES256_GCM），私钥为 PEM（PKCS#1 或 PKCS#8），平台证书为 PEM 证书；每项都有自己的编号。"},
	CodeCaptureInvalid: {0,
		"the capture is not a raw HTTP request or response: {detail}", "Paste the request or response as it went over the wire: the request line (POST /wxa/… HTTP/1.1) or status line (HTTP/1.1 200 OK), the headers, a blank line, then the body.",
		"抓包内容不是原始 HTTP 请求或响应：{detail}", "请粘贴线路上的原始报文：请求行（POST /wxa/… HTTP/1.1）或状态行（HTTP/1.1 200 OK）、各请求头、一个空行，然后是请求体。"},
	CodeHeaderMissing: {0,
		"the {header} header is missing or not valid", "Send Wechatmp-Appid, Wechatmp-TimeStamp (seconds, the same number as _timestamp in the plaintext) and Wechatmp-Signature (base64) with every call in security mode; answers carry Wechatmp-Serial too.",
		"缺少 {header} 请求头或其值不合法", "安全模式下每次调用都要带 Wechatmp-Appid、Wechatmp-TimeStamp（秒，与明文中的 _timestamp 相同）和 Wechatmp-Signature（base64）；应答还带有 Wechatmp-Serial。"},
	CodeSignatureFifthLine: {0,
		"the signed string has a fifth line ({serial}): WeChat signs exactly four lines", "Sign urlpath\\nappid\\ntimestamp\\nbody — four lines, no trailing newline. The key serial is not part of the signed string (it goes into the AAD, as the symmetric key's serial).",
		"待签名串多了第五行（{serial}）：微信只签四行", "签名串为 urlpath\\nappid\\ntimestamp\\nbody，共四行，末尾无换行。密钥编号不参与签名（它出现在 AAD 中，且是对称密钥的编号）。"},
	CodeURLPathQuery: {0,
		"the {where} urlpath carries the query string", "urlpath is the URL with its scheme and without the query: https://api.weixin.qq.com/wxa/… — never ?access_token=….",
		"{where}中的 urlpath 带了查询参数", "urlpath 是带协议、不带查询参数的 URL：https://api.weixin.qq.com/wxa/…，不要带 ?access_token=…。"},
	CodeURLPathScheme: {0,
		"the {where} urlpath lacks the scheme ({got})", "urlpath starts with https:// : https://api.weixin.qq.com/wxa/…, not the bare path or host.",
		"{where}中的 urlpath 缺少协议头（{got}）", "urlpath 以 https:// 开头：https://api.weixin.qq.com/wxa/…，而不是裸路径或主机名。"},
	CodeURLPathHost: {0,
		"the {where} urlpath is {got}, not WeChat's {want}", "Sign and encrypt with WeChat's own URL, https://api.weixin.qq.com/<path>, whatever proxy or base URL the request travels through.",
		"{where}中的 urlpath 是 {got}，而不是微信的 {want}", "无论请求经过哪个代理或基础地址，签名和加密都要使用微信自己的 URL：https://api.weixin.qq.com/<path>。"},
	CodeTimestampMismatch: {0,
		"the timestamp {where} is {got}, the header says {want}", "Take the time once per call and use that one number in Wechatmp-TimeStamp, the signed string, the AAD and _timestamp (seconds, not milliseconds).",
		"{where}的时间戳是 {got}，请求头是 {want}", "每次调用只取一次时间，并在 Wechatmp-TimeStamp、签名串、AAD 和 _timestamp 中使用同一个数（秒，不是毫秒）。"},
	CodeTimestampExpired: {40240,
		"the timestamp {got} is {age} away from {now}, beyond {max}", "Sign just before sending, never cache or replay a signed request, and keep the server clock in sync (NTP).",
		"时间戳 {got} 与 {now} 相差 {age}，超过 {max}", "请在发送前即时签名，不要缓存或重放已签名的请求，并保持服务器时钟同步（NTP）。"},
	CodeBodyReserialized: {0,
		"the body sent is not the body signed: it was serialised again after signing ({detail})", "Sign the exact bytes you send: serialise the {iv, data, authtag} envelope once, sign that string, and send it as a raw string body, not as an object that the HTTP library encodes again.",
		"发送的请求体不是签名时的请求体：签名后被重新序列化（{detail}）", "对实际发送的字节签名：只序列化一次 {iv, data, authtag}，对该字符串签名，并以原始字符串作为请求体发送，不要交给 HTTP 库再编码一次。"},
	CodeSignaturePKCS1v15: {0,
		"the signature is RSA PKCS#1 v1.5, WeChat wants RSASSA-PSS", "Sign with RSASSA-PSS: SHA-256, MGF1 with SHA-256, salt length 32 (Java: SHA256withRSA/PSS with PSSParameterSpec; Node: padding RSA_PKCS1_PSS_PADDING, saltLength 32).",
		"签名使用了 RSA PKCS#1 v1.5，微信要求 RSASSA-PSS", "请使用 RSASSA-PSS 签名：SHA-256，MGF1 使用 SHA-256，salt 长度 32（Java：SHA256withRSA/PSS 配合 PSSParameterSpec；Node：padding RSA_PKCS1_PSS_PADDING，saltLength 32）。"},
	CodeSignatureSaltLength: {0,
		"the PSS signature has a salt of {n} bytes, WeChat wants 32", "Set the PSS salt length to 32 (the SHA-256 length); many libraries default to the maximum or to 20.",
		"PSS 签名的 salt 长度为 {n} 字节，微信要求 32", "请把 PSS 的 salt 长度设为 32（SHA-256 的长度）；很多库默认使用最大值或 20。"},
	CodeSignatureInvalid: {0,
		"the signature does not verify with {key}", "The signed string looks right, so the key pair is wrong: the private key must be the one whose public key is configured at mp.weixin.qq.com (API安全 → API非对称密钥); for answers, use the platform certificate whose serial the answer names.",
		"签名无法用 {key} 验证", "待签名串看起来正确，因此是密钥不匹配：私钥必须与 mp.weixin.qq.com（API安全 → API非对称密钥）上配置的公钥成对；验证应答时，请使用应答中编号对应的平台证书。"},
	CodeBodyAltered: {0,
		"neither the signature nor the decryption works: the body was altered after signing, or both keys are wrong", "Compare the bytes received with the bytes sent (proxies, gateways and loggers that rewrite bodies), then check the symmetric key and the certificate.",
		"签名和解密都失败：请求体在签名后被改动，或两个密钥都不对", "请对比收到和发出的字节（会改写报文的代理、网关、日志组件），再检查对称密钥和证书。"},
	CodeEnvelopeInvalid: {0,
		"the body is not the encrypted envelope: {detail}", "In security mode the body is {\"iv\": base64 of 12 bytes, \"data\": base64 ciphertext, \"authtag\": base64 of 16 bytes}.",
		"请求体不是加密信封：{detail}", "安全模式下请求体为 {\"iv\": 12 字节的 base64, \"data\": 密文的 base64, \"authtag\": 16 字节的 base64}。"},
	CodeAADSerialMismatch: {0,
		"the AAD names serial {got}, the symmetric key's serial is {want}", "The AAD is urlpath|appid|timestamp|sn with sn the serial of the symmetric key (API对称密钥), not of the asymmetric key or of the platform certificate.",
		"AAD 中的编号是 {got}，对称密钥的编号是 {want}", "AAD 为 urlpath|appid|timestamp|sn，其中 sn 是对称密钥（API对称密钥）的编号，不是非对称密钥或平台证书的编号。"},
	CodeSecureAppIDMismatch: {0,
		"the appid {where} is {got}, the header says {want}", "Use the appid of the mini-program that owns the keys and the access_token, the same in Wechatmp-Appid, the signed string, the AAD and _appid.",
		"{where}的 appid 是 {got}，请求头是 {want}", "请在 Wechatmp-Appid、签名串、AAD 和 _appid 中使用同一个 appid，即拥有这些密钥和 access_token 的小程序。"},
	CodeGCMAuthFailed: {0,
		"AES-256-GCM authentication failed with the symmetric key {sn}", "The symmetric key is not the one configured for this serial (a newer key was generated?), or iv, data or authtag were altered. Copy the key again from API安全 → API对称密钥.",
		"使用对称密钥 {sn} 做 AES-256-GCM 认证失败", "对称密钥与该编号不符（是否重新生成过密钥？），或 iv、data、authtag 被改动。请从 API安全 → API对称密钥 重新复制。"},
	CodeSecurePlaintextInvalid: {0,
		"the decrypted data {detail}", "The plaintext is a JSON object with the call's parameters and _n (random string), _appid and _timestamp (a number).",
		"解密后的数据{detail}", "明文是 JSON 对象，包含调用参数以及 _n（随机串）、_appid 和 _timestamp（数字）。"},
	CodeAccessTokenInPlaintext: {0,
		"the encrypted plaintext carries the access_token", "Leave access_token in the URL query only: the plaintext holds every other query parameter and body field (WeChat's guide: 不包含AccessToken).",
		"加密明文中包含了 access_token", "access_token 只放在 URL 查询参数中：明文包含其余全部查询参数和请求体字段（官方指南：不包含AccessToken）。"},
	CodeCertificateUnknown: {0,
		"the answer is signed with certificate {serial}, which is not among the certificates given", "Download the current platform certificate (API安全 → 平台证书) and give it with its serial (编号, not the X.509 serial number).",
		"应答使用证书 {serial} 签名，不在所提供的证书中", "请下载最新的平台证书（API安全 → 平台证书），并附上其编号（不是证书内的序列号）。"},
	CodeResponseUnsigned: {0,
		"the answer carries no platform signature", "In security mode every successful answer is signed: an unsigned one did not come from WeChat (a proxy answered, or the base URL is wrong), or security mode is off for this call.",
		"应答没有平台签名", "安全模式下每个成功的应答都有签名：没有签名说明不是微信的应答（代理应答或地址错误），或该接口未开启安全模式。"},
	CodeDeprecatedCertificate: {0,
		"verified with certificate {serial}, which WeChat is retiring; the current one is {current}", "Download the new platform certificate from API安全 → 平台证书 now: after the rotation period answers carry only its signature.",
		"使用即将失效的证书 {serial} 验签通过；当前证书为 {current}", "请立即在 API安全 → 平台证书 下载新证书：更换周期结束后，应答只带新证书的签名。"},
	CodeAPIError: {0,
		"{api}: errcode {errcode}: {errmsg}", "Look up errcode {errcode} in the documentation of this API; give the rid to WeChat's API 报错诊断 tool (mp.weixin.qq.com → 开发管理 → 开发工具) for the exact cause.",
		"{api}：错误码 {errcode}：{errmsg}", "请在该接口文档中查询错误码 {errcode}；并把 rid 提交到微信的「API 报错诊断」工具（mp.weixin.qq.com → 开发管理 → 开发工具）查看具体原因。"},
	CodeRIDPasted: {0,
		"a rid: {rid}", "Look it up with rid/get (wxinspect rid {rid}, or the Call tab) to see the request and answer WeChat saw: rids of the last 7 days, of this account, not of sns/ APIs.",
		"一个 rid：{rid}", "请用 rid/get 查询（wxinspect rid {rid}，或「调用」页）以查看微信收到的请求和返回：仅限最近 7 天、本账号、非 sns/ 接口的 rid。"},
	CodeEmptyResponse: {0,
		"{api}: empty response", "Something between this server and WeChat answered without a body: check proxies and the base URL, and retry later.",
		"{api}：响应为空", "与微信之间的某个环节返回了空响应：请检查代理和接口地址，并稍后重试。"},
	CodeHTMLResponse: {0,
		"{api}: response is an HTML page, not JSON{title}", "A proxy, gateway or firewall answered instead of WeChat, or the base URL is wrong: check HTTP(S)_PROXY, egress rules and the URL (https://api.weixin.qq.com).",
		"{api}：响应是 HTML 页面，不是 JSON{title}", "应答来自代理、网关或防火墙而不是微信，或接口地址写错：请检查 HTTP(S)_PROXY、出网规则和地址（https://api.weixin.qq.com）。"},
	CodeTruncatedResponse: {0,
		"{api}: response is truncated JSON ({n} bytes)", "The answer was cut off on the way: check proxies, timeouts and response size limits, then retry.",
		"{api}：响应是被截断的 JSON（{n} 字节）", "应答在传输中被截断：请检查代理、超时和响应大小限制，然后重试。"},
	CodeNotJSONResponse: {0,
		"{api}: response is not a JSON object ({n} bytes)", "This is not an answer of WeChat's API: check the base URL and any proxy in between.",
		"{api}：响应不是 JSON 对象（{n} 字节）", "这不是微信接口的应答：请检查接口地址和中间代理。"},
	CodeIncompleteResponse: {0,
		"{api}: response has errcode 0 but no valid {field}", "WeChat said ok but did not send {field}: check that the right API was called with the right method; report it if it persists.",
		"{api}：响应 errcode 为 0 但没有有效的 {field}", "微信返回成功却没有 {field}：请确认调用的接口和方法正确；若持续出现请反馈。"},
	CodeResponseTooLarge: {0,
		"{api}: response is over {max} bytes", "This is not an answer of WeChat's API: check the base URL and any proxy in between.",
		"{api}：响应超过 {max} 字节", "这不是微信接口的应答：请检查接口地址和中间代理。"},
	CodeNoAnswer: {0,
		"{api}: no answer: {detail}", "No answer from WeChat's API: check the network, any proxy (HTTP(S)_PROXY) and the base URL; if the time ran out, retry later.",
		"{api}：没有应答：{detail}", "没有收到微信接口的应答：请检查网络、代理（HTTP(S)_PROXY）和接口地址；若是超时，请稍后重试。"},
	CodeMissingCredential: {0,
		"{field} is missing", "{need}",
		"缺少 {field}", "{need}"},
	CodeDecryptFailed: {wechatIllegalBuffer,
		"decryption failed: the session_key, iv and encryptedData do not belong together", "A server's decryption does not tell a wrong session_key from a wrong iv or a wrong ciphertext (so that it is no padding oracle): inspect the same values (wxinspect inspect, or core.Inspect) for the exact cause. " + rotateHintEN,
		"解密失败：session_key、iv 与 encryptedData 不匹配", "服务端解密不区分 session_key、iv 或密文哪一个不对（以免成为填充预言机）：请用 wxinspect inspect（或 core.Inspect）检查同样的值以得到具体原因。" + rotateHintZH},
}

// credentialNeeds says what to give for each credential a call may miss:
// the hint of CodeMissingCredential.
var credentialNeeds = map[string][2]string{
	"appid": {"Give the mini-program's AppID (wx followed by 16 characters), from mp.weixin.qq.com (开发管理 → 开发设置).",
		"请提供小程序的 AppID（wx 加 16 个字符），见 mp.weixin.qq.com（开发管理 → 开发设置）。"},
	"secret": {"Give the mini-program's AppSecret, from mp.weixin.qq.com (开发管理 → 开发设置): the calls need it to get an access_token, and jscode2session needs it. Keep it on the server, never in the mini-program.",
		"请提供小程序的 AppSecret，见 mp.weixin.qq.com（开发管理 → 开发设置）：获取 access_token 和调用 jscode2session 都需要它。它只能放在服务端，不能放进小程序。"},
	"code": {"Give the phone code: the getPhoneNumber button's e.detail.code (not wx.login's code), single-use, valid for 5 minutes.",
		"请提供手机号 code：手机号按钮回调中的 e.detail.code（不是 wx.login 的 code），只能使用一次，有效期 5 分钟。"},
	"js_code": {"Give the code that wx.login returned in the mini-program: single-use, valid for 5 minutes.",
		"请提供小程序中 wx.login 返回的 code：只能使用一次，有效期 5 分钟。"},
	"openid": {"Give the user's openid, as jscode2session returned it for this mini-program.",
		"请提供用户的 openid，即本小程序调用 jscode2session 返回的 openid。"},
	"session_key": {"Give the user's session_key, as jscode2session returned it after the user's last wx.login.",
		"请提供用户的 session_key，即用户最近一次 wx.login 之后 jscode2session 返回的值。"},
	"access_token": {"Give an access_token, or the AppID and AppSecret to fetch one from stable_token.",
		"请提供 access_token，或提供 AppID 和 AppSecret 以便通过 stable_token 获取。"},
}

// credentialNeed is the hint of CodeMissingCredential for the "field" in args.
func credentialNeed(lang Lang, args []string) string {
	field := ""
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == "field" {
			field = args[i+1]
		}
	}
	need, ok := credentialNeeds[field]
	switch {
	case !ok && lang == Chinese:
		return "请提供该调用所需的 " + field + "。"
	case !ok:
		return "Give the " + field + " that the call needs."
	case lang == Chinese:
		return need[1]
	}
	return need[0]
}

// callCodes are the codes of CodeAPIError's block, for the tests.
func callCodes() []Code {
	return []Code{CodeAPIError, CodeEmptyResponse, CodeHTMLResponse, CodeTruncatedResponse, CodeNotJSONResponse,
		CodeIncompleteResponse, CodeResponseTooLarge, CodeNoAnswer, CodeMissingCredential, CodeDecryptFailed, CodeRIDPasted}
}

// Codes returns every code a Report can carry, errors first, in the order of
// this file.
func Codes() []Code {
	return []Code{
		CodeMissingField, CodeSessionKeyBase64, CodeIVBase64, CodeEncryptedDataBase64,
		CodeSessionKeyLength, CodeIVLength, CodeCiphertextLength, CodeBadPadding,
		CodeIVMismatch, CodeNotJSON, CodeWatermarkMissing, CodeAppIDMismatch,
		CodeWatermarkExpired, CodeInputTooLarge, CodeBadInput, CodeUnreadableLine,
		CodeWhitespace, CodeQuoted, CodeURLEncoded, CodePlusAsSpace, CodeURLSafeAlphabet,
		CodeMissingPadding, CodeAppIDUnchecked, CodeWatermarkFuture,
		CodeURLEncodedTwice,
	}
}

// SecureCodes returns the codes of API security mode (core/wxsecure), errors
// first, in the order of this file. They are not in Codes: open-data reports
// never carry them.
func SecureCodes() []Code {
	return []Code{
		CodeSecureKey, CodeCaptureInvalid, CodeHeaderMissing, CodeSignatureFifthLine,
		CodeURLPathQuery, CodeURLPathScheme, CodeURLPathHost, CodeTimestampMismatch,
		CodeTimestampExpired, CodeBodyReserialized, CodeSignaturePKCS1v15, CodeSignatureSaltLength,
		CodeSignatureInvalid, CodeBodyAltered, CodeEnvelopeInvalid, CodeAADSerialMismatch,
		CodeSecureAppIDMismatch, CodeGCMAuthFailed, CodeSecurePlaintextInvalid,
		CodeAccessTokenInPlaintext, CodeCertificateUnknown, CodeResponseUnsigned,
		CodeDeprecatedCertificate,
	}
}

// WeChatCode returns the official demo's error number for an error code, or 0.
func (c Code) WeChatCode() int { return catalog[c].wechat }

// Describe returns c's message and hint in lang with args filled in; args
// alternate names and values ("field", "iv").
func (c Code) Describe(lang Lang, args ...string) (message, hint string) {
	e := catalog[c]
	message, hint = e.en, e.enHint
	if lang == Chinese {
		message, hint = e.zh, e.zhHint
	}
	if c == CodeMissingCredential {
		args = append(args, "need", credentialNeed(lang, args))
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

package wxapi

import (
	"strconv"
	"strings"

	"github.com/wxinspect/wxinspect/core"
)

// APIError is a non-zero errcode in an answer of WeChat's server API.
//
// Msg is WeChat's errmsg as sent; RID is the request id WeChat appends to it
// ("… rid: 6475a2f9-7d9b5d30-4f2b5c17"), which WeChat's "API 报错诊断" tool
// looks up. core.Explain gives its code (api_error), message and hint.
type APIError struct {
	API  string // the API that answered, e.g. APIPhoneNumber
	Code int    // errcode
	Msg  string // errmsg, as WeChat sent it
	RID  string // the request id from errmsg, or ""
	// Cause is the likely cause when the client could tell more than
	// WeChat says (DiagnosePhoneCode), or "".
	Cause core.Code
	appID string // the appid of the call, for Cause's hint
}

func (e *APIError) Error() string {
	b := make([]byte, 0, 64+len(e.Msg))
	if e.API != "" {
		b = append(b, e.API...)
		b = append(b, ": "...)
	}
	b = append(b, "errcode "...)
	b = strconv.AppendInt(b, int64(e.Code), 10)
	if e.Msg != "" {
		b = append(b, ": "...)
		b = append(b, e.Msg...)
	}
	return string(b)
}

// Explain is core.Explain of e: code api_error, WeChat's errcode, errmsg and
// rid, and what to do about that errcode on that API.
func (e *APIError) Explain(lang core.Lang) *core.Problem {
	msg, _ := core.CodeAPIError.Describe(lang, "api", e.API, "errcode", strconv.Itoa(e.Code), "errmsg", e.Msg)
	if e.Cause != "" {
		return &core.Problem{Code: e.Cause, Message: trimAPI(msg), Hint: e.causeHint(lang), WeChatCode: e.Code, RID: e.RID}
	}
	return &core.Problem{Code: core.CodeAPIError, Message: trimAPI(msg), Hint: apiHint(e.API, e.Code, lang), WeChatCode: e.Code, RID: e.RID}
}

// trimAPI removes what an empty {api} leaves at the start of a message.
func trimAPI(msg string) string {
	msg = strings.TrimPrefix(msg, ": ")
	return strings.TrimPrefix(msg, "：")
}

// Temporary reports whether the same request may succeed if sent again
// later: -1 (system busy) and 45011 (per-minute limit).
func (e *APIError) Temporary() bool { return e.Code == -1 || e.Code == 45011 }

// TokenRejected reports whether the access_token of the call was refused as
// invalid or not the latest (40001) or expired (42001): the token should be
// refreshed once and the call retried once.
func (e *APIError) TokenRejected() bool {
	return (e.Code == 40001 || e.Code == 42001) && e.API != APIToken && e.API != APIStableToken
}

// newAPIError builds the error for errcode code and errmsg msg.
func newAPIError(api string, code int, msg string) *APIError {
	return &APIError{API: api, Code: code, Msg: msg, RID: parseRID(msg)}
}

// parseRID is core.ParseRID.
func parseRID(errmsg string) string { return core.ParseRID(errmsg) }

// isRIDByte reports whether c may be part of a rid.
func isRIDByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

type apiHintEntry struct{ en, zh string }

// apiHints says what to do about each errcode seen from the APIs this
// package builds calls for. Codes whose meaning depends on the API are in
// apiHintFor. Source: the error code tables of each API's documentation and
// https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/backend-api.html
var apiHints = map[int]apiHintEntry{
	-1: {"WeChat's server is busy (system error). Retry after a short, growing delay; this is the one errcode worth retrying unchanged.",
		"微信服务器繁忙（系统错误）。请稍后重试并逐步加大间隔；这是唯一可以原样重试的错误码。"},
	40001: {"The access_token is invalid or not the latest: most often another server or tool fetched a new one with cgi-bin/token, which invalidates the old one. Fetch tokens with cgi-bin/stable_token from one shared cache; on this error refresh once (force_refresh) and retry once.",
		"access_token 无效或不是最新的：最常见的原因是另一台服务器或工具用 cgi-bin/token 获取了新 token，使旧 token 失效。请统一用 cgi-bin/stable_token 获取并共享缓存；遇到此错误时强制刷新（force_refresh）一次并重试一次。"},
	40002: {"grant_type is wrong: use client_credential for tokens and authorization_code for jscode2session.",
		"grant_type 不正确：获取 token 用 client_credential，jscode2session 用 authorization_code。"},
	40003: {"The openid is not a user of this mini-program: take it from jscode2session with this appid, not from another mini-program or official account.",
		"openid 不属于该小程序的用户：请使用本 appid 调用 jscode2session 得到的 openid，不要用其他小程序或公众号的。"},
	40013: {"The appid is not valid: check for typos and spaces; a mini-program AppID starts with wx and has 18 characters (开发管理 → 开发设置 at mp.weixin.qq.com).",
		"appid 无效：请检查拼写与空格；小程序 AppID 以 wx 开头、共 18 个字符（mp.weixin.qq.com 的 开发管理 → 开发设置）。"},
	40029: {"The code is invalid: it was already used, expired (codes live 5 minutes), or belongs to another appid.",
		"code 无效：已被使用、已过期（有效期 5 分钟）或属于其他 appid。"},
	40125: {"The AppSecret is wrong: copy it again from mp.weixin.qq.com (开发管理 → 开发设置); if it was reset, update every server that uses it. Never ship it in the mini-program.",
		"AppSecret 不正确：请重新从 mp.weixin.qq.com（开发管理 → 开发设置）复制；若已重置，请更新所有使用它的服务器。切勿放在小程序前端。"},
	40163: {"This code has already been used: a code is single-use. Do not retry a successful call with the same code, and make sure the mini-program does not send it twice (double taps, request retries).",
		"该 code 已被使用：code 只能使用一次。不要用同一个 code 重试已成功的调用，并确认小程序没有重复发送（重复点击、请求重试）。"},
	40164: {"This server's outgoing IP is not in the API IP whitelist: add it at mp.weixin.qq.com (开发管理 → 开发设置 → IP 白名单), or call from a whitelisted server.",
		"调用方 IP 不在接口 IP 白名单中：请在 mp.weixin.qq.com（开发管理 → 开发设置 → IP 白名单）添加，或从白名单中的服务器调用。"},
	40226: {"WeChat blocked the login of a high-risk user (小程序登录拦截). Nothing is wrong with the server: tell the user that login is not possible now.",
		"微信拦截了高风险等级用户的登录。服务端无需修改：请提示用户暂时无法登录。"},
	// API security mode (服务端API安全鉴权), from the error table of
	// https://developers.weixin.qq.com/miniprogram/dev/server/getting_started/api_signature.html;
	// wxinspect secure explain names the exact cause from a captured request.
	40230: {"Security mode: the Wechatmp-Serial header is missing or empty. Send the serial (编号) shown at API安全 when your account expects it, with the same value the console shows.",
		"安全模式：缺少 Wechatmp-Serial 请求头或其值为空。若账号要求，请按 API安全 页面显示的编号原样发送。"},
	40231: {"Security mode: the Wechatmp-TimeStamp header is missing. Send the Unix time in seconds, the same number as in the signed string, the AAD and _timestamp.",
		"安全模式：缺少 Wechatmp-TimeStamp 请求头。请发送秒级 Unix 时间，与签名串、AAD 和 _timestamp 中的数相同。"},
	40232: {"Security mode: the Wechatmp-Signature header is missing. Sign urlpath\\nappid\\ntimestamp\\nbody with RSASSA-PSS (SHA-256, salt 32) and send it base64-encoded.",
		"安全模式：缺少 Wechatmp-Signature 请求头。请用 RSASSA-PSS（SHA-256，salt 32）对 urlpath\\nappid\\ntimestamp\\nbody 签名，并以 base64 发送。"},
	40233: {"Security mode: the Wechatmp-Appid header is missing. Send the mini-program's appid, the same as _appid in the plaintext.",
		"安全模式：缺少 Wechatmp-Appid 请求头。请发送小程序的 appid，与明文中的 _appid 相同。"},
	40234: {"Security mode: the signature is wrong. The usual causes: a fifth line (the key serial) in the signed string, a urlpath with the query string or without https://, a timestamp other than the header's, a body serialised again after signing, PKCS#1 v1.5 or a salt length other than 32, or a private key that does not match the public key configured. Run wxinspect secure explain on the captured request to see which.",
		"安全模式：签名错误。常见原因：待签名串多了第五行（密钥编号）、urlpath 带了查询参数或缺少 https://、时间戳与请求头不同、签名后请求体被重新序列化、使用了 PKCS#1 v1.5 或 salt 长度不是 32、私钥与后台配置的公钥不成对。可对抓到的请求运行 wxinspect secure explain 查看具体原因。"},
	40235: {"Security mode: the encrypted body is wrong: not {iv, data, authtag}, another symmetric key, or an AAD other than urlpath|appid|timestamp|sn with sn the symmetric key's serial. Run wxinspect secure explain on the captured request to see which.",
		"安全模式：加密数据错误：不是 {iv, data, authtag}、对称密钥不对，或 AAD 不是 urlpath|appid|timestamp|sn（sn 为对称密钥编号）。可对抓到的请求运行 wxinspect secure explain 查看具体原因。"},
	40236: {"Security mode: Wechatmp-Appid is not valid: it must be this mini-program's appid, the same as _appid in the plaintext.",
		"安全模式：Wechatmp-Appid 无效：必须是本小程序的 appid，且与明文中的 _appid 相同。"},
	40237: {"Security mode: Wechatmp-Appid and the access_token belong to different mini-programs: fetch the token with the same appid whose keys sign the call.",
		"安全模式：Wechatmp-Appid 与 access_token 不属于同一个小程序：请用签名密钥所属的 appid 获取 token。"},
	40238: {"Security mode: no symmetric key is configured for this mini-program: set one at API安全 → API对称密钥, or call without encryption.",
		"安全模式：该小程序未设置对称密钥：请在 API安全 → API对称密钥 设置，或不加密调用。"},
	40239: {"Security mode: no public key is configured for this mini-program: upload your public key at API安全 → API非对称密钥.",
		"安全模式：该小程序未设置公钥：请在 API安全 → API非对称密钥 上传公钥。"},
	40240: {"Security mode: the timestamp is too old (or ahead): sign just before sending, never replay a signed request, and keep the server clock in sync (NTP).",
		"安全模式：时间戳已过期（或超前）：请在发送前即时签名，不要重放已签名的请求，并保持服务器时钟同步（NTP）。"},
	41001: {"The access_token is missing: it belongs in the URL query (?access_token=…), not in the JSON body or a header.",
		"缺少 access_token：它应放在 URL 查询参数中（?access_token=…），而不是 JSON 请求体或请求头里。"},
	41002: {"The appid is missing: jscode2session and cgi-bin/token take it in the URL query, stable_token in the JSON body.",
		"缺少 appid：jscode2session 和 cgi-bin/token 放在 URL 查询参数中，stable_token 放在 JSON 请求体中。"},
	41004: {"The secret is missing: jscode2session and cgi-bin/token take it in the URL query, stable_token in the JSON body. Keep it on the server only.",
		"缺少 secret：jscode2session 和 cgi-bin/token 放在 URL 查询参数中，stable_token 放在 JSON 请求体中。它只能保存在服务端。"},
	41008: {"The code is missing: send the js_code of wx.login (jscode2session) or the code of the getPhoneNumber button (getuserphonenumber).",
		"缺少 code：jscode2session 需要 wx.login 的 js_code，getuserphonenumber 需要手机号按钮的 code。"},
	42001: {"The access_token has expired (a token lives 7200 s): cache it with its expiry, refresh it ahead of time, and on this error refresh once and retry once.",
		"access_token 已过期（有效期 7200 秒）：请按过期时间缓存并提前刷新；遇到此错误时刷新一次并重试一次。"},
	43002: {"This API requires POST: getuserphonenumber and stable_token take a JSON body.",
		"该接口需要 POST：getuserphonenumber 和 stable_token 需要 JSON 请求体。"},
	44002: {"The POST body is empty: send a JSON object, e.g. {\"code\": \"…\"}.",
		"POST 请求体为空：请发送 JSON 对象，例如 {\"code\": \"…\"}。"},
	45009: {"The daily quota of this API is used up: look for a loop calling it (typically cgi-bin/token on every request: cache the token). The quota resets at midnight (Beijing time) and can be reset a few times in the admin console.",
		"该接口当日调用次数已用完：请检查是否在循环中调用（典型情况是每个请求都调 cgi-bin/token，应缓存 token）。额度在北京时间零点重置，也可在管理后台重置（次数有限）。"},
	45011: {"Calls are too frequent (per-minute limit): slow down, cache what can be cached (tokens, sessions), and retry after a minute.",
		"调用太频繁（超过每分钟上限）：请降低频率，缓存可缓存的结果（token、会话），一分钟后再试。"},
	47001: {"WeChat could not read the request body: send a JSON object with Content-Type: application/json (not a form, not query parameters) whose values are strings, e.g. {\"code\": \"…\"}.",
		"微信无法解析请求体：请发送 Content-Type: application/json 的 JSON 对象（不要用表单或查询参数），且值为字符串，例如 {\"code\": \"…\"}。"},
	48001: {"This mini-program is not allowed to use this API: check that the AppID is a mini-program's (not an official account's), that the account is verified (认证) where the API requires it (getPhoneNumber does), and the API permissions in the admin console.",
		"该小程序没有此接口权限：请确认 AppID 是小程序的（不是公众号的），账号已按接口要求完成认证（手机号接口需要），并检查管理后台中的接口权限。"},
	87009: {"The login-state signature does not match: it is hex(hmac_sha256(key = session_key, message = \"\")). The session_key is stale (a later wx.login rotated it) or belongs to another user: call wx.login again and use the new session_key.",
		"登录态签名不匹配：签名为 hex(hmac_sha256(key = session_key, message = \"\"))。session_key 已失效（之后的 wx.login 刷新了它）或属于其他用户：请重新 wx.login 并使用新的 session_key。"},
}

// apiHintFor holds the hints of codes that mean something more precise on
// one API.
var apiHintFor = map[string]map[int]apiHintEntry{
	APICode2Session: {
		40029: {"The js_code is invalid: it must come from wx.login in the mini-program of this appid, it is single-use and lives 5 minutes. Not the getPhoneNumber button's code, not a code from another appid or the developer tools' test account, and not sent twice.",
			"js_code 无效：它必须来自本 appid 小程序中的 wx.login，只能使用一次，有效期 5 分钟。不要用手机号按钮的 code、其他 appid 或开发者工具测试号的 code，也不要重复发送。"},
	},
	APIPhoneNumber: {
		40029: {"The phone code is invalid: it is the getPhoneNumber button's e.detail.code (not wx.login's code), single-use, and lives 5 minutes; with an openid, the code must belong to that user. Used codes also give this errcode: do not retry a call that succeeded.",
			"手机号 code 无效：它是手机号按钮回调 e.detail.code（不是 wx.login 的 code），只能使用一次，有效期 5 分钟；若传了 openid，code 必须属于该用户。已使用的 code 也会返回此错误：不要重试已成功的调用。"},
	},
	APIToken: {
		40001: {"cgi-bin/token refused the credentials: the AppSecret is wrong or was reset. Copy it again from mp.weixin.qq.com (开发管理 → 开发设置).",
			"cgi-bin/token 拒绝了凭证：AppSecret 错误或已被重置。请重新从 mp.weixin.qq.com（开发管理 → 开发设置）复制。"},
	},
	APIStableToken: {
		40001: {"stable_token refused the credentials: the AppSecret is wrong or was reset. Copy it again from mp.weixin.qq.com (开发管理 → 开发设置).",
			"stable_token 拒绝了凭证：AppSecret 错误或已被重置。请重新从 mp.weixin.qq.com（开发管理 → 开发设置）复制。"},
	},
	APICheckSession: {
		87009: {"The session_key is no longer this user's current one (or belongs to another user): a later wx.login rotated it. Treat the session as expired: call wx.login again and store the new session_key.",
			"该 session_key 已不是此用户当前的 session_key（或属于其他用户）：之后的 wx.login 刷新了它。请视为会话已过期：重新 wx.login 并保存新的 session_key。"},
	},
}

// apiErrorCodes returns the errcodes that have a specific hint, in
// increasing order.
func apiErrorCodes() []int {
	return []int{-1, 40001, 40002, 40003, 40013, 40029, 40125, 40163, 40164, 40226,
		40230, 40231, 40232, 40233, 40234, 40235, 40236, 40237, 40238, 40239, 40240,
		41001, 41002, 41004, 41008, 42001, 43002, 44002, 45009, 45011, 47001, 48001,
		61003, 61007, 76001, 76002, 76003, 76022, 87008, 87009, 1400001}
}

// apiHint says what to do about errcode code on api; an errcode without a
// hint of its own gets api_error's, which sends the user to the documentation
// and to WeChat's diagnosis tool.
func apiHint(api string, code int, lang core.Lang) string {
	e, ok := userDataHintFor[api][code]
	if !ok {
		e, ok = apiHintFor[api][code]
	}
	if !ok {
		e, ok = apiHints[code]
	}
	if !ok {
		e, ok = userDataHints[code]
	}
	if !ok {
		_, hint := core.CodeAPIError.Describe(lang, "errcode", strconv.Itoa(code))
		return hint
	}
	if lang == core.Chinese {
		return e.zh
	}
	return e.en
}

// MaxResponseLen is the longest response body read: WeChat's answers to these
// APIs are under a kilobyte.
const MaxResponseLen = 1 << 20

// ResponseError reports a response body that is not a WeChat answer. It
// never quotes the body, which may hold a token or a session_key; for an HTML
// page it gives the page's title. core.Explain gives its code (Fault),
// message and hint.
type ResponseError struct {
	API    string
	Fault  core.Code // one of core's response codes, e.g. core.CodeHTMLResponse
	Status int       // the HTTP status, when the caller knows it (core/wxclient sets it), else 0
	Field  string    // the missing member, for core.CodeIncompleteResponse
	Title  string    // the <title> of an HTML page, shortened
	Len    int       // the body's length in bytes
}

func (e *ResponseError) Error() string { return e.Explain(core.English).Message }

// Explain is core.Explain of e.
func (e *ResponseError) Explain(lang core.Lang) *core.Problem {
	title := ""
	if e.Title != "" {
		title = " (title " + strconv.Quote(e.Title) + ")"
		if lang == core.Chinese {
			title = "（标题 " + strconv.Quote(e.Title) + "）"
		}
	}
	msg, hint := e.Fault.Describe(lang, "api", e.API, "n", strconv.Itoa(e.Len), "field", e.Field,
		"title", title, "max", strconv.Itoa(MaxResponseLen))
	msg = trimAPI(msg)
	if e.Status != 0 {
		msg += " [HTTP " + strconv.Itoa(e.Status) + "]"
	}
	return &core.Problem{Code: e.Fault, Message: msg, Hint: hint}
}

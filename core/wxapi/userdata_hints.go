package wxapi

// userDataHints are the hints of the errcodes of rid/get, the user-data
// APIs, third-party platforms and the paid phone-number era. Sources: each
// API's error table, getRidInfo's notes, and the phone-number component's
// charging notice (paid since 2023-08-28).
var userDataHints = map[int]apiHintEntry{
	61003: {"The mini-program has not authorized this third-party platform (component_appid): have its administrator authorize the platform, or call with the mini-program's own appid and secret.",
		"该小程序尚未授权给此第三方平台（component_appid）：请小程序管理员完成授权，或使用小程序自己的 appid 和 secret 调用。"},
	61007: {"The third-party platform lacks the permission set of this API (set 18 for the user-data APIs): ask the mini-program's administrator to grant it in the authorization page, then fetch a new authorizer_access_token.",
		"第三方平台没有此接口所属的权限集（用户信息类接口为权限集 18）：请小程序管理员在授权页授予，然后重新获取 authorizer_access_token。"},
	76001: {"WeChat has no such rid: rids are kept 7 days, and only for the account that made the call. Check that the rid was copied whole and is recent.",
		"微信查不到该 rid：rid 只保留 7 天，且仅限发起调用的账号查询。请确认 rid 完整且在 7 天内。"},
	76002: {"The rid is empty or malformed: it is three groups of 8 hex digits, e.g. 61725984-6126f6f9-040f19c4, as it follows \"rid:\" in an errmsg.",
		"rid 为空或格式错误：它由三组 8 位十六进制数组成，例如 61725984-6126f6f9-040f19c4，即 errmsg 中 \"rid:\" 之后的部分。"},
	76003: {"This rid belongs to another account: look it up with the access_token of the account that made the call (a third-party platform uses that mini-program's authorizer_access_token).",
		"该 rid 属于其他账号：请用发起该调用的账号的 access_token 查询（第三方平台用该小程序的 authorizer_access_token）。"},
	76022: {"rids of sns/ APIs (jscode2session, the component jscode2session) cannot be looked up: check the js_code, appid and secret of that call directly.",
		"sns/ 类接口（jscode2session 及第三方平台的 jscode2session）的 rid 无法查询：请直接检查该调用的 js_code、appid 和 secret。"},
	87008: {"sig_method must be hmac_sha256.",
		"sig_method 必须是 hmac_sha256。"},
	1400001: {"The phone-number quota of this mini-program is used up (the getPhoneNumber components are paid since 2023-08-28; 1,000 free verifications): the button gives e.detail.errno 1400001 and no code. Buy a resource pack at mp.weixin.qq.com (付费管理) and offer another way to sign in meanwhile.",
		"该小程序的手机号验证额度已用完（手机号快速验证组件自 2023-08-28 起收费，赠送 1000 次）：按钮回调 e.detail.errno 为 1400001，不返回 code。请在 mp.weixin.qq.com（付费管理）购买资源包，并在此期间提供其他登录方式。"},
}

// userDataHintFor holds the hints that are more precise on one API.
var userDataHintFor = map[string]map[int]apiHintEntry{
	APICheckEncrypted: {
		1: {"WeChat does not know this data (\"data not exit\"): it is older than 3 days, of another appid, or not made by WeChat — or the hash was not taken of the encryptedData text exactly as the client sent it (hex SHA-256 of the base64 text, before any URL decoding or repair).",
			"微信不认识该数据（\"data not exit\"）：数据超过 3 天、属于其他 appid 或并非微信生成；也可能哈希没有按客户端发送的 encryptedData 原文计算（应对 base64 文本本身做 SHA-256 并转为十六进制，不要先做 URL 解码或修复）。"},
	},
	APIPhoneNumber: {
		48001: {"This mini-program may not use getuserphonenumber: personal-subject (个人主体) mini-programs cannot get phone numbers (the button says \"getPhoneNumber:fail no permission\"), and the account must be verified (认证). Check the subject and the verification at mp.weixin.qq.com.",
			"该小程序无权调用 getuserphonenumber：个人主体小程序无法获取手机号（按钮回调 \"getPhoneNumber:fail no permission\"），且账号需完成认证。请在 mp.weixin.qq.com 检查主体类型与认证状态。"},
		45011: {"getuserphonenumber is called too often for this mini-program (per-minute limit): queue the calls and retry after a minute. A phone code lives 5 minutes, so a retry within that time still works.",
			"getuserphonenumber 调用过于频繁（超过每分钟上限）：请排队调用并在一分钟后重试。手机号 code 有效期 5 分钟，在此期间重试仍然有效。"},
	},
	APIStableToken: {
		45009: {"stable_token's force_refresh is limited to 20 a day (and 30 s apart): use force_refresh only when a token leaked, and share one token between servers. The quota resets at midnight, Beijing time.",
			"stable_token 的强制刷新（force_refresh）每天限 20 次（且需间隔 30 秒）：仅在 token 泄露时使用，并在服务器之间共享同一个 token。额度在北京时间零点重置。"},
	},
	APIUserEncryptKey: {
		87009: {"The login-state signature does not match: it is hex(hmac_sha256(key = the session_key text as jscode2session returned it, message = \"\")), not keyed with the base64-decoded bytes. The session_key may also be stale (a later wx.login) or another user's.",
			"登录态签名不匹配：签名为 hex(hmac_sha256(key = jscode2session 返回的 session_key 原文, message = \"\"))，不要用 base64 解码后的字节作密钥。session_key 也可能已失效（之后又调用了 wx.login）或属于其他用户。"},
	},
	APIResetSessionKey: {
		87009: {"The login-state signature does not match: it is hex(hmac_sha256(key = the current session_key text, message = \"\")). resetusersessionkey needs the user's current session_key; after a later wx.login, use that one.",
			"登录态签名不匹配：签名为 hex(hmac_sha256(key = 当前 session_key 原文, message = \"\"))。resetusersessionkey 需要用户当前的 session_key；若之后又调用了 wx.login，请用新的。"},
	},
	APIRID: {
		40001: {"The access_token of rid/get must be the one of the account that made the failed call, and valid: fetch it again with stable_token.",
			"rid/get 的 access_token 必须属于发起失败调用的账号且有效：请用 stable_token 重新获取。"},
	},
}

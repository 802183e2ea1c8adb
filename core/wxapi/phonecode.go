package wxapi

import (
	"errors"
	"strings"

	"github.com/wxinspect/wxinspect/core"
)

// causeHint is the hint of e.Cause, with the appid in it.
func (e *APIError) causeHint(lang core.Lang) string {
	appID := e.appID
	if appID == "" {
		appID = "the access_token's account"
		if lang == core.Chinese {
			appID = "该 access_token 所属账号"
		}
	}
	t := phoneCodeCauses[e.Cause]
	hint := t.en
	if lang == core.Chinese {
		hint = t.zh
	}
	return strings.ReplaceAll(hint, "{appid}", appID)
}

// phoneCodeCauses are the hints of the causes: each names the cause, then
// what to do.
var phoneCodeCauses = map[core.Code]apiHintEntry{
	core.CodePhoneCodeLoginShape: {"Likely cause: a wx.login code sent as the phone code (it has wx.login's 32 characters; a phone code is 64 hex digits). Send the getPhoneNumber button's e.detail.code; wx.login's code is for jscode2session.",
		"可能原因：把 wx.login 的 code 当作手机号 code 发送（它是 wx.login 的 32 个字符；手机号 code 为 64 位十六进制）。请发送手机号按钮的 e.detail.code；wx.login 的 code 用于 jscode2session。"},
	core.CodePhoneCodeReused: {"Likely cause: a reused code (this client exchanged it before). A phone code is single-use: keep the number from the first answer; look for double taps and request retries.",
		"可能原因：code 被重复使用（本客户端已换取过）。手机号 code 只能用一次：请保存第一次返回的手机号，并检查重复点击和请求重试。"},
	core.CodePhoneCodeNotForApp: {"WeChat does not know this phone code for {appid}. Likely causes: it was already used (single-use: a retry, a double tap, another server), it expired (5 minutes), or it is a code of another appid — the button was in another mini-program (or the developer tools' test account): then fetch the access_token with that mini-program's appid and secret.",
		"微信不认识 {appid} 的这个手机号 code。可能原因：code 已被使用（只能用一次：请求重试、重复点击或其他服务器）、已过期（5 分钟），或属于其他 appid——按钮在另一个小程序（或开发者工具测试号）中：此时请用该小程序的 appid 和 secret 获取 access_token。"},
}

// DiagnosePhoneCode names the likely cause of a getuserphonenumber call with
// code that failed with errcode 40029 ("invalid code", whatever the cause):
// it returns a copy of the *APIError with Cause set, which core.Explain
// gives as the code and hint. used says that this client already exchanged
// the code successfully (a phone code is single-use): phone_code_reused;
// otherwise a code with the shape of wx.login's js_code (PhoneCodeShape):
// phone_code_login_shape; otherwise WeChat does not know the code for
// appID, most often because another mini-program showed the button:
// phone_code_not_for_app. Any other error is returned as is.
func DiagnosePhoneCode(err error, code, appID string, used bool) error {
	e, ok := errors.AsType[*APIError](err)
	if !ok || e.API != APIPhoneNumber || e.Code != 40029 {
		return err
	}
	d := *e
	d.Cause, d.appID = core.CodePhoneCodeNotForApp, appID
	switch {
	case used:
		d.Cause = core.CodePhoneCodeReused
	case PhoneCodeShape(code) == "login":
		d.Cause = core.CodePhoneCodeLoginShape
	}
	return &d
}

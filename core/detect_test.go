//go:build !js

package core_test

import (
	"strings"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

// TestDetectPlatform reads pasted text of each platform's shape without a
// stated platform: the report names the platform it assumed, and why, in a
// finding; a stated platform always wins.
func TestDetectPlatform(t *testing.T) {
	ts := time.Unix(1700000000-60, 0)
	now := time.Unix(1700000000, 0)
	mk := func(spec core.FixtureSpec, keys core.FixtureKeys) *core.Fixture {
		keys.RSAKey = testKey(t, "alipay_platform.key.pem")
		f, err := core.MakeFixture(spec, keys, &labelReader{label: "detect"})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	qq := mk(core.FixtureSpec{Platform: core.PlatformQQ, AppID: "1109876543", Time: ts}, core.FixtureKeys{})
	baidu := mk(core.FixtureSpec{Platform: core.PlatformBaidu, AppKey: "y2dTfnWfkx2OXttMEMWlGHoB1KzMogm7"}, core.FixtureKeys{})
	alipay := mk(core.FixtureSpec{Platform: core.PlatformAlipay}, core.FixtureKeys{})
	for _, c := range []struct {
		name, text string
		stated     core.Platform
		platform   core.Platform
		code       core.Code // the error, if any
		reason     string    // in the platform_detected finding; "" for none
	}{
		{"qq_appid", `appid=1109876543 session_key=` + qq.SessionKey + ` iv=` + qq.IV + ` encryptedData=` + qq.EncryptedData,
			"", core.PlatformQQ, "", "the appid 1109876543 has the shape of QQ's"},
		{"qq_stated_wechat", `appid=1109876543 session_key=` + qq.SessionKey + ` iv=` + qq.IV + ` encryptedData=` + qq.EncryptedData,
			core.PlatformWeChat, core.PlatformWeChat, "", ""},
		{"baidu_app_key", `{"session_key":"` + baidu.SessionKey + `","iv":"` + baidu.IV + `","data":"` + baidu.Data + `","app_key":"y2dTfnWfkx2OXttMEMWlGHoB1KzMogm7"}`,
			"", core.PlatformBaidu, "", "it has Baidu's app_key"},
		{"alipay_response_sign", `{"response":"` + alipay.Response + `","sign":"` + alipay.Sign + `","sign_type":"RSA2","encrypt_type":"AES","charset":"UTF-8"} aes_key=` + alipay.AESKey,
			"", core.PlatformAlipay, "", "it has Alipay's response and sign"},
		{"alipay_stated_qq", `{"response":"` + alipay.Response + `","sign":"` + alipay.Sign + `","sign_type":"RSA2"}`,
			core.PlatformQQ, core.PlatformQQ, core.CodeMissingField, ""},
		{"douyin_answer", `{"err_no":0,"err_tips":"success","data":"` + alipay.Sign + `"}`,
			"", core.PlatformDouyin, core.CodeMissingField, "it is a get_phonenumber_info answer (err_no)"},
		{"douyin_err_no", `{"err_no":40014,"err_tips":"参数错误","log_id":"2024"}`,
			"", core.PlatformDouyin, core.CodeDouyinError, "it is a get_phonenumber_info answer (err_no)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			given := core.Input{Now: now}
			given.Platform = c.stated
			reps := core.InspectText(c.text, given)
			if len(reps) != 1 {
				t.Fatalf("%d reports", len(reps))
			}
			r := reps[0]
			js := string(r.AppendJSON(nil))
			if r.Platform != c.platform {
				t.Errorf("platform %q, want %q: %s", r.Platform, c.platform, js)
			}
			code := core.Code("")
			if r.Error != nil {
				code = r.Error.Code
			}
			if code != c.code {
				t.Errorf("code %q, want %q: %s", code, c.code, js)
			}
			var reason string
			for _, f := range r.Findings {
				if f.Code == core.CodePlatformDetected {
					reason = f.Message
					if f.Severity != core.SeverityInfo || !strings.Contains(f.Hint, "stated platform") {
						t.Errorf("finding %+v", f)
					}
				}
			}
			if c.reason == "" && reason != "" || c.reason != "" && !strings.HasSuffix(reason, ": "+c.reason) {
				t.Errorf("platform_detected %q, want one ending %q", reason, c.reason)
			}
			if c.code == core.CodeDouyinError && !strings.Contains(r.Error.Message, "40014: 参数错误") {
				t.Errorf("douyin_error %q", r.Error.Message)
			}
			for _, secret := range []string{qq.SessionKey, baidu.SessionKey, alipay.AESKey} {
				if strings.Contains(js, secret) {
					t.Errorf("a key in the report: %s", js)
				}
			}
		})
	}
	// Chinese: the reason in Chinese too.
	in := core.ReadText(`appid=1109876543 session_key=` + qq.SessionKey + ` iv=` + qq.IV + ` encryptedData=` + qq.EncryptedData)[0]
	in.Lang = core.Chinese
	in.Now = now
	r := core.Inspect(in)
	if len(r.Findings) == 0 || r.Findings[0].Message != "按QQ数据读取：appid 1109876543 符合QQ的格式" {
		t.Errorf("zh findings %+v", r.Findings)
	}
}

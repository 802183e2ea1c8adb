package wxclient_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxfake"
)

// WeChat answers 40029 alike for a login code, a code of another appid and a
// reused code; the client names the likely cause of each.
func TestPhoneCode40029NamesTheLikelyCause(t *testing.T) {
	other := wxfake.App{AppID: "wx00000000000000b2", Secret: "0123456789abcdef0123456789abcdef"}
	fake, srv := start(t, nil, wxfake.WithApps(testApp, other))
	c := newClient(srv)

	jsCode, _, err := fake.Login(testApp.AppID, "")
	if err != nil {
		t.Fatal(err)
	}
	otherCode, err := fake.PhoneCode(other.AppID, "13800138000", "86", "")
	if err != nil {
		t.Fatal(err)
	}
	used := phoneCode(t, fake, "13800138001")
	if _, err := c.PhoneNumber(t.Context(), used, ""); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, code string
		want       core.Code
		en, zh     string
	}{
		{"login code", jsCode, core.CodePhoneCodeLoginShape, "wx.login code sent as the phone code", "wx.login 的 code 当作手机号 code"},
		{"another appid", otherCode, core.CodePhoneCodeNotForApp, "WeChat does not know this phone code for " + testApp.AppID + ". Likely causes: it was already used", "属于其他 appid"},
		{"reused", used, core.CodePhoneCodeReused, "reused code", "重复使用"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.PhoneNumber(t.Context(), tt.code, "")
			ae, ok := err.(*wxapi.APIError)
			if !ok || ae.Code != 40029 || ae.Cause != tt.want {
				t.Fatalf("err = %#v, want an *APIError 40029 with cause %s", err, tt.want)
			}
			p := core.Explain(err, core.English)
			if p.Code != tt.want || p.WeChatCode != 40029 || p.RID == "" || !strings.Contains(p.Message, "errcode 40029") || !strings.Contains(p.Hint, tt.en) {
				t.Errorf("Explain = %+v, want %s with a hint naming %q", p, tt.want, tt.en)
			}
			if zh := core.Explain(err, core.Chinese); zh.Code != tt.want || !strings.Contains(zh.Hint, tt.zh) {
				t.Errorf("Chinese: %+v", zh)
			}
		})
	}
}

func TestDiagnosePhoneCodeLeavesOtherErrorsAlone(t *testing.T) {
	for _, err := range []error{
		&wxapi.APIError{API: wxapi.APICode2Session, Code: 40029},
		&wxapi.APIError{API: wxapi.APIPhoneNumber, Code: 40001},
		errors.New("other"),
		nil,
	} {
		if got := wxapi.DiagnosePhoneCode(err, strings.Repeat("a", 32), "wx1", false); got != err {
			t.Errorf("DiagnosePhoneCode(%v) = %v, want it unchanged", err, got)
		}
	}
	// Without an appid (a bare access_token), the hint names the token's account.
	err := wxapi.DiagnosePhoneCode(&wxapi.APIError{API: wxapi.APIPhoneNumber, Code: 40029, Msg: "invalid code"}, strings.Repeat("0", 64), "", false)
	if p := core.Explain(err, core.English); p.Code != core.CodePhoneCodeNotForApp || !strings.Contains(p.Hint, "does not know this phone code for the access_token's account") {
		t.Errorf("no appid: %+v", p)
	}
}

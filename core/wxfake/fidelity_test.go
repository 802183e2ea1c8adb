package wxfake_test

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core/wxfake"
)

// ridShape is the shape of the rids in answers captured from
// api.weixin.qq.com: the request's Unix time in hex, then two 8-hex groups.
var ridShape = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$`)

// TestErrmsgAndContentTypeAsWeChat checks the answers against answers
// captured from WeChat: "invalid code, rid: …" on sns/ APIs, "invalid appid
// rid: …" elsewhere, the rid's first group the time, and the content type.
func TestErrmsgAndContentTypeAsWeChat(t *testing.T) {
	e := newEnv(t)
	now := fmt.Sprintf("%08x", e.clock.Now().Unix())
	tests := []struct {
		method, path, body string
		code               int
		msg                string
	}{
		{"GET", "/sns/jscode2session?grant_type=authorization_code&appid=" + app.AppID + "&secret=" + app.Secret + "&js_code=nope", "", 40029, "invalid code, rid: "},
		{"GET", "/cgi-bin/token?grant_type=client_credential&appid=wx0000000000000000&secret=x", "", 40013, "invalid appid rid: "},
		{"GET", "/cgi-bin/token?appid=wx0000000000000000&secret=x", "", 40013, "invalid appid rid: "},
		{"GET", "/cgi-bin/token?grant_type=client_credential&appid=" + app.AppID + "&secret=wrong", "", 40125, "invalid appsecret rid: "},
		{"POST", "/wxa/business/getuserphonenumber", `{"code":"x"}`, 41001, "access_token missing rid: "},
		{"POST", "/wxa/business/getuserphonenumber?access_token=nope", `{"code":"x"}`, 40001,
			"invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r rid: "},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, e.srv.URL+tt.path, strings.NewReader(tt.body))
		resp, err := e.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); ct != "application/json; encoding=utf-8" || resp.StatusCode != 200 {
			t.Errorf("%s: HTTP %d, Content-Type %q", tt.path, resp.StatusCode, ct)
		}
		want := regexp.MustCompile(`^\{"errcode":` + fmt.Sprint(tt.code) + `,"errmsg":"` + regexp.QuoteMeta(tt.msg) + `(` + now + `-[0-9a-f]{8}-[0-9a-f]{8})"\}$`)
		m := want.FindSubmatch(b)
		if m == nil || !ridShape.Match(m[1]) {
			t.Errorf("%s: %s, want errcode %d and errmsg %q + a rid of time %s", tt.path, b, tt.code, tt.msg, now)
		}
	}
}

func TestStableTokenForceRefreshLimits(t *testing.T) {
	e := newEnv(t)
	if err := e.fake.SetLimits(app.AppID, wxfake.Limits{ForceRefresh: true}); err != nil {
		t.Fatal(err)
	}
	prev := e.stableToken(true)
	if again := e.stableToken(true); again != prev {
		t.Errorf("a force_refresh 0 s after the previous one refreshed")
	}
	for i := 2; i <= 20; i++ {
		e.clock.Add(30 * time.Second)
		tok := e.stableToken(true)
		if tok == prev {
			t.Fatalf("force_refresh %d, 30 s after the previous one, did not refresh", i)
		}
		prev = tok
	}
	e.clock.Add(time.Minute)
	_, out := e.do("POST", "/cgi-bin/stable_token", "application/json",
		`{"grant_type":"client_credential","appid":"`+app.AppID+`","secret":"`+app.Secret+`","force_refresh":true}`)
	if e.errcode(out) != 45009 || !strings.HasPrefix(out["errmsg"].(string), "reach max api daily quota limit rid: ") {
		t.Errorf("21st force_refresh of the day: %v, want 45009", out)
	}
	if tok := e.stableToken(false); tok != prev {
		t.Errorf("normal mode after the force_refresh quota: a new token")
	}
	// The quota resets at midnight in Beijing (16:00 UTC).
	now := e.clock.Now()
	e.clock.Add(time.Date(now.Year(), now.Month(), now.Day(), 16, 0, 0, 0, time.UTC).Sub(now))
	if tok := e.stableToken(true); tok == prev {
		t.Errorf("force_refresh after midnight in Beijing did not refresh")
	}
}

func TestDailyAndMinuteQuotas(t *testing.T) {
	e := newEnv(t)
	err := e.fake.SetLimits(app.AppID, wxfake.Limits{
		Daily:     map[string]int{"cgi-bin/stable_token": 2},
		PerMinute: map[string]int{"wxa/business/getuserphonenumber": 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	tok := e.stableToken(false)
	e.stableToken(false)
	_, out := e.do("POST", "/cgi-bin/stable_token", "application/json",
		`{"grant_type":"client_credential","appid":"`+app.AppID+`","secret":"`+app.Secret+`"}`)
	if e.errcode(out) != 45009 {
		t.Errorf("3rd stable_token of the day with a quota of 2: %v", out)
	}
	c1, _ := e.fake.PhoneCode(app.AppID, "13800138000", "", "")
	c2, _ := e.fake.PhoneCode(app.AppID, "13800138000", "", "")
	if out := e.phone(tok, "application/json", `{"code":"`+c1+`"}`); e.errcode(out) != 0 {
		t.Errorf("1st phone call: %v", out)
	}
	out = e.phone(tok, "application/json", `{"code":"`+c2+`"}`)
	if e.errcode(out) != 45011 || !strings.HasPrefix(out["errmsg"].(string), "api minute-quota reach limit, must slower, retry next minute rid: ") {
		t.Errorf("2nd phone call in a minute: %v, want 45011", out)
	}
	e.clock.Add(time.Minute)
	if out := e.phone(tok, "application/json", `{"code":"`+c2+`"}`); e.errcode(out) != 0 {
		t.Errorf("next minute: %v", out)
	}
}

func TestPhoneQuotaAndPersonalSubject(t *testing.T) {
	e := newEnv(t)
	tok := e.stableToken(false)
	status, out := e.do("POST", "/_fake/limits", "application/json", `{"appid":"`+app.AppID+`","phone_quota":1}`)
	if status != 200 || out["phone_quota"] != float64(1) {
		t.Fatalf("limits: %d %v", status, out)
	}
	_, pc := e.do("POST", "/_fake/phone-code", "application/json", `{"appid":"`+app.AppID+`","phone_number":"13800138000"}`)
	if out := e.phone(tok, "application/json", `{"code":"`+pc["code"].(string)+`"}`); e.errcode(out) != 0 {
		t.Fatalf("last paid call: %v", out)
	}
	if l := e.fake.Limits(app.AppID); l.PhoneQuota == nil || *l.PhoneQuota != 0 {
		t.Errorf("quota left: %+v", l)
	}
	status, out = e.do("POST", "/_fake/phone-code", "application/json", `{"appid":"`+app.AppID+`","phone_number":"13800138000"}`)
	if status != 403 || out["errno"] != float64(1400001) || out["code"] != nil {
		t.Errorf("button with no quota left: %d %v", status, out)
	}

	status, _ = e.do("POST", "/_fake/limits", "application/json", `{"appid":"`+app.AppID+`","personal":true}`)
	if status != 200 {
		t.Fatal(status)
	}
	status, out = e.do("POST", "/_fake/phone-code", "application/json", `{"appid":"`+app.AppID+`","phone_number":"13800138000"}`)
	if status != 403 || out["errMsg"] != "getPhoneNumber:fail no permission" {
		t.Errorf("button of a personal subject: %d %v", status, out)
	}
	if out := e.phone(tok, "application/json", `{"code":"x"}`); e.errcode(out) != 48001 {
		t.Errorf("getuserphonenumber of a personal subject: %v", out)
	}
	for _, body := range []string{`{"appid":"wxunknown"}`, `{"phone_quota":1}`, `{"appid":"` + app.AppID + `","phone_quota":-1}`, `{"appid":"` + app.AppID + `","bogus":1}`} {
		if status, out := e.do("POST", "/_fake/limits", "application/json", body); status < 400 || out["error"] == "" {
			t.Errorf("limits %s: %d %v", body, status, out)
		}
	}
}

package wxfake_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxfake"
)

var app = wxfake.App{AppID: "wx1234567890abcdef", Secret: "0123456789abcdef0123456789abcdef"}

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

type env struct {
	t     *testing.T
	fake  *wxfake.Server
	srv   *httptest.Server
	clock *clock
}

func newEnv(t *testing.T, opts ...wxfake.Option) *env {
	c := &clock{now: time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)}
	fake := wxfake.New(append([]wxfake.Option{wxfake.WithApps(app), wxfake.WithClock(c.Now)}, opts...)...)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return &env{t, fake, srv, c}
}

// do sends a request and returns the HTTP status and the decoded JSON object.
func (e *env) do(method, path, contentType, body string) (int, map[string]any) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		e.t.Fatalf("%s %s: answer %q is not a JSON object", method, path, b)
	}
	return resp.StatusCode, out
}

// ridAtEnd is how WeChat ends an errmsg: " rid: " and the request id.
var ridAtEnd = regexp.MustCompile(` rid: [0-9a-f]+(-[0-9a-f]+)*$`)

// errcode returns the errcode of an answer and checks that its errmsg ends
// with a rid.
func (e *env) errcode(out map[string]any) int {
	e.t.Helper()
	code, _ := out["errcode"].(float64)
	if code != 0 {
		msg, _ := out["errmsg"].(string)
		if !ridAtEnd.MatchString(msg) {
			e.t.Errorf("errmsg %q has no rid", msg)
		}
	}
	return int(code)
}

func (e *env) stableToken(force bool) string {
	e.t.Helper()
	f := "false"
	if force {
		f = "true"
	}
	_, out := e.do("POST", "/cgi-bin/stable_token", "application/json",
		`{"grant_type":"client_credential","appid":"`+app.AppID+`","secret":"`+app.Secret+`","force_refresh":`+f+`}`)
	tok, _ := out["access_token"].(string)
	if tok == "" {
		e.t.Fatalf("no token: %v", out)
	}
	return tok
}

func (e *env) phone(token, contentType, body string) map[string]any {
	e.t.Helper()
	_, out := e.do("POST", "/wxa/business/getuserphonenumber?access_token="+url.QueryEscape(token), contentType, body)
	return out
}

func TestControlEndpointsContract(t *testing.T) {
	e := newEnv(t)
	status, login := e.do("POST", "/_fake/login", "application/json", `{"appid":"`+app.AppID+`"}`)
	if status != 200 || login["js_code"] == "" || !strings.HasPrefix(login["openid"].(string), "o") || len(login) != 2 {
		t.Fatalf("login: %d %v", status, login)
	}
	_, given := e.do("POST", "/_fake/login", "application/json", `{"appid":"`+app.AppID+`","openid":"oGiven"}`)
	if given["openid"] != "oGiven" {
		t.Errorf("login with openid: %v", given)
	}
	status, pc := e.do("POST", "/_fake/phone-code", "application/json", `{"appid":"`+app.AppID+`","phone_number":"13800138000","country_code":"86"}`)
	if status != 200 || pc["code"] == "" || len(pc) != 1 {
		t.Fatalf("phone-code: %d %v", status, pc)
	}
	status, ep := e.do("POST", "/_fake/encrypted-phone", "application/json", `{"appid":"`+app.AppID+`","openid":"oGiven","phone_number":"13800138000"}`)
	if status != 200 || ep["encrypted_data"] == "" || ep["iv"] == "" || len(ep) != 2 {
		t.Fatalf("encrypted-phone: %d %v", status, ep)
	}
	for _, tt := range []struct {
		path, body string
		status     int
	}{
		{"/_fake/login", `{"appid":"wxunknown"}`, 404},
		{"/_fake/login", `{}`, 400},
		{"/_fake/login", `not json`, 400},
		{"/_fake/phone-code", `{"appid":"` + app.AppID + `"}`, 400},
		{"/_fake/encrypted-phone", `{"appid":"` + app.AppID + `","openid":"oNever","phone_number":"1"}`, 404},
	} {
		status, out := e.do("POST", tt.path, "application/json", tt.body)
		if status != tt.status || out["error"] == "" {
			t.Errorf("%s %s: %d %v, want %d with an error", tt.path, tt.body, status, out, tt.status)
		}
	}
	if e.fake.Requests("_fake/login") != 5 {
		t.Errorf("Requests(_fake/login) = %d", e.fake.Requests("_fake/login"))
	}
}

func TestPhoneNumberRules(t *testing.T) {
	e := newEnv(t)
	tok := e.stableToken(false)
	code, _ := e.fake.PhoneCode(app.AppID, "2025550123", "1", "oOwner")
	tests := []struct {
		name, token, contentType, body string
		want                           int
	}{
		{"no token", "", "application/json", `{"code":"` + code + `"}`, 41001},
		{"token in body", "", "application/json", `{"code":"` + code + `","access_token":"` + tok + `"}`, 41001},
		{"unknown token", "nope", "application/json", `{"code":"` + code + `"}`, 40001},
		{"form body", tok, "application/x-www-form-urlencoded", "code=" + code, 47001},
		{"not an object", tok, "application/json", `"` + code + `"`, 47001},
		{"number code", tok, "application/json", `{"code":123}`, 47001},
		{"empty body", tok, "application/json", ``, 47001},
		{"unknown code", tok, "application/json", `{"code":"nope"}`, 40029},
		{"another user's code", tok, "application/json", `{"code":"` + code + `","openid":"oOther"}`, 40029},
		{"ok", tok, "application/json", `{"code":"` + code + `","openid":"oOwner"}`, 0},
		{"used", tok, "application/json", `{"code":"` + code + `"}`, 40029},
	}
	for _, tt := range tests {
		out := e.phone(tt.token, tt.contentType, tt.body)
		if got := e.errcode(out); got != tt.want {
			t.Errorf("%s: errcode %d, want %d (%v)", tt.name, got, tt.want, out)
		}
		if tt.want == 0 {
			r, err := wxapi.ParsePhoneNumberResponse(mustJSON(t, out))
			if err != nil || r.Phone.PhoneNumber != "+1 2025550123" || r.Phone.PurePhoneNumber != "2025550123" ||
				r.Phone.CountryCode != "1" || r.Watermark.AppID != app.AppID || r.Watermark.Timestamp != e.clock.Now().Unix() {
				t.Errorf("answer %+v, %v", r, err)
			}
		}
	}
	if _, out := e.do("GET", "/wxa/business/getuserphonenumber?access_token="+tok, "", ""); e.errcode(out) != 43002 {
		t.Errorf("GET: %v", out)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCodesExpireAfterFiveMinutes(t *testing.T) {
	e := newEnv(t)
	tok := e.stableToken(false)
	fresh, _ := e.fake.PhoneCode(app.AppID, "13800138000", "", "")
	e.clock.Add(wxfake.CodeLifetime - time.Second)
	late, _ := e.fake.PhoneCode(app.AppID, "13800138000", "", "")
	jsCode, _, _ := e.fake.Login(app.AppID, "")
	e.clock.Add(2 * time.Second)
	if out := e.phone(tok, "application/json", `{"code":"`+fresh+`"}`); e.errcode(out) != 40029 {
		t.Errorf("expired phone code: %v", out)
	}
	if out := e.phone(tok, "application/json", `{"code":"`+late+`"}`); e.errcode(out) != 0 {
		t.Errorf("phone code within 5 minutes: %v", out)
	}
	e.clock.Add(wxfake.CodeLifetime)
	q := "/sns/jscode2session?grant_type=authorization_code&appid=" + app.AppID + "&secret=" + app.Secret + "&js_code=" + jsCode
	if _, out := e.do("GET", q, "", ""); e.errcode(out) != 40029 {
		t.Errorf("expired js_code: %v", out)
	}
}

func TestTokens(t *testing.T) {
	e := newEnv(t)
	a := e.stableToken(false)
	e.clock.Add(time.Hour)
	_, out := e.do("POST", "/cgi-bin/stable_token", "application/json",
		`{"grant_type":"client_credential","appid":"`+app.AppID+`","secret":"`+app.Secret+`"}`)
	if out["access_token"] != a || out["expires_in"] != float64(3600) {
		t.Errorf("stable_token within validity: %v, want the same token with 3600 s left", out)
	}
	b := e.stableToken(true)
	if b == a {
		t.Fatal("force_refresh returned the same token")
	}
	if out := e.phone(a, "application/json", `{"code":"x"}`); e.errcode(out) != 40001 {
		t.Errorf("token replaced by force_refresh: %v", out)
	}
	e.clock.Add(7200 * time.Second)
	if out := e.phone(b, "application/json", `{"code":"x"}`); e.errcode(out) != 42001 {
		t.Errorf("expired token: %v", out)
	}

	// cgi-bin/token: each call issues a new token; the old one lasts 5 more minutes.
	q := "/cgi-bin/token?grant_type=client_credential&appid=" + app.AppID + "&secret=" + app.Secret
	_, t1 := e.do("GET", q, "", "")
	_, t2 := e.do("GET", q, "", "")
	if t1["access_token"] == t2["access_token"] || t2["expires_in"] != float64(7200) {
		t.Fatalf("cgi-bin/token: %v then %v", t1, t2)
	}
	if out := e.phone(t1["access_token"].(string), "application/json", `{"code":"x"}`); e.errcode(out) != 40029 {
		t.Errorf("old token within the grace period: %v", out)
	}
	e.clock.Add(5*time.Minute + time.Second)
	if out := e.phone(t1["access_token"].(string), "application/json", `{"code":"x"}`); e.errcode(out) != 42001 {
		t.Errorf("old token after the grace period: %v", out)
	}

	for _, tt := range []struct {
		query string
		want  int
	}{
		{"grant_type=client_credential&secret=" + app.Secret, 41002},
		{"grant_type=client_credential&appid=" + app.AppID, 41004},
		{"grant_type=client_credential&appid=wx0000000000000000&secret=x", 40013},
		{"grant_type=client_credential&appid=" + app.AppID + "&secret=wrong", 40125},
		{"grant_type=password&appid=" + app.AppID + "&secret=" + app.Secret, 40002},
	} {
		if _, out := e.do("GET", "/cgi-bin/token?"+tt.query, "", ""); e.errcode(out) != tt.want {
			t.Errorf("%s: %v, want %d", tt.query, out, tt.want)
		}
	}
	if _, out := e.do("POST", "/cgi-bin/stable_token", "application/json", `grant_type=client_credential`); e.errcode(out) != 47001 {
		t.Errorf("stable_token with a form body: %v", out)
	}
}

func TestRateLimit(t *testing.T) {
	e := newEnv(t, wxfake.WithRateLimit(3))
	q := "/cgi-bin/token?grant_type=client_credential&appid=" + app.AppID + "&secret=" + app.Secret
	for i := range 3 {
		if _, out := e.do("GET", q, "", ""); e.errcode(out) != 0 {
			t.Fatalf("call %d: %v", i+1, out)
		}
	}
	_, out := e.do("GET", q, "", "")
	if e.errcode(out) != 45011 {
		t.Errorf("4th call in a minute: %v, want 45011", out)
	}
	e.clock.Add(time.Minute)
	if _, out := e.do("GET", q, "", ""); e.errcode(out) != 0 {
		t.Errorf("next minute: %v", out)
	}
}

func TestCheckSession(t *testing.T) {
	e := newEnv(t)
	tok := e.stableToken(false)
	jsCode, openID, _ := e.fake.Login(app.AppID, "")
	q := "/sns/jscode2session?grant_type=authorization_code&appid=" + app.AppID + "&secret=" + app.Secret + "&js_code=" + jsCode
	_, sess := e.do("GET", q, "", "")
	key, _ := sess["session_key"].(string)
	if sess["openid"] != openID || key == "" {
		t.Fatalf("jscode2session: %v", sess)
	}
	if _, again := e.do("GET", q, "", ""); e.errcode(again) != 40163 {
		t.Errorf("js_code used twice: %v, want 40163 code been used", again)
	}
	check := func(c *wxapi.Call) int {
		_, out := e.do(c.Method, strings.TrimPrefix(c.URL, e.srv.URL), "", "")
		return e.errcode(out)
	}
	if got := check(wxapi.NewCheckSessionCall(e.srv.URL, tok, openID, key)); got != 0 {
		t.Errorf("current key: %d", got)
	}
	e.fake.Login(app.AppID, openID)
	if got := check(wxapi.NewCheckSessionCall(e.srv.URL, tok, openID, key)); got != 87009 {
		t.Errorf("rotated key: %d, want 87009", got)
	}
	if got := check(wxapi.NewCheckSessionCall(e.srv.URL, tok, "oNobody", key)); got != 40003 {
		t.Errorf("unknown openid: %d, want 40003", got)
	}
}

func TestDefaultAppAndParseApp(t *testing.T) {
	f := wxfake.New()
	a := f.DefaultApp()
	if !strings.HasPrefix(a.AppID, "wx") || len(a.AppID) != 18 || len(a.Secret) != 32 {
		t.Errorf("default app %+v", a)
	}
	got, err := wxfake.ParseApp("wxabc:se:cret")
	if err != nil || got != (wxfake.App{AppID: "wxabc", Secret: "se:cret"}) {
		t.Errorf("ParseApp: %+v, %v", got, err)
	}
	for _, bad := range []string{"", "wxabc", ":x", "wxabc:"} {
		if _, err := wxfake.ParseApp(bad); err == nil {
			t.Errorf("ParseApp(%q) succeeded", bad)
		}
	}
}

package desktop

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxfake"
)

// TestCallTab sends each call through the client to the fake WeChat API
// over loopback HTTP, as a user pointing the tab at `wxinspect fake` would.
func TestCallTab(t *testing.T) {
	app := wxfake.App{AppID: "wx1234567890abcdef", Secret: "0123456789abcdef0123456789abcdef"}
	fake := wxfake.New(wxfake.WithApps(app))
	srv := httptest.NewServer(fake)
	defer srv.Close()

	u := newTestUI(t)
	c := &u.call
	u.tabs.Select(u.tabCall)
	c.base.SetText("")
	test.Type(c.base, srv.URL)
	c.appID.SetText("")
	test.Type(c.appID, app.AppID)
	test.Type(c.secret, app.Secret)

	send := func() {
		t.Helper()
		test.Tap(c.send)
		runQueued(t, u)
	}

	// stable_token: the token lands in the (masked) access_token field.
	c.api.SetSelected("stable_token")
	assertShows(t, u, "curl -sS", srv.URL+"/cgi-bin/stable_token'", `"secret":"'"$WX_SECRET"'"`)
	assertHides(t, u, app.Secret, "openid (optional)")
	test.Tap(c.reveal)
	assertShows(t, u, app.Secret)
	test.Tap(c.reveal)
	send()
	assertShows(t, u, "OK: errcode 0", "access_token received from stable_token")
	if c.token.Text == "" {
		t.Fatal("the access_token field is empty after stable_token")
	}
	if n := fake.Requests(wxapi.APIStableToken); n != 1 {
		t.Errorf("the fake got %d stable_token requests, want 1", n)
	}

	// getuserphonenumber with the button's code.
	c.api.SetSelected("getuserphonenumber")
	code, err := fake.PhoneCode(app.AppID, "13800138000", "86", "")
	if err != nil {
		t.Fatal(err)
	}
	test.Type(c.code, code)
	assertShows(t, u, "/wxa/business/getuserphonenumber?access_token='\"$WX_ACCESS_TOKEN\"", `{"code":"`+code+`"}`)
	assertHides(t, u, c.token.Text)
	send()
	assertShows(t, u, "OK: errcode 0", "Phone number +86 13800138000")

	// The same code again: WeChat's errcode, its hint and the rid.
	send()
	assertShows(t, u, "errcode 40029", "Hint: ", "rid ")
	if !strings.Contains(c.rid.Text, "rid ") || len(c.rid.Text) < 12 {
		t.Errorf("rid line %q", c.rid.Text)
	}

	// jscode2session, then the session_key into Inspect with the legacy
	// encrypted phone number: the whole login flow.
	c.api.SetSelected("jscode2session")
	jsCode, openID, err := fake.Login(app.AppID, "")
	if err != nil {
		t.Fatal(err)
	}
	c.code.SetText("")
	test.Type(c.code, jsCode)
	assertShows(t, u, "/sns/jscode2session?appid="+app.AppID)
	if !strings.Contains(c.curl.Text, "&js_code="+jsCode+"&") {
		t.Errorf("curl %q lacks the js_code", c.curl.Text)
	}
	assertHides(t, u, "errcode 40029") // the answer of the other API is gone
	send()
	assertShows(t, u, "OK: errcode 0", "openid "+openID, "session_key received (not shown)")
	test.Tap(c.use)
	if u.tabs.Selected() != u.tabInspect || u.inspect.sessionKey.Text == "" {
		t.Fatal("Use session_key did not fill the Inspect tab")
	}
	ed, iv, err := fake.EncryptedPhone(app.AppID, openID, "13900139000", "86")
	if err != nil {
		t.Fatal(err)
	}
	test.Type(u.inspect.appID, app.AppID)
	paste(u, u.inspect.iv, iv)
	paste(u, u.inspect.encryptedData, ed)
	ctrlEnter(u.inspect.encryptedData)
	assertShows(t, u, "Decrypted: phone number", "+86 13900139000", "✓ appid matches "+app.AppID)

	if got := u.app.Preferences().String(prefAPIBase); got != srv.URL {
		t.Errorf("API base preference %q, want %q", got, srv.URL)
	}
}

// TestCallUnreachable shows a transport failure without the secret.
func TestCallUnreachable(t *testing.T) {
	srv := httptest.NewServer(nil)
	base := srv.URL
	srv.Close()

	u := newTestUI(t)
	c := &u.call
	u.tabs.Select(u.tabCall)
	c.base.SetText(base)
	c.appID.SetText("wx1234567890abcdef")
	c.secret.SetText("topsecretvalue")
	c.api.SetSelected("stable_token")
	test.Tap(c.send)
	runQueued(t, u)
	assertShows(t, u, "Request failed:")
	assertHides(t, u, "topsecretvalue")
}

// TestCallHTMLAnswer: a proxy's HTML error page instead of WeChat's JSON is
// named, with the hint of its fault.
func TestCallHTMLAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
	}))
	defer srv.Close()

	u := newTestUI(t)
	c := &u.call
	u.tabs.Select(u.tabCall)
	c.base.SetText(srv.URL)
	c.appID.SetText("wx1234567890abcdef")
	c.secret.SetText("topsecretvalue")
	c.api.SetSelected("stable_token")
	test.Tap(c.send)
	runQueued(t, u)
	_, hint := core.CodeHTMLResponse.Describe(core.English)
	assertShows(t, u, "Request failed:", "502 Bad Gateway", hint[:30])
	assertHides(t, u, "topsecretvalue")
}

// TestCallMissingCredentials: a call without its AppSecret, or without the
// phone code, says what to give, not the hint of open data's missing fields.
func TestCallMissingCredentials(t *testing.T) {
	for _, tc := range []struct {
		api, field string
		fill       func(c *callTab)
	}{
		{"stable_token", "secret", func(c *callTab) { c.appID.SetText("wx1234567890abcdef") }},
		{"jscode2session", "secret", func(c *callTab) { c.appID.SetText("wx1234567890abcdef"); c.code.SetText("0a1b2c") }},
		{"getuserphonenumber", "code", func(c *callTab) { c.token.SetText("ACCESS_TOKEN") }},
	} {
		t.Run(tc.api, func(t *testing.T) {
			u := newTestUI(t)
			c := &u.call
			u.tabs.Select(u.tabCall)
			c.base.SetText("http://127.0.0.1:1") // never reached: the call stops before
			c.api.SetSelected(tc.api)
			tc.fill(c)
			test.Tap(c.send)
			runQueued(t, u)
			msg, hint := core.CodeMissingCredential.Describe(core.English, "field", tc.field)
			assertShows(t, u, "Request failed: "+msg, "Hint: "+hint)
			_, dataHint := core.CodeMissingField.Describe(core.English)
			assertHides(t, u, dataHint)
		})
	}
}

package desktop

import (
	"net/http/httptest"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/wxinspect/wxinspect/core/wxfake"
)

// TestCallTabUserDataCalls sends the user-data calls of the Call tab to the
// fake over loopback: each API shows the rows of its parameters (the core's
// list), its answer, and never a secret; a phone code sent twice is named
// as reused.
func TestCallTabUserDataCalls(t *testing.T) {
	u, app, fake := callUI(t)
	c := &u.call
	u.tabs.Select(u.tabCall)
	send := func() {
		t.Helper()
		test.Tap(c.send)
		runQueued(t, u)
	}

	// A login gives the session_key the signed calls need.
	jsCode, openID, err := fake.Login(app.AppID, "")
	if err != nil {
		t.Fatal(err)
	}
	c.api.SetSelected("jscode2session")
	c.code.SetText(jsCode)
	send()
	sessionKey := c.session.SessionKey

	// checkencryptedmsg: data WeChat made, then data it did not.
	ed, _, err := fake.EncryptedPhone(app.AppID, openID, "13900139000", "86")
	if err != nil {
		t.Fatal(err)
	}
	c.api.SetSelected("checkencryptedmsg")
	assertShows(t, u, "encryptedData (as sent)")
	assertHides(t, u, "session_key", "component_appid")
	c.params["encrypted_msg"].SetText(ed)
	assertShows(t, u, "/wxa/business/checkencryptedmsg?access_token=", `"encrypted_msg_hash":"`)
	send()
	assertShows(t, u, "OK: errcode 0", "Made by WeChat at ")
	c.params["encrypted_msg"].SetText("bm90IGZyb20gV2VDaGF0")
	send()
	assertShows(t, u, "errcode 1", "WeChat does not know this data")

	// getuserencryptkey: the versions, never the keys.
	c.api.SetSelected("getuserencryptkey")
	c.openID.SetText(openID)
	c.params["session_key"].SetText(sessionKey)
	assertShows(t, u, "sig_method=hmac_sha256", "&signature=")
	send()
	assertShows(t, u, "OK: errcode 0", "key version 1, expires in")
	assertHides(t, u, sessionKey)

	// resetusersessionkey: a new session_key, usable, not shown.
	c.api.SetSelected("resetusersessionkey")
	send()
	assertShows(t, u, "OK: errcode 0", "session_key received (not shown)")
	if c.session.SessionKey == sessionKey {
		t.Error("the session_key was not reset")
	}
	assertHides(t, u, c.session.SessionKey)

	// A third-party platform's jscode2session, without the AppSecret.
	componentToken, _, err := fake.Component("wx00000000000000f1", app.AppID)
	if err != nil {
		t.Fatal(err)
	}
	jsCode, _, _ = fake.Login(app.AppID, openID)
	c.api.SetSelected("component/jscode2session")
	assertHides(t, u, "AppSecret")
	c.code.SetText(jsCode)
	c.params["component_appid"].SetText("wx00000000000000f1")
	c.params["component_access_token"].SetText(componentToken)
	assertShows(t, u, "component_access_token='\"$WX_COMPONENT_ACCESS_TOKEN\"")
	assertHides(t, u, componentToken)
	send()
	assertShows(t, u, "OK: errcode 0", "openid "+openID)

	// getopendata: cloudIDs for their data.
	cloudID, err := fake.CloudID(app.AppID, openID, "13700137000", "86")
	if err != nil {
		t.Fatal(err)
	}
	c.api.SetSelected("getopendata")
	c.params["cloudid_list"].SetText(cloudID + ", 27_unknown")
	send()
	assertShows(t, u, "1 cloudIDs exchanged:", `"phoneNumber":"13700137000"`)

	// The same phone code twice through the tab: named as reused.
	code, err := fake.PhoneCode(app.AppID, "13800138000", "86", "")
	if err != nil {
		t.Fatal(err)
	}
	c.api.SetSelected("getuserphonenumber")
	c.code.SetText(code)
	c.openID.SetText("")
	send()
	send()
	assertShows(t, u, "errcode 40029", "Likely cause: a reused code")
	if s := screen(u); strings.Contains(s, app.Secret) {
		t.Error("the window shows the AppSecret")
	}
}

// callUI is a window whose Call tab points at a fake WeChat API on loopback,
// with the appid and secret of its app typed in.
func callUI(t *testing.T) (*UI, wxfake.App, *wxfake.Server) {
	t.Helper()
	app := wxfake.App{AppID: "wx1234567890abcdef", Secret: "0123456789abcdef0123456789abcdef"}
	fake := wxfake.New(wxfake.WithApps(app))
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	u := newTestUI(t)
	u.call.base.SetText(srv.URL)
	u.call.appID.SetText(app.AppID)
	u.call.secret.SetText(app.Secret)
	return u, app, fake
}

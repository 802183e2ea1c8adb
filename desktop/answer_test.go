package desktop

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
)

// TestPastedAnswerLooksUpItsRID pastes a failed call's answer (a whole HTTP
// response) into the Inspect tab: the window explains the errcode with its own hint and
// offers the rid, whose look-up runs rid/get in the Call tab against the
// fake over loopback and shows the request WeChat saw.
func TestPastedAnswerLooksUpItsRID(t *testing.T) {
	u, app, _ := callUI(t)
	c := &u.call

	// A call that fails, through the tab, and its answer as a user copies it.
	c.api.SetSelected("getuserphonenumber")
	c.code.SetText(strings.Repeat("ab", 32))
	test.Tap(c.send)
	runQueued(t, u)
	rid := c.ridValue
	if rid == "" {
		t.Fatal("the failed call shows no rid")
	}
	u.tabs.Select(u.tabInspect)
	u.PasteText("HTTP/1.1 200 OK\r\nContent-Type: application/json; encoding=utf-8\r\n\r\n" +
		`{"errcode":40029,"errmsg":"invalid code rid: ` + rid + `"}`)
	if r := u.inspect.report; r == nil || r.Error == nil || r.Error.WeChatCode != 40029 || r.Error.RID != rid {
		t.Fatalf("report %+v", r)
	}
	assertShows(t, u, "api_error", "errcode 40029: invalid code", wxapi.ErrCodeHint(40029, core.English), "rid "+rid, "Look up (rid/get)")
	u.SetLang(core.Chinese)
	assertShows(t, u, "错误码 40029", wxapi.ErrCodeHint(40029, core.Chinese), "查询（rid/get）")
	u.SetLang(core.English)

	u.LookUpRID(rid)
	runQueued(t, u)
	if u.tabs.Selected() != u.tabCall || c.api.Selected != "rid/get" {
		t.Fatal("the look-up did not open rid/get in the Call tab")
	}
	assertShows(t, u, "OK: errcode 0", `body {"code":"`+strings.Repeat("ab", 32)+`"}`, "query access_token=REDACTED")
	assertHides(t, u, app.Secret)

	// A rid WeChat does not know: 76001 and its hint.
	c.ridEntry.SetText("6aac005a-01bfdbee-79769285")
	test.Tap(c.send)
	runQueued(t, u)
	assertShows(t, u, "errcode 76001", "kept 7 days")
}

// TestPastedRIDIsOfferedForLookUp pastes a rid alone into the Inspect tab:
// the window says it is a rid (rid_pasted), in both languages, and its
// look-up runs rid/get in the Call tab against the fake over loopback.
func TestPastedRIDIsOfferedForLookUp(t *testing.T) {
	u, _, _ := callUI(t)
	c := &u.call
	c.api.SetSelected("getuserphonenumber")
	c.code.SetText(strings.Repeat("cd", 32))
	test.Tap(c.send)
	runQueued(t, u)
	rid := c.ridValue
	if rid == "" {
		t.Fatal("the failed call shows no rid")
	}
	u.tabs.Select(u.tabInspect)
	u.PasteText("rid: " + rid + "\n")
	if r := u.inspect.report; r == nil || r.Error == nil || r.Error.Code != core.CodeRIDPasted || r.Error.RID != rid {
		t.Fatalf("report %+v", r)
	}
	if u.status.Text != u.t("rid.pasted") {
		t.Errorf("status %q", u.status.Text)
	}
	assertShows(t, u, "rid_pasted", "a rid: "+rid, "rid/get", "Look up (rid/get)")
	u.SetLang(core.Chinese)
	assertShows(t, u, "一个 rid："+rid, "查询（rid/get）")
	u.SetLang(core.English)
	u.LookUpRID(rid)
	runQueued(t, u)
	if u.tabs.Selected() != u.tabCall || c.api.Selected != "rid/get" {
		t.Fatal("the look-up did not open rid/get in the Call tab")
	}
	assertShows(t, u, "OK: errcode 0", `body {"code":"`+strings.Repeat("cd", 32)+`"}`)
}

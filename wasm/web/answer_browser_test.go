package web

import (
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
)

// TestPageExplainsAPastedAnswer pastes a whole HTTP response of WeChat in
// headless Chromium: the headline gives the errcode and its rid, the rid
// copies, and its look-up builds rid/get in the call tab.
func TestPageExplainsAPastedAnswer(t *testing.T) {
	p, _ := pageTab(t, "")
	clip := newClipboardReader(p)
	const rid = "6751a2fa-1c2d3e4f-5a6b7c8d"
	p.click("#clear")
	p.paste("paste", "HTTP/1.1 200 OK\r\nContent-Type: application/json; encoding=utf-8\r\n\r\n"+
		`{"errcode":40001,"errmsg":"invalid credential, access_token is invalid or not latest rid: `+rid+`"}`)
	p.wait(`document.querySelector("#lookup-rid")`)
	// The second module gives the errcode's own hint.
	p.wait(`document.getElementById("headline-hint").textContent === ` + js(wxapi.ErrCodeHint(40001, core.English)))
	if s := p.text("#headline"); !strings.Contains(s, "errcode 40001: invalid credential") || !strings.Contains(s, "api_error") ||
		!strings.Contains(s, "rid "+rid) {
		t.Errorf("headline %q", s)
	}
	if !p.headlineInView() {
		t.Error("the answer's headline is not in view")
	}
	if got := clip.copied(t, "#copy-rid"); got != rid {
		t.Errorf("copy rid: %q", got)
	}
	p.click("#lookup-rid")
	p.wait(`!document.getElementById("panel-call").hidden`)
	if s := p.text("#call-curl"); !strings.Contains(s, "/cgi-bin/openapi/rid/get?access_token=") || !strings.Contains(s, `{"rid":"`+rid+`"}`) || !strings.Contains(s, "WX_ACCESS_TOKEN") {
		t.Errorf("rid/get curl %q", s)
	}

	// Back to getuserphonenumber: its parameters, the typed access_token
	// kept and hidden.
	p.paste("call-token", "ACCESS_TOKEN_5")
	p.eval(`(() => { const s = document.getElementById("call-api"); s.value = "wxa/business/getuserphonenumber"; s.dispatchEvent(new Event("input")); })()`, nil)
	p.paste("call-code", "PHONE_CODE_4")
	if s := p.text("#call-curl"); !strings.Contains(s, "getuserphonenumber") || !strings.Contains(s, `{"code":"PHONE_CODE_4"}`) || strings.Contains(s, "ACCESS_TOKEN_5") {
		t.Errorf("getuserphonenumber curl %q", s)
	}
	var rows []string
	p.eval(`[...document.querySelectorAll("#call-fields input")].map(i => i.dataset.param)`, &rows)
	if strings.Join(rows, ",") != "access_token,code,openid" {
		t.Errorf("rows %v", rows)
	}

	// Typing in a field ends the answer's report.
	p.click("#tab-decrypt")
	p.paste("iv", "x")
	p.wait(`!document.querySelector("#lookup-rid")`)
}

// TestPageOffersAPastedRID pastes a rid alone: the headline says it is a
// rid (rid_pasted, not missing fields) and its look-up builds rid/get.
func TestPageOffersAPastedRID(t *testing.T) {
	p, _ := pageTab(t, "")
	const rid = "6751a2f9-7d9b5d30-4f2b5c17"
	p.click("#clear")
	p.paste("paste", rid)
	p.wait(`document.querySelector("#lookup-rid")`)
	if s := p.text("#headline"); !strings.Contains(s, "rid_pasted") || !strings.Contains(s, "a rid: "+rid) || strings.Contains(s, "missing_field") {
		t.Errorf("headline %q", s)
	}
	p.click("#lookup-rid")
	p.wait(`!document.getElementById("panel-call").hidden`)
	if s := p.text("#call-curl"); !strings.Contains(s, "/cgi-bin/openapi/rid/get?access_token=") || !strings.Contains(s, `{"rid":"`+rid+`"}`) {
		t.Errorf("rid/get curl %q", s)
	}
}

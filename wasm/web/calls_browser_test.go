package web

import (
	"strconv"
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
)

// TestPageAnswerHintIsTheErrcodes pastes WeChat answers in headless
// Chromium: once the second module has loaded, the headline's hint is the
// errcode's own (wxapi.ErrCodeHint), as the core gives it where wxapi is
// linked, in both languages.
func TestPageAnswerHintIsTheErrcodes(t *testing.T) {
	p, _ := pageTab(t, "")
	for _, answer := range []string{
		`{"errcode":40029,"errmsg":"invalid code, rid: 6751a2f9-7d9b5d30-4f2b5c17"}`,
		"errcode 45011: api minute-quota reach limit  mustslower  retry next minute rid: 6751a2fa-1c2d3e4f-5a6b7c8d",
	} {
		p.click("#lang-en")
		p.paste("paste", answer)
		for _, lang := range []core.Lang{core.English, core.Chinese} {
			r := core.ExplainAnswer(answer, lang)
			want := wxapi.ErrCodeHint(r.Error.WeChatCode, lang)
			if _, general := core.CodeAPIError.Describe(lang, "api", "", "errcode", strconv.Itoa(r.Error.WeChatCode), "errmsg", ""); want == general || r.Error.Hint != want {
				t.Fatalf("%q: the core gives no hint of the errcode's own", answer)
			}
			if lang == core.Chinese {
				p.click("#lang-zh")
			}
			p.wait(`(document.getElementById("headline-hint") || {}).textContent === ` + js(want))
			if s := p.text("#headline"); !strings.Contains(s, "rid ") || !strings.Contains(s, "api_error") {
				t.Errorf("%v: headline %q", lang, s)
			}
		}
	}
}

// TestPageBuildsEveryUserDataCall chooses each call of the call tab and
// types its parameters: the curl shown is wxapi.BuildCall's, with the
// secrets hidden unless revealed.
func TestPageBuildsEveryUserDataCall(t *testing.T) {
	p, _ := pageTab(t, "")
	values := map[string]string{
		"access_token": "ACCESS_TOKEN_7f3a", "code": "PHONE_CODE_1", "openid": "oUser_1",
		"rid": "rid: 6751a2f9-7d9b5d30-4f2b5c17", "encrypted_msg": "CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew==",
		"session_key": "tiihtNczf5v6AKRyjwEUhQ==", "appid": "wx4f4bc4dec97d474b", "js_code": "JS_CODE_9",
		"component_appid": "wxcomponent0001", "component_access_token": "COMPONENT_TOKEN_5e1c", "cloudid_list": "cloudA, cloudB",
	}
	p.click("#tab-call")
	p.wait(`document.getElementById("call-api").dataset.ready === "true"`)
	var apis []string
	p.eval(`[...document.getElementById("call-api").options].map(o => o.value)`, &apis)
	if strings.Join(apis, " ") != strings.Join(wxapi.UserDataAPIs, " ") {
		t.Fatalf("APIs %q, want %q", apis, wxapi.UserDataAPIs)
	}
	for _, api := range wxapi.UserDataAPIs {
		t.Run(api, func(t *testing.T) {
			p := tab{t, p.ctx}
			p.eval(`(() => { const s = document.getElementById("call-api"); s.value = `+js(api)+`; s.dispatchEvent(new Event("input")); })()`, nil)
			var rows []string
			p.eval(`[...document.querySelectorAll("#call-fields input")].map(i => i.dataset.param)`, &rows)
			if strings.Join(rows, ",") != strings.Join(wxapi.CallParams(api), ",") {
				t.Errorf("rows %v, want %v", rows, wxapi.CallParams(api))
			}
			for _, name := range rows {
				id := "call-" + name
				if name == "access_token" {
					id = "call-token"
				}
				p.paste(id, values[name])
			}
			call := wxapi.BuildCall("", api, func(name string) string { return values[name] })
			if got, want := p.text("#call-curl"), call.Curl(false); got != want {
				t.Errorf("curl\n%s\nwant\n%s", got, want)
			}
			shown := p.text("#call-curl")
			for _, secret := range []string{values["access_token"], values["session_key"], values["component_access_token"]} {
				if strings.Contains(shown, secret) {
					t.Errorf("the curl shows a secret: %s", shown)
				}
			}
			p.click("#call-reveal")
			if got, want := p.text("#call-curl"), call.Curl(true); got != want {
				t.Errorf("revealed curl\n%s\nwant\n%s", got, want)
			}
			p.click("#call-reveal")
		})
	}
}

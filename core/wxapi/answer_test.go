package wxapi_test

import (
	"strconv"
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
)

// Importing wxapi gives a pasted answer its errcode's own hint in the core.
func TestExplainAnswerGivesTheErrcodesHint(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		code       int
		own        bool // the errcode has a hint of its own
	}{
		{"json", `{"errcode":40029,"errmsg":"invalid code, rid: 6751a2f9-7d9b5d30-4f2b5c17"}`, 40029, true},
		{"log line", "errcode 45011: api minute-quota reach limit  mustslower  retry next minute rid: 6751a2fa-1c2d3e4f-5a6b7c8d", 45011, true},
		{"unknown errcode", `{"errcode":987654,"errmsg":"something new"}`, 987654, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, lang := range []core.Lang{core.English, core.Chinese} {
				got := core.ExplainAnswer(tc.text, lang)
				if got == nil {
					t.Fatalf("%v: no report", lang)
				}
				_, general := core.CodeAPIError.Describe(lang, "api", "", "errcode", strconv.Itoa(tc.code), "errmsg", "")
				want := general
				if tc.own {
					want = wxapi.ErrCodeHint(tc.code, lang)
					if want == general {
						t.Fatalf("%v: errcode %d has no hint of its own", lang, tc.code)
					}
				}
				if got.Error.Hint != want {
					t.Errorf("%v: hint %q, want %q", lang, got.Error.Hint, want)
				}
				if got.Error.Code != core.CodeAPIError || got.Error.WeChatCode != tc.code {
					t.Errorf("%v: error %s", lang, got.AppendJSON(nil))
				}
				// wxapi.ExplainAnswer is the same report.
				if a, b := string(wxapi.ExplainAnswer(tc.text, lang).AppendJSON(nil)), string(got.AppendJSON(nil)); a != b {
					t.Errorf("%v: wxapi report %s, core report %s", lang, a, b)
				}
				// So is InspectText's, which every front end shows.
				if reps := core.InspectText(tc.text, core.Input{Lang: lang}); len(reps) != 1 || string(reps[0].AppendJSON(nil)) != string(got.AppendJSON(nil)) {
					t.Errorf("%v: InspectText gives another report than ExplainAnswer", lang)
				}
			}
		})
	}
	if r := wxapi.ExplainAnswer(`{"errcode":0,"errmsg":"ok"}`, core.English); r != nil {
		t.Errorf("errcode 0: %s", r.AppendJSON(nil))
	}
}

package wxapi_test

import (
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
)

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
				got, general := wxapi.ExplainAnswer(tc.text, lang), core.ExplainAnswer(tc.text, lang)
				if got == nil || general == nil {
					t.Fatalf("%v: no report", lang)
				}
				want := general.Error.Hint
				if tc.own {
					want = wxapi.ErrCodeHint(tc.code, lang)
					if want == general.Error.Hint {
						t.Fatalf("%v: errcode %d has no hint of its own", lang, tc.code)
					}
				}
				if got.Error.Hint != want {
					t.Errorf("%v: hint %q, want %q", lang, got.Error.Hint, want)
				}
				// Everything else is core.ExplainAnswer's.
				got.Error.Hint = general.Error.Hint
				if a, b := string(got.AppendJSON(nil)), string(general.AppendJSON(nil)); a != b {
					t.Errorf("%v: report %s, want %s", lang, a, b)
				}
			}
		})
	}
	if r := wxapi.ExplainAnswer(`{"errcode":0,"errmsg":"ok"}`, core.English); r != nil {
		t.Errorf("errcode 0: %s", r.AppendJSON(nil))
	}
}

//go:build !js || wxinspect_platforms

package core

import (
	"strconv"
	"testing"
)

// A registered errcode hint replaces api_error's general one in a pasted
// answer's report, for the errcodes it knows; without one, or for an errcode
// it does not know, the hint is api_error's.
func TestExplainAnswerTakesTheRegisteredHint(t *testing.T) {
	saved := errcodeHints
	t.Cleanup(func() { errcodeHints = saved })
	const text = `{"errcode":40029,"errmsg":"invalid code, rid: 6751a2f9-7d9b5d30-4f2b5c17"}`
	for _, lang := range []Lang{English, Chinese} {
		_, general := CodeAPIError.Describe(lang, "api", "", "errcode", "40029", "errmsg", "")
		errcodeHints = nil
		if r := ExplainAnswer(text, lang); r == nil || r.Error.Hint != general {
			t.Fatalf("%v: unregistered: %+v, want the general hint %q", lang, r, general)
		}
		RegisterErrcodeHints(func(code int, l Lang) string {
			if code != 40029 {
				return ""
			}
			return "own hint " + strconv.Itoa(code) + " " + string(l)
		})
		r := ExplainAnswer(text, lang)
		if want := "own hint 40029 " + string(lang); r == nil || r.Error.Hint != want {
			t.Fatalf("%v: registered: %+v, want %q", lang, r, want)
		}
		if r.Error.Code != CodeAPIError || r.Error.WeChatCode != 40029 || r.Error.RID != "6751a2f9-7d9b5d30-4f2b5c17" {
			t.Errorf("%v: %s", lang, r.AppendJSON(nil))
		}
		if reps := InspectText(text, Input{Lang: lang}); len(reps) != 1 || reps[0].Error == nil || reps[0].Error.Hint != r.Error.Hint {
			t.Errorf("%v: InspectText does not give the registered hint", lang)
		}
		if r := ExplainAnswer(`{"errcode":987654,"errmsg":"new"}`, lang); r == nil || r.Error.Hint == "" || r.Error.Hint == "own hint 987654 "+string(lang) {
			t.Errorf("%v: unknown errcode: %+v", lang, r)
		}
	}
}

package core_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
)

// The hint is the errcode's own (core/wxapi is linked, paste_test.go), but
// for an errcode without one, which keeps api_error's general hint.
func TestInspectTextExplainsAPastedAnswer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		lang       core.Lang
		errcode    int
		rid, msg   string
		hint       string
	}{
		{"json", `{"errcode":40029,"errmsg":"invalid code, rid: 6751a2f9-7d9b5d30-4f2b5c17"}`, core.English,
			40029, "6751a2f9-7d9b5d30-4f2b5c17", "errcode 40029: invalid code, rid: 6751a2f9-7d9b5d30-4f2b5c17", "The code is invalid"},
		{"json in Chinese", `{"errcode":40029,"errmsg":"invalid code, rid: 6751a2f9-7d9b5d30-4f2b5c17"}`, core.Chinese,
			40029, "6751a2f9-7d9b5d30-4f2b5c17", "错误码 40029：invalid code", "code 无效"},
		{"http response", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit, must slower, retry next minute rid: 6751a2f9-00000000-00000001\"}", core.English,
			45011, "6751a2f9-00000000-00000001", "errcode 45011: api minute-quota", "Calls are too frequent"},
		{"our own error line", "wxinspect: error: wxa/business/getuserphonenumber: errcode 40029: invalid code rid: 6b0bbb0d-19a8db14-6c8d494a", core.English,
			40029, "6b0bbb0d-19a8db14-6c8d494a", "errcode 40029: invalid code rid: 6b0bbb0d-19a8db14-6c8d494a", "belongs to another appid"},
		{"key=value log", "errcode=87009 errmsg=invalid signature hints: [ req_id: 0Abc-xyz ]", core.English,
			87009, "0Abc-xyz", "errcode 87009: invalid signature", "login-state signature does not match"},
		{"old answer", `{"errcode":-1,"errmsg":"system error"}`, core.English, -1, "", "errcode -1: system error", "server is busy"},
		{"unknown errcode", `{"errcode":99999,"errmsg":"x"}`, core.English, 99999, "", "errcode 99999: x", "Look up errcode 99999"},
		{"answer after noise", `log {not json} then {"errcode":40163,"errmsg":"code been used, rid: 6751a2f9-7d9b5d30-4f2b5c18"}`, core.English,
			40163, "6751a2f9-7d9b5d30-4f2b5c18", "errcode 40163: code been used", "already been used"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			reps := core.InspectText(tt.text, core.Input{Lang: tt.lang})
			if len(reps) != 1 || reps[0].OK || reps[0].Error == nil {
				t.Fatalf("reports %+v", reps)
			}
			p := reps[0].Error
			if p.Code != core.CodeAPIError || p.WeChatCode != tt.errcode || p.RID != tt.rid ||
				!strings.Contains(p.Message, tt.msg) || !strings.Contains(p.Hint, tt.hint) {
				t.Errorf("error %+v, want errcode %d, rid %q, message with %q, hint with %q", p, tt.errcode, tt.rid, tt.msg, tt.hint)
			}
		})
	}
}

func TestInspectTextAnswerOnlyWithoutData(t *testing.T) {
	t.Parallel()
	for _, text := range []string{
		`{"errcode":0,"errmsg":"ok"}`,            // a success is no failure to explain
		`{"errcode":4002900000000,"errmsg":"x"}`, // not an errcode
		"errcode: none",
	} {
		reps := core.InspectText(text, core.Input{})
		if len(reps) != 1 || reps[0].Error == nil || reps[0].Error.Code == core.CodeAPIError {
			t.Errorf("%q: %+v", text, reps[0].Error)
		}
	}
	// Data in the paste wins: the errcode beside it is not the report.
	s := core.OfficialSample()
	text := `{"errcode":40029,"session_key":"` + s.SessionKey + `","iv":"` + s.IV + `","encryptedData":"` + s.EncryptedData + `"}`
	if reps := core.InspectText(text, core.Input{Now: s.Now}); len(reps) != 1 || !reps[0].OK {
		t.Errorf("data with an errcode: %+v", reps[0].Error)
	}
}

func FuzzExplainAnswer(f *testing.F) {
	for _, name := range []string{"answer_json", "answer_http", "answer_errmsg_rid", "answer_unknown_errcode", "json_plain", "http_request"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "paste", name+".txt"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("errcode=-1 errmsg=system error")
	f.Add(`{"errcode":1}{"errcode":2}`)
	f.Add("rid: 6751a2f9-7d9b5d30-4f2b5c17")
	f.Fuzz(func(t *testing.T, text string) {
		r := core.ExplainAnswer(text, core.English)
		if r == nil {
			return
		}
		p := r.Error
		answer := p != nil && p.Code == core.CodeAPIError && p.WeChatCode != 0
		rid := p != nil && p.Code == core.CodeRIDPasted && p.WeChatCode == 0 && core.IsRID(p.RID)
		if r.OK || !answer && !rid || !strings.Contains(text, p.RID) {
			t.Fatalf("report %+v of %q", p, text)
		}
	})
}

// A rid pasted alone is no data: the report offers to look it up (rid/get),
// in both languages; a rid inside other text, or a near-rid, is not one.
func TestInspectTextOffersAPastedRID(t *testing.T) {
	t.Parallel()
	const rid = "6751a2f9-7d9b5d30-4f2b5c17"
	for _, text := range []string{rid, " " + rid + "\r\n", "rid: " + rid, `"` + rid + `"`} {
		for _, lang := range []core.Lang{core.English, core.Chinese} {
			reps := core.InspectText(text, core.Input{Lang: lang})
			if len(reps) != 1 || reps[0].Error == nil {
				t.Fatalf("%q: reports %+v", text, reps)
			}
			p := reps[0].Error
			if p.Code != core.CodeRIDPasted || p.RID != rid || p.WeChatCode != 0 || !strings.Contains(p.Message, rid) ||
				!strings.Contains(p.Hint, "rid/get") || !strings.Contains(p.Hint, "wxinspect rid "+rid) {
				t.Errorf("%q %v: error %+v", text, lang, p)
			}
			if lang == core.Chinese && !strings.Contains(p.Hint, "查询") {
				t.Errorf("%q: Chinese hint %q", text, p.Hint)
			}
		}
	}
	for _, text := range []string{
		rid[:25],                        // too short
		strings.ToUpper(rid),            // WeChat's rids are lower-case hex
		"6751a2f9_7d9b5d30-4f2b5c17",    // not dashes
		"order 42 failed " + rid,        // a rid inside other text
		"session_key=" + rid + " iv=AA", // a value of a key
	} {
		if reps := core.InspectText(text, core.Input{}); reps[0].Error != nil && reps[0].Error.Code == core.CodeRIDPasted {
			t.Errorf("%q: %+v", text, reps[0].Error)
		}
	}
}

package core_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
)

// recordLine is a log line holding a whole record with session_key key.
func recordLine(key string) string {
	s := core.OfficialSample()
	return "2024-05-01 10:00:01 [INFO] 解密请求 session_key=" + key + " iv=" + s.IV + " encryptedData=" + s.EncryptedData
}

// TestUnreadableLines: in a text of one record per line, every line is a
// record, an unreadable one with its error; in any other text, lines without
// a field are not records.
func TestUnreadableLines(t *testing.T) {
	s := core.OfficialSample()
	given := core.Input{AppID: s.AppID, Now: s.Now, Lang: core.Chinese}
	text := "启动\n" + recordLine(s.SessionKey) + "\n请求体为空，跳过\n\n" + recordLine("AAAAAAAAAAAAAAAAAAAAAA==") + "\n"
	reps := core.InspectText(text, given)
	var got []string
	for _, r := range reps {
		code := "ok"
		if r.Error != nil {
			code = string(r.Error.Code)
		}
		got = append(got, strconv.Itoa(r.SourceLine())+" "+code)
	}
	if want := "1 unreadable_line|2 ok|3 unreadable_line|5 bad_padding"; strings.Join(got, "|") != want {
		t.Fatalf("records %q, want %s", got, want)
	}
	if e := reps[2].Error; e.Message != "第 3 行没有 session_key、iv 或 encryptedData" || e.Hint == "" || e.Field != "" {
		t.Errorf("unreadable line error %+v", e)
	}
	if j := string(reps[2].AppendJSON(nil)); !strings.HasPrefix(j, `{"line":3,"ok":false,"error":{"code":"unreadable_line",`) || strings.Contains(j, `"input"`) {
		t.Errorf("unreadable line report %s", j)
	}
	// InspectRecord and Inspect of the record say the same.
	recs := core.ReadText(text)
	if len(recs) != len(reps) {
		t.Fatalf("%d records, %d reports", len(recs), len(reps))
	}
	if a, b := core.InspectRecord(recs[2], given).AppendJSON(nil), reps[2].AppendJSON(nil); !bytes.Equal(a, b) {
		t.Errorf("InspectRecord %s", a)
	}
	if r := core.Inspect(recs[0]); r.Error == nil || r.Error.Code != core.CodeUnreadableLine {
		t.Errorf("Inspect of an unreadable line: %+v", r.Error)
	}

	for name, text := range map[string]string{
		"one record with chatter": "POST /api/phone\n" + recordLine(s.SessionKey) + "\nthat was the request\n",
		"pretty JSON records": `{
  "session_key": "` + s.SessionKey + `",
  "iv": "` + s.IV + `",
  "encryptedData": "` + s.EncryptedData + `"
}
{
  "session_key": "AAAAAAAAAAAAAAAAAAAAAA==",
  "iv": "` + s.IV + `",
  "encryptedData": "` + s.EncryptedData + `"
}`,
		"login line and phone line": "登录 session_key=" + s.SessionKey + "\nnothing\n解密 iv=" + s.IV + " encryptedData=" + s.EncryptedData,
	} {
		for _, r := range core.InspectText(text, given) {
			if r.Error != nil && r.Error.Code == core.CodeUnreadableLine {
				t.Errorf("%s: an unreadable_line record", name)
			}
		}
	}
}

// TestExportReports reads the exports back with encoding/csv and
// encoding/json.
func TestExportReports(t *testing.T) {
	s := core.OfficialSample()
	reps := core.InspectText(recordLine(s.SessionKey)+"\nno, \"fields\" here\n"+recordLine("foo"), core.Input{AppID: s.AppID, Now: s.Now})
	rows, err := csv.NewReader(bytes.NewReader(core.AppendReportsCSV(nil, reps))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"line", "ok", "kind", "code", "message"}, {"1", "true", "user", "", ""}}
	for _, r := range reps[1:] {
		want = append(want, []string{strconv.Itoa(r.SourceLine()), "false", "", string(r.Error.Code), r.Error.Message})
	}
	if len(rows) != 4 || !equalRows(rows, want) || want[2][3] != "unreadable_line" || want[3][0] != "3" {
		t.Errorf("CSV %q, want %q", rows, want)
	}
	if b := core.AppendReportsCSV(nil, reps); !bytes.HasSuffix(b, []byte("\r\n")) || bytes.Count(b, []byte("\r\n")) != 4 {
		t.Errorf("CSV line ends: %q", b)
	}
	lines := bytes.Split(bytes.TrimSuffix(core.AppendReportsJSONL(nil, reps), []byte("\n")), []byte("\n"))
	if len(lines) != 3 {
		t.Fatalf("%d JSON lines", len(lines))
	}
	for i, l := range lines {
		var o struct {
			Line int  `json:"line"`
			OK   bool `json:"ok"`
		}
		if err := json.Unmarshal(l, &o); err != nil || o.Line != i+1 || o.OK != reps[i].OK {
			t.Errorf("JSON line %d: %s (%v)", i, l, err)
		}
		if reps[i].Line != 0 && i != 1 {
			t.Errorf("the export changed report %d", i)
		}
	}
}

func equalRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x00") != strings.Join(b[i], "\x00") {
			return false
		}
	}
	return true
}

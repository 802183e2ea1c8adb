package desktop

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/wxinspect/wxinspect/core"
)

// recordsText is three lines: the sample, a line with nothing readable, and
// the sample with another session_key. One record per line: the core makes
// the unreadable line a record too (unreadable_line).
func recordsText() string {
	line := func(key string) string {
		return `{"appid":"` + sample.AppID + `","session_key":"` + key + `","iv":"` + sample.IV +
			`","encrypted_data":"` + sample.EncryptedData + `"}`
	}
	return line(sample.SessionKey) + "\nnothing to read here\n" + line("AAAAAAAAAAAAAAAAAAAAAA==") + "\n"
}

func recordRows(u *UI) []string {
	var rows []string
	for i := range u.records.shown {
		rows = append(rows, u.recordText(i))
	}
	return rows
}

func TestRecordsView(t *testing.T) {
	u := newTestUI(t)
	u.PasteText(recordsText())
	if u.tabs.Selected() != u.tabRecords {
		t.Fatal("several records do not open the Records tab")
	}
	if s := u.records.counts.Text; !strings.HasPrefix(s, "3 records: 1 ok, 2 not ok") {
		t.Errorf("counts %q", s)
	}
	rows := recordRows(u)
	if len(rows) != 3 || !strings.HasPrefix(rows[0], "line 1  ✓ user info") ||
		rows[1] != "line 2  × unreadable_line  line 2 holds no session_key, iv or encryptedData" ||
		!strings.HasPrefix(rows[2], "line 3  × bad_padding  ") {
		t.Fatalf("rows %q", rows)
	}
	test.Tap(u.records.failures)
	if rows := recordRows(u); len(rows) != 2 || strings.Contains(strings.Join(rows, "\n"), "✓") {
		t.Errorf("failures only: %q", rows)
	}
	test.Tap(u.records.failures)

	// The unreadable line has nothing to load: it says why.
	u.records.list.Select(1)
	if u.tabs.Selected() != u.tabRecords {
		t.Error("selecting the unreadable line left the Records tab")
	}
	assertShows(t, u, "line 2 holds no session_key, iv or encryptedData")

	// A row goes to the Inspect tab.
	u.records.list.Select(0)
	if u.tabs.Selected() != u.tabInspect || u.inspect.sessionKey.Text != sample.SessionKey {
		t.Fatal("selecting a row does not load it into Inspect")
	}
	assertShows(t, u, "Decrypted: user info")

	// The max age of the Inspect tab applies to the records too.
	test.Type(u.inspect.maxAge, "60")
	u.Inspect()
	if rows := recordRows(u); !strings.Contains(rows[0], "watermark_expired") {
		t.Errorf("after max age 60: %q", rows[0])
	}

	u.SetLang("zh")
	if s := u.records.counts.Text; !strings.HasPrefix(s, "共 3 条记录") || !strings.HasPrefix(recordRows(u)[1], "第 2 行  × unreadable_line  第 2 行没有") || !strings.HasPrefix(recordRows(u)[2], "第 3 行") {
		t.Errorf("in Chinese: %q, %q", s, recordRows(u))
	}
}

// TestDropFile drops a log file on the window: the same records view.
func TestDropFile(t *testing.T) {
	u := newTestUI(t)
	path := filepath.Join(t.TempDir(), "requests.log")
	if err := os.WriteFile(path, []byte(recordsText()), 0o600); err != nil {
		t.Fatal(err)
	}
	u.DropFiles([]fyne.URI{storage.NewFileURI(filepath.Join(t.TempDir(), "gone")), storage.NewFileURI(path)})
	if len(u.records.lines) != 3 || u.tabs.Selected() != u.tabRecords {
		t.Fatalf("a dropped file of 3 lines gives %d rows", len(u.records.lines))
	}
	u.DropFiles([]fyne.URI{storage.NewFileURI(filepath.Join(t.TempDir(), "gone"))})
	assertShows(t, u, "Nothing could be read from what was dropped")
}

// TestExportRecords: the Records tab exports what the page exports, the
// core's JSON Lines and CSV of the reports it shows (the page's browser test
// checks its CSV against the same core function), through a save dialog.
func TestExportRecords(t *testing.T) {
	u := newTestUI(t)
	test.Type(u.inspect.appID, sample.AppID)
	u.PasteText(recordsText())
	reps := core.InspectText(recordsText(), core.Input{AppID: sample.AppID, Now: clock})
	for _, csv := range []bool{false, true} {
		var b bytes.Buffer
		if err := u.ExportRecords(&b, csv); err != nil {
			t.Fatal(err)
		}
		want := core.AppendReportsJSONL(nil, reps)
		if csv {
			want = core.AppendReportsCSV(nil, reps)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("csv %v: the export is\n%s\nwant the core's\n%s", csv, b.Bytes(), want)
		}
	}
	if lines := strings.Split(strings.TrimSpace(u.exportString(t, true)), "\r\n"); len(lines) != 4 || lines[0] != "line,ok,kind,code,message" ||
		lines[2] != `2,false,,unreadable_line,"line 2 holds no session_key, iv or encryptedData"` {
		t.Errorf("CSV %q", lines)
	}
	// The buttons open a save dialog.
	if n := len(u.win.Canvas().Overlays().List()); n != 0 {
		t.Fatalf("%d overlays before the tap", n)
	}
	test.Tap(u.records.csv)
	if n := len(u.win.Canvas().Overlays().List()); n != 1 {
		t.Errorf("%d overlays after tapping Export CSV, want the save dialog", n)
	}
}

func (u *UI) exportString(t *testing.T, csv bool) string {
	var b bytes.Buffer
	if err := u.ExportRecords(&b, csv); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

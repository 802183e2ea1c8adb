package desktop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// recordsText is three lines: the sample, a line with nothing readable, and
// the sample with another session_key. The reader finds two records in it: a
// line without a field is not one.
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
	if s := u.records.counts.Text; !strings.HasPrefix(s, "2 records: 1 ok, 1 not ok") {
		t.Errorf("counts %q", s)
	}
	rows := recordRows(u)
	if len(rows) != 2 || !strings.HasPrefix(rows[0], "line 1  ✓ user info") ||
		!strings.HasPrefix(rows[1], "line 3  × bad_padding  ") {
		t.Fatalf("rows %q", rows)
	}
	test.Tap(u.records.failures)
	if rows := recordRows(u); len(rows) != 1 || strings.Contains(strings.Join(rows, "\n"), "✓") {
		t.Errorf("failures only: %q", rows)
	}
	test.Tap(u.records.failures)

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
	if s := u.records.counts.Text; !strings.HasPrefix(s, "共 2 条记录") || !strings.HasPrefix(recordRows(u)[1], "第 3 行") {
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
	if len(u.records.lines) != 2 || u.tabs.Selected() != u.tabRecords {
		t.Fatalf("a dropped file of 2 records gives %d rows", len(u.records.lines))
	}
	u.DropFiles([]fyne.URI{storage.NewFileURI(filepath.Join(t.TempDir(), "gone"))})
	assertShows(t, u, "Nothing could be read from what was dropped")
}

package desktop

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxinspect/wxinspect/core"
)

// walk calls f on every object of the tree under o, hidden tabs included.
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, f)
		}
	case *container.AppTabs:
		for _, it := range x.Items {
			walk(it.Content, f)
		}
	case *container.Split:
		walk(x.Leading, f)
		walk(x.Trailing, f)
	case *container.Scroll:
		walk(x.Content, f)
	}
}

// TestTabLeavesMultiLineFields checks that no entry of any tab takes the Tab
// key (Fyne's driver then moves the focus), and that Tab from encryptedData
// goes on to the next field without touching the data.
func TestTabLeavesMultiLineFields(t *testing.T) {
	u := newTestUI(t)
	multi := 0
	walk(u.win.Content(), func(o fyne.CanvasObject) {
		if tb, ok := o.(fyne.Tabbable); ok && tb.AcceptsTab() {
			t.Errorf("%T takes the Tab key", o)
		}
		if f, ok := o.(*field); ok && f.MultiLine {
			multi++
		}
		if e, ok := o.(*widget.Entry); ok && e.MultiLine {
			t.Errorf("a plain multi-line widget.Entry takes the Tab key")
		}
	})
	if multi < 2 {
		t.Errorf("found %d multi-line fields, want encryptedData and the fixture plaintext", multi)
	}
	enter(u, sample)
	c := u.win.Canvas()
	c.Focus(u.inspect.encryptedData)
	c.FocusNext()
	if c.Focused() == u.inspect.encryptedData {
		t.Fatal("the focus stayed in encryptedData")
	}
	if got := u.inspect.encryptedData.Text; got != sample.EncryptedData {
		t.Errorf("encryptedData changed to %q", got)
	}
}

// TestResultScrollsToTop checks that a new result starts at its headline.
func TestResultScrollsToTop(t *testing.T) {
	u := newTestUI(t)
	enter(u, sample)
	s := u.inspect.scroll
	s.ScrollToBottom()
	if s.Offset.Y == 0 {
		t.Fatal("the result of the sample does not scroll: the test proves nothing")
	}
	in := sample
	in.AppID = "wx0000000000000000"
	enter(u, in)
	if s.Offset.Y != 0 {
		t.Errorf("the result pane is scrolled to %v after a new result, want the top", s.Offset.Y)
	}
}

// TestHalfScreen checks that the window fits in half of a 1366 px screen.
func TestHalfScreen(t *testing.T) {
	u := newTestUI(t)
	enter(u, sample)
	if w := u.win.Content().MinSize().Width; w > 1366/2 {
		t.Errorf("minimum width %v, want ≤ 683", w)
	}
}

// TestHistoryReloadKeepsOneEntry checks that loading a history entry back
// does not add it again.
func TestHistoryReloadKeepsOneEntry(t *testing.T) {
	u := newTestUI(t)
	enter(u, sample)
	other := sample
	other.AppID = "wx0000000000000000"
	enter(u, other)
	if n := len(u.history.entries); n != 2 {
		t.Fatalf("%d history entries, want 2", n)
	}
	u.LoadHistory(1) // the older one: the sample
	if u.inspect.appID.Text != sample.AppID {
		t.Fatalf("the history entry was not loaded: appid %q", u.inspect.appID.Text)
	}
	if n := len(u.history.entries); n != 2 {
		t.Errorf("%d history entries after reloading one, want 2", n)
	}
}

// TestSampleButtonAndMaxAge checks the sample button, the max-age field and
// the translated severities.
func TestSampleButtonAndMaxAge(t *testing.T) {
	u := newTestUI(t)
	test.Tap(u.inspect.sample)
	assertShows(t, u, "Decrypted: user info")
	test.Type(u.inspect.maxAge, "600")
	u.Inspect()
	assertShows(t, u, "Decrypted, but rejected:", "Code watermark_expired")
	u.SetLang(core.Chinese)
	assertShows(t, u, "已解密，但未通过校验：")
	u.inspect.maxAge.SetText("")
	in := sample
	in.EncryptedData = strings.ReplaceAll(in.EncryptedData, "+", " ")
	enter(u, in)
	assertShows(t, u, "修复输入后解密成功：用户信息", "检查结果", "[警告] plus_as_space")
	assertHides(t, u, "[warning]", "发现")
}

// TestStatusNotStale checks that the status line forgets an earlier action
// once the result changes.
func TestStatusNotStale(t *testing.T) {
	u := newTestUI(t)
	enter(u, sample)
	u.CopyReport()
	assertShows(t, u, "Copied the report")
	in := sample
	in.AppID = "wx0000000000000000"
	enter(u, in)
	assertHides(t, u, "Copied the report")
}

// TestCopyUserField checks the copy button beside a decrypted user field.
func TestCopyUserField(t *testing.T) {
	u := newTestUI(t)
	var got string
	u.writeSystem = func(s string) error { got = s; return nil }
	enter(u, sample)
	var buttons []*widget.Button
	walk(u.inspect.result, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "" {
			buttons = append(buttons, b)
		}
	})
	if len(buttons) < 9 {
		t.Fatalf("%d copy buttons in the result, want one per user field", len(buttons))
	}
	test.Tap(buttons[0]) // the nickname, the first row
	if got != "Band" {
		t.Errorf("the first copy button copied %q, want Band", got)
	}
	assertShows(t, u, "Copied Nickname")
}

func TestCheckDisplay(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	err := CheckDisplay("linux", env(nil))
	if err == nil || !strings.Contains(err.Error(), "DISPLAY") || strings.Contains(err.Error(), "\n") {
		t.Errorf("linux without a display: %v, want one line naming DISPLAY", err)
	}
	for _, c := range []struct {
		goos string
		env  map[string]string
	}{
		{"linux", map[string]string{"DISPLAY": ":0"}},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}},
		{"windows", nil},
		{"darwin", nil},
	} {
		if err := CheckDisplay(c.goos, env(c.env)); err != nil {
			t.Errorf("%s %v: %v", c.goos, c.env, err)
		}
	}
}

// TestRepairsShown: a repaired input shows each clean value with the
// repaired spots marked, the session_key masked but for them, and a button
// that copies the whole clean value.
func TestRepairsShown(t *testing.T) {
	u := newTestUI(t)
	var got string
	u.writeSystem = func(s string) error { got = s; return nil }
	in := sample
	in.SessionKey = strings.Replace(sample.SessionKey, "==", "%3D%3D", 1)
	in.EncryptedData = strings.ReplaceAll(sample.EncryptedData, "+", " ")
	enter(u, in)
	assertShows(t, u, "Decrypted after repairing", "Repaired values")
	var texts []*widget.RichText
	walk(u.inspect.result, func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RichText); ok {
			texts = append(texts, r)
		}
	})
	if len(texts) != 2 {
		t.Fatalf("%d repaired values shown, want session_key and encryptedData", len(texts))
	}
	if s := texts[0].String(); s != strings.Repeat("•", 22)+"==" {
		t.Errorf("the session_key shows as %q", s)
	}
	if s := texts[1].String(); s != sample.EncryptedData {
		t.Errorf("encryptedData shows as %q", s)
	}
	marked := 0
	for _, seg := range texts[1].Segments {
		if ts := seg.(*widget.TextSegment); ts.Style.ColorName == theme.ColorNameWarning {
			marked += len(ts.Text)
		}
	}
	if marked != strings.Count(sample.EncryptedData, "+") {
		t.Errorf("%d characters marked, want the %d '+'", marked, strings.Count(sample.EncryptedData, "+"))
	}
	// The copy button beside the masked session_key copies it whole.
	var buttons []*widget.Button
	walk(u.inspect.result, func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 3 {
			if _, ok := c.Objects[0].(*widget.RichText); ok {
				if b, ok := c.Objects[2].(*widget.Button); ok {
					buttons = append(buttons, b)
				}
			}
		}
	})
	if len(buttons) != 2 {
		t.Fatalf("%d copy buttons beside the repaired values", len(buttons))
	}
	test.Tap(buttons[0])
	if got != sample.SessionKey {
		t.Errorf("copying the session_key gave %q", got)
	}
	assertShows(t, u, "Copied session_key")
	assertHides(t, u, sample.SessionKey)
}

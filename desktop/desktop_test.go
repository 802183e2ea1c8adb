package desktop

import (
	"crypto/rand"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	fdesktop "fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/wxinspect/wxinspect/core"
)

var sample = core.OfficialSample()

// wrongKey is a session_key or iv known not to be the sample's: as a key it
// leaves bad padding (a random key would not, once in 256 runs).
const wrongKey = "AAAAAAAAAAAAAAAAAAAAAA=="

// clock is the time every test runs at: the report's ages depend on it.
var clock = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// newTestUI is the window as a user meets it, with an in-memory app, no
// system clipboard and a fixed clock.
func newTestUI(t *testing.T) *UI {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("LANG", "en_US.UTF-8")
	a := test.NewTempApp(t)
	u := New(a)
	errNone := errors.New("no system clipboard in tests")
	u.writeSystem = func(string) error { return errNone }
	u.readSystem = func() (string, error) { return "", errNone }
	u.now = func() time.Time { return clock }
	// The test goroutine is the UI goroutine: what other goroutines hand
	// to fyne.Do waits in a queue until the test runs it (runQueued).
	q := make(chan func(), 1000)
	u.do = func(f func()) { q <- f }
	queues[u] = q
	t.Cleanup(func() { delete(queues, u) })
	u.win.Resize(fyne.NewSize(1100, 760))
	u.win.Show()
	t.Cleanup(func() {
		for _, w := range a.Driver().AllWindows() {
			if w == u.win {
				w.Close()
			}
		}
	})
	return u
}

var queues = map[*UI]chan func(){}

// runQueued runs what the goroutines of u hand to the UI goroutine until
// all the work they started is done: a completion signal, not a pause.
func runQueued(t *testing.T, u *UI) {
	t.Helper()
	q := queues[u]
	if u.pending.Load() == 0 && len(q) == 0 {
		t.Fatal("nothing was handed to the UI goroutine")
	}
	timeout := time.After(20 * time.Second)
	for u.pending.Load() > 0 || len(q) > 0 {
		select {
		case f := <-q:
			f()
		case <-timeout:
			t.Fatalf("%d pieces of work still pending after 20s", u.pending.Load())
		}
	}
}

// screen is the text the window shows, as one line: what is hidden (other
// tabs, masked values) is not in it. Line breaks of wrapped labels become
// spaces.
func screen(u *UI) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			b.WriteString(x.Text)
			b.WriteByte(' ')
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(u.win.Content())
	return strings.Join(strings.Fields(b.String()), " ")
}

func assertShows(t *testing.T, u *UI, want ...string) {
	t.Helper()
	s := screen(u)
	for _, w := range want {
		if !strings.Contains(s, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("the window does not show %q; it shows:\n%s", w, s)
		}
	}
}

func assertHides(t *testing.T, u *UI, unwanted ...string) {
	t.Helper()
	s := screen(u)
	for _, w := range unwanted {
		if strings.Contains(s, w) {
			t.Errorf("the window shows %q; it should not:\n%s", w, s)
		}
	}
}

// paste pastes text into f as Ctrl+V does.
func paste(u *UI, f *field, text string) {
	clip := test.NewClipboard()
	clip.SetContent(text)
	u.win.Canvas().Focus(f)
	f.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
}

// ctrlEnter presses Ctrl+Enter in f.
func ctrlEnter(f *field) {
	f.TypedShortcut(&fdesktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl})
}

// enter types appid and pastes the other three inputs, then presses
// Ctrl+Enter.
func enter(u *UI, in core.Input) {
	t := &u.inspect
	for _, f := range []*field{t.appID, t.sessionKey, t.iv, t.encryptedData} {
		f.SetText("")
	}
	test.Type(t.appID, in.AppID)
	paste(u, t.sessionKey, in.SessionKey)
	paste(u, t.iv, in.IV)
	paste(u, t.encryptedData, in.EncryptedData)
	ctrlEnter(t.encryptedData)
}

func TestOfficialSample(t *testing.T) {
	u := newTestUI(t)
	assertShows(t, u, "Paste session_key, iv and encryptedData to see what they decrypt to.")
	enter(u, sample)
	assertShows(t, u,
		"Decrypted: user info",
		"Nickname Band",
		"openId oGZUI0egBJY1zhBYw2KhdUfwVJJE",
		"unionId ocMvos6NjeKLIBqg5Mr9QjxrP1FA",
		"Gender male",
		"City Guangzhou",
		"✓ appid matches wx4f4bc4dec97d474b",
		"Watermark time 2016-10-24 13:03:07 UTC (3414 d 22 h ago)",
		`"nickName": "Band",`,
		"Copy JSON", "Copy report",
	)
	assertHides(t, u, "Copy phone number", "Findings", sample.SessionKey)
}

func TestLoadSample(t *testing.T) {
	u := newTestUI(t)
	u.LoadSample()
	if got := u.inspect.encryptedData.Text; got != sample.EncryptedData {
		t.Fatalf("encryptedData entry holds %q", got)
	}
	assertShows(t, u, "Decrypted: user info", "✓ appid matches wx4f4bc4dec97d474b")
}

func TestDecryptsAsYouType(t *testing.T) {
	u := newTestUI(t)
	in := &u.inspect
	test.Type(in.appID, sample.AppID)
	test.Type(in.sessionKey, sample.SessionKey)
	test.Type(in.iv, sample.IV)
	test.Type(in.encryptedData, sample.EncryptedData[:40])
	paste(u, in.encryptedData, sample.EncryptedData[40:])
	// Nothing yet: the inspection waits for typing to pause.
	assertShows(t, u, "Paste session_key, iv and encryptedData")
	runQueued(t, u)
	assertShows(t, u, "Decrypted: user info", "Nickname Band")
	if got := u.historyLine(0); !strings.Contains(got, "✓ user info") {
		t.Errorf("newest history entry %q, want the decrypted sample", got)
	}
}

func TestRevealSessionKey(t *testing.T) {
	u := newTestUI(t)
	enter(u, sample)
	assertHides(t, u, sample.SessionKey)
	test.Tap(u.inspect.sessionKey.ActionItem.(fyne.Tappable))
	assertShows(t, u, sample.SessionKey)
	test.Tap(u.inspect.sessionKey.ActionItem.(fyne.Tappable))
	assertHides(t, u, sample.SessionKey)
}

// makeFixture makes open data as a mini-program would receive it.
func makeFixture(t *testing.T, payload []byte) core.Input {
	t.Helper()
	key, err := core.NewKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	iv, err := core.NewKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	f, err := core.Encrypt(payload, key, iv)
	if err != nil {
		t.Fatal(err)
	}
	return core.Input{SessionKey: f.SessionKey, IV: f.IV, EncryptedData: f.EncryptedData}
}

func TestKinds(t *testing.T) {
	const appID = "wx1234567890abcdef"
	at := clock.Add(-90 * time.Second)
	steps := core.DailySteps(30, at, 7)
	most := steps[0]
	for _, s := range steps {
		if s.Step > most.Step {
			most = s
		}
	}
	cases := []struct {
		name    string
		payload []byte
		want    []string
	}{
		{"phone", core.PhonePayload(appID, "13800138000", "86", at),
			[]string{"Decrypted: phone number", "+86 13800138000", "Country code +86", "Without country code: 13800138000", "Copy phone number"}},
		{"phone_abroad", core.PhonePayload(appID, "91234567", "852", at),
			[]string{"+852 91234567", "Country code +852"}},
		{"user", core.UserPayload(appID, core.UserInfo{OpenID: "oUser1", NickName: "小明", Gender: 2, City: "Shenzhen"}, at),
			[]string{"Decrypted: user info", "Nickname 小明", "openId oUser1", "Gender female", "City Shenzhen"}},
		{"werun", core.WeRunPayload(appID, steps, at),
			[]string{"Decrypted: WeRun steps", "30 days", "most " + strconv.Itoa(most.Step) + " on " + day(most.Timestamp),
				day(steps[0].Timestamp), day(steps[29].Timestamp)}},
		{"share", core.SharePayload(appID, "GShare0001", at),
			[]string{"Decrypted: share info", "openGId GShare0001"}},
		{"group", core.GroupPayload(appID, "GGroup0001", 3, at),
			[]string{"Decrypted: group info", "opengid GGroup0001", "chat_type 3"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := newTestUI(t)
			in := makeFixture(t, c.payload)
			in.AppID = appID
			enter(u, in)
			assertShows(t, u, c.want...)
			assertShows(t, u, "✓ appid matches "+appID, "(1 min 30 s ago)")
		})
	}
}

func TestWeRunChart(t *testing.T) {
	u := newTestUI(t)
	steps := core.DailySteps(7, clock, 3)
	in := makeFixture(t, core.WeRunPayload("wx1234567890abcdef", steps, clock))
	enter(u, in)
	var chart *stepChart
	walk(u.inspect.result, func(o fyne.CanvasObject) {
		if c, ok := o.(*stepChart); ok {
			chart = c
		}
	})
	if chart == nil {
		t.Fatal("no step chart in the result")
	}
	// The chart is inside the pane's padding, as the labels are.
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(chart)
	summary := fyne.CurrentApp().Driver().AbsolutePositionForObject(u.inspect.result.Objects[1])
	if pos.X < summary.X+theme.Padding() {
		t.Errorf("the chart starts at x=%v, the summary at %v: not padded", pos.X, summary.X)
	}
	r := test.WidgetRenderer(chart).(*chartRenderer)
	if len(r.bars) != 7 {
		t.Fatalf("%d bars, want 7", len(r.bars))
	}
	// The tallest bar is the day with the most steps, and heights follow
	// the step counts.
	for i := range steps {
		for j := range steps {
			if steps[i].Step > steps[j].Step && r.bars[i].Size().Height <= r.bars[j].Size().Height {
				t.Errorf("day %d (%d steps) is not taller than day %d (%d steps)", i, steps[i].Step, j, steps[j].Step)
			}
		}
	}
}

func TestBadPadding(t *testing.T) {
	u := newTestUI(t)
	in := sample
	in.SessionKey = wrongKey
	want := core.Inspect(in)
	if want.Error == nil || want.Error.Code != core.CodeBadPadding {
		t.Fatalf("core says %+v, want bad_padding", want.Error)
	}
	enter(u, in)
	assertShows(t, u, "Not decrypted: "+want.Error.Message, "Code bad_padding", "Hint: "+want.Error.Hint)
	assertHides(t, u, "Decrypted", "Copy JSON", "Failed: bad_padding")
	assertShows(t, u, "Copy report")
}

// TestEveryMissingField: with neither session_key nor iv, both are named,
// each once: the first as the error, the other as a finding.
func TestEveryMissingField(t *testing.T) {
	u := newTestUI(t)
	in := sample
	in.SessionKey, in.IV = "", ""
	enter(u, in)
	assertShows(t, u, "Not decrypted: session_key is missing", "iv is missing")
	if s := screen(u); strings.Count(s, "session_key is missing") != 1 || strings.Count(s, "iv is missing") != 1 {
		t.Errorf("each missing field once, got: %s", s)
	}
}

func TestAppIDMismatch(t *testing.T) {
	u := newTestUI(t)
	in := sample
	in.AppID = "wx0000000000000000"
	enter(u, in)
	assertShows(t, u,
		"Decrypted, but rejected: the watermark appid is wx4f4bc4dec97d474b, not wx0000000000000000",
		"Code appid_mismatch",
		"× appid differs: watermark wx4f4bc4dec97d474b, expected wx0000000000000000",
		"Nickname Band", // the data is still shown, to see whose it is
	)
}

func TestRepairedPlusAsSpace(t *testing.T) {
	u := newTestUI(t)
	in := sample
	in.EncryptedData = strings.ReplaceAll(in.EncryptedData, "+", " ")
	enter(u, in)
	assertShows(t, u, "Decrypted after repairing the input: user info", "Findings", "[warning] plus_as_space")
	_, hint := core.CodePlusAsSpace.Describe(core.English)
	assertShows(t, u, "Hint: "+hint)
}

func TestPasteAnything(t *testing.T) {
	detail := `{"errMsg":"getUserInfo:ok","rawData":"{}","signature":"abc",` +
		`"encryptedData":"` + sample.EncryptedData + `","iv":"` + sample.IV + `"}`
	query := "appid=" + sample.AppID + "&session_key=" + url.QueryEscape(sample.SessionKey) +
		"&iv=" + url.QueryEscape(sample.IV) + "&encryptedData=" + url.QueryEscape(sample.EncryptedData)

	t.Run("e.detail", func(t *testing.T) {
		u := newTestUI(t)
		test.Type(u.inspect.appID, sample.AppID)
		paste(u, u.inspect.sessionKey, sample.SessionKey)
		u.app.Clipboard().SetContent(detail)
		test.Tap(u.inspect.paste)
		if u.inspect.iv.Text != sample.IV {
			t.Errorf("iv entry holds %q", u.inspect.iv.Text)
		}
		assertShows(t, u, "Filled iv, encrypted_data from the clipboard", "Decrypted: user info")
	})
	t.Run("query", func(t *testing.T) {
		u := newTestUI(t)
		u.app.Clipboard().SetContent(query)
		test.Tap(u.inspect.paste)
		assertShows(t, u, "Filled appid, session_key, iv, encrypted_data from the clipboard",
			"Decrypted after repairing the input: user info", "✓ appid matches "+sample.AppID)
	})
	t.Run("system clipboard first", func(t *testing.T) {
		u := newTestUI(t)
		u.readSystem = func() (string, error) { return query, nil }
		test.Tap(u.inspect.paste)
		assertShows(t, u, "Decrypted after repairing the input: user info")
	})
	t.Run("bare values", func(t *testing.T) {
		u := newTestUI(t)
		u.app.Clipboard().SetContent(sample.SessionKey + "\n" + sample.IV + "\n" + sample.EncryptedData + "\n")
		test.Tap(u.inspect.paste)
		assertShows(t, u, "Filled session_key, iv, encrypted_data from the clipboard", "Decrypted: user info")
	})
	t.Run("empty", func(t *testing.T) {
		u := newTestUI(t)
		test.Tap(u.inspect.paste)
		assertShows(t, u, "The clipboard is empty", "Paste session_key, iv and encryptedData")
	})
}

func TestLanguageSwitch(t *testing.T) {
	u := newTestUI(t)
	in := sample
	in.AppID = "wx0000000000000000"
	enter(u, in)
	assertShows(t, u, "Inspect", "Decrypted, but rejected")

	test.Tap(u.langSelect)
	tapMenuItem(t, u, "简体中文")
	zh := core.Inspect(core.Input{AppID: in.AppID, SessionKey: in.SessionKey, IV: in.IV,
		EncryptedData: in.EncryptedData, Lang: core.Chinese, Now: clock})
	assertShows(t, u, "解密检查", "已解密，但未通过校验："+zh.Error.Message, "× appid 不一致", "昵称 Band",
		"提示："+zh.Error.Hint, "清空")
	assertHides(t, u, "Decrypted", "Nickname")
	if got := u.app.Preferences().String(prefLang); got != "zh" {
		t.Errorf("language preference %q, want zh", got)
	}

	u.SetLang(core.English)
	assertShows(t, u, "Inspect", "Decrypted, but rejected", "Nickname Band")
}

// tapMenuItem taps the item of the open pop-up menu whose label is text:
// the innermost tappable object that shows it.
func tapMenuItem(t *testing.T, u *UI, text string) {
	t.Helper()
	var item fyne.Tappable
	size := -1
	for _, o := range u.win.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			tp, ok := obj.(fyne.Tappable)
			if !ok {
				continue
			}
			inner := test.LaidOutObjects(obj)
			for _, c := range inner {
				if tx, ok := c.(*canvas.Text); ok && tx.Text == text && (size < 0 || len(inner) < size) {
					item, size = tp, len(inner)
				}
			}
		}
	}
	if item == nil {
		t.Fatalf("no menu item %q", text)
	}
	test.Tap(item)
}

func TestCopy(t *testing.T) {
	u := newTestUI(t)
	in := makeFixture(t, core.PhonePayload("wx1234567890abcdef", "13800138000", "86", clock))
	enter(u, in)

	test.Tap(u.inspect.copyPhone)
	if got := u.app.Clipboard().Content(); got != "13800138000" {
		t.Errorf("clipboard holds %q after Copy phone number", got)
	}
	assertShows(t, u, "Copied the phone number")

	var system string
	u.writeSystem = func(s string) error { system = s; return nil }
	test.Tap(u.inspect.copyReport)
	if !strings.Contains(system, `"kind": "phone"`) || strings.Contains(system, in.SessionKey) {
		t.Errorf("system clipboard holds %q after Copy report", system)
	}
	assertShows(t, u, "Copied the report")

	u.writeSystem = func(string) error { return errors.New("xclip: cannot open display") }
	u.fyneClip = func() fyne.Clipboard { return brokenClipboard{} }
	test.Tap(u.inspect.copyJSON)
	assertShows(t, u, "Could not copy: no clipboard is available")
}

type brokenClipboard struct{}

func (brokenClipboard) Content() string   { return "" }
func (brokenClipboard) SetContent(string) {}

func TestFixtureTab(t *testing.T) {
	u := newTestUI(t)
	f := &u.fixture
	u.tabs.Select(u.tabFixture)
	f.appID.SetText("")
	test.Type(f.appID, "wxfeedfacecafe0001")
	f.kind.SetSelected("phone")
	if !strings.Contains(f.payload.Text, `"appid": "wxfeedfacecafe0001"`) {
		t.Fatalf("the phone plaintext does not name the appid:\n%s", f.payload.Text)
	}
	test.Tap(f.make)
	assertShows(t, u, `"session_key":`, `"encrypted_data":`, "Made with a fresh random session_key and iv")
	test.Tap(f.load)
	if u.tabs.Selected() != u.tabInspect {
		t.Error("Load into Inspect did not show the Inspect tab")
	}
	assertShows(t, u, "Decrypted: phone number", "+86 13800138000", "✓ appid matches wxfeedfacecafe0001")
}

func TestHistory(t *testing.T) {
	u := newTestUI(t)
	enter(u, sample)
	bad := sample
	bad.IV = wrongKey // not the sample's: only the first block is garbage
	enter(u, bad)
	ctrlEnter(u.inspect.encryptedData) // the same input again: no new entry

	u.tabs.Select(u.tabHistory)
	if n := u.history.list.Length(); n != 2 {
		t.Fatalf("history lists %d inspections, want 2", n)
	}
	assertShows(t, u, "× iv_mismatch wx4f4bc4dec97d474b", "✓ user info wx4f4bc4dec97d474b Band")
	assertHides(t, u, sample.SessionKey)

	u.history.list.Select(1) // the older one: the official sample
	if u.tabs.Selected() != u.tabInspect || u.inspect.iv.Text != sample.IV {
		t.Fatalf("selecting the sample in the history did not load it (iv %q)", u.inspect.iv.Text)
	}
	assertShows(t, u, "Decrypted: user info")

	u.tabs.Select(u.tabHistory)
	test.Tap(u.history.clear)
	if n := u.history.list.Length(); n != 0 {
		t.Fatalf("history lists %d inspections after Clear", n)
	}
	assertShows(t, u, "Inspections of this session appear here")
}

// TestPreferencesHoldNoSecret checks what is persisted: the appid and the
// window's choices, never a session_key or an iv.
func TestPreferencesHoldNoSecret(t *testing.T) {
	u := newTestUI(t)
	enter(u, sample)
	u.SetLang(core.Chinese)
	u.win.Close()
	type valueReader interface{ ReadValues(func(map[string]any)) }
	vr, ok := u.app.Preferences().(valueReader)
	if !ok {
		t.Skip("the test app's preferences cannot be listed")
	}
	vr.ReadValues(func(m map[string]any) {
		for k, v := range m {
			s, _ := v.(string)
			for _, secret := range []string{sample.SessionKey, sample.IV, sample.EncryptedData[:20]} {
				if strings.Contains(s, secret) {
					t.Errorf("preference %q holds a secret", k)
				}
			}
		}
		if m[prefAppID] != sample.AppID || m[prefLang] != "zh" {
			t.Errorf("preferences %v: want appid and lang", m)
		}
		if _, ok := m[prefWidth]; !ok {
			t.Errorf("preferences %v: want the window size", m)
		}
	})
}

func TestSince(t *testing.T) {
	u := &UI{lang: core.English}
	for d, want := range map[time.Duration]string{
		42 * time.Second:              "42 s ago",
		3 * time.Minute:               "3 min ago",
		5 * time.Hour:                 "5 h ago",
		12 * 24 * time.Hour:           "12 d ago",
		9*365*24*time.Hour + 1000:     "3285 d ago",
		26*time.Hour + 59*time.Minute: "1 d 2 h ago",
		-2 * time.Minute:              "2 min in the future",
	} {
		if got := u.since(d); got != want {
			t.Errorf("since(%v) = %q, want %q", d, got, want)
		}
	}
	u.lang = core.Chinese
	if got := u.since(26*time.Hour + 59*time.Minute); got != "1天2小时前" {
		t.Errorf("since in Chinese = %q, want 1天2小时前", got)
	}
}

package desktop

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fdesktop "fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/wxinspect/wxinspect/core"
)

// inspectTab holds the widgets of the Inspect tab and what it last showed.
type inspectTab struct {
	appID         *field
	sessionKey    *field
	iv            *field
	encryptedData *field
	maxAge        *field
	platform      platformInputs // platform.go
	paste         *widget.Button
	sample        *widget.Button
	run           *widget.Button
	clear         *widget.Button

	result     *fyne.Container // the rendered report
	scroll     *container.Scroll
	copyPhone  *widget.Button
	copyJSON   *widget.Button
	copyReport *widget.Button

	input  core.Input   // what report is about
	report *core.Report // nil before the first inspection
	answer string       // the WeChat answer pasted, when report explains it
	// pasted is the input of the last paste: it knows where each field was
	// read, which the report says as long as the entry still holds that value.
	pasted core.Input

	timer     *time.Timer // the pending debounced inspection
	filling   bool        // set while Load fills the entries
	replaying bool        // set while a history entry is loaded: not recorded again
}

// field is an Entry that runs submit on Ctrl+Enter (Cmd+Enter on macOS),
// even in a multi-line entry where Enter breaks the line, and where Tab
// moves the focus on, as in every other field: base64 has no tabs, and a tab
// typed into encryptedData would only corrupt it.
type field struct {
	widget.Entry
	submit func()
}

func newField(multiLine, password bool, submit func()) *field {
	f := &field{submit: submit}
	f.MultiLine = multiLine
	f.Password = password
	f.Wrapping = fyne.TextWrapOff
	if multiLine {
		f.Wrapping = fyne.TextWrapBreak
	}
	f.ExtendBaseWidget(f)
	return f
}

// AcceptsTab implements fyne.Tabbable: Tab and Shift+Tab move the focus.
func (f *field) AcceptsTab() bool { return false }

// TypedShortcut implements fyne.Shortcutable.
func (f *field) TypedShortcut(s fyne.Shortcut) {
	if isSubmit(s) && f.submit != nil {
		f.submit()
		return
	}
	f.Entry.TypedShortcut(s)
}

// submitShortcuts are Ctrl+Enter and the platform's shortcut key + Enter.
var submitShortcuts = []*fdesktop.CustomShortcut{
	{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl},
	{KeyName: fyne.KeyEnter, Modifier: fyne.KeyModifierControl},
	{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault},
	{KeyName: fyne.KeyEnter, Modifier: fyne.KeyModifierShortcutDefault},
}

func isSubmit(s fyne.Shortcut) bool {
	c, ok := s.(*fdesktop.CustomShortcut)
	if !ok {
		return false
	}
	for _, sc := range submitShortcuts {
		if c.KeyName == sc.KeyName && c.Mod() == sc.Mod() {
			return true
		}
	}
	return false
}

// addShortcuts makes Ctrl+Enter inspect when no entry has the focus.
func (u *UI) addShortcuts() {
	for _, sc := range submitShortcuts {
		u.win.Canvas().AddShortcut(sc, func(fyne.Shortcut) { u.Inspect() })
	}
}

func (u *UI) buildInspect() fyne.CanvasObject {
	t := &u.inspect
	t.appID = newField(false, false, u.Inspect)
	t.appID.SetText(u.app.Preferences().String(prefAppID))
	t.sessionKey = newField(false, true, u.Inspect)
	t.iv = newField(false, false, u.Inspect)
	t.encryptedData = newField(true, false, u.Inspect)
	t.encryptedData.SetMinRowsVisible(6)
	t.maxAge = newField(false, false, u.Inspect)
	u.placeholder(&t.appID.Entry, "appid.placeholder")
	u.placeholder(&t.sessionKey.Entry, "sk.placeholder")
	u.placeholder(&t.iv.Entry, "iv.placeholder")
	u.placeholder(&t.encryptedData.Entry, "ed.placeholder")
	u.placeholder(&t.maxAge.Entry, "max_age.placeholder")
	for _, f := range []*field{t.appID, t.sessionKey, t.iv, t.encryptedData, t.maxAge} {
		f.OnChanged = func(string) { u.changed() }
	}

	t.paste = u.button("paste", u.PasteAnything)
	t.run = u.button("inspect", u.Inspect)
	t.run.Importance = widget.HighImportance
	t.clear = u.button("clear", u.ClearInputs)
	t.sample = u.button("sample", u.LoadSample)

	wechatRows := []fyne.CanvasObject{
		u.label("session_key"), t.sessionKey,
		u.label("iv"), t.iv,
		u.label("encrypted_data"), t.encryptedData,
	}
	selector, platformRows := u.buildPlatform(wechatRows...)
	rows := []fyne.CanvasObject{u.label("platform"), selector, u.label("appid"), t.appID}
	rows = append(rows, wechatRows...)
	rows = append(rows, platformRows...)
	rows = append(rows, u.label("max_age"), t.maxAge)
	form := container.New(layout.NewFormLayout(), rows...)
	left := container.NewVBox(form,
		container.NewHBox(t.paste, t.sample, t.clear),
		container.NewHBox(layout.NewSpacer(), t.run))

	t.copyPhone = u.button("copy.phone", func() { u.CopyPhone() })
	t.copyJSON = u.button("copy.json", func() { u.CopyJSON() })
	t.copyReport = u.button("copy.report", func() { u.CopyReport() })
	t.result = container.NewVBox()
	u.onLang(u.rerender)

	t.scroll = container.NewVScroll(t.result)
	split := container.NewHSplit(container.NewVScroll(left), t.scroll)
	split.Offset = 0.42
	return split
}

// input is what the entries hold now.
func (u *UI) input() core.Input {
	t := &u.inspect
	in := t.pasted
	in.AppID = strings.TrimSpace(t.appID.Text)
	in.SessionKey = shown(t.sessionKey)
	in.IV = shown(t.iv)
	in.EncryptedData = shown(t.encryptedData)
	u.platformInput(&in)
	in.MaxAge = maxAge(t.maxAge.Text)
	in.Lang = u.lang
	in.Now = u.now()
	return in
}

// changed schedules an inspection once typing pauses for debounce.
func (u *UI) changed() {
	t := &u.inspect
	if t.filling {
		return
	}
	u.stopTimer()
	u.pending.Add(1)
	t.timer = time.AfterFunc(debounce, func() {
		u.do(func() {
			defer u.pending.Add(-1)
			u.Inspect()
		})
	})
}

// stopTimer cancels the pending debounced inspection, if it has not fired.
func (u *UI) stopTimer() {
	t := &u.inspect
	if t.timer != nil && t.timer.Stop() {
		u.pending.Add(-1)
	}
	t.timer = nil
}

// Inspect inspects the entries now and shows the report; the three inputs
// filled in, it also adds the inspection to the history.
func (u *UI) Inspect() {
	t := &u.inspect
	u.stopTimer()
	in := u.input()
	u.setStatus(u.t("status.secrets_note")) // what an earlier action said is stale now
	if in.Empty() && in.Sign == "" {
		t.input, t.report = in, nil
		u.renderReport()
		t.scroll.ScrollToTop()
		return
	}
	in, t.report = u.inspectWithKeys(in)
	t.input, t.answer = in, ""
	u.renderReport()
	t.scroll.ScrollToTop() // a new result starts with its headline
	if in.AppID != "" {
		u.app.Preferences().SetString(prefAppID, in.AppID)
	}
	complete := in.SessionKey != "" && in.IV != "" && in.EncryptedData != "" || in.Data != "" || in.Response != ""
	if complete && !t.replaying {
		u.record(withoutKeys(in), t.report)
	}
	u.recordsFollow()
}

// recordsFollow inspects the records again when the appid or the max age
// they take from the Inspect tab changed.
func (u *UI) recordsFollow() {
	r := &u.records
	appID, age := strings.TrimSpace(u.inspect.appID.Text), u.inspect.maxAge.Text
	if appID != r.appID || age != r.maxAge {
		r.appID, r.maxAge = appID, age
		u.rerunRecords()
	}
}

// maxAge reads the max-age field as core.ParseMaxAge does (300, 10m, 7d);
// anything it refuses is no limit.
func maxAge(s string) time.Duration {
	d, err := core.ParseMaxAge(s)
	if err != nil {
		return 0
	}
	return d
}

// rerender inspects the last input again in the current language: the
// report's messages are in the language it was made in.
func (u *UI) rerender() {
	t := &u.inspect
	switch {
	case t.answer != "":
		t.report = core.ExplainAnswer(t.answer, u.lang)
	case t.report != nil:
		in := t.input
		in.Lang = u.lang
		t.input, t.report = u.inspectWithKeys(in)
	}
	u.renderReport()
}

// Load fills the entries with in and inspects it.
func (u *UI) Load(in core.Input) {
	t := &u.inspect
	t.pasted = in
	t.filling = true
	t.appID.SetText(in.AppID)
	t.sessionKey.SetText(in.SessionKey)
	t.iv.SetText(in.IV)
	t.encryptedData.SetText(in.EncryptedData)
	u.loadPlatform(in)
	if in.MaxAge > 0 {
		t.maxAge.SetText(strconv.FormatInt(int64(in.MaxAge/time.Second), 10))
	}
	t.filling = false
	u.tabs.Select(u.tabInspect)
	u.Inspect()
}

// PasteAnything reads the clipboard and fills the entries from whatever it
// holds: a mini-program's e.detail, a JSON log record, a query string or
// bare values (see core.ReadText).
func (u *UI) PasteAnything() {
	u.PasteText(u.pasteText())
}

// PasteText fills the entries from text as PasteAnything does, by the
// core's paste rule (core.Input.Paste): the fields the first record of text
// holds replace the entries', the others keep what was typed.
func (u *UI) PasteText(text string) {
	if strings.TrimSpace(text) == "" {
		u.setStatus(u.t("paste.empty"))
		return
	}
	if lines := splitRecords(text); lines != nil {
		u.ShowRecords(lines)
		u.setStatus(u.t("records.pasted", len(lines)))
		return
	}
	rec := core.ReadText(text)[0]
	if rec.SessionKey == "" && rec.IV == "" && rec.EncryptedData == "" {
		if rep := core.ExplainAnswer(text, u.lang); rep != nil {
			u.showAnswerReport(text, rep)
			return
		}
	}
	in, names := u.input().Paste(rec)
	if len(names) == 0 {
		u.setStatus(u.t("paste.none"))
		return
	}
	u.Load(in)
	u.setStatus(u.t("pasted", strings.Join(names, ", ")))
}

// ClearInputs empties the entries (the appid stays) and the result.
func (u *UI) ClearInputs() {
	p := &u.inspect.platform
	for _, f := range []*field{p.aesKey, p.alipayKey, p.privateKey} {
		f.SetText("")
	}
	u.Load(core.Input{AppID: u.inspect.appID.Text})
}

// showAnswerReport shows the report of a WeChat answer pasted in place of
// data (core.ExplainAnswer): its errcode, errmsg and rid, with the offer to
// look the rid up. The entries keep what was typed.
func (u *UI) showAnswerReport(text string, rep *core.Report) {
	t := &u.inspect
	u.stopTimer()
	t.input, t.report, t.answer = u.input(), rep, text
	u.renderReport()
	t.scroll.ScrollToTop()
	if rep.Error.WeChatCode == 0 { // a rid alone (rid_pasted)
		u.setStatus(u.t("rid.pasted"))
		return
	}
	u.setStatus(u.t("answer.pasted", rep.Error.WeChatCode))
}

// LookUpRID looks rid up with rid/get in the Call tab, with the base URL
// and credentials typed there.
func (u *UI) LookUpRID(rid string) {
	t := &u.call
	t.api.SetSelected("rid/get")
	t.ridEntry.SetText(rid)
	u.tabs.Select(u.tabCall)
	u.Send()
}

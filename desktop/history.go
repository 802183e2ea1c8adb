package desktop

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/wxinspect/wxinspect/core"
)

// maxHistory bounds the history; the oldest inspections go first.
const maxHistory = 200

// historyTab lists this session's inspections, newest first. It is kept in
// memory only: the entries hold session_keys.
type historyTab struct {
	entries []historyEntry // oldest first
	list    *widget.List
	empty   *widget.Label
	clear   *widget.Button
}

type historyEntry struct {
	at     time.Time
	input  core.Input
	report *core.Report
}

func (u *UI) buildHistory() fyne.CanvasObject {
	t := &u.history
	t.list = widget.NewList(
		func() int { return len(t.entries) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(u.historyLine(id))
		})
	t.list.OnSelected = func(id widget.ListItemID) {
		t.list.UnselectAll()
		u.LoadHistory(id)
	}
	t.empty = u.label("history.empty")
	t.empty.Wrapping = fyne.TextWrapWord
	t.clear = u.button("history.clear", u.ClearHistory)
	u.onLang(t.list.Refresh)
	return container.NewBorder(container.NewVBox(t.empty, container.NewHBox(t.clear)), nil, nil, nil, t.list)
}

// record adds an inspection to the history, or replaces the newest entry
// when the inputs are the same.
func (u *UI) record(in core.Input, r *core.Report) {
	t := &u.history
	e := historyEntry{at: u.now(), input: in, report: r}
	if n := len(t.entries); n > 0 && sameInput(t.entries[n-1].input, in) {
		t.entries[n-1] = e
	} else {
		t.entries = append(t.entries, e)
		if len(t.entries) > maxHistory {
			t.entries = append(t.entries[:0], t.entries[len(t.entries)-maxHistory:]...)
		}
	}
	t.empty.Hide()
	t.list.Refresh()
}

func sameInput(a, b core.Input) bool {
	return a.AppID == b.AppID && a.SessionKey == b.SessionKey && a.IV == b.IV &&
		a.EncryptedData == b.EncryptedData && a.PlatformInput.Platform == b.PlatformInput.Platform &&
		a.Data == b.Data && a.Response == b.Response && a.Sign == b.Sign && a.AppKey == b.AppKey
}

// historyLine is row id of the list, newest first: time, outcome, appid and
// what the data was. It never shows the session_key.
func (u *UI) historyLine(id int) string {
	t := &u.history
	i := len(t.entries) - 1 - id
	if i < 0 || i >= len(t.entries) {
		return ""
	}
	e := t.entries[i]
	parts := []string{e.at.Format("15:04:05")}
	if e.report.OK {
		parts = append(parts, "✓ "+u.t("kind."+string(e.report.Kind)))
	} else if e.report.Error != nil {
		parts = append(parts, "× "+string(e.report.Error.Code))
	}
	if e.input.AppID != "" {
		parts = append(parts, e.input.AppID)
	}
	if d := e.report.Data; d != nil {
		switch d.Kind {
		case core.KindPhone:
			parts = append(parts, d.Phone.PhoneNumber)
		case core.KindUser:
			parts = append(parts, d.User.NickName)
		case core.KindShare:
			parts = append(parts, d.Share.OpenGID)
		case core.KindGroup:
			parts = append(parts, d.Group.OpenGID)
		}
	}
	return strings.Join(parts, "  ")
}

// LoadHistory puts row id of the history list back into the Inspect tab.
func (u *UI) LoadHistory(id int) {
	t := &u.history
	i := len(t.entries) - 1 - id
	if i < 0 || i >= len(t.entries) {
		return
	}
	u.inspect.replaying = true
	defer func() { u.inspect.replaying = false }()
	u.Load(t.entries[i].input)
}

// ClearHistory forgets every inspection of the session.
func (u *UI) ClearHistory() {
	t := &u.history
	clear(t.entries)
	t.entries = t.entries[:0]
	t.empty.Show()
	t.list.Refresh()
}

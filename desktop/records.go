package desktop

import (
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/wxinspect/wxinspect/core"
)

// maxDropped bounds what is read of a dropped file.
const maxDropped = 16 << 20

// recordsTab shows a paste or a dropped file of several records, one per
// line: every non-empty line is a row, an unreadable one with the core's
// error, as on the page.
type recordsTab struct {
	counts   *widget.Label
	failures *widget.Check
	list     *widget.List
	lines    []recordLine
	shown    []int // indexes into lines, after the filter

	appID, maxAge string // the Inspect tab's, when the records were inspected
}

type recordLine struct {
	line   int
	input  core.Input // as extracted; appid and max age come from the Inspect tab when absent
	report *core.Report
}

func (u *UI) buildRecords() fyne.CanvasObject {
	t := &u.records
	t.counts = widget.NewLabel("")
	t.counts.Wrapping = fyne.TextWrapWord
	t.failures = widget.NewCheck("", func(bool) { u.filterRecords() })
	u.onLang(func() { t.failures.Text = u.t("records.failures"); t.failures.Refresh() })
	t.list = widget.NewList(
		func() int { return len(t.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.SetText(u.recordText(id))
			l.Importance = widget.MediumImportance
			if id < len(t.shown) && !t.lines[t.shown[id]].report.OK {
				l.Importance = widget.DangerImportance
			}
			l.Refresh()
		})
	t.list.OnSelected = func(id widget.ListItemID) {
		if id < len(t.shown) {
			u.Load(u.recordInput(t.lines[t.shown[id]]))
		}
	}
	u.onLang(u.rerunRecords)
	return container.NewBorder(container.NewVBox(t.counts, t.failures), nil, nil, nil, t.list)
}

// recordInput is the input of a record with the appid and max age of the
// Inspect tab where the line gives none.
func (u *UI) recordInput(r recordLine) core.Input {
	in := r.input
	if in.AppID == "" {
		in.AppID = strings.TrimSpace(u.inspect.appID.Text)
	}
	in.MaxAge = maxAge(u.inspect.maxAge.Text)
	in.Lang = u.lang
	in.Now = u.now()
	// The platform and the keys of the Inspect tab apply to every record.
	var p core.Input
	u.platformInput(&p)
	if in.Platform == "" {
		in.Platform = p.Platform
	}
	if in.AppKey == "" {
		in.AppKey = p.AppKey
	}
	if in.AESKey == "" {
		in.AESKey = p.AESKey
	}
	return in
}

// splitRecords reads text as records (core.ReadText) when it holds at
// least two; otherwise it returns nil.
func splitRecords(text string) []recordLine {
	recs := core.ReadText(text)
	if len(recs) < 2 {
		return nil
	}
	lines := make([]recordLine, len(recs))
	for i, in := range recs {
		lines[i] = recordLine{line: firstLine(core.Inspect(in)), input: in}
	}
	return lines
}

// firstLine is the line of the text where a record's first field was read.
// The appid does not count: a record keeps the appid of the record before it
// when it names none of its own, or the same one.
func firstLine(r *core.Report) int {
	line := 0
	for _, f := range r.Input {
		if f.Field != core.FieldAppID && f.Line > 0 && (line == 0 || f.Line < line) {
			line = f.Line
		}
	}
	return line
}

// ShowRecords inspects every record and shows them in the Records tab.
func (u *UI) ShowRecords(lines []recordLine) {
	u.records.lines = lines
	u.rerunRecords()
	if u.tabRecords != nil {
		u.tabs.Select(u.tabRecords)
	}
}

// rerunRecords inspects the records again: the appid, the max age or the
// language changed.
func (u *UI) rerunRecords() {
	t := &u.records
	if len(t.lines) == 0 {
		return
	}
	ok := 0
	failures := map[core.Code]int{}
	var order []core.Code
	for i := range t.lines {
		_, r := u.inspectWithKeys(u.recordInput(t.lines[i]))
		t.lines[i].report = r
		if r.OK {
			ok++
			continue
		}
		if failures[r.Error.Code] == 0 {
			order = append(order, r.Error.Code)
		}
		failures[r.Error.Code]++
	}
	parts := []string{u.t("records.counts", len(t.lines), ok, len(t.lines)-ok)}
	for _, c := range order {
		parts = append(parts, string(c)+" "+strconv.Itoa(failures[c]))
	}
	t.counts.SetText(strings.Join(parts, "  ·  "))
	u.filterRecords()
}

func (u *UI) filterRecords() {
	t := &u.records
	t.shown = t.shown[:0]
	for i, l := range t.lines {
		if l.report != nil && (!t.failures.Checked || !l.report.OK) {
			t.shown = append(t.shown, i)
		}
	}
	t.list.UnselectAll()
	t.list.Refresh()
}

// recordText is row id: line, outcome, kind or code, message.
func (u *UI) recordText(id int) string {
	t := &u.records
	if id < 0 || id >= len(t.shown) {
		return ""
	}
	l := t.lines[t.shown[id]]
	r := l.report
	s := u.t("records.line", l.line) + "  "
	if r.OK {
		return s + "✓ " + u.t("kind."+string(r.Kind))
	}
	return s + "× " + string(r.Error.Code) + "  " + r.Error.Message
}

// DropFiles reads the first dropped file that can be read and pastes its
// text: one record fills the Inspect tab, several fill the Records tab.
func (u *UI) DropFiles(uris []fyne.URI) {
	for _, uri := range uris {
		rc, err := storage.Reader(uri)
		if err != nil {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(rc, maxDropped))
		rc.Close()
		if err != nil {
			continue
		}
		u.PasteText(string(b))
		return
	}
	u.setStatus(u.t("drop.none"))
}

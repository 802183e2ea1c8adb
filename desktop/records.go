package desktop

import (
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/wxinspect/wxinspect/core"
)

// maxDropped bounds what is read of a dropped file.
const maxDropped = 16 << 20

// recordsTab shows a paste or a dropped file of several records, one per
// line: every non-empty line is a row, an unreadable one with the core's
// error (unreadable_line), as on the page; both export the reports the same
// way.
type recordsTab struct {
	counts   *widget.Label
	failures *widget.Check
	jsonl    *widget.Button
	csv      *widget.Button
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
	t.jsonl = u.button("records.jsonl", func() { u.saveRecords("wxinspect-reports.jsonl", false) })
	t.csv = u.button("records.csv", func() { u.saveRecords("wxinspect-reports.csv", true) })
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
		if id >= len(t.shown) {
			return
		}
		l := t.lines[t.shown[id]]
		if e := l.report.Error; e != nil && e.Code == core.CodeUnreadableLine {
			u.setStatus(e.Message) // nothing to load
			return
		}
		u.Load(u.recordInput(l))
	}
	u.onLang(u.rerunRecords)
	top := container.NewVBox(t.counts, container.NewHBox(t.failures, layout.NewSpacer(), t.jsonl, t.csv))
	return container.NewBorder(top, nil, nil, nil, t.list)
}

// ExportRecords writes the reports of the Records tab as the page exports
// them: JSON Lines (core.AppendReportsJSONL), or CSV
// (core.AppendReportsCSV) when csv is true.
func (u *UI) ExportRecords(w io.Writer, csv bool) error {
	reps := make([]*core.Report, len(u.records.lines))
	for i, l := range u.records.lines {
		reps[i] = l.report
	}
	var b []byte
	if csv {
		b = core.AppendReportsCSV(nil, reps)
	} else {
		b = core.AppendReportsJSONL(nil, reps)
	}
	_, err := w.Write(b)
	return err
}

// saveRecords asks where to save the export, then writes it there.
func (u *UI) saveRecords(name string, csv bool) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if wc == nil || err != nil {
			return
		}
		err = u.ExportRecords(wc, csv)
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			u.setStatus(u.t("records.export_fail", err))
			return
		}
		u.setStatus(u.t("records.exported", len(u.records.lines), wc.URI().Name()))
	}, u.win)
	d.SetFileName(name)
	d.Show()
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
		lines[i] = recordLine{line: core.Inspect(in).SourceLine(), input: in}
	}
	return lines
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

package desktop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxinspect/wxinspect/core"
)

// chinaTime is the zone of WeRun's day boundaries.
var chinaTime = core.ChinaTime()

// renderReport shows the current report in the result pane.
func (u *UI) renderReport() {
	t := &u.inspect
	r := t.report
	var objs []fyne.CanvasObject
	if r == nil {
		objs = append(objs, wrapped(u.t("result.empty"), widget.MediumImportance))
		t.result.Objects = objs
		relayout(t.result)
		return
	}
	objs = append(objs, u.headline(r))
	if r.Platform != "" && r.Platform != core.PlatformWeChat {
		objs = append(objs, wrapped(u.t("platform.line", u.t("platform."+string(r.Platform))), widget.MediumImportance))
	}
	if p := r.Error; p != nil {
		objs = append(objs, wrapped(u.t("code_line", p.Code), widget.MediumImportance))
		if p.Hint != "" {
			objs = append(objs, wrapped(u.t("hint", p.Hint), widget.MediumImportance))
		}
		if p.WeChatCode != 0 {
			objs = append(objs, wrapped(u.t("wechat_code", p.WeChatCode), widget.MediumImportance))
		}
		if rid := p.RID; rid != "" {
			objs = append(objs, container.NewHBox(selectable(u.t("call.rid", rid)),
				u.button("copy.rid", func() { u.copyText("what.rid", rid) }),
				u.button("lookup.rid", func() { u.LookUpRID(rid) })))
		}
	}
	if d := r.Data; d != nil {
		objs = append(objs, u.renderData(d)...)
	}
	objs = append(objs, u.renderRepairs(r)...)
	if w := r.Watermark; w != nil {
		objs = append(objs, u.renderWatermark(w)...)
	}
	var findings []fyne.CanvasObject
	for _, f := range r.Findings { // the error is not among them: shown above
		findings = append(findings, u.renderFinding(f)...)
	}
	if len(findings) > 0 {
		objs = append(objs, widget.NewSeparator(), subheading(u.t("findings")))
		objs = append(objs, findings...)
	}
	if d := r.Data; d != nil {
		raw := widget.NewLabel(prettyJSON(d.Raw))
		raw.TextStyle = fyne.TextStyle{Monospace: true}
		raw.Selectable = true
		raw.Wrapping = fyne.TextWrapBreak
		objs = append(objs, widget.NewSeparator(), subheading(u.t("raw")), raw)
	}
	buttons := container.NewHBox()
	if r.Data != nil && r.Data.Kind == core.KindPhone && r.Data.Phone.PhoneNumber != "" {
		buttons.Add(t.copyPhone)
	}
	if r.Data != nil {
		buttons.Add(t.copyJSON)
	}
	buttons.Add(t.copyReport)
	objs = append(objs, buttons)
	t.result.Objects = objs
	relayout(t.result)
}

// headline is the first line of a report: what happened, in words, in the
// colour of the outcome. Data that decrypted but was rejected (another
// appid, too old) says so rather than "not decrypted"; data that decrypted
// only after a repair says so in the warning colour.
func (u *UI) headline(r *core.Report) *widget.Label {
	kind := u.t("kind." + string(r.Kind))
	switch {
	case r.OK && repaired(r):
		return heading(u.t("result.repaired", kind), widget.WarningImportance)
	case r.OK:
		return heading(u.t("result.ok", kind), widget.SuccessImportance)
	case r.Error == nil:
		return heading(u.t("result.fail", ""), widget.DangerImportance)
	case r.Data != nil:
		return heading(u.t("result.rejected", r.Error.Message), widget.DangerImportance)
	}
	return heading(u.t("result.fail", r.Error.Message), widget.DangerImportance)
}

// repaired reports whether r decrypted only after a repair of an input.
func repaired(r *core.Report) bool {
	for _, f := range r.Findings {
		switch f.Code {
		case core.CodeWhitespace, core.CodeQuoted, core.CodeURLEncoded, core.CodePlusAsSpace,
			core.CodeURLSafeAlphabet, core.CodeMissingPadding:
			return true
		}
	}
	return false
}

// renderRepairs shows each value the core repaired (core.Report.Repairs):
// its segments, the repaired spots in the warning colour (a removal as a
// '·'), and a button that copies the whole clean value. A session_key is
// masked by the core but for the repaired spots.
func (u *UI) renderRepairs(r *core.Report) []fyne.CanvasObject {
	reps := r.Repairs()
	if len(reps) == 0 {
		return nil
	}
	objs := []fyne.CanvasObject{widget.NewSeparator(), subheading(u.t("repairs")), wrapped(u.t("repairs.help"), widget.MediumImportance)}
	for _, p := range reps {
		text := widget.NewRichText()
		text.Wrapping = fyne.TextWrapBreak
		for _, seg := range p.Segments() {
			st := widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Monospace: true}}
			t := seg.Text
			if seg.Code != "" {
				st.ColorName, st.TextStyle.Bold = theme.ColorNameWarning, true
				if t == "" {
					t = "·"
				}
			}
			text.Segments = append(text.Segments, &widget.TextSegment{Text: t, Style: st})
		}
		objs = append(objs, container.NewBorder(nil, nil, subheading(p.Field), u.copyButton(p.Field, p.Value), text))
	}
	return objs
}

// relayout lays c out twice: a word-wrapped label knows how many lines it
// needs only once it has its width, so the first pass can overlap them.
func relayout(c *fyne.Container) {
	c.Refresh()
	c.Refresh()
}

// renderData shows the payload by kind.
func (u *UI) renderData(d *core.Data) []fyne.CanvasObject {
	switch d.Kind {
	case core.KindPhone:
		p := d.Phone
		number := p.Display()
		big := widget.NewLabel(number)
		big.SizeName = theme.SizeNameHeadingText
		big.TextStyle = fyne.TextStyle{Bold: true}
		big.Selectable = true
		objs := []fyne.CanvasObject{container.NewHBox(big, u.copyButton("what.phone", p.PhoneNumber))}
		if p.CountryCode != "" {
			objs = append(objs, widget.NewLabel(u.t("country_code", p.CountryCode)))
		}
		if p.PurePhoneNumber != "" {
			objs = append(objs, widget.NewLabel(u.t("pure_phone", p.PurePhoneNumber)))
		}
		return objs
	case core.KindUser:
		v := d.User
		rows := []struct{ key, value string }{
			{"user.nickName", v.NickName},
			{"user.openId", v.OpenID},
			{"user.unionId", v.UnionID},
			{"user.gender", u.gender(v.Gender)},
			{"user.language", v.Language},
			{"user.city", v.City},
			{"user.province", v.Province},
			{"user.country", v.Country},
			{"user.avatarUrl", v.AvatarURL},
		}
		table := container.New(layout.NewFormLayout())
		for _, row := range rows {
			if row.value == "" {
				continue
			}
			k := widget.NewLabel(u.t(row.key))
			k.TextStyle = fyne.TextStyle{Bold: true}
			val := widget.NewLabel(row.value)
			val.Selectable = true
			val.Wrapping = fyne.TextWrapBreak
			table.Add(k)
			table.Add(container.NewBorder(nil, nil, nil, u.copyButton(row.key, row.value), val))
		}
		return []fyne.CanvasObject{table}
	case core.KindWeRun:
		steps := d.WeRun.StepInfoList
		if len(steps) == 0 {
			return []fyne.CanvasObject{widget.NewLabel(u.t("werun.none"))}
		}
		total, most := 0, steps[0]
		for _, s := range steps {
			total += s.Step
			if s.Step > most.Step {
				most = s
			}
		}
		summary := widget.NewLabel(u.t("werun.summary", len(steps), total, most.Step, day(most.Timestamp)))
		// Padded like the labels around it: flush against the pane, its
		// first and last bars and dates were cut off by the scroll bar.
		return []fyne.CanvasObject{summary, container.NewPadded(newStepChart(steps))}
	case core.KindShare:
		return []fyne.CanvasObject{selectable(u.t("share.opengid", d.Share.OpenGID))}
	case core.KindGroup:
		g := d.Group
		objs := []fyne.CanvasObject{}
		if g.OpenGID != "" {
			objs = append(objs, selectable(u.t("group.opengid", g.OpenGID)))
		}
		if g.GroupOpenID != "" {
			objs = append(objs, selectable(u.t("group.openid", g.GroupOpenID)))
		}
		return append(objs, widget.NewLabel(u.t("group.chat_type", g.ChatType)))
	}
	return nil
}

// renderWatermark is the badge of the appid check and the watermark's age.
func (u *UI) renderWatermark(w *core.WatermarkCheck) []fyne.CanvasObject {
	var badge *widget.Label
	switch w.Check {
	case core.AppIDMatch:
		badge = heading(u.t("wm.match", w.AppID), widget.SuccessImportance)
	case core.AppIDMismatch:
		badge = heading(u.t("wm.mismatch", w.AppID, w.Expected), widget.DangerImportance)
	default:
		badge = heading(u.t("wm.unchecked", w.AppID), widget.WarningImportance)
	}
	badge.SizeName = theme.SizeNameText
	age := time.Duration(w.AgeSeconds) * time.Second
	when := widget.NewLabel(u.t("wm.time", w.Time.UTC().Format("2006-01-02 15:04:05 UTC"), u.since(age)))
	when.Wrapping = fyne.TextWrapWord
	return []fyne.CanvasObject{widget.NewSeparator(), badge, when}
}

// renderFinding is one finding: severity, code and message, then the hint.
func (u *UI) renderFinding(f core.Finding) []fyne.CanvasObject {
	imp := widget.MediumImportance
	switch f.Severity {
	case core.SeverityError:
		imp = widget.DangerImportance
	case core.SeverityWarning:
		imp = widget.WarningImportance
	}
	head := fmt.Sprintf("[%s] %s: %s", u.t("severity."+string(f.Severity)), f.Code, f.Message)
	objs := []fyne.CanvasObject{wrapped(head, imp)}
	if f.Hint != "" {
		objs = append(objs, wrapped(u.t("hint", f.Hint), widget.MediumImportance))
	}
	return objs
}

func (u *UI) gender(g int) string {
	if g < 0 || g > 2 {
		return strconv.Itoa(g)
	}
	return u.t("gender." + strconv.Itoa(g))
}

// copyButton is a small button that copies value; what is the texts key
// of what it is, for its tooltip-less label and the status line.
func (u *UI) copyButton(what, value string) *widget.Button {
	b := widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() { u.copyText(what, value) })
	b.Importance = widget.LowImportance
	return b
}

// CopyPhone copies the decrypted phone number, with its country code.
func (u *UI) CopyPhone() bool {
	r := u.inspect.report
	if r == nil || r.Data == nil || r.Data.Phone.PhoneNumber == "" {
		return false
	}
	return u.copyText("what.phone", r.Data.Phone.PhoneNumber)
}

// CopyJSON copies the decrypted JSON, pretty-printed.
func (u *UI) CopyJSON() bool {
	r := u.inspect.report
	if r == nil || r.Data == nil {
		return false
	}
	return u.copyText("what.json", prettyJSON(r.Data.Raw))
}

// CopyReport copies the whole report in its JSON form, pretty-printed. It
// holds no secret: reports never quote the session_key.
func (u *UI) CopyReport() bool {
	r := u.inspect.report
	if r == nil {
		return false
	}
	return u.copyText("what.report", prettyJSON(string(r.AppendJSON(nil))))
}

func prettyJSON(s string) string {
	var b bytes.Buffer
	if json.Indent(&b, []byte(s), "", "  ") != nil {
		return s
	}
	return b.String()
}

func day(ts int64) string {
	return time.Unix(ts, 0).In(chinaTime).Format("2006-01-02")
}

func heading(s string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(s)
	l.SizeName = theme.SizeNameSubHeadingText
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Importance = imp
	l.Wrapping = fyne.TextWrapWord
	return l
}

func subheading(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

func wrapped(s string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	return l
}

func selectable(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Selectable = true
	return l
}

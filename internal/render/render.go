// Package render turns a core.Report into the text a person reads in a
// terminal: the result, the watermark and what was checked about it, the
// decrypted data, and every finding with its hint, in English or 简体中文.
//
// It is shared by the front ends that print text (the command line today).
// The machine-readable form is the core's own (*core.Report).AppendJSON; this
// package adds nothing to the report, it only lays it out.
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wxinspect/wxinspect/core"
)

// Options says how to render.
type Options struct {
	Lang  core.Lang
	Color bool      // ANSI colours, for a terminal that wants them
	Now   time.Time // for "… ago"; the zero time means time.Now()
}

// ANSI styles. Only used when Options.Color is set.
const (
	reset  = "\x1b[0m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
)

// Style wraps s in an ANSI style when colour is on.
func (o Options) Style(style, s string) string {
	if !o.Color || s == "" {
		return s
	}
	return style + s + reset
}

// label returns a section label in the options' language.
func (o Options) label(key string) string {
	if o.Lang == core.Chinese {
		if s, ok := labelsZH[key]; ok {
			return s
		}
	}
	return key
}

var labelsZH = map[string]string{
	"result":    "结果",
	"watermark": "水印",
	"data":      "数据",
	"error":     "错误",
	"findings":  "发现",
	"hint: ":    "提示：",
	"ok":        "成功",
	"not ok":    "失败",
	"info":      "信息",
	"warning":   "警告",
	"summary":   "摘要",
}

// width is the number of terminal columns s takes: CJK characters take two.
func width(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 ||
			r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 ||
			r >= 0xffe0 && r <= 0xffe6) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// column is the width of the label column.
const column = 11

// head returns a label padded to the label column.
func (o Options) head(key string) string {
	l := o.label(key)
	pad := column - width(l)
	if pad < 1 {
		pad = 1
	}
	return o.Style(bold, l) + strings.Repeat(" ", pad)
}

var indent = strings.Repeat(" ", column)

// Report writes the full human report: result, watermark, data, error and
// findings, each finding with its hint.
func Report(w io.Writer, r *core.Report, o Options) error {
	var b strings.Builder
	writeReport(&b, r, o)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeReport(b *strings.Builder, r *core.Report, o Options) {
	// Result.
	b.WriteString(o.head("result"))
	if r.OK {
		b.WriteString(o.Style(bold+green, "✓ "+o.label("ok")))
	} else {
		b.WriteString(o.Style(bold+red, "✗ "+o.label("not ok")))
		if r.Error != nil {
			b.WriteString(" · " + o.Style(bold, string(r.Error.Code)))
			if r.Error.WeChatCode != 0 {
				b.WriteString(" (WeChat " + strconv.Itoa(r.Error.WeChatCode) + ")")
			}
		}
	}
	if r.Data != nil {
		b.WriteString(" · " + string(r.Kind))
	}
	b.WriteByte('\n')

	// Summary of the payload.
	if r.Data != nil {
		if s := Summary(r.Data, o.Lang); s != "" {
			b.WriteString(o.head("summary") + Clean(s) + "\n")
		}
	}

	// Watermark.
	if wm := r.Watermark; wm != nil {
		b.WriteString(o.head("watermark") + Clean(wm.AppID) + "  " + appIDCheck(wm, o) + "\n")
		b.WriteString(indent + wm.Time.Format(time.RFC3339) + "  (" + Age(wm.AgeSeconds, o.Lang) + ")\n")
	}

	// Data.
	if r.Data != nil {
		b.WriteString(strings.TrimRight(o.head("data"), " ") + "\n")
		for _, line := range strings.Split(strings.TrimRight(string(PrettyJSON(r.Data.Raw)), "\n"), "\n") {
			b.WriteString("  " + line + "\n")
		}
	}

	// Error.
	if e := r.Error; e != nil {
		b.WriteString(o.head("error") + o.Style(red, Clean(e.Message)) + "\n")
		if e.Hint != "" {
			b.WriteString(indent + o.Style(cyan, o.label("hint: ")) + Clean(e.Hint) + "\n")
		}
		if e.RID != "" {
			// The request WeChat saw under the rid: rid/get (7 days, this account).
			lookup := "  (look it up: wxinspect rid " + Clean(e.RID) + ")"
			if o.Lang == core.Chinese {
				lookup = "  （查询：wxinspect rid " + Clean(e.RID) + "）"
			}
			b.WriteString(o.head("rid") + Clean(e.RID) + lookup + "\n")
		}
	}

	// The error is not among the findings: each is shown once.
	if rest := r.Findings; len(rest) > 0 {
		b.WriteString(strings.TrimRight(o.head("findings"), " ") + "\n")
		for _, f := range rest {
			sev := severityStyle(f.Severity)
			b.WriteString("  " + o.Style(sev, o.label(string(f.Severity))) + "  " + o.Style(bold, string(f.Code)))
			if f.Field != "" {
				b.WriteString(" (" + Clean(f.Field) + ")")
			}
			b.WriteString(": " + Clean(f.Message) + "\n")
			if f.Hint != "" {
				b.WriteString("    " + o.Style(cyan, o.label("hint: ")) + Clean(f.Hint) + "\n")
			}
		}
	}
}

func severityStyle(s core.Severity) string {
	switch s {
	case core.SeverityError:
		return red
	case core.SeverityWarning:
		return yellow
	}
	return dim
}

func appIDCheck(wm *core.WatermarkCheck, o Options) string {
	zh := o.Lang == core.Chinese
	switch wm.Check {
	case core.AppIDMatch:
		if zh {
			return o.Style(green, "✓ 与给定的 appid 一致")
		}
		return o.Style(green, "✓ matches the appid given")
	case core.AppIDMismatch:
		if zh {
			return o.Style(red, "✗ 给定的 appid 是 "+wm.Expected)
		}
		return o.Style(red, "✗ the appid given is "+Clean(wm.Expected))
	}
	if zh {
		return o.Style(yellow, "! 未校验（未提供 appid）")
	}
	return o.Style(yellow, "! not checked (no appid given)")
}

// Age says how long ago a watermark was, roughly.
func Age(seconds int64, lang core.Lang) string {
	future := seconds < 0
	if future {
		seconds = -seconds
	}
	var n int64
	var en, zh string
	switch {
	case seconds < 120:
		n, en, zh = seconds, "seconds", "秒"
	case seconds < 2*3600:
		n, en, zh = seconds/60, "minutes", "分钟"
	case seconds < 2*86400:
		n, en, zh = seconds/3600, "hours", "小时"
	default:
		n, en, zh = seconds/86400, "days", "天"
	}
	if lang == core.Chinese {
		if future {
			return strconv.FormatInt(n, 10) + " " + zh + "之后"
		}
		return strconv.FormatInt(n, 10) + " " + zh + "前"
	}
	if n == 1 {
		en = strings.TrimSuffix(en, "s")
	}
	if future {
		return "in " + strconv.FormatInt(n, 10) + " " + en
	}
	return strconv.FormatInt(n, 10) + " " + en + " ago"
}

// Summary is one line on what the payload holds, or "".
func Summary(d *core.Data, lang core.Lang) string {
	zh := lang == core.Chinese
	pick := func(en, cn string) string {
		if zh {
			return cn
		}
		return en
	}
	switch d.Kind {
	case core.KindPhone:
		s := pick("phone number ", "手机号 ") + d.Phone.PhoneNumber
		if d.Phone.CountryCode != "" {
			s += pick(" (country code ", "（国家码 ") + d.Phone.CountryCode + pick(")", "）")
		}
		return s
	case core.KindUser:
		var parts []string
		if d.User.NickName != "" {
			parts = append(parts, pick("nickName ", "昵称 ")+d.User.NickName)
		}
		if d.User.OpenID != "" {
			parts = append(parts, "openId "+d.User.OpenID)
		}
		if d.User.UnionID != "" {
			parts = append(parts, "unionId "+d.User.UnionID)
		}
		return strings.Join(parts, pick(", ", "，"))
	case core.KindWeRun:
		steps := d.WeRun.StepInfoList
		if len(steps) == 0 {
			return pick("no step data", "没有步数数据")
		}
		last := steps[len(steps)-1]
		day := time.Unix(last.Timestamp, 0).In(core.ChinaTime()).Format("2006-01-02")
		if zh {
			return fmt.Sprintf("%d 天的步数，最近一天 %s：%d 步", len(steps), day, last.Step)
		}
		return fmt.Sprintf("%d days of steps, last %s: %d steps", len(steps), day, last.Step)
	case core.KindShare:
		return "openGId " + d.Share.OpenGID
	case core.KindGroup:
		id := d.Group.OpenGID
		if id == "" {
			id = d.Group.GroupOpenID
		}
		return "opengid " + id + ", chat_type " + strconv.Itoa(d.Group.ChatType)
	}
	return ""
}

// PrettyJSON indents a JSON text by two spaces, keeping its key order. Text
// that is not JSON is returned as it is. Either way it is Clean: safe for a
// terminal.
func PrettyJSON(raw string) []byte {
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(raw), "", "  "); err != nil {
		return []byte(Clean(raw))
	}
	b.WriteByte('\n')
	return []byte(Clean(b.String()))
}

// Clean makes text that came from outside (decrypted data, a server's
// errmsg, an appid) safe to print on a terminal: every control character
// but newline and tab — ESC and so every escape sequence (CSI, OSC), CR,
// BEL, DEL and the C1 controls U+0080–U+009F — is shown as a \xNN or
// \u00NN escape instead of being sent raw, and so are invalid UTF-8 bytes.
// Every front end that writes text to a terminal passes outside text
// through Clean.
func Clean(s string) string {
	clean := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, n) {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return s
	}
	const hex = "0123456789abcdef"
	b := make([]byte, 0, len(s)+16)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, '\\', 'x', hex[s[i]>>4], hex[s[i]&15])
		case unsafeRune(r, n):
			if r < 0x80 {
				b = append(b, '\\', 'x', hex[r>>4], hex[r&15])
			} else {
				b = append(b, '\\', 'u', '0', '0', hex[r>>4], hex[r&15])
			}
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return string(b)
}

func unsafeRune(r rune, n int) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || 0x80 <= r && r <= 0x9f || r == utf8.RuneError && n == 1
}

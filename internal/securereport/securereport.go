// Package securereport renders the report of wxsecure.Explain as text, the
// same in the command line and the desktop inspector.
package securereport

import (
	"io"
	"strconv"
	"strings"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxsecure"
	"github.com/wxinspect/wxinspect/internal/render"
)

// ANSI styles, used only when the options ask for colour.
const (
	green = "\x1b[32m"
	red   = "\x1b[31m"
)

// Write writes r as the result line, the error with its hint, each step with
// ✓, ✗ or - (not checked), the findings beyond the error, and the plaintext.
func Write(w io.Writer, r *wxsecure.Report, o render.Options) error {
	var b strings.Builder
	kind := "request"
	if r.Response {
		kind = "answer"
	}
	if o.Lang == core.Chinese {
		kind = map[bool]string{false: "请求", true: "应答"}[r.Response]
	}
	pad := func(s string) string { return s + strings.Repeat(" ", max(1, 11-len(s))) }
	if r.OK {
		b.WriteString(pad("result") + o.Style(green, "✓ ok") + " " + kind + "\n")
	} else {
		wc := ""
		if r.Error.WeChatCode != 0 {
			wc = " (WeChat " + strconv.Itoa(r.Error.WeChatCode) + ")"
		}
		b.WriteString(pad("result") + o.Style(red, "✗ not ok") + " " + kind + " · " + string(r.Error.Code) + wc + "\n")
		b.WriteString(pad("error") + r.Error.Message + "\n")
		b.WriteString(pad("") + "hint: " + r.Error.Hint + "\n")
	}
	b.WriteString("steps\n")
	for _, s := range r.Steps {
		mark := o.Style(green, "✓")
		switch {
		case s.Skip:
			mark = "-"
		case !s.OK:
			mark = o.Style(red, "✗")
		}
		detail := s.Detail
		if s.Name == "signed_string" {
			detail = strings.ReplaceAll(detail, "\n", "\n"+strings.Repeat(" ", 19))
		}
		b.WriteString("  " + mark + " " + s.Name + strings.Repeat(" ", max(1, 15-len(s.Name))) + detail + "\n")
	}
	if len(r.Findings) > 1 || len(r.Findings) == 1 && r.Error == nil {
		b.WriteString("findings\n")
		for _, f := range r.Findings {
			b.WriteString("  " + string(f.Severity) + strings.Repeat(" ", max(1, 9-len(f.Severity))) + string(f.Code) + ": " + f.Message + "\n    hint: " + f.Hint + "\n")
		}
	}
	if r.Plaintext != "" {
		b.WriteString(pad("plaintext") + r.Plaintext + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

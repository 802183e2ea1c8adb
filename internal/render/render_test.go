package render

import (
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
)

func inspect(t *testing.T, mod func(*core.Input)) *core.Report {
	t.Helper()
	in := core.OfficialSample()
	mod(&in)
	return core.Inspect(in)
}

func TestReportOK(t *testing.T) {
	t.Parallel()
	r := inspect(t, func(in *core.Input) {})
	var b strings.Builder
	if err := Report(&b, r, Options{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"result     ✓ ok · user\n",
		"summary    nickName Band, openId oGZUI0egBJY1zhBYw2KhdUfwVJJE, unionId ocMvos6NjeKLIBqg5Mr9QjxrP1FA\n",
		"watermark  wx4f4bc4dec97d474b  ✓ matches the appid given\n",
		"           2016-10-24T13:03:07Z  (",
		"data\n  {\n    \"openId\": \"oGZUI0egBJY1zhBYw2KhdUfwVJJE\",\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("escape codes without colour:\n%q", out)
	}
	if strings.Contains(out, "findings") || strings.Contains(out, "error") {
		t.Errorf("a clean report shows findings or an error:\n%s", out)
	}
}

func TestReportFailureZH(t *testing.T) {
	t.Parallel()
	r := inspect(t, func(in *core.Input) {
		in.AppID = ""
		in.SessionKey = ""
		in.IV = ""
		in.Lang = core.Chinese
	})
	var b strings.Builder
	Report(&b, r, Options{Lang: core.Chinese})
	out := b.String()
	for _, want := range []string{
		"结果       ✗ 失败 · missing_field\n",
		"错误       缺少 session_key\n",
		"           提示：请完整提供三个值",
		"发现\n  错误  missing_field (iv): 缺少 iv\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	// The error is not repeated among the findings.
	if strings.Count(out, "缺少 session_key") != 1 {
		t.Errorf("the error is repeated:\n%s", out)
	}
}

func TestReportColor(t *testing.T) {
	t.Parallel()
	r := inspect(t, func(in *core.Input) { in.AppID = "wx0000000000000000" })
	var b strings.Builder
	Report(&b, r, Options{Color: true})
	out := b.String()
	for _, want := range []string{red + "✗ the appid given is wx0000000000000000" + reset, bold + red + "✗ not ok" + reset} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%q", want, out)
		}
	}
}

func TestAge(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		s    int64
		lang core.Lang
		want string
	}{
		{5, core.English, "5 seconds ago"},
		{3600, core.English, "60 minutes ago"},
		{7200, core.English, "2 hours ago"},
		{86400 * 3, core.English, "3 days ago"},
		{-600, core.English, "in 10 minutes"},
		{60, core.Chinese, "60 秒前"},
		{-86400 * 5, core.Chinese, "5 天之后"},
	} {
		if got := Age(c.s, c.lang); got != c.want {
			t.Errorf("Age(%d, %s) = %q, want %q", c.s, c.lang, got, c.want)
		}
	}
}

func TestWidth(t *testing.T) {
	t.Parallel()
	if w := width("水印"); w != 4 {
		t.Errorf("width(水印) = %d, want 4", w)
	}
	if w := width("data"); w != 4 {
		t.Errorf("width(data) = %d", w)
	}
}

func TestPrettyJSON(t *testing.T) {
	t.Parallel()
	if got := string(PrettyJSON(`{"b":1,"a":"<中>"}`)); got != "{\n  \"b\": 1,\n  \"a\": \"<中>\"\n}\n" {
		t.Errorf("PrettyJSON = %q", got)
	}
	if got := string(PrettyJSON("not json")); got != "not json" {
		t.Errorf("PrettyJSON(not json) = %q", got)
	}
}

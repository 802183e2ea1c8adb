package main

import (
	"strconv"

	"github.com/atotto/clipboard"
	"github.com/wxinspect/wxinspect/core"
)

func itoa(n int) string { return strconv.Itoa(n) }

// copyResult puts the phone number of r on the clipboard, or the decrypted
// JSON when there is no phone number, or the report when nothing decrypted.
// The result has already been printed: a missing clipboard only earns a
// warning, not a failure.
func (c *cli) copyResult(r *core.Report) {
	text, what := "", ""
	switch {
	case r.Data != nil && r.Kind == core.KindPhone && r.Data.Phone.PhoneNumber != "":
		text, what = r.Data.Phone.PhoneNumber, c.tr("the phone number", "手机号")
	case r.Data != nil:
		text, what = r.Data.Raw, c.tr("the decrypted JSON", "解密后的 JSON")
	default:
		text, what = string(r.AppendJSON(nil)), c.tr("the report JSON", "报告 JSON")
	}
	c.copyText(text, what)
}

func (c *cli) copyText(text, what string) {
	if clipboard.Unsupported {
		c.warnf(c.tr("could not copy %s: no clipboard is available here", "无法复制%s：此环境没有可用的剪贴板"), what)
		c.hint("%s", c.tr("install xclip or xsel (X11) or wl-clipboard (Wayland); the result is printed above",
			"请安装 xclip 或 xsel（X11）或 wl-clipboard（Wayland）；结果已在上方输出"))
		return
	}
	if err := clipboard.WriteAll(text); err != nil {
		c.warnf(c.tr("could not copy %s: %v", "无法复制%s：%v"), what, err)
		c.hint("%s", c.tr("the clipboard tool failed (no display? over SSH?); the result is printed above",
			"剪贴板工具执行失败（没有图形界面？通过 SSH 连接？）；结果已在上方输出"))
		return
	}
	c.note(c.tr("copied %s to the clipboard", "已将%s复制到剪贴板"), what)
}

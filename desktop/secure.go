package desktop

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/wxinspect/wxinspect/core/wxsecure"
	"github.com/wxinspect/wxinspect/internal/render"
	"github.com/wxinspect/wxinspect/internal/securereport"
)

// secureTab explains a captured request or answer of API security mode
// (服务端API安全鉴权): paste it with the keys (kept in the widgets only) and
// see each step — signed string, hash, signature, AAD, decryption — and which
// one fails, with the fix.
type secureTab struct {
	capture *field
	url     *widget.Entry
	symKey  *field // secret: a password entry
	symSN   *widget.Entry
	rsaKey  *field // a private key, or a public key or certificate
	rsaSN   *widget.Entry
	cert    *field
	certSN  *widget.Entry
	output  *widget.Label
	report  *wxsecure.Report
}

var secureTexts = map[string][2]string{
	"tab.secure":         {"Security mode", "安全鉴权"},
	"secure.capture":     {"captured request or answer", "抓到的请求或应答"},
	"secure.capture.ph":  {"POST /wxa/… HTTP/1.1, the headers, a blank line, the body", "POST /wxa/… HTTP/1.1、请求头、空行、请求体"},
	"secure.url":         {"API URL", "接口 URL"},
	"secure.url.ph":      {"https://api.weixin.qq.com/wxa/… (needed for an answer)", "https://api.weixin.qq.com/wxa/…（应答必填）"},
	"secure.sym_key":     {"symmetric key", "对称密钥"},
	"secure.sym_sn":      {"its serial", "对称密钥编号"},
	"secure.rsa_key":     {"app private key (or public key)", "应用私钥（或公钥）"},
	"secure.rsa_sn":      {"its serial", "非对称密钥编号"},
	"secure.cert":        {"platform certificate", "平台证书"},
	"secure.cert_sn":     {"its serial", "平台证书编号"},
	"secure.explain":     {"Explain", "检查"},
	"secure.keys_note":   {"Keys stay in this window's memory: never saved.", "密钥只保存在本窗口内存中，不会写入磁盘。"},
	"secure.bad_capture": {"Not a capture: %s", "不是抓包内容：%s"},
	"secure.bad_key":     {"Key not usable: %s", "密钥不可用：%s"},
	"secure.url_needed":  {"An answer does not say which API it answers: fill in the API URL.", "应答中没有接口地址：请填写接口 URL。"},
	"secure.empty":       {"Paste a captured request or answer, and the keys you have.", "请粘贴抓到的请求或应答，以及已有的密钥。"},
}

func init() {
	for k, v := range secureTexts {
		texts[k] = v
	}
}

func (u *UI) buildSecure() fyne.CanvasObject {
	t := &u.secure
	t.capture = newField(true, false, nil)
	t.capture.SetMinRowsVisible(8)
	t.capture.TextStyle = fyne.TextStyle{Monospace: true}
	u.placeholder(&t.capture.Entry, "secure.capture.ph")
	t.url = widget.NewEntry()
	u.placeholder(t.url, "secure.url.ph")
	t.symKey = newField(false, true, nil)
	t.symSN = widget.NewEntry()
	t.rsaKey = newField(true, false, nil)
	t.rsaKey.SetMinRowsVisible(3)
	t.rsaSN = widget.NewEntry()
	t.cert = newField(true, false, nil)
	t.cert.SetMinRowsVisible(3)
	t.certSN = widget.NewEntry()
	t.output = widget.NewLabel("")
	t.output.TextStyle = fyne.TextStyle{Monospace: true}
	t.output.Wrapping = fyne.TextWrapBreak
	t.output.Selectable = true
	u.onLang(func() {
		if t.report == nil {
			t.output.SetText(u.t("secure.empty"))
		}
	})
	explain := u.button("secure.explain", u.ExplainSecure)
	explain.Importance = widget.HighImportance
	form := container.New(layout.NewFormLayout(),
		u.label("secure.capture"), t.capture,
		u.label("secure.url"), t.url,
		u.label("secure.sym_key"), t.symKey,
		u.label("secure.sym_sn"), t.symSN,
		u.label("secure.rsa_key"), t.rsaKey,
		u.label("secure.rsa_sn"), t.rsaSN,
		u.label("secure.cert"), t.cert,
		u.label("secure.cert_sn"), t.certSN,
	)
	return container.NewVScroll(container.NewVBox(form,
		container.NewHBox(explain, u.label("secure.keys_note")), t.output))
}

// ExplainSecure explains the capture with the keys given, as `wxinspect
// secure explain` does.
func (u *UI) ExplainSecure() {
	t := &u.secure
	t.report = nil
	m, err := wxsecure.ParseCapture([]byte(t.capture.Text))
	if err != nil {
		e := err.(*wxsecure.Error)
		msg, _ := e.Describe(u.lang)
		t.output.SetText(u.t("secure.bad_capture", msg))
		return
	}
	k := &wxsecure.Keys{SymSN: strings.TrimSpace(t.symSN.Text), RSASN: strings.TrimSpace(t.rsaSN.Text)}
	k.AppID, _ = wxsecure.HeaderValue(m.Header, wxsecure.HeaderAppID)
	bad := func(err error) {
		msg := err.Error()
		if e, ok := err.(*wxsecure.Error); ok {
			msg, _ = e.Describe(u.lang)
		}
		t.output.SetText(u.t("secure.bad_key", msg))
	}
	if s := strings.TrimSpace(t.symKey.Text); s != "" {
		if k.SymKey, err = wxsecure.ParseSymKey(s); err != nil {
			bad(err)
			return
		}
	}
	if s := strings.TrimSpace(t.rsaKey.Text); s != "" {
		if k.Private, err = wxsecure.ParsePrivateKey([]byte(s)); err != nil {
			if k.Public, err = wxsecure.ParsePublicKey([]byte(s)); err != nil {
				bad(err)
				return
			}
		}
	}
	if s := strings.TrimSpace(t.cert.Text); s != "" {
		pub, err := wxsecure.ParseCertificate([]byte(s))
		if err != nil {
			bad(err)
			return
		}
		k.Certs = []wxsecure.Cert{{SN: strings.TrimSpace(t.certSN.Text), Key: pub}}
	}
	path := wxsecure.APIPath(m, strings.TrimSpace(t.url.Text))
	if path == "" {
		t.output.SetText(u.t("secure.url_needed"))
		return
	}
	t.report = wxsecure.Explain(m, wxsecure.CanonicalURL(path), k, wxsecure.Options{Lang: u.lang})
	var b strings.Builder
	securereport.Write(&b, t.report, render.Options{Lang: u.lang})
	t.output.SetText(b.String())
}

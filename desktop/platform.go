package desktop

import (
	"errors"
	"io"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/rsakey"
)

// platformInputs are the Inspect tab's platform selector and the inputs of
// the platforms other than WeChat, each shown only for its platforms. The
// keys (Alipay's AES key and public key, Douyin's private key) are typed
// into password entries or read from a file into them: they are never
// saved in the preferences, nor kept in the history.
type platformInputs struct {
	selector *widget.Select
	appKey   *field // Baidu
	data     *field // Baidu's data, or Douyin's get_phonenumber_info answer or its data
	response *field // Alipay
	sign     *field
	aesKey   *field
	// The PEM keys, read by core/rsakey when the inputs are inspected.
	alipayKey  *field
	privateKey *field

	rows  []platformRow
	quiet bool // set while the selector's options are relabelled
}

// platformRow is a row of the form and the platforms it is shown for.
type platformRow struct {
	label   fyne.CanvasObject
	content fyne.CanvasObject
	on      []core.Platform
	entry   *field // the entry in content, when content is not the entry
}

// wechatScheme are the platforms that take a session_key, an iv and
// encryptedData (Douyin's legacy flow; Baidu with its own key length).
var wechatScheme = []core.Platform{core.PlatformWeChat, core.PlatformQQ, core.PlatformDouyin,
	core.PlatformKuaishou, core.PlatformFeishu, core.PlatformBaidu}

// buildPlatform makes the selector and the platforms' inputs; rows are the
// form rows of the WeChat fields, whose visibility follows the platform
// too. It returns the rows to put in the form after those.
func (u *UI) buildPlatform(wechatRows ...fyne.CanvasObject) (selector *widget.Select, extra []fyne.CanvasObject) {
	p := &u.inspect.platform
	p.selector = widget.NewSelect(nil, func(string) {
		if !p.quiet {
			u.showPlatform()
			u.changed()
		}
	})
	u.onLang(func() {
		i := max(p.selector.SelectedIndex(), 0)
		names := make([]string, len(core.Platforms()))
		for j, pl := range core.Platforms() {
			names[j] = u.t("platform." + string(pl))
		}
		p.quiet = true
		p.selector.Options = names
		p.selector.SetSelectedIndex(i)
		p.quiet = false
	})

	p.appKey = newField(false, false, u.Inspect)
	p.data = newField(true, false, u.Inspect)
	p.data.SetMinRowsVisible(3)
	p.response = newField(true, false, u.Inspect)
	p.response.SetMinRowsVisible(3)
	p.sign = newField(true, false, u.Inspect)
	p.sign.SetMinRowsVisible(2)
	p.aesKey = newField(false, true, u.Inspect)
	p.alipayKey = newField(false, true, u.Inspect)
	p.privateKey = newField(false, true, u.Inspect)
	u.placeholder(&p.appKey.Entry, "app_key.placeholder")
	u.placeholder(&p.data.Entry, "data.placeholder")
	u.placeholder(&p.aesKey.Entry, "aes_key.placeholder")
	u.placeholder(&p.alipayKey.Entry, "pem.placeholder")
	u.placeholder(&p.privateKey.Entry, "pem.placeholder")
	for _, f := range []*field{p.appKey, p.data, p.response, p.sign, p.aesKey, p.alipayKey, p.privateKey} {
		f.OnChanged = func(string) { u.changed() }
	}
	withFile := func(f *field, what string) fyne.CanvasObject {
		b := u.button("key.file", func() {
			dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) { u.LoadKeyFile(f, what, r, err) }, u.win)
		})
		return container.NewBorder(nil, nil, nil, b, f)
	}

	for i := 0; i+1 < len(wechatRows); i += 2 {
		p.rows = append(p.rows, platformRow{wechatRows[i], wechatRows[i+1], wechatScheme, nil})
	}
	for _, r := range []platformRow{
		{u.label("app_key"), p.appKey, []core.Platform{core.PlatformBaidu}, nil},
		{u.label("data"), p.data, []core.Platform{core.PlatformBaidu, core.PlatformDouyin}, nil},
		{u.label("response"), p.response, []core.Platform{core.PlatformAlipay}, nil},
		{u.label("sign"), p.sign, []core.Platform{core.PlatformAlipay}, nil},
		{u.label("aes_key"), p.aesKey, []core.Platform{core.PlatformAlipay}, nil},
		{u.label("alipay_public_key"), withFile(p.alipayKey, "alipay_public_key"), []core.Platform{core.PlatformAlipay}, p.alipayKey},
		{u.label("private_key"), withFile(p.privateKey, "private_key"), []core.Platform{core.PlatformDouyin}, p.privateKey},
	} {
		p.rows = append(p.rows, r)
		extra = append(extra, r.label, r.content)
	}
	u.showPlatform()
	return p.selector, extra
}

// Platform is the platform selected.
func (u *UI) Platform() core.Platform {
	i := u.inspect.platform.selector.SelectedIndex()
	if i < 0 {
		return core.PlatformWeChat
	}
	return core.Platforms()[i]
}

// SetPlatform selects p, shows its inputs and inspects again.
func (u *UI) SetPlatform(p core.Platform) {
	if i := slices.Index(core.Platforms(), p); i >= 0 {
		u.inspect.platform.selector.SetSelectedIndex(i)
	}
}

// showPlatform shows the inputs of the platform selected, and hides the
// others.
func (u *UI) showPlatform() {
	p := &u.inspect.platform
	pl := u.Platform()
	for _, r := range p.rows {
		objs := []fyne.CanvasObject{r.label, r.content}
		if r.entry != nil {
			objs = append(objs, r.entry)
		}
		for _, o := range objs {
			if slices.Contains(r.on, pl) {
				o.Show()
			} else {
				o.Hide()
			}
		}
	}
}

// shown is the text of f if it is shown for the platform selected, else "".
func shown(f *field) string {
	if !f.Visible() {
		return ""
	}
	return f.Text
}

// platformInput completes in with the platform selected and its inputs.
// WeChat, the default, is left unstated: a paste may then name another
// platform (core.Input.Paste).
func (u *UI) platformInput(in *core.Input) {
	p := &u.inspect.platform
	in.Platform = ""
	in.AlipayPublicKey, in.PrivateKey = nil, nil
	pl := u.Platform()
	if pl == core.PlatformWeChat {
		// Unstated: the fields of other platforms that a paste held stay,
		// and the core names the platform of their shape.
		return
	}
	in.Platform = pl
	in.AppKey, in.Data = shown(p.appKey), shown(p.data)
	in.Response, in.Sign, in.AESKey = shown(p.response), shown(p.sign), shown(p.aesKey)
}

// readKeys reads the PEM keys of the entries shown into in, as the command
// line reads its key files: a key that cannot be read gives its bad_key
// report, which is then the report.
func (u *UI) readKeys(in *core.Input) *core.Report {
	p := &u.inspect.platform
	if s := shown(p.alipayKey); strings.TrimSpace(s) != "" {
		k, err := rsakey.ParsePublicKey([]byte(s))
		if ke, ok := errors.AsType[*rsakey.Error](err); ok {
			return ke.Report(u.lang)
		}
		in.AlipayPublicKey = k
	}
	if s := shown(p.privateKey); strings.TrimSpace(s) != "" {
		k, err := rsakey.ParsePrivateKey([]byte(s))
		if ke, ok := errors.AsType[*rsakey.Error](err); ok {
			return ke.Report(u.lang)
		}
		in.PrivateKey = k
	}
	return nil
}

// inspectWithKeys is core.Inspect of in with the keys of the entries.
func (u *UI) inspectWithKeys(in core.Input) (core.Input, *core.Report) {
	if r := u.readKeys(&in); r != nil {
		return in, r
	}
	return in, core.Inspect(in)
}

// LoadKeyFile puts the key read from r (a file the user chose) into the
// entry f, for field what; the file stays where it is and the key only in
// the entry.
func (u *UI) LoadKeyFile(f *field, what string, r fyne.URIReadCloser, err error) {
	if r == nil && err == nil {
		return // cancelled
	}
	var b []byte
	if err == nil {
		defer r.Close()
		b, err = io.ReadAll(io.LimitReader(r, 1<<20))
	}
	if err != nil {
		u.setStatus(u.t("key.file_error", what, err))
		return
	}
	f.SetText(string(b))
	u.setStatus(u.t("key.loaded", what, r.URI().Name()))
}

// withoutKeys is in without the keys of other platforms: what the history
// keeps.
func withoutKeys(in core.Input) core.Input {
	in.AESKey, in.AlipayPublicKey, in.PrivateKey = "", nil, nil
	return in
}

// loadPlatform fills the platform's inputs with in's (Load): the platform,
// when in names one, and its data; the keys stay as typed.
func (u *UI) loadPlatform(in core.Input) {
	p := &u.inspect.platform
	if in.Platform != "" {
		u.SetPlatform(in.Platform)
	}
	p.appKey.SetText(in.AppKey)
	p.data.SetText(in.Data)
	p.response.SetText(in.Response)
	p.sign.SetText(in.Sign)
}

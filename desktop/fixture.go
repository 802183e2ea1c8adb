package desktop

import (
	"crypto/rand"
	"encoding/json"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxinspect/wxinspect/core"
)

// fixtureTab makes open data for tests: a plaintext of the chosen kind,
// encrypted under a fresh session_key and iv.
type fixtureTab struct {
	appID   *widget.Entry
	kind    *widget.Select
	payload *field
	make    *widget.Button
	output  *widget.Label
	load    *widget.Button
	copy    *widget.Button
	values  *fyne.Container // a copy button for each value
	fixture *core.Fixture
}

// fixtureKinds lists core.FixtureKinds() for the select.
func fixtureKinds() []string {
	var kinds []string
	for _, k := range core.FixtureKinds() {
		kinds = append(kinds, string(k))
	}
	return kinds
}

func (u *UI) buildFixture() fyne.CanvasObject {
	t := &u.fixture
	t.appID = widget.NewEntry()
	t.appID.SetText(u.app.Preferences().StringWithFallback(prefAppID, "wx1234567890abcdef"))
	t.appID.OnChanged = func(string) { u.fillPayload() }
	t.kind = widget.NewSelect(fixtureKinds(), func(string) { u.fillPayload() })
	t.payload = newField(true, false, nil)
	t.payload.SetMinRowsVisible(8)
	t.payload.TextStyle = fyne.TextStyle{Monospace: true}
	t.output = widget.NewLabel("")
	t.output.TextStyle = fyne.TextStyle{Monospace: true}
	t.output.Wrapping = fyne.TextWrapBreak
	t.output.Selectable = true
	t.make = u.button("fixture.make", u.MakeFixture)
	t.make.Importance = widget.HighImportance
	t.load = u.button("fixture.load", u.LoadFixture)
	t.copy = u.button("fixture.copy", func() {
		if t.fixture != nil {
			u.copyText("what.fixture", fixtureJSON(t.fixture))
		}
	})
	t.values = container.NewHBox()
	t.load.Disable()
	t.copy.Disable()
	t.kind.SetSelected(string(core.KindPhone))

	form := container.New(layout.NewFormLayout(),
		u.label("fixture.appid"), t.appID,
		u.label("fixture.kind"), t.kind,
		u.label("fixture.payload"), t.payload,
	)
	return container.NewVScroll(container.NewVBox(form,
		container.NewHBox(t.make, t.load, t.copy), t.values, t.output))
}

// fillPayload writes the sample plaintext of the chosen kind for the appid.
func (u *UI) fillPayload() {
	t := &u.fixture
	if t.payload == nil {
		return
	}
	p, err := core.FixtureSpec{
		AppID: strings.TrimSpace(t.appID.Text),
		Kind:  core.Kind(t.kind.Selected),
		Time:  u.now(),
	}.Payload()
	if err != nil {
		t.payload.SetText("")
		return
	}
	t.payload.SetText(prettyJSON(string(p)))
}

// MakeFixture encrypts the plaintext under a fresh random session_key and
// iv and shows the three values.
func (u *UI) MakeFixture() {
	t := &u.fixture
	if strings.TrimSpace(t.payload.Text) == "" {
		msg, _ := core.CodeMissingField.Describe(u.lang, "field", core.FieldAppID)
		u.setStatus(msg)
		return
	}
	f, err := core.NewFixture([]byte(t.payload.Text), "", "", rand.Reader)
	if err != nil {
		u.setStatus(err.Error())
		return
	}
	t.fixture = f
	t.output.SetText(fixtureJSON(f))
	t.values.Objects = nil
	for _, v := range []struct{ name, value string }{
		{core.FieldSessionKey, f.SessionKey}, {core.FieldIV, f.IV}, {core.FieldEncryptedData, f.EncryptedData},
	} {
		b := widget.NewButtonWithIcon(v.name, theme.ContentCopyIcon(), func() { u.copyText("what.value", v.value) })
		t.values.Add(b)
	}
	t.values.Refresh()
	t.load.Enable()
	t.copy.Enable()
	u.setStatus(u.t("fixture.made"))
}

// LoadFixture puts the fixture made last, with its appid, into the Inspect
// tab and inspects it.
func (u *UI) LoadFixture() {
	t := &u.fixture
	if t.fixture == nil {
		return
	}
	u.Load(core.Input{
		AppID:         strings.TrimSpace(t.appID.Text),
		SessionKey:    t.fixture.SessionKey,
		IV:            t.fixture.IV,
		EncryptedData: t.fixture.EncryptedData,
	})
}

// fixtureJSON is {session_key, iv, encrypted_data}, pretty-printed: the
// plaintext is in the entry above it.
func fixtureJSON(f *core.Fixture) string {
	b, _ := json.MarshalIndent(struct {
		SessionKey    string `json:"session_key"`
		IV            string `json:"iv"`
		EncryptedData string `json:"encrypted_data"`
	}{f.SessionKey, f.IV, f.EncryptedData}, "", "  ")
	return string(b)
}

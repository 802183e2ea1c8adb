package desktop

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/internal/testvectors"
)

// entryOf is the entry of the Inspect tab that takes the input key name.
func (u *UI) entryOf(name string) *field {
	t, p := &u.inspect, &u.inspect.platform
	return map[string]*field{
		"appid": t.appID, "session_key": t.sessionKey, "iv": t.iv, "encrypted_data": t.encryptedData,
		"app_key": p.appKey, "data": p.data, "response": p.response, "sign": p.sign,
		"aes_key": p.aesKey, "alipay_public_key": p.alipayKey, "private_key": p.privateKey,
	}[name]
}

// TestPlatforms: for every vector of testdata/platforms, a user picks the
// platform, types its inputs into the entries it shows (the keys too) and
// inspects: the report is the command line's, byte for byte, and the window
// names the platform. The history and the preferences keep no key.
func TestPlatforms(t *testing.T) {
	u := newTestUI(t)
	for _, v := range testvectors.LoadPlatforms(t) {
		t.Run(v.Name, func(t *testing.T) {
			u.now = func() time.Time { return time.Unix(v.Now, 0) }
			u.ClearInputs()
			u.inspect.appID.SetText("")
			u.SetPlatform(v.Platform())
			if u.Platform() != v.Platform() || u.inspect.platform.selector.Selected != u.t("platform."+string(v.Platform())) {
				t.Fatalf("the selector shows %q", u.inspect.platform.selector.Selected)
			}
			fields := v.Fields()
			delete(fields, "platform")
			for name, value := range fields {
				e := u.entryOf(name)
				if e == nil || !e.Visible() {
					t.Fatalf("no entry shown for %s on %s", name, v.Platform())
				}
				test.Type(e, value[:min(len(value), 8)]) // typed, then the rest pasted
				e.SetText(value)
			}
			u.Inspect()
			got, want := u.inspect.report.AppendJSON(nil), v.Report(t)
			if string(got) != string(want) {
				t.Fatalf("the window's report is not the command line's:\ngot  %s\nwant %s", got, want)
			}
			if line := u.t("platform.line", u.t("platform."+string(v.Platform()))); !slices.Contains(resultTexts(u), line) {
				t.Errorf("the result does not say %q: %q", line, resultTexts(u))
			}
		})
	}
	for _, e := range u.history.entries {
		if e.input.AESKey != "" || e.input.AlipayPublicKey != nil || e.input.PrivateKey != nil {
			t.Errorf("the history keeps a key: %+v", e.input.PlatformInput)
		}
	}
	if len(u.history.entries) == 0 {
		t.Error("nothing in the history")
	}
	checkNoKeysSaved(t, u)
}

// resultTexts are the texts of the result's labels.
func resultTexts(u *UI) []string {
	var out []string
	for _, o := range u.inspect.result.Objects {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}

// checkNoKeysSaved fails if a key of the vectors is in the preferences.
func checkNoKeysSaved(t *testing.T, u *UI) {
	t.Helper()
	prefs := u.app.Preferences()
	for _, k := range []string{prefAppID, prefAPIBase, prefLang} {
		s := prefs.String(k)
		if strings.Contains(s, "PRIVATE KEY") || strings.Contains(s, "PUBLIC KEY") {
			t.Errorf("preference %s holds a key", k)
		}
	}
}

// TestPlatformSelector: the inputs shown follow the platform; a key file is
// read into its entry; a key that cannot be read is the command line's
// bad_key report.
func TestPlatformSelector(t *testing.T) {
	u := newTestUI(t)
	p := &u.inspect.platform
	for _, c := range []struct {
		platform    core.Platform
		shown, none []*field
	}{
		{core.PlatformWeChat, []*field{u.inspect.sessionKey, u.inspect.iv, u.inspect.encryptedData}, []*field{p.appKey, p.data, p.response, p.sign, p.aesKey, p.alipayKey, p.privateKey}},
		{core.PlatformBaidu, []*field{u.inspect.sessionKey, p.appKey, p.data}, []*field{p.response, p.aesKey, p.privateKey}},
		{core.PlatformAlipay, []*field{p.response, p.sign, p.aesKey, p.alipayKey}, []*field{u.inspect.sessionKey, u.inspect.iv, u.inspect.encryptedData, p.privateKey, p.data}},
		{core.PlatformDouyin, []*field{u.inspect.sessionKey, p.data, p.privateKey}, []*field{p.response, p.aesKey, p.alipayKey, p.appKey}},
	} {
		u.SetPlatform(c.platform)
		for _, f := range c.shown {
			if !f.Visible() {
				t.Errorf("%s: an entry is hidden (placeholder %q)", c.platform, f.PlaceHolder)
			}
		}
		for _, f := range c.none {
			if f.Visible() {
				t.Errorf("%s: an entry is shown (placeholder %q)", c.platform, f.PlaceHolder)
			}
		}
	}
	if !p.aesKey.Password || !p.privateKey.Password || !u.inspect.sessionKey.Password {
		t.Error("a key entry is not a password entry")
	}

	// A key file, read into the entry; the vector then decrypts.
	var v testvectors.Platform
	for _, x := range testvectors.LoadPlatforms(t) {
		if x.Name == "douyin_new_phone" {
			v = x
		}
	}
	path := filepath.Join(t.TempDir(), "app_private_key.pem")
	if err := os.WriteFile(path, []byte(v.PrivateKeyPEM), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := storage.Reader(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	u.SetPlatform(core.PlatformDouyin)
	u.LoadKeyFile(p.privateKey, "private_key", r, nil)
	if p.privateKey.Text != v.PrivateKeyPEM || !strings.Contains(u.status.Text, "app_private_key.pem") {
		t.Fatalf("the key file was not read into the entry (status %q)", u.status.Text)
	}
	u.now = func() time.Time { return time.Unix(v.Now, 0) }
	u.inspect.appID.SetText(v.Fields()["appid"])
	p.data.SetText(v.Fields()["data"])
	u.Inspect()
	if got, want := u.inspect.report.AppendJSON(nil), v.Report(t); string(got) != string(want) {
		t.Errorf("with the key file:\ngot  %s\nwant %s", got, want)
	}

	// The key pasted into the one-line entry: its line breaks become spaces.
	p.privateKey.SetText("")
	test.Type(p.privateKey, "x")
	p.privateKey.SetText(strings.ReplaceAll(v.PrivateKeyPEM, "\n", " "))
	u.Inspect()
	if !u.inspect.report.OK {
		t.Errorf("a key pasted on one line: %s", u.inspect.report.AppendJSON(nil))
	}

	// A public key where the private key goes: bad_key, the key not quoted.
	p.privateKey.SetText(testKeyOf(t, "douyin_app.pub.pem"))
	u.Inspect()
	out := string(u.inspect.report.AppendJSON(nil))
	if r := u.inspect.report; r.OK || r.Error.Code != core.CodeBadKey || strings.Contains(out, "MII") {
		t.Errorf("a public key as the private key: %s", out)
	}
	checkNoKeysSaved(t, u)
}

func testKeyOf(t *testing.T, name string) string {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "platforms", "keys", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

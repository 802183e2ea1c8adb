package desktop

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func secureFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/secure/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSecureTab: the guide's request verifies; a request with a fifth line
// in its signed string is named; no key shows in the report.
func TestSecureTab(t *testing.T) {
	u := newTestUI(t)
	u.tabs.Select(u.tabSecure)
	s := &u.secure
	const symKey = "otUpngOjU+nVQaWJIC3D/yMLV17RKaP6t4Ot9tbnzLY="
	test.Type(s.symKey, symKey)
	test.Type(s.symSN, "fa05fe1e5bcc79b81ad5ad4b58acf787")
	s.rsaKey.SetText(secureFile(t, "guide/app_key.pem"))
	test.Type(s.rsaSN, "97845f6ed842ea860df6fdf65941ff56")
	s.capture.SetText(secureFile(t, "guide/request.http"))
	u.ExplainSecure()
	out := s.output.Text
	if !strings.HasPrefix(out, "result     ✓ ok request") || !strings.Contains(out, `"client_ip":"127.0.0.1"`) {
		t.Errorf("guide request:\n%s", out)
	}
	s.capture.SetText(secureFile(t, "requests/signature_fifth_line.http"))
	u.SetLang("zh")
	u.ExplainSecure()
	out = s.output.Text
	if !strings.Contains(out, "signature_fifth_line (WeChat 40234)") || !strings.Contains(out, "待签名串多了第五行") {
		t.Errorf("fifth line:\n%s", out)
	}
	for _, secret := range []string{symKey, "MIIEowIBAAKCAQEA", "ACCESS_TOKEN"} {
		if strings.Contains(out, secret) {
			t.Errorf("the report shows %q", secret)
		}
	}
	if u.tabSecure.Text != "安全鉴权" {
		t.Errorf("tab %q", u.tabSecure.Text)
	}
	// An answer needs its URL.
	s.capture.SetText(secureFile(t, "guide/response.http"))
	u.ExplainSecure()
	if !strings.Contains(s.output.Text, "接口 URL") {
		t.Errorf("answer without URL: %s", s.output.Text)
	}
	test.Type(s.url, "https://api.weixin.qq.com/wxa/getuserriskrank")
	u.ExplainSecure()
	if !strings.Contains(s.output.Text, "- signature") {
		t.Errorf("answer without certificate:\n%s", s.output.Text)
	}
}

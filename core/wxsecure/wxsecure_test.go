package wxsecure_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxsecure"
)

const dir = "../../testdata/secure/"

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func env(t testing.TB, file string) map[string]string {
	m := map[string]string{}
	for _, l := range strings.Split(string(read(t, file)), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok && !strings.HasPrefix(l, "#") {
			m[k] = v
		}
	}
	return m
}

// guideKeys is the material of WeChat's guide.
func guideKeys(t testing.TB) *wxsecure.Keys {
	t.Helper()
	e := env(t, "guide/material.env")
	sym, err := wxsecure.ParseSymKey(e["WX_SECURE_SYM_KEY"])
	if err != nil {
		t.Fatal(err)
	}
	priv, err := wxsecure.ParsePrivateKey(read(t, "guide/app_key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	cert, err := wxsecure.ParseCertificate(read(t, "guide/platform_cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	return &wxsecure.Keys{AppID: e["WX_APPID"], SymKey: sym, SymSN: e["WX_SECURE_SYM_SN"], Private: priv,
		RSASN: e["WX_SECURE_RSA_SN"], Certs: []wxsecure.Cert{{SN: e["WX_SECURE_CERT_SN"], Key: cert}}}
}

func capture(t testing.TB, name string) *wxsecure.Message {
	t.Helper()
	m, err := wxsecure.ParseCapture(read(t, name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// TestGuideRequest: the guide's request decrypts to the documented plaintext
// and its signature verifies with the documented key.
func TestGuideRequest(t *testing.T) {
	k := guideKeys(t)
	m := capture(t, "guide/request.http")
	plain, err := k.OpenRequest("wxa/getuserriskrank", m.Header, m.Body, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.TrimSpace(string(read(t, "guide/request.plain.json"))); string(plain) != want {
		t.Errorf("plaintext\n%s\nwant\n%s", plain, want)
	}
	r := wxsecure.Explain(m, wxsecure.CanonicalURL("wxa/getuserriskrank"), k, wxsecure.Options{})
	if !r.OK {
		t.Fatalf("explain: %+v", r.Error)
	}
	// Stale by today's standard: 40240.
	r = wxsecure.Explain(m, wxsecure.CanonicalURL("wxa/getuserriskrank"), k, wxsecure.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), MaxSkew: 5 * time.Minute})
	if r.OK || r.Error.Code != core.CodeTimestampExpired || r.Error.WeChatCode != 40240 {
		t.Errorf("stale: %+v", r.Error)
	}
}

// TestGuideResponse: the guide's answer verifies with the documented
// certificate, hashes to the documented H0 and decrypts to the documented
// plaintext.
func TestGuideResponse(t *testing.T) {
	k := guideKeys(t)
	m := capture(t, "guide/response.http")
	o, err := k.OpenResponse("wxa/getuserriskrank", m.Header, m.Body)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.TrimSpace(string(read(t, "guide/response.plain.json"))); string(o.Plaintext) != want {
		t.Errorf("plaintext\n%s\nwant\n%s", o.Plaintext, want)
	}
	if want := `{"errcode":0,"errmsg":"getuserriskrank succ","risk_rank":0,"unoin_id":2258658297}`; string(o.Body) != want {
		t.Errorf("body %s", o.Body)
	}
	if o.Deprecated || o.Serial != "79ba700ea147819f640941bceb38b1d1" {
		t.Errorf("serial %q deprecated %v", o.Serial, o.Deprecated)
	}
	r := wxsecure.Explain(m, wxsecure.CanonicalURL("wxa/getuserriskrank"), k, wxsecure.Options{})
	var sum string
	for _, s := range r.Steps {
		if s.Name == "sha256" {
			sum = s.Detail
		}
	}
	if want := strings.TrimSpace(string(read(t, "guide/response.sha256"))); sum != want {
		t.Errorf("H0 = %s, want %s", sum, want)
	}
}

// TestSealRoundTrip seals a call and opens it as WeChat would, and checks
// the plaintext has the call's parameters but not the token.
func TestSealRoundTrip(t *testing.T) {
	k := guideKeys(t)
	call := wxapi.NewPhoneNumberCall("http://127.0.0.1:1", "TOKEN_SECRET", "the-code", "")
	s, err := k.SealRequest(call, time.Unix(1764374400, 0), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(s.URL, "?access_token=TOKEN_SECRET") || bytes.Contains(s.Body, []byte("the-code")) {
		t.Errorf("sealed %s %s", s.URL, s.Body)
	}
	plain, err := k.OpenRequest(call.API, s.Header, s.Body, time.Unix(1764374401, 0), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(plain, []byte(`"code":"the-code"`)) || bytes.Contains(plain, []byte("TOKEN_SECRET")) || !bytes.Contains(plain, []byte(`"_timestamp":1764374400`)) {
		t.Errorf("plaintext %s", plain)
	}
}

// TestExplainRequests: each generated request names its fault.
func TestExplainRequests(t *testing.T) {
	k := guideKeys(t)
	names, _ := filepath.Glob(dir + "requests/*.http")
	if len(names) < 12 {
		t.Fatalf("%d requests", len(names))
	}
	for _, name := range names {
		want := strings.TrimSuffix(filepath.Base(name), ".http")
		t.Run(want, func(t *testing.T) {
			t.Parallel()
			m := capture(t, "requests/"+filepath.Base(name))
			r := wxsecure.Explain(m, wxsecure.CanonicalURL(wxapi.APIPhoneNumber), k, wxsecure.Options{})
			if want == "ok" {
				if !r.OK {
					t.Fatalf("error %+v", r.Error)
				}
				return
			}
			if r.OK || string(r.Error.Code) != want {
				t.Fatalf("got %+v, want %s; steps %+v", r.Error, want, r.Steps)
			}
			if r.Error.Message == "" || r.Error.Hint == "" {
				t.Error("no message or hint")
			}
			if strings.Contains(r.Plaintext, "ACCESS_TOKEN") {
				t.Errorf("the token leaks: %s", r.Plaintext)
			}
		})
	}
}

func responseKeys(t testing.TB, which ...string) *wxsecure.Keys {
	k := guideKeys(t)
	sn := env(t, "responses/serials.env")
	k.Certs = nil
	for _, w := range which {
		c, err := wxsecure.ParseCertificate(read(t, "responses/platform_"+w+".pem"))
		if err != nil {
			t.Fatal(err)
		}
		k.Certs = append(k.Certs, wxsecure.Cert{SN: sn["WX_SECURE_CERT_SN_"+strings.ToUpper(w)], Key: c})
	}
	return k
}

func TestExplainResponses(t *testing.T) {
	for _, c := range []struct {
		file  string
		certs []string
		code  core.Code // "" when ok
		warn  core.Code
	}{
		{"ok", []string{"new"}, "", ""},
		{"ok", []string{"old"}, core.CodeCertificateUnknown, ""},
		{"rotation", []string{"new"}, "", ""},
		{"rotation", []string{"old"}, "", core.CodeDeprecatedCertificate},
		{"body_altered", []string{"new"}, core.CodeBodyAltered, ""},
		{"timestamp_mismatch", []string{"new"}, core.CodeTimestampMismatch, ""},
	} {
		t.Run(c.file+"/"+strings.Join(c.certs, ","), func(t *testing.T) {
			k := responseKeys(t, c.certs...)
			m := capture(t, "responses/"+c.file+".http")
			r := wxsecure.Explain(m, wxsecure.CanonicalURL(wxapi.APIPhoneNumber), k, wxsecure.Options{})
			_, err := k.OpenResponse(wxapi.APIPhoneNumber, m.Header, m.Body)
			if c.code == "" {
				if !r.OK || err != nil {
					t.Fatalf("%+v %v", r.Error, err)
				}
			} else if r.OK || r.Error.Code != c.code || core.CodeOf(err) != c.code {
				t.Fatalf("got %+v / %v, want %s", r.Error, err, c.code)
			}
			if c.warn != "" && (len(r.Findings) == 0 || r.Findings[0].Code != c.warn) {
				t.Errorf("findings %+v", r.Findings)
			}
		})
	}
}

func TestSecureCodesAreDescribed(t *testing.T) {
	for _, c := range core.SecureCodes() {
		for _, lang := range []core.Lang{core.English, core.Chinese} {
			msg, hint := c.Describe(lang)
			if msg == "" || hint == "" || msg == string(c) {
				t.Errorf("%s %s: %q %q", c, lang, msg, hint)
			}
		}
	}
}

func TestKeyErrors(t *testing.T) {
	if _, err := wxsecure.ParseSymKey(base64.StdEncoding.EncodeToString(make([]byte, 16))); core.CodeOf(err) != core.CodeSecureKey {
		t.Errorf("16-byte key: %v", err)
	}
	if _, err := wxsecure.ParsePrivateKey([]byte("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n")); core.CodeOf(err) != core.CodeSecureKey {
		t.Errorf("bad key: %v", err)
	}
}

func TestAPIPath(t *testing.T) {
	req := &wxsecure.Message{Method: "POST", Target: "/wxa/business/getuserphonenumber?access_token=T"}
	for _, c := range []struct {
		m    *wxsecure.Message
		url  string
		want string
	}{
		{req, "", "wxa/business/getuserphonenumber"},
		{req, "https://api.weixin.qq.com/wxa/getuserriskrank?access_token=T", "wxa/getuserriskrank"},
		{req, "/wxa/getuserriskrank", "wxa/getuserriskrank"},
		{&wxsecure.Message{Response: true}, "", ""},
		{&wxsecure.Message{Method: "POST", Target: "http://proxy:8080/wxa/x?y"}, "", "wxa/x"},
	} {
		if got := wxsecure.APIPath(c.m, c.url); got != c.want {
			t.Errorf("APIPath(%q, %q) = %q, want %q", c.m.Target, c.url, got, c.want)
		}
	}
}

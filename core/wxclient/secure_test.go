package wxclient_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxclient"
	"github.com/wxinspect/wxinspect/core/wxfake"
	"github.com/wxinspect/wxinspect/core/wxsecure"
)

var otherApp = wxfake.App{AppID: "wxfedcba0987654321", Secret: "0123456789abcdef0123456789abcdef"}

// secureFake runs the fake in security mode behind a loopback proxy whose
// tamper, when set, may change each answer of getuserphonenumber.
type secureFake struct {
	fake   *wxfake.Server
	srv    *httptest.Server
	mat    *wxsecure.Keys
	tamper func(h http.Header, body []byte) []byte
	log    bytes.Buffer
}

func startSecure(t *testing.T) *secureFake {
	t.Helper()
	sf := &secureFake{}
	sf.fake = wxfake.New(wxfake.WithApps(testApp, otherApp))
	m, err := sf.fake.EnableSecure(testApp.AppID)
	if err != nil {
		t.Fatal(err)
	}
	sf.mat = m.Keys
	sf.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if sf.tamper == nil || r.URL.Path != "/"+wxapi.APIPhoneNumber {
			sf.fake.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		sf.fake.ServeHTTP(rec, r)
		body := sf.tamper(rec.Header(), rec.Body.Bytes())
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(body)
	}))
	t.Cleanup(sf.srv.Close)
	return sf
}

func (sf *secureFake) client(k *wxsecure.Keys) *wxclient.Client {
	return wxclient.New(testApp.AppID, testApp.Secret, wxclient.WithBaseURL(sf.srv.URL), wxclient.WithSecure(k),
		wxclient.WithLogger(slog.New(slog.NewTextHandler(&sf.log, &slog.HandlerOptions{Level: slog.LevelDebug}))))
}

func (sf *secureFake) phone(t *testing.T, c *wxclient.Client) (*wxapi.PhoneNumberResult, error) {
	t.Helper()
	code, err := sf.fake.PhoneCode(testApp.AppID, "13912345678", "86", "")
	if err != nil {
		t.Fatal(err)
	}
	return c.PhoneNumber(context.Background(), code, "")
}

func TestSecurePhoneNumber(t *testing.T) {
	sf := startSecure(t)
	r, err := sf.phone(t, sf.client(sf.mat))
	if err != nil {
		t.Fatal(err)
	}
	if r.Phone.PurePhoneNumber != "13912345678" {
		t.Errorf("result %+v", r)
	}
	// Without security mode the fake refuses the call as WeChat does.
	_, err = sf.phone(t, wxclient.New(testApp.AppID, testApp.Secret, wxclient.WithBaseURL(sf.srv.URL)))
	if apiErr, ok := errors.AsType[*wxapi.APIError](err); !ok || apiErr.Code != 40233 {
		t.Errorf("plain call: %v", err)
	}
	for _, s := range [][]byte{sf.mat.SymKey, []byte(base64.StdEncoding.EncodeToString(sf.mat.SymKey))} {
		if bytes.Contains(sf.log.Bytes(), s) {
			t.Error("the log holds the symmetric key")
		}
	}
}

// TestSecureTampered: an answer changed on the way is refused, each change
// with its own code.
func TestSecureTampered(t *testing.T) {
	sf := startSecure(t)
	c := sf.client(sf.mat)
	for _, tc := range []struct {
		name   string
		tamper func(h http.Header, body []byte) []byte
		code   core.Code
	}{
		{"body", func(h http.Header, b []byte) []byte {
			e, _ := wxsecure.ParseEnvelope(b)
			e.Data[0] ^= 1
			return e.AppendJSON(nil)
		}, core.CodeBodyAltered},
		{"timestamp", func(h http.Header, b []byte) []byte {
			ts, _ := strconv.ParseInt(h.Get(wxsecure.HeaderTimestamp), 10, 64)
			h.Set(wxsecure.HeaderTimestamp, strconv.FormatInt(ts+20, 10))
			return b
		}, core.CodeTimestampMismatch},
		{"signature", func(h http.Header, b []byte) []byte {
			sig, _ := base64.StdEncoding.DecodeString(h.Get(wxsecure.HeaderSignature))
			sig[10] ^= 1
			h.Set(wxsecure.HeaderSignature, base64.StdEncoding.EncodeToString(sig))
			return b
		}, core.CodeSignatureInvalid},
		{"unsigned", func(h http.Header, b []byte) []byte {
			h.Del(wxsecure.HeaderSignature)
			return []byte(`{"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber":"13800000000"}}`)
		}, core.CodeResponseUnsigned},
	} {
		sf.tamper = tc.tamper
		_, err := sf.phone(t, c)
		se, ok := errors.AsType[*wxclient.SecureError](err)
		if !ok || core.CodeOf(err) != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
			continue
		}
		if se.API == "" || core.Explain(err, core.Chinese).Hint == "" || !strings.Contains(err.Error(), wxapi.APIPhoneNumber) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// TestSecureRotation: during a rotation a client with either certificate
// verifies the answers; after it, the old certificate is refused.
func TestSecureRotation(t *testing.T) {
	sf := startSecure(t)
	old := sf.mat.Certs[0]
	sn, certPEM, err := sf.fake.RotatePlatform()
	if err != nil {
		t.Fatal(err)
	}
	pub, err := wxsecure.ParseCertificate(certPEM)
	if err != nil {
		t.Fatal(err)
	}
	withOld, withNew := *sf.mat, *sf.mat
	withNew.Certs = []wxsecure.Cert{{SN: sn, Key: pub}}
	if _, err := sf.phone(t, sf.client(&withNew)); err != nil {
		t.Errorf("new certificate: %v", err)
	}
	sf.log.Reset()
	if _, err := sf.phone(t, sf.client(&withOld)); err != nil {
		t.Errorf("old certificate during the rotation: %v", err)
	}
	if !strings.Contains(sf.log.String(), "certificate being retired") || !strings.Contains(sf.log.String(), old.SN) {
		t.Errorf("no warning: %s", sf.log.String())
	}
	sf.fake.EndRotation()
	if _, err := sf.phone(t, sf.client(&withOld)); core.CodeOf(err) != core.CodeCertificateUnknown {
		t.Errorf("old certificate after the rotation: %v", err)
	}
}

// TestSecureErrcodes: the fake answers each of 40230–40240 where WeChat
// would; the client reports it with its hint, and Explain of the captured
// request names the same errcode where the request alone shows it.
func TestSecureErrcodes(t *testing.T) {
	sf := startSecure(t)
	ctx := context.Background()
	tokenOf := func(app wxfake.App) string {
		tok, err := wxclient.New(app.AppID, app.Secret, wxclient.WithBaseURL(sf.srv.URL)).AccessToken(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	token := tokenOf(testApp)
	if _, err := sf.fake.EnableSecure(otherApp.AppID); err != nil {
		t.Fatal(err)
	}
	otherToken := tokenOf(otherApp)
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	k := sf.mat
	now := time.Now()
	for _, tc := range []struct {
		errcode int
		token   string
		at      time.Time
		edit    func(c *wxapi.Call)
		setup   func()
		explain bool
	}{
		{40230, token, now, func(c *wxapi.Call) {
			c.Header = append(c.Header, wxapi.HeaderField{Name: wxsecure.HeaderSerial, Value: ""})
		}, nil, true},
		{40231, token, now, func(c *wxapi.Call) { drop(c, wxsecure.HeaderTimestamp) }, nil, true},
		{40232, token, now, func(c *wxapi.Call) { drop(c, wxsecure.HeaderSignature) }, nil, true},
		{40233, token, now, func(c *wxapi.Call) { drop(c, wxsecure.HeaderAppID) }, nil, true},
		{40234, token, now, func(c *wxapi.Call) {
			sig, _ := wxsecure.Sign(rand.Reader, other, []byte("x"))
			set(c, wxsecure.HeaderSignature, base64.StdEncoding.EncodeToString(sig))
		}, nil, true},
		{40235, token, now, func(c *wxapi.Call) {
			c.Body = bytes.Replace(c.Body, []byte(`"data":"`), []byte(`"data":"AAAA`), 1)
			resign(c, k)
		}, nil, true},
		{40236, token, now, func(c *wxapi.Call) { set(c, wxsecure.HeaderAppID, "wx0000000000000000") }, nil, false},
		{40237, otherToken, now, nil, nil, false},
		{40240, token, now.Add(-10 * time.Minute), nil, nil, true},
		{40238, token, now, nil, func() { sf.fake.SetSecureKeys(testApp.AppID, nil, "", &k.Private.PublicKey) }, false},
		{40239, token, now, nil, func() { sf.fake.SetSecureKeys(testApp.AppID, k.SymKey, k.SymSN, nil) }, false},
	} {
		if tc.setup != nil {
			tc.setup()
		}
		call, err := k.SealRequest(wxapi.NewPhoneNumberCall(sf.srv.URL, tc.token, "code", ""), tc.at, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		if tc.edit != nil {
			tc.edit(call)
		}
		req, _ := http.NewRequest(call.Method, call.URL, bytes.NewReader(call.Body))
		for _, h := range call.Header {
			req.Header[h.Name] = []string{h.Value}
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		_, err = wxapi.ParsePhoneNumberResponse(b)
		apiErr, ok := errors.AsType[*wxapi.APIError](err)
		if !ok || apiErr.Code != tc.errcode {
			t.Errorf("%d: got %v (%s)", tc.errcode, err, b)
			continue
		}
		if h := core.Explain(err, core.English).Hint; !strings.Contains(h, "Security mode") {
			t.Errorf("%d: hint %q", tc.errcode, h)
		}
		if tc.explain {
			m := &wxsecure.Message{Method: "POST", Target: "/" + wxapi.APIPhoneNumber, Header: call.Header, Body: call.Body}
			r := wxsecure.Explain(m, wxsecure.CanonicalURL(wxapi.APIPhoneNumber), k, wxsecure.Options{Now: time.Now(), MaxSkew: wxfake.SecureMaxSkew})
			if r.OK || r.Error.WeChatCode != tc.errcode {
				t.Errorf("%d: explain says %+v", tc.errcode, r.Error)
			}
		}
	}
}

func drop(c *wxapi.Call, name string) {
	for i, h := range c.Header {
		if h.Name == name {
			c.Header = append(c.Header[:i], c.Header[i+1:]...)
			return
		}
	}
}

func set(c *wxapi.Call, name, value string) {
	for i, h := range c.Header {
		if h.Name == name {
			c.Header[i].Value = value
		}
	}
}

// resign signs an edited body again, so that only the encryption is wrong.
func resign(c *wxapi.Call, k *wxsecure.Keys) {
	ts, _ := wxsecure.HeaderValue(c.Header, wxsecure.HeaderTimestamp)
	n, _ := strconv.ParseInt(ts, 10, 64)
	sig, _ := wxsecure.Sign(rand.Reader, k.Private, wxsecure.SignedString(wxsecure.CanonicalURL(c.API), k.AppID, n, c.Body))
	set(c, wxsecure.HeaderSignature, base64.StdEncoding.EncodeToString(sig))
}

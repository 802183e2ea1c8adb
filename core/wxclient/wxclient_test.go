package wxclient_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxclient"
	"github.com/wxinspect/wxinspect/core/wxfake"
)

var testApp = wxfake.App{AppID: "wx1234567890abcdef", Secret: "s3cr3t0123456789abcdef0123456789"}

// start runs the fake behind real loopback HTTP. wrap, if not nil, sees every
// request first and may answer it itself.
func start(t *testing.T, wrap func(w http.ResponseWriter, r *http.Request) bool, opts ...wxfake.Option) (*wxfake.Server, *httptest.Server) {
	t.Helper()
	fake := wxfake.New(append([]wxfake.Option{wxfake.WithApps(testApp)}, opts...)...)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if wrap != nil && wrap(w, r) {
			return
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return fake, srv
}

func newClient(srv *httptest.Server, opts ...wxclient.Option) *wxclient.Client {
	return wxclient.New(testApp.AppID, testApp.Secret,
		append([]wxclient.Option{wxclient.WithBaseURL(srv.URL), wxclient.WithHTTPClient(srv.Client())}, opts...)...)
}

func phoneCode(t *testing.T, fake *wxfake.Server, number string) string {
	t.Helper()
	code, err := fake.PhoneCode(testApp.AppID, number, "86", "")
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func TestColdCacheManyGoroutinesFetchOneToken(t *testing.T) {
	fake, srv := start(t, nil)
	c := newClient(srv)
	const n = 50
	codes := make([]string, n)
	for i := range codes {
		codes[i] = phoneCode(t, fake, "138"+strconv.Itoa(10000000+i))
	}
	var wg sync.WaitGroup
	errs := make([]error, n)
	got := make([]string, n)
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			r, err := c.PhoneNumber(t.Context(), codes[i], "")
			errs[i] = err
			if r != nil {
				got[i] = r.Phone.PurePhoneNumber
			}
		})
	}
	close(start)
	wg.Wait()
	for i := range n {
		if errs[i] != nil || got[i] != "138"+strconv.Itoa(10000000+i) {
			t.Errorf("goroutine %d: %q, %v", i, got[i], errs[i])
		}
	}
	if f := fake.Requests(wxapi.APIStableToken); f != 1 {
		t.Errorf("%d token fetches, want exactly 1", f)
	}
	if p := fake.Requests(wxapi.APIPhoneNumber); p != n {
		t.Errorf("%d phone calls, want %d", p, n)
	}
}

func TestExpiredTokenIsRefreshedOnceAndTheCallSucceeds(t *testing.T) {
	var mu sync.Mutex
	var tokenBodies []string
	fake, srv := start(t, func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/"+wxapi.APIStableToken {
			b, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(b))
			mu.Lock()
			tokenBodies = append(tokenBodies, string(b))
			mu.Unlock()
		}
		return false
	})
	c := newClient(srv)
	if _, err := c.PhoneNumber(t.Context(), phoneCode(t, fake, "13800138000"), ""); err != nil {
		t.Fatal(err)
	}
	if n := fake.ExpireAccessTokens(testApp.AppID); n != 1 {
		t.Fatalf("expired %d tokens, want 1", n)
	}
	r, err := c.PhoneNumber(t.Context(), phoneCode(t, fake, "13900139000"), "")
	if err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if r.Phone.PhoneNumber != "13900139000" || r.Watermark.AppID != testApp.AppID {
		t.Errorf("got %+v", r)
	}
	if f := fake.Requests(wxapi.APIStableToken); f != 2 {
		t.Errorf("%d token fetches, want 2 (one refresh)", f)
	}
	if p := fake.Requests(wxapi.APIPhoneNumber); p != 3 {
		t.Errorf("%d phone calls, want 3 (ok, 42001, retry)", p)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(tokenBodies) != 2 || !strings.Contains(tokenBodies[0], `"force_refresh":false`) || !strings.Contains(tokenBodies[1], `"force_refresh":true`) {
		t.Errorf("token requests %q: want a normal fetch, then one with force_refresh", tokenBodies)
	}
}

// Another server forcing a refresh invalidates the cached token (40001): the
// client refreshes once and the call succeeds.
func TestTokenInvalidatedElsewhereIsRefreshed(t *testing.T) {
	fake, srv := start(t, nil)
	c := newClient(srv)
	old, err := c.AccessToken(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// Simulate the other server's forced refresh.
	resp, err := srv.Client().Post(srv.URL+"/"+wxapi.APIStableToken, "application/json",
		strings.NewReader(`{"grant_type":"client_credential","appid":"`+testApp.AppID+`","secret":"`+testApp.Secret+`","force_refresh":true}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	r, err := c.PhoneNumber(t.Context(), phoneCode(t, fake, "13800138000"), "")
	if err != nil || r.Phone.PurePhoneNumber != "13800138000" {
		t.Fatalf("%+v, %v", r, err)
	}
	tok, _ := c.AccessToken(t.Context())
	if tok == old {
		t.Error("the rejected token is still cached")
	}
}

func TestUsedCodeGives40029WithHint(t *testing.T) {
	fake, srv := start(t, nil)
	c := newClient(srv)
	code := phoneCode(t, fake, "13800138000")
	if _, err := c.PhoneNumber(t.Context(), code, ""); err != nil {
		t.Fatal(err)
	}
	r, err := c.PhoneNumber(t.Context(), code, "")
	var apiErr *wxapi.APIError
	if r != nil || !errors.As(err, &apiErr) {
		t.Fatalf("second use: %v, %v; want *wxapi.APIError", r, err)
	}
	if apiErr.Code != 40029 || apiErr.API != wxapi.APIPhoneNumber || apiErr.RID == "" {
		t.Errorf("got %+v", apiErr)
	}
	p := core.Explain(err, core.English)
	if p.Code != core.CodePhoneCodeReused || p.WeChatCode != 40029 || p.RID != apiErr.RID || !strings.Contains(p.Hint, "single-use") {
		t.Errorf("Explain = %+v: the hint does not explain single use", p)
	}
	if zh := core.Explain(err, core.Chinese); !strings.Contains(zh.Hint, "只能用一次") {
		t.Errorf("Chinese hint %q", zh.Hint)
	}
	if !strings.Contains(err.Error(), "errcode 40029") || !strings.Contains(err.Error(), "rid: "+apiErr.RID) {
		t.Errorf("error %q", err)
	}
	// The login code in place of the phone code is refused the same way.
	jsCode, _, _ := fake.Login(testApp.AppID, "")
	if _, err := c.PhoneNumber(t.Context(), jsCode, ""); !errors.As(err, &apiErr) || apiErr.Code != 40029 {
		t.Errorf("login code as phone code: %v", err)
	}
	_, err = c.PhoneNumber(t.Context(), "", "")
	if p := core.Explain(err, core.English); p.Code != core.CodeMissingCredential || p.Message != "code is missing" || !strings.Contains(p.Hint, "e.detail.code") {
		t.Errorf("empty code: %v, explained %+v", err, p)
	}
}

func TestMalformedResponsesGiveClearErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		fault  core.Code
		msg    string
	}{
		{"html", http.StatusBadGateway, "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>", core.CodeHTMLResponse, `HTML page, not JSON (title "502 Bad Gateway") [HTTP 502]`},
		{"empty", http.StatusOK, "", core.CodeEmptyResponse, "empty response [HTTP 200]"},
		{"truncated", http.StatusOK, `{"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber":"1380013`, core.CodeTruncatedResponse, "truncated JSON"},
	}
	for _, tt := range tests {
		for _, api := range []string{wxapi.APIPhoneNumber, wxapi.APIStableToken} {
			t.Run(tt.name+" "+api, func(t *testing.T) {
				fake, srv := start(t, func(w http.ResponseWriter, r *http.Request) bool {
					if r.URL.Path != "/"+api {
						return false
					}
					w.WriteHeader(tt.status)
					io.WriteString(w, tt.body)
					return true
				})
				c := newClient(srv)
				r, err := c.PhoneNumber(t.Context(), phoneCode(t, fake, "13800138000"), "")
				var re *wxapi.ResponseError
				if r != nil || !errors.As(err, &re) {
					t.Fatalf("got %v, %v; want *wxapi.ResponseError", r, err)
				}
				if re.Fault != tt.fault || re.API != api || !strings.HasPrefix(err.Error(), api+": ") || !strings.Contains(err.Error(), tt.msg) {
					t.Errorf("fault %q, error %q; want %q, %q", re.Fault, err, tt.fault, tt.msg)
				}
				if p := core.Explain(err, core.English); p.Code != tt.fault || p.Hint == "" {
					t.Errorf("Explain = %+v", p)
				}
			})
		}
	}
}

// The two mistakes in this project's seed: the token in the body and a form
// body. Over real HTTP, the request carries the token in the query and a JSON
// body with Content-Type: application/json.
func TestPhoneNumberRequestOnTheWire(t *testing.T) {
	type seen struct {
		method, token, contentType string
		form                       int
		body                       map[string]any
	}
	var got seen
	fake, srv := start(t, func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/"+wxapi.APIPhoneNumber {
			b, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(b))
			got = seen{method: r.Method, token: r.URL.Query().Get("access_token"), contentType: r.Header.Get("Content-Type")}
			if err := json.Unmarshal(b, &got.body); err != nil {
				t.Errorf("body %q is not JSON: %v", b, err)
			}
			r2 := r.Clone(r.Context())
			r2.Body = io.NopCloser(bytes.NewReader(b))
			r2.ParseForm()
			got.form = len(r2.PostForm)
		}
		return false
	})
	c := newClient(srv)
	code := phoneCode(t, fake, "13800138000")
	if _, err := c.PhoneNumber(t.Context(), code, "oUser"); err != nil {
		t.Fatal(err)
	}
	tok, _ := c.AccessToken(t.Context())
	if got.method != http.MethodPost || got.token != tok || got.contentType != "application/json" || got.form != 0 {
		t.Errorf("request: %+v", got)
	}
	if len(got.body) != 2 || got.body["code"] != code || got.body["openid"] != "oUser" {
		t.Errorf("body %v, want {code, openid} only", got.body)
	}
}

func TestSystemBusyIsRetriedWithBoundedBackoff(t *testing.T) {
	var calls atomic.Int32
	busyFor := int32(2)
	fake, srv := start(t, func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/"+wxapi.APIPhoneNumber {
			return false
		}
		if calls.Add(1) <= busyFor {
			io.WriteString(w, `{"errcode":-1,"errmsg":"system error rid: 1-2-3"}`)
			return true
		}
		return false
	})
	c := newClient(srv, wxclient.WithRetry(3, time.Millisecond))
	if _, err := c.PhoneNumber(t.Context(), phoneCode(t, fake, "13800138000"), ""); err != nil {
		t.Fatalf("after two -1: %v", err)
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("%d calls, want 3", n)
	}
	calls.Store(0)
	busyFor = 100
	_, err := c.PhoneNumber(t.Context(), phoneCode(t, fake, "13800138000"), "")
	var apiErr *wxapi.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != -1 || !apiErr.Temporary() {
		t.Fatalf("always busy: %v", err)
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("%d calls, want 3 (bounded)", n)
	}
}

func TestContextDeadlineIsRespected(t *testing.T) {
	release := make(chan struct{})
	fake, srv := start(t, func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/"+wxapi.APIPhoneNumber {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return true
		}
		return false
	})
	defer close(release)
	c := newClient(srv)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	begin := time.Now()
	_, err := c.PhoneNumber(ctx, phoneCode(t, fake, "13800138000"), "")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want context.DeadlineExceeded", err)
	}
	var te *wxclient.TransportError
	if !errors.As(err, &te) || te.API != wxapi.APIPhoneNumber {
		t.Errorf("error %T %v", err, err)
	}
	if d := time.Since(begin); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestStaticTokenIsNeverRefreshed(t *testing.T) {
	fake, srv := start(t, nil)
	tok, err := newClient(srv).AccessToken(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	c := wxclient.New("", "", wxclient.WithBaseURL(srv.URL), wxclient.WithStaticToken(tok))
	if _, err := c.PhoneNumber(t.Context(), phoneCode(t, fake, "13800138000"), ""); err != nil {
		t.Fatal(err)
	}
	fake.ExpireAccessTokens(testApp.AppID)
	_, err = c.PhoneNumber(t.Context(), phoneCode(t, fake, "13800138000"), "")
	var apiErr *wxapi.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != 42001 {
		t.Fatalf("expired static token: %v", err)
	}
	if f := fake.Requests(wxapi.APIStableToken); f != 1 {
		t.Errorf("%d token fetches, want only the one made for the test", f)
	}
}

func TestTokenIsRefreshedAheadOfExpiry(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	fake, srv := start(t, nil, wxfake.WithClock(clock))
	c := newClient(srv, wxclient.WithClock(clock), wxclient.WithLegacyToken())
	first, err := c.AccessToken(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	now = now.Add(7200*time.Second - 4*time.Minute)
	mu.Unlock()
	// Within the margin: the current token is returned at once and a new one
	// is fetched in the background.
	if tok, err := c.AccessToken(t.Context()); err != nil || tok != first {
		t.Fatalf("within the margin got a different token or %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		tok, err := c.AccessToken(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if tok != first {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the token was not refreshed ahead of expiry")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if f := fake.Requests(wxapi.APIToken); f != 2 {
		t.Errorf("%d token fetches, want 2", f)
	}
}

// TestNoSecretInErrorsOrLogs drives every failure path with a logger at
// debug level and looks for the secret, the tokens and the session_key in
// every error string and log line.
func TestNoSecretInErrorsOrLogs(t *testing.T) {
	var logBuf bytes.Buffer
	var logMu sync.Mutex
	logger := slog.New(slog.NewTextHandler(lockedWriter{&logMu, &logBuf}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	fake, srv := start(t, nil)
	c := newClient(srv, wxclient.WithLogger(logger), wxclient.WithRetry(2, time.Millisecond))
	ctx := t.Context()
	var errs []error
	record := func(err error) {
		if err == nil {
			t.Error("expected an error")
		}
		errs = append(errs, err)
	}

	tok, err := c.AccessToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	jsCode, openID, _ := fake.Login(testApp.AppID, "")
	sess, err := c.Code2Session(ctx, jsCode)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Code2Session(ctx, jsCode) // used
	record(err)
	record(c.CheckSession(ctx, openID, "AAAAAAAAAAAAAAAAAAAAAA=="))
	fake.Login(testApp.AppID, openID) // rotates the key
	record(c.CheckSession(ctx, openID, sess.SessionKey))
	_, err = c.PhoneNumber(ctx, "nope", "")
	record(err)
	fake.ExpireAccessTokens(testApp.AppID)
	_, err = c.PhoneNumber(ctx, "nope", "") // 42001, refresh, 40029
	record(err)
	tok2, _ := c.AccessToken(ctx)

	wrong := wxclient.New(testApp.AppID, "wrong-"+testApp.Secret, wxclient.WithBaseURL(srv.URL), wxclient.WithLogger(logger))
	_, err = wrong.AccessToken(ctx)
	record(err)
	_, err = wrong.Code2Session(ctx, "x")
	record(err)
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	for _, base := range []string{dead.URL, "http://127.0.0.1:1/\x7f", "ftp://example.invalid"} {
		bc := wxclient.New(testApp.AppID, testApp.Secret, wxclient.WithBaseURL(base), wxclient.WithLogger(logger))
		_, err = bc.AccessToken(ctx)
		record(err)
		_, err = bc.Code2Session(ctx, "x")
		record(err)
		st := wxclient.New(testApp.AppID, testApp.Secret, wxclient.WithBaseURL(base), wxclient.WithStaticToken(tok))
		_, err = st.PhoneNumber(ctx, "x", "")
		record(err)
		record(st.CheckSession(ctx, openID, sess.SessionKey))
	}
	shortCtx, cancel := context.WithTimeout(ctx, time.Nanosecond)
	defer cancel()
	time.Sleep(time.Millisecond)
	_, err = newClient(srv).PhoneNumber(shortCtx, "x", "")
	record(err)

	secrets := []string{testApp.Secret, tok, tok2, sess.SessionKey, core.LoginSignature(sess.SessionKey, nil)}
	logMu.Lock()
	logs := logBuf.String()
	logMu.Unlock()
	if !strings.Contains(logs, "wechat call") {
		t.Errorf("nothing was logged: %q", logs)
	}
	for _, s := range secrets {
		if s == "" {
			t.Fatal("a secret is empty")
		}
		if strings.Contains(logs, s) {
			t.Errorf("log leaks a secret:\n%s", logs)
		}
		for _, err := range errs {
			if strings.Contains(err.Error(), s) {
				t.Errorf("error leaks a secret: %q", err)
			}
		}
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestWrongCredentialsAreNamed(t *testing.T) {
	_, srv := start(t, nil)
	for _, tt := range []struct {
		appID, secret string
		code          int
	}{
		{"wx0000000000000000", testApp.Secret, 40013},
		{testApp.AppID, "wrong", 40125},
	} {
		c := wxclient.New(tt.appID, tt.secret, wxclient.WithBaseURL(srv.URL))
		_, err := c.PhoneNumber(t.Context(), "x", "")
		var apiErr *wxapi.APIError
		if !errors.As(err, &apiErr) || apiErr.Code != tt.code || apiErr.API != wxapi.APIStableToken {
			t.Errorf("%s: %v, want %d from stable_token", tt.appID, err, tt.code)
		}
	}
	if _, err := wxclient.New("", "").AccessToken(t.Context()); core.CodeOf(err) != core.CodeMissingCredential {
		t.Errorf("no credentials: %v", err)
	}
}

// The legacy flow: wx.login, jscode2session, the encrypted phone number
// decrypted with core.Open; then a second wx.login rotates the session_key and
// the old data no longer decrypts with the new one.
//
// The fake draws its keys from a fixed stream: with random keys the old data
// would decrypt to valid padding under the new key once in 256 runs.
func TestLegacyFlowRoundTrip(t *testing.T) {
	var seed [32]byte
	copy(seed[:], "wxinspect: a known-bad rotation")
	_, srv := start(t, nil, wxfake.WithRandom(mrand.NewChaCha8(seed)))
	c := newClient(srv)
	post := func(path string, req map[string]string) map[string]string {
		t.Helper()
		b, _ := json.Marshal(req)
		resp, err := srv.Client().Post(srv.URL+path, "application/json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]string
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %v %v", path, resp.StatusCode, out, err)
		}
		return out
	}

	login := post("/_fake/login", map[string]string{"appid": testApp.AppID})
	sess, err := c.Code2Session(t.Context(), login["js_code"])
	if err != nil {
		t.Fatal(err)
	}
	if sess.OpenID != login["openid"] {
		t.Errorf("openid %q, want %q", sess.OpenID, login["openid"])
	}
	enc := post("/_fake/encrypted-phone", map[string]string{"appid": testApp.AppID, "openid": sess.OpenID, "phone_number": "13800138000"})
	d, err := core.Open(testApp.AppID, sess.SessionKey, enc["iv"], enc["encrypted_data"])
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != core.KindPhone || d.Phone.PhoneNumber != "13800138000" || d.Phone.CountryCode != "86" {
		t.Errorf("decrypted %+v", d.Phone)
	}
	if err := c.CheckSession(t.Context(), sess.OpenID, sess.SessionKey); err != nil {
		t.Errorf("checksession of the current key: %v", err)
	}

	login2 := post("/_fake/login", map[string]string{"appid": testApp.AppID, "openid": sess.OpenID})
	sess2, err := c.Code2Session(t.Context(), login2["js_code"])
	if err != nil {
		t.Fatal(err)
	}
	if sess2.SessionKey == sess.SessionKey {
		t.Fatal("the second login did not rotate the session_key")
	}
	var apiErr *wxapi.APIError
	if err := c.CheckSession(t.Context(), sess.OpenID, sess.SessionKey); !errors.As(err, &apiErr) || apiErr.Code != 87009 {
		t.Errorf("checksession of the old key: %v, want 87009", err)
	}
	rep := core.Inspect(core.Input{AppID: testApp.AppID, SessionKey: sess2.SessionKey, IV: enc["iv"], EncryptedData: enc["encrypted_data"]})
	if rep.OK || rep.Error == nil || rep.Error.Code != core.CodeBadPadding {
		t.Fatalf("old data with the new key: %+v", rep.Error)
	}
	if !strings.Contains(rep.Error.Hint, "rotated the session_key") || !strings.Contains(rep.Error.Hint, "wx.login") {
		t.Errorf("hint %q does not name session_key rotation", rep.Error.Hint)
	}
}

// BenchmarkPhoneNumber is one getuserphonenumber round trip over loopback
// HTTP against the fake, with the token cached.
func BenchmarkPhoneNumber(b *testing.B) {
	fake := wxfake.New(wxfake.WithApps(testApp))
	srv := httptest.NewServer(fake)
	defer srv.Close()
	c := wxclient.New(testApp.AppID, testApp.Secret, wxclient.WithBaseURL(srv.URL), wxclient.WithHTTPClient(srv.Client()))
	codes := make([]string, 0, 1024)
	for b.Loop() {
		if len(codes) == 0 {
			b.StopTimer()
			for range cap(codes) {
				code, _ := fake.PhoneCode(testApp.AppID, "13800138000", "86", "")
				codes = append(codes, code)
			}
			b.StartTimer()
		}
		code := codes[len(codes)-1]
		codes = codes[:len(codes)-1]
		if _, err := c.PhoneNumber(b.Context(), code, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFetchTokenForceRefresh: a forced refresh gets a new token, revokes the
// old one at the fake, and the client uses the new one from its cache.
func TestFetchTokenForceRefresh(t *testing.T) {
	fake, srv := start(t, nil)
	c := newClient(srv)
	ctx := context.Background()
	first, err := c.AccessToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	same, err := c.FetchToken(ctx, false)
	if err != nil || same.AccessToken != first || same.ExpiresIn <= 0 {
		t.Fatalf("FetchToken(false) = %+v, %v; want the current token %q", same, err, first)
	}
	fresh, err := c.FetchToken(ctx, true)
	if err != nil || fresh.AccessToken == first {
		t.Fatalf("FetchToken(true) = %+v, %v; want a new token", fresh, err)
	}
	if got, _ := c.AccessToken(ctx); got != fresh.AccessToken {
		t.Errorf("AccessToken after a forced refresh = %q, want the new one", got)
	}
	if n := fake.Requests(wxapi.APIStableToken); n != 3 {
		t.Errorf("%d stable_token requests, want 3", n)
	}
	if _, err := c.PhoneNumber(ctx, phoneCode(t, fake, "13800138000"), ""); err != nil {
		t.Errorf("a call with the new token: %v", err)
	}
	if _, err := wxclient.New("", "").FetchToken(ctx, true); core.CodeOf(err) != core.CodeMissingCredential {
		t.Errorf("FetchToken without credentials: %v", err)
	}
}

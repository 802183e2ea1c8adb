// Package wxclient sends the WeChat server calls that package core builds,
// over net/http, and manages the access token.
//
// The default entry point is New, then PhoneNumber, Code2Session,
// CheckSession or AccessToken:
//
//	c := wxclient.New(appID, secret, wxclient.WithHTTPClient(&http.Client{Timeout: 10 * time.Second}))
//	r, err := c.PhoneNumber(ctx, code, "")
//	var apiErr *wxapi.APIError
//	if errors.As(err, &apiErr) {
//		log.Printf("%v (hint: %s)", apiErr, apiErr.Hint) // never the token or the secret
//	}
//
// Access tokens come from cgi-bin/stable_token, so that several servers
// sharing an appid do not invalidate each other's token as cgi-bin/token
// does. A Client caches its token, refreshes it ahead of expiry in the
// background, and runs one fetch at a time however many goroutines ask. When
// WeChat rejects the token (40001, 42001) it refreshes it once with
// force_refresh and retries the call once; errcode -1 (system busy) is retried
// with a bounded backoff. Errors are *wxapi.APIError, *wxapi.ResponseError,
// *core.InputError or *TransportError; none of them, and no log line, carries
// the secret, a token or a session_key.
package wxclient

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxsecure"
)

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client (default http.DefaultClient). Give it a
// Timeout, or pass contexts with deadlines.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.hc = hc } }

// WithBaseURL sends the calls to baseURL instead of wxapi.DefaultBaseURL: a
// proxy, or the fake of core/wxfake.
func WithBaseURL(baseURL string) Option { return func(c *Client) { c.base = baseURL } }

// WithStaticToken uses token for every call that needs one and never fetches
// one, for deployments where another service owns the token. A rejected
// static token is reported, not refreshed.
func WithStaticToken(token string) Option { return func(c *Client) { c.static = token } }

// WithLegacyToken fetches tokens from cgi-bin/token instead of
// cgi-bin/stable_token. Each fetch invalidates the previous token five
// minutes later, for every server of the appid: use it only where one service
// alone fetches tokens.
func WithLegacyToken() Option { return func(c *Client) { c.legacy = true } }

// WithRefreshBefore sets how long before its expiry a token is refreshed
// (default 5 minutes). The refresh runs in the background while the current
// token keeps being used.
func WithRefreshBefore(d time.Duration) Option { return func(c *Client) { c.refreshBefore = d } }

// WithClock sets the clock of token expiry (default time.Now).
func WithClock(now func() time.Time) Option { return func(c *Client) { c.now = now } }

// WithRetry sets how many times a call is sent in all when WeChat answers -1
// (default 3), and the first delay between tries, doubled each time up to 2
// seconds (default 200 ms).
func WithRetry(attempts int, firstDelay time.Duration) Option {
	return func(c *Client) {
		c.attempts = max(attempts, 1)
		c.backoff = firstDelay
	}
}

// WithLogger logs each call at debug level and each token refresh at info
// level: the API, the HTTP status, the errcode, the rid and the time taken.
// Never a URL, a body, a token or a secret.
func WithLogger(l *slog.Logger) Option { return func(c *Client) { c.log = l } }

// Client calls WeChat's server API for one mini-program. It is safe for
// concurrent use; share one per appid.
type Client struct {
	appID, secret string
	hc            *http.Client
	base          string
	static        string
	legacy        bool
	refreshBefore time.Duration
	now           func() time.Time
	attempts      int
	backoff       time.Duration
	log           *slog.Logger
	secure        *wxsecure.Keys // security mode (secure.go), nil when off

	mu        sync.Mutex
	tok       string
	expires   time.Time
	refreshAt time.Time
	bad       string // the last token WeChat rejected, until a fetch replaces it
	flight    *flight
	used      map[string]bool // phone codes exchanged, to name a reused one (DiagnosePhoneCode)
}

// flight is one token fetch that every waiting goroutine shares.
type flight struct {
	done chan struct{}
	tok  string
	err  error
}

// tokenFetchTimeout bounds a token fetch that no caller's context bounds: the
// fetch is shared, so it does not stop when the caller that started it gives
// up.
const tokenFetchTimeout = 30 * time.Second

// New returns a client for the mini-program appID with its AppSecret.
func New(appID, secret string, opts ...Option) *Client {
	c := &Client{
		appID:         appID,
		secret:        secret,
		hc:            http.DefaultClient,
		refreshBefore: 5 * time.Minute,
		now:           time.Now,
		attempts:      3,
		backoff:       200 * time.Millisecond,
	}
	for _, o := range opts {
		o(c)
	}
	// Never follow a redirect: net/http would send the body (the AppSecret
	// of stable_token) again to wherever it points. The 3xx answer is
	// reported as what it is. A copy, so that the caller's client is left
	// as it was.
	hc := *c.hc
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.hc = &hc
	return c
}

// String describes the client without its credentials, for %v and %+v.
func (c *Client) String() string {
	base := c.base
	if base == "" {
		base = wxapi.DefaultBaseURL
	}
	return "wxclient.Client{appid: " + c.appID + ", base: " + base + ", secret and tokens not shown}"
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return "&" + c.String() }

// TransportError is a call that got no answer: the connection failed or the
// context ended. It names the API, never the URL, which holds credentials.
type TransportError struct {
	API string
	Err error
	msg string
}

func (e *TransportError) Error() string { return e.API + ": " + e.msg }

// Unwrap returns the cause, such as context.DeadlineExceeded.
func (e *TransportError) Unwrap() error { return e.Err }

// Explain is core.Explain of e: code no_answer.
func (e *TransportError) Explain(lang core.Lang) *core.Problem {
	msg, hint := core.CodeNoAnswer.Describe(lang, "api", e.API, "detail", e.msg)
	return &core.Problem{Code: core.CodeNoAnswer, Message: msg, Hint: hint}
}

// missing is the error of a credential or input the call needs but was not
// given: code missing_credential, whose hint says where to get it.
func missing(field string) error {
	return &core.InputError{Field: field, Code: core.CodeMissingCredential}
}

// AccessToken returns a valid access token, fetching one if needed.
func (c *Client) AccessToken(ctx context.Context) (string, error) {
	return c.token(ctx, "")
}

// FetchToken asks WeChat for an access token now, whatever the cache holds,
// and caches the answer. With forceRefresh, stable_token issues a new token
// and revokes the previous one at once, for every server sharing the appid;
// WeChat limits how often that may happen. The legacy cgi-bin/token always
// issues a new one and ignores forceRefresh. A static token cannot be
// fetched: FetchToken then returns it with no lifetime.
func (c *Client) FetchToken(ctx context.Context, forceRefresh bool) (*wxapi.Token, error) {
	if c.static != "" {
		return &wxapi.Token{AccessToken: c.static}, nil
	}
	if err := c.needCredentials(); err != nil {
		return nil, err
	}
	t, err := c.fetchToken(ctx, forceRefresh)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.store(t)
	c.mu.Unlock()
	return t, nil
}

// store caches a fresh token and schedules its refresh. c.mu must be held.
func (c *Client) store(t *wxapi.Token) {
	now := c.now()
	c.tok, c.bad = t.AccessToken, ""
	c.expires = now.Add(t.ExpiresIn)
	c.refreshAt = now.Add(max(t.ExpiresIn-c.refreshBefore, t.ExpiresIn/2))
}

// PhoneNumber exchanges the code of the getPhoneNumber button
// (e.detail.code) for the user's phone number. openID is optional; when
// given, WeChat checks that the code belongs to that user. Errcode 40029
// comes with its likely cause (wxapi.DiagnosePhoneCode); a code this client
// already exchanged is named as reused.
func (c *Client) PhoneNumber(ctx context.Context, code, openID string) (*wxapi.PhoneNumberResult, error) {
	if code == "" {
		return nil, missing("code")
	}
	var r *wxapi.PhoneNumberResult
	err := c.withToken(ctx, func(tok string) *wxapi.Call {
		return wxapi.NewPhoneNumberCall(c.base, tok, code, openID)
	}, func(body []byte) (err error) {
		r, err = wxapi.ParsePhoneNumberResponse(body)
		return err
	})
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		return nil, wxapi.DiagnosePhoneCode(err, code, c.appID, c.used[code])
	}
	if len(c.used) >= maxUsedCodes || c.used == nil {
		c.used = make(map[string]bool) // codes live 5 minutes: forgetting old ones costs little
	}
	c.used[code] = true
	return r, nil
}

// maxUsedCodes bounds the memory of exchanged phone codes.
const maxUsedCodes = 1024

// Code2Session exchanges the js_code of wx.login for the user's openid and
// session_key.
func (c *Client) Code2Session(ctx context.Context, jsCode string) (*wxapi.Session, error) {
	if jsCode == "" {
		return nil, missing("js_code")
	}
	if err := c.needCredentials(); err != nil {
		return nil, err
	}
	var s *wxapi.Session
	err := c.exec(ctx, wxapi.NewCode2SessionCall(c.base, c.appID, c.secret, jsCode), func(body []byte) (err error) {
		s, err = wxapi.ParseCode2SessionResponse(body)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// CheckSession asks WeChat whether sessionKey is still the current
// session_key of openID. It returns nil if it is, and an *wxapi.APIError of
// code 87009 if it is not (a later wx.login rotated it).
func (c *Client) CheckSession(ctx context.Context, openID, sessionKey string) error {
	if openID == "" {
		return missing("openid")
	}
	if sessionKey == "" {
		return missing(core.FieldSessionKey)
	}
	return c.withToken(ctx, func(tok string) *wxapi.Call {
		return wxapi.NewCheckSessionCall(c.base, tok, openID, sessionKey)
	}, wxapi.ParseCheckSessionResponse)
}

func (c *Client) needCredentials() error {
	if c.appID == "" {
		return missing(core.FieldAppID)
	}
	if c.secret == "" {
		return missing("secret")
	}
	return nil
}

// withToken runs a call that needs an access token; if WeChat rejects the
// token, it refreshes it once and runs the call once more.
func (c *Client) withToken(ctx context.Context, build func(token string) *wxapi.Call, parse func([]byte) error) error {
	tok, err := c.token(ctx, "")
	if err != nil {
		return err
	}
	err = c.exec(ctx, build(tok), parse)
	var apiErr *wxapi.APIError
	if c.static == "" && errors.As(err, &apiErr) && apiErr.TokenRejected() {
		if c.log != nil {
			c.log.Info("wechat rejected the access token; refreshing it once", "api", apiErr.API, "errcode", apiErr.Code, "rid", apiErr.RID)
		}
		tok, err = c.token(ctx, tok)
		if err != nil {
			return err
		}
		err = c.exec(ctx, build(tok), parse)
	}
	return err
}

// token returns a valid token. rejected, if not empty, is a token WeChat has
// just refused: it is dropped from the cache, and the next fetch uses
// force_refresh, unless another goroutine has already replaced it.
func (c *Client) token(ctx context.Context, rejected string) (string, error) {
	if c.static != "" {
		return c.static, nil
	}
	if err := c.needCredentials(); err != nil {
		return "", err
	}
	c.mu.Lock()
	if rejected != "" && c.tok == rejected {
		c.tok = ""
		c.bad = rejected
	}
	c.mu.Unlock()
	// A fetch in flight when the token was rejected may bring back the same
	// token; the next round then forces a new one. Three rounds are enough.
	for range 3 {
		c.mu.Lock()
		now := c.now()
		if c.tok != "" && now.Before(c.expires) {
			tok := c.tok
			if c.flight == nil && !now.Before(c.refreshAt) {
				c.startFetch(context.Background())
			}
			c.mu.Unlock()
			return tok, nil
		}
		f := c.flight
		if f == nil {
			f = c.startFetch(ctx)
		}
		c.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return "", &TransportError{API: c.tokenAPI(), Err: ctx.Err(), msg: "waiting for an access token: " + ctx.Err().Error()}
		}
		if f.err != nil {
			return "", f.err
		}
	}
	return "", &wxapi.ResponseError{API: c.tokenAPI(), Fault: core.CodeIncompleteResponse, Field: "access_token (WeChat kept returning the rejected token)"}
}

func (c *Client) tokenAPI() string {
	if c.legacy {
		return wxapi.APIToken
	}
	return wxapi.APIStableToken
}

// startFetch starts a shared token fetch. c.mu must be held.
func (c *Client) startFetch(ctx context.Context) *flight {
	f := &flight{done: make(chan struct{})}
	c.flight = f
	force := c.bad != ""
	bad := c.bad
	go func() {
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), tokenFetchTimeout)
		defer cancel()
		t, err := c.fetchToken(fctx, force)
		c.mu.Lock()
		defer c.mu.Unlock()
		c.flight = nil
		switch {
		case err != nil:
			f.err = err
			// A background refresh that failed is tried again in ten seconds,
			// not on every call, while the current token lasts.
			c.refreshAt = c.now().Add(10 * time.Second)
			if c.log != nil {
				c.log.Warn("access token refresh failed", "api", c.tokenAPI(), "error", err.Error())
			}
		case t.AccessToken == bad:
			// Not cached: the next round forces a new token.
			f.tok = t.AccessToken
		default:
			c.store(t)
			f.tok = t.AccessToken
			if c.log != nil {
				c.log.Info("access token refreshed", "api", c.tokenAPI(), "expires_in", t.ExpiresIn, "force_refresh", force)
			}
		}
		close(f.done)
	}()
	return f
}

func (c *Client) fetchToken(ctx context.Context, force bool) (*wxapi.Token, error) {
	call := wxapi.NewStableTokenCall(c.base, c.appID, c.secret, force)
	if c.legacy {
		call = wxapi.NewTokenCall(c.base, c.appID, c.secret)
	}
	var t *wxapi.Token
	err := c.exec(ctx, call, func(body []byte) (err error) {
		t, err = wxapi.ParseTokenResponse(call.API, body)
		return err
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// exec sends call and parses the answer, sending it again while WeChat
// answers -1 and tries remain.
func (c *Client) exec(ctx context.Context, call *wxapi.Call, parse func([]byte) error) error {
	delay := c.backoff
	for attempt := 1; ; attempt++ {
		err := c.send(ctx, call, attempt, parse)
		var apiErr *wxapi.APIError
		if attempt >= c.attempts || !errors.As(err, &apiErr) || apiErr.Code != -1 {
			return err
		}
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return err
		}
		delay = min(2*delay, 2*time.Second)
	}
}

// send sends call once and parses the answer. Whatever text of the answer
// or of the transport its error carries (an errmsg, a page title, a
// connection error) has the credentials in play redacted, here, once: they
// are the call's, the AppSecret and the tokens this client holds.
func (c *Client) send(ctx context.Context, call *wxapi.Call, attempt int, parse func([]byte) error) error {
	err := c.sendOnce(ctx, call, attempt, parse)
	if err == nil {
		return nil
	}
	c.mu.Lock()
	more := []string{c.secret, c.static, c.tok, c.bad}
	c.mu.Unlock()
	redact := func(s string) string { return call.Redact(s, more...) }
	if apiErr, ok := errors.AsType[*wxapi.APIError](err); ok {
		apiErr.Msg, apiErr.RID = redact(apiErr.Msg), redact(apiErr.RID)
	}
	if respErr, ok := errors.AsType[*wxapi.ResponseError](err); ok {
		respErr.Title = redact(respErr.Title)
	}
	if te, ok := errors.AsType[*TransportError](err); ok {
		te.msg = redact(te.msg)
		te.Err = redactedCause(te.Err, redact)
	}
	return err
}

// redactedCause is what TransportError.Unwrap returns: the context's error
// (and ErrInsecureBase) as it is, so that errors.Is(err,
// context.DeadlineExceeded) holds, and any
// other cause as its redacted text, keeping whether it was a timeout.
func redactedCause(err error, redact func(string) string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled):
		return context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return context.DeadlineExceeded
	case errors.Is(err, ErrInsecureBase):
		return ErrInsecureBase
	}
	re := &redactedError{msg: redact(err.Error())}
	if t, ok := err.(interface{ Timeout() bool }); ok {
		re.timeout = t.Timeout()
	}
	return re
}

// redactedError is a transport error's cause with its credentials removed.
type redactedError struct {
	msg     string
	timeout bool
}

func (e *redactedError) Error() string { return e.msg }

// Timeout reports whether the cause was a timeout, as net.Error does.
func (e *redactedError) Timeout() bool { return e.timeout }

// ErrInsecureBase is the cause of a TransportError for a call that would
// carry credentials over plain http to a host other than this machine.
var ErrInsecureBase = errors.New("refusing to send credentials over plain http to another machine: use https, or an http address on loopback (127.0.0.1, ::1, localhost)")

// insecure reports whether rawURL is plain http to a host other than
// loopback.
func insecure(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil || !strings.EqualFold(u.Scheme, "http") {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

func (c *Client) sendOnce(ctx context.Context, call *wxapi.Call, attempt int, parse func([]byte) error) error {
	start := time.Now()
	if insecure(call.URL) {
		return &TransportError{API: call.API, Err: ErrInsecureBase, msg: ErrInsecureBase.Error()}
	}
	call, err := c.seal(call)
	if err != nil {
		return err
	}
	var body io.Reader
	if call.Body != nil {
		body = bytes.NewReader(call.Body)
	}
	req, err := http.NewRequestWithContext(ctx, call.Method, call.URL, body)
	if err != nil {
		// The parse error would quote the URL, credentials included.
		return &TransportError{API: call.API, Err: errors.New("invalid request"), msg: "invalid request: check the base URL"}
	}
	for _, h := range call.Header {
		req.Header.Set(h.Name, h.Value)
	}
	req.Header.Set("User-Agent", "wxinspect")
	resp, err := c.hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the url.Error's message holds the URL
		}
		return &TransportError{API: call.API, Err: err, msg: err.Error()}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, wxapi.MaxResponseLen+1))
	if err != nil {
		return &TransportError{API: call.API, Err: err, msg: "reading the answer: " + err.Error()}
	}
	if b, err = c.open(call, resp, b); err != nil {
		return err
	}
	err = parse(b)
	var respErr *wxapi.ResponseError
	if errors.As(err, &respErr) {
		respErr.Status = resp.StatusCode
	}
	if c.log != nil {
		var apiErr *wxapi.APIError
		code, rid := 0, ""
		if errors.As(err, &apiErr) {
			code, rid = apiErr.Code, apiErr.RID
		}
		c.log.Debug("wechat call", "api", call.API, "attempt", attempt, "status", resp.StatusCode,
			"errcode", code, "rid", rid, "elapsed", time.Since(start))
	}
	return err
}

// Package wxfake is a fake of WeChat's server API for tests that must not
// reach api.weixin.qq.com: it serves cgi-bin/token, cgi-bin/stable_token,
// sns/jscode2session, wxa/business/getuserphonenumber, wxa/checksession,
// cgi-bin/openapi/rid/get, wxa/business/checkencryptedmsg,
// wxa/business/getuserencryptkey, wxa/resetusersessionkey,
// sns/component/jscode2session and wxa/getopendata with WeChat's rules, and
// control endpoints that play the mini-program's part (wx.login, the
// getPhoneNumber button, the legacy encrypted phone number, a cloudID, a
// third-party platform's authorization). A Server is an http.Handler: mount
// it on httptest.NewServer in a Go test, or run it with `wxinspect fake`.
//
//	fake := wxfake.New(wxfake.WithApps(wxfake.App{AppID: "wx1234567890abcdef", Secret: "…"}))
//	srv := httptest.NewServer(fake)
//	defer srv.Close()
//	// point your backend's WeChat base URL at srv.URL
//
// # WeChat's behaviour, as faked
//
//   - Apps are configured at start (WithApps, AddApp); without any, New makes
//     one at random (DefaultApp).
//   - cgi-bin/token issues a new token on each call; the previous one keeps
//     working for five more minutes. cgi-bin/stable_token (POST, JSON body)
//     returns the current token while it is valid, with the seconds it has
//     left; force_refresh issues a new one and invalidates the previous one.
//     Tokens live 7200 s (WithTokenLifetime).
//   - Codes (the js_code of a login, the phone code) are single-use and
//     expire after 5 minutes on the Server's clock (WithClock): an unknown
//     or expired code, or one of another app, gives 40029; a js_code used
//     before gives 40163 "code been used" (a used phone code, 40029).
//   - No access_token in the query gives 41001; an unknown or superseded
//     token 40001; an expired one 42001.
//   - getuserphonenumber requires POST (43002) and a body that is a JSON
//     object with a string "code" (47001 otherwise, and for a form content
//     type); an "openid" in the body must be the one the code was made for.
//   - Unknown appid 40013, wrong secret 40125, missing appid 41002, missing
//     secret 41004, missing js_code 41008, wrong grant_type 40002.
//   - wxa/checksession compares the signature with hmac_sha256 of the user's
//     current session_key: 87009 when it differs, 40003 for an unknown
//     openid.
//   - Beyond the per-minute rate of WithRateLimit, per app and API: 45011.
//   - Limits (SetLimits, POST /_fake/limits), off by default: stable_token's
//     force_refresh rules (20 a day, then 45009; within 30 s of the previous
//     one, no refresh), daily quotas (45009) and per-minute quotas (45011)
//     per API, the paid phone-number quota (at zero the button gives
//     e.detail.errno 1400001), a personal subject (48001).
//   - Every errmsg ends with a rid as WeChat's do: "invalid code, rid: …" on
//     sns/ APIs, "invalid appid rid: …" on the others; the rid is the Unix
//     time in hex and two groups of 8 hex digits.
//   - API security mode (服务端API安全鉴权), per app (EnableSecure):
//     getuserphonenumber must come encrypted and signed, 40230–40240 where
//     WeChat answers them, answers encrypted and signed with the fake's
//     platform certificate, which RotatePlatform rotates (secure.go).
//   - Every answer is HTTP 200 with a JSON body and Content-Type
//     "application/json; encoding=utf-8", as WeChat's are.
//   - rid/get returns what the fake saw of a failed request (7 days): 76001
//     for an unknown or older rid, 76002 for one not shaped like a rid,
//     76003 for another app's, 76022 for one of an sns/ API.
//   - checkencryptedmsg knows the hex SHA-256 of every encryptedData text the
//     fake made (3 days; errcode 1 "data not exit" otherwise).
//   - getuserencryptkey and resetusersessionkey check the login-state
//     signature (87009; 87008 for a sig_method other than hmac_sha256); a
//     user's encrypt key lives an hour, the last three are listed; a reset
//     replaces the session_key.
//   - sns/component/jscode2session takes a component_access_token from
//     /_fake/component (61003 for an app not authorized to that platform);
//     the authorizer_access_token works wherever an access_token does.
//   - getopendata answers the cloudIDs of /_fake/cloud-id (5 minutes), each
//     with its data as a JSON string.
//
// # Control endpoints (a contract)
//
// All take a JSON body by POST and answer JSON. A bad request gives HTTP 400
// and an unknown app or user HTTP 404, each with {"error": "…"}.
//
//	POST /_fake/login            {"appid": "…", "openid": "…" (optional)}
//	                             → {"js_code": "…", "openid": "…"}
//
// is wx.login: it makes a js_code for the user (a new user with a fresh
// openid when none is given) and, like WeChat, rotates that user's
// session_key: data encrypted before the login no longer decrypts with the
// session_key that jscode2session returns after it.
//
//	POST /_fake/phone-code       {"appid": "…", "phone_number": "…", "country_code": "86" (optional),
//	                              "openid": "…" (optional)}
//	                             → {"code": "…"}
//
// is the getPhoneNumber button: a code for getuserphonenumber. phone_number
// is the number without country code.
//
//	POST /_fake/encrypted-phone  {"appid": "…", "openid": "…", "phone_number": "…",
//	                              "country_code": "86" (optional)}
//	                             → {"encrypted_data": "…", "iv": "…"}
//
// is the legacy getPhoneNumber: the phone payload, with its watermark,
// encrypted under the user's current session_key. The user must have logged
// in.
//
// A button press that WeChat would refuse gives HTTP 403 with what the
// mini-program sees in e.detail: {"error", "errno": 1400001} when the
// phone-number quota is used up, {"error", "errMsg": "getPhoneNumber:fail no
// permission"} for a personal subject.
//
//	POST /_fake/limits           {"appid": "…", "force_refresh_limits": true, "daily": {"API": n},
//	                              "per_minute": {"API": n}, "phone_quota": n, "personal": false}
//	                             → the app's limits
//
// replaces the app's limits (see Limits); APIs are named by their path, such
// as "cgi-bin/stable_token".
//
//	POST /_fake/component        {"appid": "…", "component_appid": "…"}
//	                             → {"component_access_token": "…", "authorizer_access_token": "…"}
//
// authorizes the app to a third-party platform.
//
//	POST /_fake/cloud-id         {"appid": "…", "openid": "…" (optional), "phone_number": "…",
//	                              "country_code": "86" (optional)}
//	                             → {"cloud_id": "…"}
//
// is what a mini-program with cloud development gets for a phone number.
//
// The same actions are methods for Go tests: Login, PhoneCode,
// EncryptedPhone, SetLimits, Component, CloudID, and UserEncrypt (the
// mini-program's side of the encrypted channel of getuserencryptkey).
package wxfake

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
)

// CodeLifetime is how long a js_code or a phone code can be used.
const CodeLifetime = 5 * time.Minute

// App is a mini-program known to the fake.
type App struct {
	AppID  string
	Secret string
}

// ParseApp reads "APPID:SECRET", the form of `wxinspect fake --app`.
func ParseApp(s string) (App, error) {
	id, secret, ok := strings.Cut(s, ":")
	if !ok || id == "" || secret == "" {
		return App{}, errors.New("wxfake: app must be APPID:SECRET")
	}
	return App{AppID: id, Secret: secret}, nil
}

// Option configures a Server.
type Option func(*Server)

// WithApps adds apps; without any, New makes one (see DefaultApp).
func WithApps(apps ...App) Option {
	return func(s *Server) {
		for _, a := range apps {
			s.addApp(a)
		}
	}
}

// WithClock sets the clock of code and token expiry and of the rate limit
// (default time.Now).
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithRateLimit answers 45011 to calls beyond perMinute per app and API in a
// clock minute. Zero, the default, means no limit.
func WithRateLimit(perMinute int) Option { return func(s *Server) { s.rate = perMinute } }

// WithTokenLifetime sets how long access tokens live (default 7200 s).
func WithTokenLifetime(d time.Duration) Option { return func(s *Server) { s.tokenLife = d } }

// WithRandom sets the source of codes, openids, tokens and keys (default
// crypto/rand), e.g. for reproducible demos.
func WithRandom(r io.Reader) Option { return func(s *Server) { s.random = r } }

// WithLogger logs one line per request: the path, the errcode and the rid,
// never a query, a body or a secret.
func WithLogger(l *slog.Logger) Option { return func(s *Server) { s.log = l } }

// Server is the fake WeChat API. Its methods are safe for concurrent use.
type Server struct {
	now       func() time.Time
	rate      int
	tokenLife time.Duration
	random    io.Reader
	log       *slog.Logger

	mu       sync.Mutex
	apps     map[string]string // appid → secret
	order    []string
	users    map[userKey]*user
	codes    map[string]*code
	tokens   map[string]*token
	stable   map[string]string // appid → the current stable token
	legacy   map[string]string // appid → the latest cgi-bin/token token
	requests map[string]int
	windows  map[string]window
	limits   map[string]Limits   // appid → its limits
	days     map[string]window   // appid and API → calls on a Beijing day
	forced   map[string]forceLog // appid → its stable_token force refreshes
	userData userData            // the state of the APIs of userdata.go
	secure   *secureState        // API security mode (secure.go), nil when off
}

type forceLog struct {
	day  int64
	n    int
	last time.Time
}

type userKey struct{ appID, openID string }

type user struct{ sessionKey string }

type codeKind int

const (
	loginCode codeKind = iota
	phoneCode
)

type code struct {
	kind           codeKind
	appID, openID  string
	phone, country string
	expires        time.Time
	used           bool
}

type token struct {
	appID   string
	expires time.Time
	revoked bool
}

type window struct {
	minute int64
	n      int
}

// New returns a fake with the given options.
func New(opts ...Option) *Server {
	s := &Server{
		now:       time.Now,
		tokenLife: 7200 * time.Second,
		random:    rand.Reader,
		apps:      map[string]string{},
		users:     map[userKey]*user{},
		codes:     map[string]*code{},
		tokens:    map[string]*token{},
		stable:    map[string]string{},
		legacy:    map[string]string{},
		requests:  map[string]int{},
		windows:   map[string]window{},
		limits:    map[string]Limits{},
		days:      map[string]window{},
		forced:    map[string]forceLog{},
	}
	for _, o := range opts {
		o(s)
	}
	if len(s.order) == 0 {
		s.addApp(App{AppID: "wx" + s.hex(8), Secret: s.hex(16)})
	}
	return s
}

// AddApp adds or replaces an app.
func (s *Server) AddApp(a App) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addApp(a)
}

func (s *Server) addApp(a App) {
	if _, ok := s.apps[a.AppID]; !ok {
		s.order = append(s.order, a.AppID)
	}
	s.apps[a.AppID] = a.Secret
}

// Apps returns the apps in the order they were added.
func (s *Server) Apps() []App {
	s.mu.Lock()
	defer s.mu.Unlock()
	apps := make([]App, len(s.order))
	for i, id := range s.order {
		apps[i] = App{id, s.apps[id]}
	}
	return apps
}

// DefaultApp returns the first app: the one configured first, or the one New
// made up when none was.
func (s *Server) DefaultApp() App { return s.Apps()[0] }

// Requests returns how many requests the fake received on a path, given
// without the leading slash: an API such as wxapi.APIStableToken, or a control
// endpoint such as "_fake/login".
func (s *Server) Requests(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[path]
}

// ExpireAccessTokens makes every access token of appID expire now, as if
// their 7200 s had passed: calls with them get 42001. It returns how many
// tokens were still valid.
func (s *Server) ExpireAccessTokens(appID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	n := 0
	for _, t := range s.tokens {
		if t.appID == appID && now.Before(t.expires) {
			t.expires = now
			n++
		}
	}
	return n
}

// Limits are the quotas WeChat enforces on an app, off unless asked for: a
// test sets them to see its backend meet 45009, 45011 or an exhausted
// phone-number quota. The zero value enforces nothing.
type Limits struct {
	// ForceRefresh enforces stable_token's force_refresh rules: at most 20
	// a day (45009 beyond), and a force_refresh within 30 s of the previous
	// one returns the current token instead of a new one.
	ForceRefresh bool `json:"force_refresh_limits,omitempty"`
	// Daily is the number of calls a day per API (its path, e.g.
	// "cgi-bin/stable_token") beyond which WeChat answers 45009 until
	// midnight, Beijing time.
	Daily map[string]int `json:"daily,omitempty"`
	// PerMinute is the number of calls a minute per API beyond which
	// WeChat answers 45011.
	PerMinute map[string]int `json:"per_minute,omitempty"`
	// PhoneQuota, when set, is how many phone numbers the app may still
	// verify (getuserphonenumber successes; paid since 2023-08-28). At zero,
	// the getPhoneNumber button gives no code and e.detail.errno 1400001.
	PhoneQuota *int `json:"phone_quota,omitempty"`
	// Personal makes the app a personal-subject mini-program, which may not
	// use the phone-number button (e.detail.errMsg "getPhoneNumber:fail no
	// permission") nor getuserphonenumber (48001).
	Personal bool `json:"personal,omitempty"`
}

// SetLimits replaces the limits of an app.
func (s *Server) SetLimits(appID string, l Limits) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.apps[appID]; !ok {
		return notFound("unknown appid " + appID)
	}
	for api, n := range l.Daily {
		if n < 0 {
			return badRequest("daily quota of " + api + " is negative")
		}
	}
	for api, n := range l.PerMinute {
		if n < 0 {
			return badRequest("per-minute quota of " + api + " is negative")
		}
	}
	if l.PhoneQuota != nil && *l.PhoneQuota < 0 {
		return badRequest("phone_quota is negative")
	}
	if l.PhoneQuota != nil {
		n := *l.PhoneQuota
		l.PhoneQuota = &n
	}
	l.Daily = copyCounts(l.Daily)
	l.PerMinute = copyCounts(l.PerMinute)
	s.limits[appID] = l
	return nil
}

// Limits returns the limits of an app, with the phone-number quota left.
func (s *Server) Limits(appID string) Limits {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.limits[appID]
	if l.PhoneQuota != nil {
		n := *l.PhoneQuota
		l.PhoneQuota = &n
	}
	l.Daily = copyCounts(l.Daily)
	l.PerMinute = copyCounts(l.PerMinute)
	return l
}

func copyCounts(m map[string]int) map[string]int {
	if m == nil {
		return nil
	}
	c := make(map[string]int, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// beijingDay is the day number on which WeChat's daily quotas count: they
// reset at midnight in China (UTC+8).
func beijingDay(t time.Time) int64 { return (t.Unix() + 8*3600) / 86400 }

// overQuota counts a call of api by appID against the app's Limits and
// returns the answer for a call over them. s.mu must be held.
func (s *Server) overQuota(appID, api string) (reply, bool) {
	l := s.limits[appID]
	if n, ok := l.PerMinute[api]; ok {
		k := appID + " " + api
		m := s.now().Unix() / 60
		win := s.windows["quota "+k]
		if win.minute != m {
			win = window{minute: m}
		}
		win.n++
		s.windows["quota "+k] = win
		if win.n > n {
			return rateLimited, true
		}
	}
	if n, ok := l.Daily[api]; ok {
		k := appID + " " + api
		d := beijingDay(s.now())
		win := s.days[k]
		if win.minute != d {
			win = window{minute: d}
		}
		win.n++
		s.days[k] = win
		if win.n > n {
			return dailyLimited, true
		}
	}
	return reply{}, false
}

var dailyLimited = fail(45009, "reach max api daily quota limit")

// RequestError is the error of a control method: Status is the HTTP status
// the control endpoint answers with. A refused button press (HTTP 403) also
// carries what the mini-program would see in e.detail: Errno and ErrMsg.
type RequestError struct {
	Status int
	Msg    string
	Errno  int
	ErrMsg string
}

func (e *RequestError) Error() string { return "wxfake: " + e.Msg }

func badRequest(msg string) error { return &RequestError{Status: http.StatusBadRequest, Msg: msg} }
func notFound(msg string) error   { return &RequestError{Status: http.StatusNotFound, Msg: msg} }

// Login is wx.login for openID (a new user when openID is ""): it rotates the
// user's session_key and returns a js_code for jscode2session and the openid.
func (s *Server) Login(appID, openID string) (jsCode, openid string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.apps[appID]; !ok {
		return "", "", notFound("unknown appid " + appID)
	}
	if openID == "" {
		openID = "o" + s.base64url(27)
	}
	key, err := core.NewKey(s.random)
	if err != nil {
		return "", "", err
	}
	k := userKey{appID, openID}
	if s.users[k] == nil {
		bound(s.users, func(*user) bool { return true })
		s.users[k] = &user{}
	}
	s.users[k].sessionKey = key
	jsCode = s.base64url(32)
	s.boundCodes()
	s.codes[jsCode] = &code{kind: loginCode, appID: appID, openID: openID, expires: s.now().Add(CodeLifetime)}
	return jsCode, openID, nil
}

// PhoneCode is the getPhoneNumber button: a code that getuserphonenumber
// exchanges for phoneNumber (without country code) in countryCode (default
// "86"). With openID, the code belongs to that user.
func (s *Server) PhoneCode(appID, phoneNumber, countryCode, openID string) (string, error) {
	if phoneNumber == "" {
		return "", badRequest("phone_number is required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.apps[appID]; !ok {
		return "", notFound("unknown appid " + appID)
	}
	l := s.limits[appID]
	if l.Personal {
		return "", &RequestError{Status: http.StatusForbidden, ErrMsg: "getPhoneNumber:fail no permission",
			Msg: "a personal-subject mini-program cannot use the phone-number button"}
	}
	if l.PhoneQuota != nil && *l.PhoneQuota == 0 {
		return "", &RequestError{Status: http.StatusForbidden, Errno: 1400001,
			Msg: "the phone-number quota of " + appID + " is used up: the button gives e.detail.errno 1400001 and no code"}
	}
	c := s.hex(32)
	s.boundCodes()
	s.codes[c] = &code{kind: phoneCode, appID: appID, openID: openID, phone: phoneNumber, country: countryCode,
		expires: s.now().Add(CodeLifetime)}
	return c, nil
}

// EncryptedPhone is the legacy getPhoneNumber: the phone payload for appID
// encrypted under the current session_key of a user who has logged in.
func (s *Server) EncryptedPhone(appID, openID, phoneNumber, countryCode string) (encryptedData, iv string, err error) {
	if openID == "" || phoneNumber == "" {
		return "", "", badRequest("openid and phone_number are required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.apps[appID]; !ok {
		return "", "", notFound("unknown appid " + appID)
	}
	u := s.users[userKey{appID, openID}]
	if u == nil {
		return "", "", notFound("no user " + openID + " in " + appID + ": log in first (/_fake/login)")
	}
	iv, err = core.NewKey(s.random)
	if err != nil {
		return "", "", err
	}
	f, err := core.Encrypt(core.PhonePayload(appID, phoneNumber, countryCode, s.now()), u.sessionKey, iv)
	if err != nil {
		return "", "", err
	}
	s.recordEncrypted(f.EncryptedData)
	return f.EncryptedData, f.IV, nil
}

// ServeHTTP serves WeChat's API and the control endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/")
	if strings.HasPrefix(path, "_fake/") {
		// The control endpoints change state: a page on another site must
		// not drive them through the browser of someone running the fake
		// (a text/plain POST needs no CORS preflight). Browsers say where
		// a request comes from (Sec-Fetch-Site, Origin); curl and Go
		// clients send neither and pass.
		if err := crossOrigin.Check(r); err != nil {
			writeJSON(w, http.StatusForbidden, map[string]string{"error": "cross-origin request refused: " + err.Error()})
			return
		}
	}
	s.mu.Lock()
	if _, known := s.requests[path]; !known && len(s.requests) >= maxPaths {
		path = otherPaths // a flood of made-up paths counts once
	}
	s.requests[path]++
	s.mu.Unlock()
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	rec := s.record(w, r, path)
	defer rec.finish()
	w = rec
	if s.serveSecure(w, r, path) { // secure.go
		return
	}
	if s.serveUserData(w, r, path) {
		return
	}
	switch path {
	case wxapi.APIToken:
		s.answer(w, path, s.token(r))
	case wxapi.APIStableToken:
		s.answer(w, path, s.stableToken(r))
	case wxapi.APICode2Session:
		s.answer(w, path, s.code2Session(r))
	case wxapi.APIPhoneNumber:
		s.answer(w, path, s.phoneNumber(r))
	case wxapi.APICheckSession:
		s.answer(w, path, s.checkSession(r))
	case "_fake/login", "_fake/phone-code", "_fake/encrypted-phone":
		s.control(w, r, path)
	case "_fake/limits":
		s.controlLimits(w, r)
	default:
		s.answer(w, path, fail(40066, "invalid url"))
	}
}

// reply is an answer: a WeChat error or a success body.
type reply struct {
	errcode int
	errmsg  string
	body    map[string]any
}

func fail(code int, msg string) reply { return reply{errcode: code, errmsg: msg} }
func ok(body map[string]any) reply    { return reply{body: body} }

func (s *Server) answer(w http.ResponseWriter, path string, rep reply) {
	writeJSON(w, http.StatusOK, s.answerBody(path, rep))
}

// answerBody is the JSON object of an answer, its errmsg with a rid.
func (s *Server) answerBody(path string, rep reply) map[string]any {
	body := rep.body
	rid := ""
	if rep.errcode != 0 {
		s.mu.Lock()
		rid = fmt.Sprintf("%08x-%s-%s", s.now().Unix(), s.hex(4), s.hex(4))
		s.mu.Unlock()
		body = map[string]any{"errcode": rep.errcode, "errmsg": rep.errmsg + ridSeparator(path) + rid}
	}
	if s.log != nil {
		s.log.Info("wxfake", "path", path, "errcode", rep.errcode, "rid", rid)
	}
	return body
}

// ridSeparator is what WeChat puts between an errmsg and its rid: the sns/
// APIs write "invalid code, rid: …", the others "invalid appid rid: …"
// (answers captured from api.weixin.qq.com).
func ridSeparator(path string) string {
	if strings.HasPrefix(path, "sns/") {
		return ", rid: "
	}
	return " rid: "
}

// contentType is the Content-Type of WeChat's JSON answers.
const contentType = "application/json; encoding=utf-8"

func writeJSON(w http.ResponseWriter, status int, body any) {
	b, err := json.Marshal(body)
	if err != nil {
		http.Error(w, "wxfake: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	w.Write(b)
}

// checkApp checks an appid and secret as the token and login APIs do.
func (s *Server) checkApp(appID, secret string) (reply, bool) {
	switch {
	case appID == "":
		return fail(41002, "appid missing"), false
	case secret == "":
		return fail(41004, "appsecret missing"), false
	}
	want, known := s.apps[appID]
	switch {
	case !known:
		return fail(40013, "invalid appid"), false
	case subtle.ConstantTimeCompare([]byte(secret), []byte(want)) != 1:
		return fail(40125, "invalid appsecret"), false
	}
	return reply{}, true
}

// limited counts a call of api by appID and reports whether it is over the
// rate. s.mu must be held.
func (s *Server) limited(appID, api string) bool {
	if s.rate <= 0 {
		return false
	}
	k := appID + " " + api
	m := s.now().Unix() / 60
	win := s.windows[k]
	if win.minute != m {
		win = window{minute: m}
	}
	win.n++
	s.windows[k] = win
	return win.n > s.rate
}

// The errmsg of 45011 as getuserphonenumber sent it (captured answer).
var rateLimited = fail(45011, "api minute-quota reach limit, must slower, retry next minute")

func (s *Server) newToken(appID string) (string, time.Time) {
	t := s.hex(48)
	exp := s.now().Add(s.tokenLife)
	now := s.now()
	bound(s.tokens, func(t *token) bool { return !t.revoked && now.Before(t.expires) })
	s.tokens[t] = &token{appID: appID, expires: exp}
	return t, exp
}

func (s *Server) token(r *http.Request) reply {
	q := r.URL.Query()
	s.mu.Lock()
	defer s.mu.Unlock()
	// WeChat checks the appid before grant_type: a wrong appid without
	// grant_type gives 40013.
	appID := q.Get("appid")
	if rep, ok := s.checkApp(appID, q.Get("secret")); !ok {
		return rep
	}
	if g := q.Get("grant_type"); g != "client_credential" {
		return fail(40002, "invalid grant_type")
	}
	if s.limited(appID, wxapi.APIToken) {
		return rateLimited
	}
	if rep, over := s.overQuota(appID, wxapi.APIToken); over {
		return rep
	}
	// The previous token keeps working for five minutes.
	if old := s.tokens[s.legacy[appID]]; old != nil {
		if grace := s.now().Add(5 * time.Minute); grace.Before(old.expires) {
			old.expires = grace
		}
	}
	t, _ := s.newToken(appID)
	s.legacy[appID] = t
	return ok(map[string]any{"access_token": t, "expires_in": int(s.tokenLife / time.Second)})
}

func (s *Server) stableToken(r *http.Request) reply {
	if r.Method != http.MethodPost {
		return fail(43002, "require POST method")
	}
	var req struct {
		GrantType    string `json:"grant_type"`
		AppID        string `json:"appid"`
		Secret       string `json:"secret"`
		ForceRefresh bool   `json:"force_refresh"`
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return fail(47001, "data format error")
	}
	if len(strings.TrimSpace(string(raw))) == 0 {
		return fail(44002, "empty post data")
	}
	if json.Unmarshal(raw, &req) != nil {
		return fail(47001, "data format error")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if req.GrantType != "client_credential" {
		return fail(40002, "invalid grant_type")
	}
	if rep, ok := s.checkApp(req.AppID, req.Secret); !ok {
		return rep
	}
	if s.limited(req.AppID, wxapi.APIStableToken) {
		return rateLimited
	}
	if rep, over := s.overQuota(req.AppID, wxapi.APIStableToken); over {
		return rep
	}
	now := s.now()
	cur := s.tokens[s.stable[req.AppID]]
	if req.ForceRefresh && s.limits[req.AppID].ForceRefresh {
		// getStableAccessToken: "强制刷新模式每天限用20次且需间隔30秒";
		// a force_refresh too soon after the previous one does not refresh.
		f := s.forced[req.AppID]
		if d := beijingDay(now); f.day != d {
			f = forceLog{day: d}
		}
		if f.n >= 20 {
			return dailyLimited
		}
		if f.n > 0 && now.Sub(f.last) < 30*time.Second {
			req.ForceRefresh = false
		} else {
			f.n++
			f.last = now
			s.forced[req.AppID] = f
		}
	}
	if !req.ForceRefresh && cur != nil && !cur.revoked && now.Before(cur.expires) {
		left := cur.expires.Sub(now)
		return ok(map[string]any{"access_token": s.stable[req.AppID], "expires_in": int((left + time.Second - 1) / time.Second)})
	}
	if cur != nil && req.ForceRefresh {
		cur.revoked = true
	}
	t, _ := s.newToken(req.AppID)
	s.stable[req.AppID] = t
	return ok(map[string]any{"access_token": t, "expires_in": int(s.tokenLife / time.Second)})
}

func (s *Server) code2Session(r *http.Request) reply {
	q := r.URL.Query()
	s.mu.Lock()
	defer s.mu.Unlock()
	appID := q.Get("appid")
	if rep, ok := s.checkApp(appID, q.Get("secret")); !ok {
		return rep
	}
	if q.Get("grant_type") != "authorization_code" {
		return fail(40002, "invalid grant_type")
	}
	jsCode := q.Get("js_code")
	if jsCode == "" {
		return fail(41008, "missing code")
	}
	if s.limited(appID, wxapi.APICode2Session) {
		return rateLimited
	}
	if rep, over := s.overQuota(appID, wxapi.APICode2Session); over {
		return rep
	}
	c := s.codes[jsCode]
	if c == nil || c.kind != loginCode || c.appID != appID || !s.now().Before(c.expires) {
		return fail(40029, "invalid code")
	}
	if c.used {
		return fail(40163, "code been used")
	}
	c.used = true
	return ok(map[string]any{"openid": c.openID, "session_key": s.users[userKey{appID, c.openID}].sessionKey})
}

// checkToken returns the app of the request's access_token.
func (s *Server) checkToken(r *http.Request) (string, reply, bool) {
	t := r.URL.Query().Get("access_token")
	if t == "" {
		return "", fail(41001, "access_token missing"), false
	}
	tok := s.tokens[t]
	switch {
	case tok == nil || tok.revoked:
		return "", fail(40001, "invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r"), false
	case !s.now().Before(tok.expires):
		return "", fail(42001, "access_token expired"), false
	}
	return tok.appID, reply{}, true
}

func (s *Server) phoneNumber(r *http.Request) reply {
	if r.Method != http.MethodPost {
		return fail(43002, "require POST method")
	}
	s.mu.Lock()
	appID, rep, valid := s.checkToken(r)
	s.mu.Unlock()
	if !valid {
		return rep
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/x-www-form-urlencoded" || ct == "multipart/form-data" {
		return fail(47001, "data format error")
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return fail(47001, "data format error")
	}
	var req map[string]any
	if json.Unmarshal(raw, &req) != nil || req == nil {
		return fail(47001, "data format error")
	}
	codeStr, isString := req["code"].(string)
	if !isString {
		return fail(47001, "data format error")
	}
	openID, _ := req["openid"].(string)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.limits[appID].Personal {
		return fail(48001, "api unauthorized")
	}
	if s.limited(appID, wxapi.APIPhoneNumber) {
		return rateLimited
	}
	if rep, over := s.overQuota(appID, wxapi.APIPhoneNumber); over {
		return rep
	}
	c := s.codes[codeStr]
	now := s.now()
	if c == nil || c.kind != phoneCode || c.appID != appID || c.used || !now.Before(c.expires) ||
		(openID != "" && c.openID != "" && openID != c.openID) {
		return fail(40029, "invalid code")
	}
	c.used = true
	if q := s.limits[appID].PhoneQuota; q != nil && *q > 0 {
		*q--
	}
	var info map[string]any
	if err := json.Unmarshal(core.PhonePayload(appID, c.phone, c.country, now), &info); err != nil {
		return fail(-1, "system error")
	}
	return ok(map[string]any{"errcode": 0, "errmsg": "ok", "phone_info": info})
}

func (s *Server) checkSession(r *http.Request) reply {
	q := r.URL.Query()
	s.mu.Lock()
	defer s.mu.Unlock()
	appID, rep, valid := s.checkToken(r)
	if !valid {
		return rep
	}
	if s.limited(appID, wxapi.APICheckSession) {
		return rateLimited
	}
	if rep, over := s.overQuota(appID, wxapi.APICheckSession); over {
		return rep
	}
	u := s.users[userKey{appID, q.Get("openid")}]
	if u == nil {
		return fail(40003, "invalid openid")
	}
	if q.Get("sig_method") != "hmac_sha256" {
		return fail(87009, "invalid sig_method")
	}
	want := core.LoginSignature(u.sessionKey, nil)
	if subtle.ConstantTimeCompare([]byte(q.Get("signature")), []byte(want)) != 1 {
		return fail(87009, "invalid signature")
	}
	return ok(map[string]any{"errcode": 0, "errmsg": "ok"})
}

// control serves the /_fake/ endpoints.
func (s *Server) control(w http.ResponseWriter, r *http.Request, path string) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "use POST with a JSON body"})
		return
	}
	var req struct {
		AppID       string `json:"appid"`
		OpenID      string `json:"openid"`
		PhoneNumber string `json:"phone_number"`
		CountryCode string `json:"country_code"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "the body must be a JSON object with string values: " + err.Error()})
		return
	}
	if req.AppID == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "appid is required"})
		return
	}
	var out map[string]string
	var err error
	switch path {
	case "_fake/login":
		var jsCode, openID string
		jsCode, openID, err = s.Login(req.AppID, req.OpenID)
		out = map[string]string{"js_code": jsCode, "openid": openID}
	case "_fake/phone-code":
		var c string
		c, err = s.PhoneCode(req.AppID, req.PhoneNumber, req.CountryCode, req.OpenID)
		out = map[string]string{"code": c}
	case "_fake/encrypted-phone":
		var data, iv string
		data, iv, err = s.EncryptedPhone(req.AppID, req.OpenID, req.PhoneNumber, req.CountryCode)
		out = map[string]string{"encrypted_data": data, "iv": iv}
	}
	if err != nil {
		status := http.StatusInternalServerError
		out := map[string]any{"error": err.Error()}
		var re *RequestError
		if errors.As(err, &re) {
			status = re.Status
			if re.Errno != 0 {
				out["errno"] = re.Errno
			}
			if re.ErrMsg != "" {
				out["errMsg"] = re.ErrMsg
			}
		}
		writeJSON(w, status, out)
		return
	}
	if s.log != nil {
		s.log.Info("wxfake", "path", path, "appid", req.AppID)
	}
	writeJSON(w, http.StatusOK, out)
}

// controlLimits serves /_fake/limits: {"appid", and the fields of Limits}
// replaces the app's limits and answers them.
func (s *Server) controlLimits(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "use POST with a JSON body"})
		return
	}
	var req struct {
		AppID string `json:"appid"`
		Limits
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "the body must be {\"appid\", \"force_refresh_limits\", \"daily\", \"per_minute\", \"phone_quota\", \"personal\"}: " + err.Error()})
		return
	}
	if req.AppID == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "appid is required"})
		return
	}
	if err := s.SetLimits(req.AppID, req.Limits); err != nil {
		var re *RequestError
		status := http.StatusInternalServerError
		if errors.As(err, &re) {
			status = re.Status
		}
		writeJSON(w, status, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, s.Limits(req.AppID))
}

// hex returns n random bytes in hex. s.mu must be held once the Server is
// shared: the random source need not be safe for concurrent use.
func (s *Server) hex(n int) string { return hex.EncodeToString(s.read(n)) }

// read returns n random bytes. A WithRandom source that runs dry is
// followed by crypto/rand rather than failing the request.
func (s *Server) read(n int) []byte {
	b := make([]byte, n)
	if _, err := io.ReadFull(s.random, b); err != nil {
		s.random = rand.Reader
		rand.Read(b)
	}
	return b
}

// base64url returns n random characters of the URL-safe base64 alphabet, the
// look of WeChat's openids and codes.
func (s *Server) base64url(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	b := s.read(n)
	for i := range b {
		b[i] = alphabet[b[i]&63]
	}
	return string(b)
}

// crossOrigin refuses cross-site browser requests (http.CrossOriginProtection).
var crossOrigin = http.NewCrossOriginProtection()

// The fake's memory is bounded whatever its clients do: at most maxState
// codes, tokens and users each (expired and used ones go first), and
// request counts for at most maxPaths paths, the rest counted under
// otherPaths.
const (
	maxState   = 10000
	maxPaths   = 256
	otherPaths = "(other)"
)

// bound makes room in m for one more entry: when m is full it drops the
// entries keep rejects, then, if that was not enough, a tenth of the rest.
func bound[K comparable, V any](m map[K]V, keep func(V) bool) {
	if len(m) < maxState {
		return
	}
	for k, v := range m {
		if !keep(v) {
			delete(m, k)
		}
	}
	for k := range m {
		if len(m) < maxState*9/10 {
			break
		}
		delete(m, k)
	}
}

// boundCodes makes room for a code. s.mu must be held.
func (s *Server) boundCodes() {
	now := s.now()
	bound(s.codes, func(c *code) bool { return !c.used && now.Before(c.expires) })
}

// Package wxfake is a fake of WeChat's server API for tests that must not
// reach api.weixin.qq.com: it serves cgi-bin/token, cgi-bin/stable_token,
// sns/jscode2session, wxa/business/getuserphonenumber and wxa/checksession
// with WeChat's rules, and control endpoints that play the mini-program's
// part (wx.login, the getPhoneNumber button, the legacy encrypted phone
// number). A Server is an http.Handler: mount it on httptest.NewServer in a
// Go test, or run it with `wxinspect fake`.
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
//     expire after 5 minutes on the Server's clock (WithClock): an unknown,
//     used or expired code, or one of another app, gives 40029.
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
//   - Every errmsg ends with " rid: xxxxxxxx-xxxxxxxx-xxxxxxxx".
//   - Every answer is HTTP 200 with a JSON body, as WeChat's are.
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
// The same actions are methods for Go tests: Login, PhoneCode and
// EncryptedPhone.
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
// without the leading slash: an API such as core.APIStableToken, or a control
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

// RequestError is the error of a control method: Status is the HTTP status
// the control endpoint answers with.
type RequestError struct {
	Status int
	Msg    string
}

func (e *RequestError) Error() string { return "wxfake: " + e.Msg }

func badRequest(msg string) error { return &RequestError{http.StatusBadRequest, msg} }
func notFound(msg string) error   { return &RequestError{http.StatusNotFound, msg} }

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
		s.users[k] = &user{}
	}
	s.users[k].sessionKey = key
	jsCode = s.base64url(32)
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
	c := s.hex(32)
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
	return f.EncryptedData, f.IV, nil
}

// ServeHTTP serves WeChat's API and the control endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/")
	s.mu.Lock()
	s.requests[path]++
	s.mu.Unlock()
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	switch path {
	case core.APIToken:
		s.answer(w, path, s.token(r))
	case core.APIStableToken:
		s.answer(w, path, s.stableToken(r))
	case core.APICode2Session:
		s.answer(w, path, s.code2Session(r))
	case core.APIPhoneNumber:
		s.answer(w, path, s.phoneNumber(r))
	case core.APICheckSession:
		s.answer(w, path, s.checkSession(r))
	case "_fake/login", "_fake/phone-code", "_fake/encrypted-phone":
		s.control(w, r, path)
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
	body := rep.body
	rid := ""
	if rep.errcode != 0 {
		s.mu.Lock()
		rid = fmt.Sprintf("%08x-%s-%s", s.now().Unix(), s.hex(4), s.hex(4))
		s.mu.Unlock()
		body = map[string]any{"errcode": rep.errcode, "errmsg": rep.errmsg + " rid: " + rid}
	}
	if s.log != nil {
		s.log.Info("wxfake", "path", path, "errcode", rep.errcode, "rid", rid)
	}
	writeJSON(w, http.StatusOK, body)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	b, err := json.Marshal(body)
	if err != nil {
		http.Error(w, "wxfake: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
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

var rateLimited = fail(45011, "api minute-quota reach limit  mustslower  retry next minute")

func (s *Server) newToken(appID string) (string, time.Time) {
	t := s.hex(48)
	exp := s.now().Add(s.tokenLife)
	s.tokens[t] = &token{appID: appID, expires: exp}
	return t, exp
}

func (s *Server) token(r *http.Request) reply {
	q := r.URL.Query()
	s.mu.Lock()
	defer s.mu.Unlock()
	if g := q.Get("grant_type"); g != "client_credential" {
		return fail(40002, "invalid grant_type")
	}
	appID := q.Get("appid")
	if rep, ok := s.checkApp(appID, q.Get("secret")); !ok {
		return rep
	}
	if s.limited(appID, core.APIToken) {
		return rateLimited
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
	if s.limited(req.AppID, core.APIStableToken) {
		return rateLimited
	}
	now := s.now()
	cur := s.tokens[s.stable[req.AppID]]
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
	if s.limited(appID, core.APICode2Session) {
		return rateLimited
	}
	c := s.codes[jsCode]
	if c == nil || c.kind != loginCode || c.appID != appID || c.used || !s.now().Before(c.expires) {
		return fail(40029, "invalid code")
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
		return "", fail(40001, "invalid credential, access_token is invalid or not latest"), false
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
	if s.limited(appID, core.APIPhoneNumber) {
		return rateLimited
	}
	c := s.codes[codeStr]
	now := s.now()
	if c == nil || c.kind != phoneCode || c.appID != appID || c.used || !now.Before(c.expires) ||
		(openID != "" && c.openID != "" && openID != c.openID) {
		return fail(40029, "invalid code")
	}
	c.used = true
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
	if s.limited(appID, core.APICheckSession) {
		return rateLimited
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
		var re *RequestError
		if errors.As(err, &re) {
			status = re.Status
		}
		writeJSON(w, status, map[string]string{"error": err.Error()})
		return
	}
	if s.log != nil {
		s.log.Info("wxfake", "path", path, "appid", req.AppID)
	}
	writeJSON(w, http.StatusOK, out)
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

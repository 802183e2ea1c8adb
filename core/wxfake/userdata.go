package wxfake

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

// The user-data APIs beyond login and the phone number, by their path.
const (
	apiRID           = "cgi-bin/openapi/rid/get"
	apiCheckEncrypt  = "wxa/business/checkencryptedmsg"
	apiUserKey       = "wxa/business/getuserencryptkey"
	apiResetSession  = "wxa/resetusersessionkey"
	apiComponentCode = "sns/component/jscode2session"
	apiOpenData      = "wxa/getopendata"
)

// How long WeChat keeps what these APIs look up.
const (
	ridLifetime       = 7 * 24 * time.Hour // rid/get: "rid的有效期只有7天"
	encryptedLifetime = 3 * 24 * time.Hour // checkencryptedmsg: "只能检测最近3天生成的加密数据"
	userKeyLifetime   = time.Hour          // getuserencryptkey: "每个key的存活时间为3600s"
	cloudIDLifetime   = 5 * time.Minute    // a cloudID is valid for five minutes
	maxRIDs           = 10000              // the oldest rids are forgotten beyond this
)

// userData is the state of the APIs of this file. s.mu guards it.
type userData struct {
	rids       map[string]*ridRecord
	ridOrder   []string
	encrypted  map[string]time.Time     // hex SHA-256 of encryptedData text → when it was made
	userKeys   map[userKey][]userKeyRec // newest last
	components map[string]component     // component_access_token → its platform and app
	cloudIDs   map[string]cloudData
}

type ridRecord struct {
	appID     string
	sns       bool
	when      time.Time
	costMS    int64
	url, body string
	response  string
	clientIP  string
}

type userKeyRec struct {
	key, iv string
	version int
	created time.Time
}

type component struct{ componentAppID, appID string }

type cloudData struct {
	appID, openID string
	json          string
	expires       time.Time
}

func (s *Server) ud() *userData {
	if s.userData.rids == nil {
		s.userData = userData{
			rids:       map[string]*ridRecord{},
			encrypted:  map[string]time.Time{},
			userKeys:   map[userKey][]userKeyRec{},
			components: map[string]component{},
			cloudIDs:   map[string]cloudData{},
		}
	}
	return &s.userData
}

// serveUserData serves the APIs of this file; false for another path.
func (s *Server) serveUserData(w http.ResponseWriter, r *http.Request, path string) bool {
	var rep reply
	switch path {
	case apiRID:
		rep = s.ridGet(r)
	case apiCheckEncrypt:
		rep = s.checkEncrypted(r)
	case apiUserKey:
		rep = s.userEncryptKey(r)
	case apiResetSession:
		rep = s.resetSessionKey(r)
	case apiComponentCode:
		rep = s.componentCode2Session(r)
	case apiOpenData:
		rep = s.openData(r)
	case "_fake/component", "_fake/cloud-id":
		s.controlUserData(w, r, path)
		return true
	default:
		return false
	}
	s.answer(w, path, rep)
	return true
}

// recorder keeps what rid/get returns about a request that failed: the
// query, the body (each cut at 4 KiB) and the answer.
type recorder struct {
	http.ResponseWriter
	s     *Server
	r     *http.Request
	path  string
	start time.Time
	body  bytes.Buffer
	out   bytes.Buffer
}

func (s *Server) record(w http.ResponseWriter, r *http.Request, path string) *recorder {
	rec := &recorder{ResponseWriter: w, s: s, r: r, path: path, start: time.Now()}
	if r.Body != nil {
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.TeeReader(r.Body, limitedWriter{&rec.body, 4096}), r.Body}
	}
	return rec
}

type limitedWriter struct {
	b *bytes.Buffer
	n int
}

func (l limitedWriter) Write(p []byte) (int, error) {
	if room := l.n - l.b.Len(); room > 0 {
		l.b.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (rec *recorder) Write(p []byte) (int, error) {
	limitedWriter{&rec.out, 4096}.Write(p)
	return rec.ResponseWriter.Write(p)
}

// finish stores the request under the rid of its answer, if it has one.
func (rec *recorder) finish() {
	if strings.HasPrefix(rec.path, "_fake/") {
		return
	}
	var ans struct {
		Errcode int    `json:"errcode"`
		Errmsg  string `json:"errmsg"`
	}
	if json.Unmarshal(rec.out.Bytes(), &ans) != nil || ans.Errcode == 0 {
		return
	}
	rid := ridOf(ans.Errmsg)
	if rid == "" {
		return
	}
	q := rec.r.URL.Query()
	s := rec.s
	s.mu.Lock()
	defer s.mu.Unlock()
	appID := q.Get("appid")
	if t := s.tokens[q.Get("access_token")]; t != nil {
		appID = t.appID
	} else if c, ok := s.ud().components[q.Get("component_access_token")]; ok {
		appID = c.appID
	}
	if appID == "" {
		var body struct {
			AppID string `json:"appid"`
		}
		json.Unmarshal(rec.body.Bytes(), &body)
		appID = body.AppID
	}
	host, _, _ := net.SplitHostPort(rec.r.RemoteAddr)
	ud := s.ud()
	ud.rids[rid] = &ridRecord{appID: appID, sns: strings.HasPrefix(rec.path, "sns/"), when: s.now(),
		costMS: time.Since(rec.start).Milliseconds(), url: maskQuery(rec.r.URL.RawQuery),
		body: rec.body.String(), response: rec.out.String(), clientIP: host}
	ud.ridOrder = append(ud.ridOrder, rid)
	if len(ud.ridOrder) > maxRIDs {
		delete(ud.rids, ud.ridOrder[0])
		ud.ridOrder = ud.ridOrder[1:]
	}
}

// maskQuery cuts credentials in a query as WeChat's rid/get example does
// ("access_token=50_Im7xxxx").
func maskQuery(raw string) string {
	parts := strings.Split(raw, "&")
	for i, p := range parts {
		name, value, ok := strings.Cut(p, "=")
		switch name {
		case "access_token", "secret", "component_access_token", "signature":
			if ok && len(value) > 6 {
				parts[i] = name + "=" + value[:6] + "xxxx"
			}
		}
	}
	return strings.Join(parts, "&")
}

// jsonBody reads a POST body that must be a JSON object, as the wxa APIs
// want it: 43002 for another method, 47001 for a form or bad JSON.
func jsonBody(r *http.Request, v any) (reply, bool) {
	if r.Method != http.MethodPost {
		return fail(43002, "require POST method"), false
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/x-www-form-urlencoded" || ct == "multipart/form-data" {
		return fail(47001, "data format error"), false
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil || len(bytes.TrimSpace(raw)) == 0 {
		return fail(44002, "empty post data"), false
	}
	if raw = bytes.TrimSpace(raw); raw[0] != '{' || json.Unmarshal(raw, v) != nil {
		return fail(47001, "data format error"), false
	}
	return reply{}, true
}

func (s *Server) ridGet(r *http.Request) reply {
	s.mu.Lock()
	appID, rep, valid := s.checkToken(r)
	s.mu.Unlock()
	if !valid {
		return rep
	}
	var req struct {
		RID string `json:"rid"`
	}
	if rep, ok := jsonBody(r, &req); !ok {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !isRID(req.RID) {
		return fail(76002, "rid is error")
	}
	rec := s.ud().rids[req.RID]
	switch {
	case rec == nil || s.now().Sub(rec.when) > ridLifetime:
		return fail(76001, "rid not found")
	case rec.sns:
		// 76022: "/xxx/sns/xxx" APIs cannot be looked up (the errmsg is not
		// documented; this one is the fake's).
		return fail(76022, "could not query this rid, sns api")
	case rec.appID != appID:
		return fail(76003, "could not query this rid,no permission")
	}
	return ok(map[string]any{"errcode": 0, "errmsg": "ok", "request": map[string]any{
		"invoke_time": rec.when.Unix(), "cost_in_ms": rec.costMS, "request_url": rec.url,
		"request_body": rec.body, "response_body": rec.response, "client_ip": rec.clientIP,
	}})
}

// isRID reports whether s has the shape of a rid: three groups of 8 hex
// digits.
func isRID(s string) bool {
	if len(s) != 26 || s[8] != '-' || s[17] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 8 || i == 17 {
			continue
		}
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// recordEncrypted remembers encryptedData that the fake made, for
// checkencryptedmsg. s.mu must be held.
func (s *Server) recordEncrypted(encryptedData string) {
	sum := sha256.Sum256([]byte(encryptedData))
	s.ud().encrypted[hex.EncodeToString(sum[:])] = s.now()
}

func (s *Server) checkEncrypted(r *http.Request) reply {
	s.mu.Lock()
	_, rep, valid := s.checkToken(r)
	s.mu.Unlock()
	if !valid {
		return rep
	}
	var req struct {
		Hash string `json:"encrypted_msg_hash"`
	}
	if rep, ok := jsonBody(r, &req); !ok {
		return rep
	}
	if req.Hash == "" {
		return fail(47001, "data format error")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// WeChat compares the hash as hex; the fake accepts either case.
	made, known := s.ud().encrypted[strings.ToLower(req.Hash)]
	if !known || s.now().Sub(made) > encryptedLifetime {
		// checkEncryptedData's error table: 1 "data not exit" for data older
		// than 3 days, unknown, or of another appid.
		return fail(1, "data not exit")
	}
	// "vaild" is WeChat's spelling.
	return ok(map[string]any{"errcode": 0, "errmsg": "ok", "vaild": true, "create_time": made.Unix()})
}

// signedUser checks the login-state signature of the query (openid,
// signature, sig_method), as getuserencryptkey and resetusersessionkey do,
// and returns the user. s.mu must be held.
func (s *Server) signedUser(r *http.Request, appID string) (userKey, reply, bool) {
	q := r.URL.Query()
	openID, sig, method := q.Get("openid"), q.Get("signature"), q.Get("sig_method")
	if r.Method == http.MethodPost && openID == "" {
		// The newer documents put them in a JSON body.
		var body struct {
			OpenID    string `json:"openid"`
			Signature string `json:"signature"`
			SigMethod string `json:"sig_method"`
		}
		raw, _ := io.ReadAll(r.Body)
		if json.Unmarshal(raw, &body) == nil {
			openID, sig, method = body.OpenID, body.Signature, body.SigMethod
		}
	}
	k := userKey{appID, openID}
	u := s.users[k]
	if u == nil {
		return k, fail(40003, "invalid openid"), false
	}
	if method != "hmac_sha256" {
		return k, fail(87008, "invalid sig_method"), false
	}
	if subtle.ConstantTimeCompare([]byte(sig), []byte(core.LoginSignature(u.sessionKey, nil))) != 1 {
		return k, fail(87009, "invalid signature"), false
	}
	return k, reply{}, true
}

func (s *Server) userEncryptKey(r *http.Request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	appID, rep, valid := s.checkToken(r)
	if !valid {
		return rep
	}
	if s.limited(appID, apiUserKey) {
		return rateLimited
	}
	k, rep, valid := s.signedUser(r, appID)
	if !valid {
		return rep
	}
	keys := s.currentUserKeys(k)
	now := s.now()
	list := make([]map[string]any, 0, len(keys))
	for i := len(keys) - 1; i >= 0; i-- {
		left := keys[i].created.Add(userKeyLifetime).Sub(now)
		if left < 0 {
			left = 0
		}
		list = append(list, map[string]any{"encrypt_key": keys[i].key, "version": keys[i].version,
			"expire_in": int(left / time.Second), "iv": keys[i].iv, "create_time": keys[i].created.Unix()})
	}
	return ok(map[string]any{"errcode": 0, "errmsg": "ok", "key_info_list": list})
}

// currentUserKeys returns the user's last three encrypt keys, oldest first,
// making a new one when the newest has lived its hour. s.mu must be held.
func (s *Server) currentUserKeys(k userKey) []userKeyRec {
	ud := s.ud()
	keys := ud.userKeys[k]
	now := s.now()
	if len(keys) == 0 || !now.Before(keys[len(keys)-1].created.Add(userKeyLifetime)) {
		version := 1
		if len(keys) > 0 {
			version = keys[len(keys)-1].version + 1
		}
		// The iv is 16 characters used as they are, as in WeChat's
		// example ("6003f73ec441c386").
		keys = append(keys, userKeyRec{key: base64.StdEncoding.EncodeToString(s.read(16)), iv: s.hex(8),
			version: version, created: now})
		if len(keys) > 3 {
			keys = keys[len(keys)-3:]
		}
		ud.userKeys[k] = keys
	}
	return keys
}

// UserEncrypt is the mini-program's side of the encrypted network channel
// (wx.getUserCryptoManager): plaintext encrypted with AES-128-CBC under the
// user's latest encrypt key, as base64, and that key's version.
func (s *Server) UserEncrypt(appID, openID string, plaintext []byte) (data string, version int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := userKey{appID, openID}
	if s.users[k] == nil {
		return "", 0, notFound("no user " + openID + " in " + appID + ": log in first (/_fake/login)")
	}
	keys := s.currentUserKeys(k)
	latest := keys[len(keys)-1]
	f, err := core.Encrypt(plaintext, latest.key, base64.StdEncoding.EncodeToString([]byte(latest.iv)))
	if err != nil {
		return "", 0, err
	}
	return f.EncryptedData, latest.version, nil
}

func (s *Server) resetSessionKey(r *http.Request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	appID, rep, valid := s.checkToken(r)
	if !valid {
		return rep
	}
	if s.limited(appID, apiResetSession) {
		return rateLimited
	}
	k, rep, valid := s.signedUser(r, appID)
	if !valid {
		return rep
	}
	key, err := core.NewKey(s.random)
	if err != nil {
		return fail(-1, "system error")
	}
	s.users[k].sessionKey = key
	return ok(map[string]any{"errcode": 0, "errmsg": "ok", "openid": k.openID, "session_key": key})
}

func (s *Server) componentCode2Session(r *http.Request) reply {
	q := r.URL.Query()
	s.mu.Lock()
	defer s.mu.Unlock()
	tok := q.Get("component_access_token")
	if tok == "" {
		return fail(41001, "access_token missing")
	}
	c, known := s.ud().components[tok]
	switch {
	case !known:
		return fail(40001, "invalid credential, access_token is invalid or not latest")
	case q.Get("component_appid") != c.componentAppID:
		return fail(40013, "invalid appid")
	case q.Get("grant_type") != "authorization_code":
		return fail(40002, "invalid grant_type")
	case q.Get("appid") != c.appID:
		return fail(61003, "component is not authorized by this account")
	case q.Get("js_code") == "":
		return fail(41008, "missing code")
	}
	if s.limited(c.appID, apiComponentCode) {
		return rateLimited
	}
	cd := s.codes[q.Get("js_code")]
	if cd == nil || cd.kind != loginCode || cd.appID != c.appID || !s.now().Before(cd.expires) {
		return fail(40029, "invalid code")
	}
	if cd.used {
		return fail(40163, "code been used")
	}
	cd.used = true
	return ok(map[string]any{"openid": cd.openID, "session_key": s.users[userKey{c.appID, cd.openID}].sessionKey})
}

// Component authorizes appID to the third-party platform componentAppID
// and returns a component_access_token for sns/component/jscode2session and
// an authorizer_access_token, which the wxa APIs take as an access_token.
func (s *Server) Component(componentAppID, appID string) (componentToken, authorizerToken string, err error) {
	if componentAppID == "" {
		return "", "", badRequest("component_appid is required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.apps[appID]; !ok {
		return "", "", notFound("unknown appid " + appID)
	}
	componentToken = s.hex(48)
	s.ud().components[componentToken] = component{componentAppID, appID}
	authorizerToken, _ = s.newToken(appID)
	return componentToken, authorizerToken, nil
}

// CloudID is what a mini-program with cloud development gets instead of
// encryptedData: an id of the user's phone number that wxa/getopendata
// exchanges for the data, valid five minutes.
func (s *Server) CloudID(appID, openID, phoneNumber, countryCode string) (string, error) {
	if phoneNumber == "" {
		return "", badRequest("phone_number is required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.apps[appID]; !ok {
		return "", notFound("unknown appid " + appID)
	}
	id := "27_" + s.base64url(56)
	data := core.PhonePayload(appID, phoneNumber, countryCode, s.now())
	js, _ := json.Marshal(map[string]json.RawMessage{"cloudID": json.RawMessage(`"` + id + `"`), "data": data})
	s.ud().cloudIDs[id] = cloudData{appID: appID, openID: openID, json: string(js), expires: s.now().Add(cloudIDLifetime)}
	return id, nil
}

func (s *Server) openData(r *http.Request) reply {
	s.mu.Lock()
	appID, rep, valid := s.checkToken(r)
	s.mu.Unlock()
	if !valid {
		return rep
	}
	var req struct {
		List []string `json:"cloudid_list"`
	}
	if rep, ok := jsonBody(r, &req); !ok {
		return rep
	}
	if len(req.List) == 0 {
		return fail(47001, "data format error")
	}
	openID := r.URL.Query().Get("openid")
	s.mu.Lock()
	defer s.mu.Unlock()
	list := make([]map[string]any, 0, len(req.List))
	for _, id := range req.List {
		d, known := s.ud().cloudIDs[id]
		if !known || d.appID != appID || !s.now().Before(d.expires) || (openID != "" && d.openID != "" && openID != d.openID) {
			// The answer for such an id is not documented; the fake leaves
			// it out of data_list.
			continue
		}
		// "json" is a string in the table of WeChat's document (an object
		// in its example); the fake sends a string.
		list = append(list, map[string]any{"cloud_id": id, "json": d.json})
	}
	return ok(map[string]any{"errcode": 0, "errmsg": "ok", "data_list": list})
}

// controlUserData serves /_fake/component and /_fake/cloud-id.
func (s *Server) controlUserData(w http.ResponseWriter, r *http.Request, path string) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "use POST with a JSON body"})
		return
	}
	var req struct {
		AppID          string `json:"appid"`
		OpenID         string `json:"openid"`
		ComponentAppID string `json:"component_appid"`
		PhoneNumber    string `json:"phone_number"`
		CountryCode    string `json:"country_code"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.AppID == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "the body must be a JSON object with string values and an appid"})
		return
	}
	var out map[string]string
	var err error
	switch path {
	case "_fake/component":
		var ct, at string
		ct, at, err = s.Component(req.ComponentAppID, req.AppID)
		out = map[string]string{"component_access_token": ct, "authorizer_access_token": at}
	case "_fake/cloud-id":
		var id string
		id, err = s.CloudID(req.AppID, req.OpenID, req.PhoneNumber, req.CountryCode)
		out = map[string]string{"cloud_id": id}
	}
	if err != nil {
		status := http.StatusInternalServerError
		if re, ok := err.(*RequestError); ok {
			status = re.Status
		}
		writeJSON(w, status, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// ridOf returns the request id at the end of an errmsg of this fake
// (" rid: …"), or "".
func ridOf(errmsg string) string {
	i := strings.LastIndex(errmsg, " rid: ")
	if i < 0 {
		return ""
	}
	return errmsg[i+len(" rid: "):]
}

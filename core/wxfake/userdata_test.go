package wxfake_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxfake"
)

func TestRIDGet(t *testing.T) {
	e := newEnv(t)
	other := wxfake.App{AppID: "wx00000000000000b2", Secret: "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2"}
	e.fake.AddApp(other)
	tok := e.stableToken(false)
	failed := e.phone(tok, "application/json", `{"code":"nope"}`)
	rid := ridOf(failed["errmsg"].(string))
	ridGet := func(token, body string) map[string]any {
		_, out := e.do("POST", "/cgi-bin/openapi/rid/get?access_token="+url.QueryEscape(token), "application/json", body)
		return out
	}
	out := ridGet(tok, `{"rid":"`+rid+`"}`)
	req, _ := out["request"].(map[string]any)
	if e.errcode(out) != 0 || req == nil {
		t.Fatalf("rid/get: %v", out)
	}
	if req["request_body"] != `{"code":"nope"}` || req["invoke_time"] != float64(e.clock.Now().Unix()) ||
		!strings.HasPrefix(req["request_url"].(string), "access_token="+tok[:6]+"xxxx") || strings.Contains(req["request_url"].(string), tok) ||
		req["client_ip"] != "127.0.0.1" {
		t.Errorf("request %v", req)
	}
	var resp map[string]any
	if json.Unmarshal([]byte(req["response_body"].(string)), &resp) != nil || resp["errcode"] != float64(40029) {
		t.Errorf("response_body %v", req["response_body"])
	}

	// A jscode2session rid: sns APIs cannot be looked up.
	_, sns := e.do("GET", "/sns/jscode2session?grant_type=authorization_code&appid="+app.AppID+"&secret="+app.Secret+"&js_code=nope", "", "")
	// Another app's rid.
	_, otherTok := e.do("POST", "/cgi-bin/stable_token", "application/json",
		`{"grant_type":"client_credential","appid":"`+other.AppID+`","secret":"`+other.Secret+`"}`)
	otherFailed := e.phone(otherTok["access_token"].(string), "application/json", `{"code":"nope"}`)
	for _, tt := range []struct {
		name, body string
		want       int
	}{
		{"sns rid", `{"rid":"` + ridOf(sns["errmsg"].(string)) + `"}`, 76022},
		{"another app's rid", `{"rid":"` + ridOf(otherFailed["errmsg"].(string)) + `"}`, 76003},
		{"unknown rid", `{"rid":"6aac005a-01bfdbee-79769285"}`, 76001},
		{"bad rid", `{"rid":"nope"}`, 76002},
		{"empty rid", `{"rid":""}`, 76002},
		{"form body", `rid=` + rid, 47001},
	} {
		if got := e.errcode(ridGet(tok, tt.body)); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
	e.clock.Add(7*24*time.Hour + time.Second)
	tok = e.stableToken(true)
	if got := e.errcode(ridGet(tok, `{"rid":"`+rid+`"}`)); got != 76001 {
		t.Errorf("rid after 7 days: %d, want 76001", got)
	}
}

func TestCheckEncryptedMsg(t *testing.T) {
	e := newEnv(t)
	tok := e.stableToken(false)
	_, openID, _ := e.fake.Login(app.AppID, "")
	data, _, err := e.fake.EncryptedPhone(app.AppID, openID, "13800138000", "86")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(data))
	check := func(hash string) map[string]any {
		_, out := e.do("POST", "/wxa/business/checkencryptedmsg?access_token="+url.QueryEscape(tok), "application/json",
			`{"encrypted_msg_hash":"`+hash+`"}`)
		return out
	}
	out := check(hex.EncodeToString(sum[:]))
	if e.errcode(out) != 0 || out["vaild"] != true || out["create_time"] != float64(e.clock.Now().Unix()) {
		t.Errorf("data the fake made: %v", out)
	}
	// The hash of the decoded bytes is not the hash of the text.
	raw, _ := base64.StdEncoding.DecodeString(data)
	rawSum := sha256.Sum256(raw)
	if out := check(hex.EncodeToString(rawSum[:])); e.errcode(out) != 1 {
		t.Errorf("hash of the bytes: %v, want errcode 1 data not exit", out)
	}
	e.clock.Add(3*24*time.Hour + time.Second)
	tok = e.stableToken(true)
	if out := check(hex.EncodeToString(sum[:])); e.errcode(out) != 1 {
		t.Errorf("after 3 days: %v", out)
	}
}

func TestUserEncryptKeyAndReset(t *testing.T) {
	e := newEnv(t)
	tok := e.stableToken(false)
	jsCode, openID, _ := e.fake.Login(app.AppID, "")
	_, sess := e.do("GET", "/sns/jscode2session?grant_type=authorization_code&appid="+app.AppID+"&secret="+app.Secret+"&js_code="+jsCode, "", "")
	key := sess["session_key"].(string)
	sig := core.LoginSignature(key, nil)
	keysQuery := func(sig, method string) map[string]any {
		_, out := e.do("GET", "/wxa/business/getuserencryptkey?access_token="+url.QueryEscape(tok)+"&openid="+openID+"&signature="+sig+"&sig_method="+method, "", "")
		return out
	}
	for i := range 4 {
		if i > 0 {
			e.clock.Add(time.Hour)
			tok = e.stableToken(false)
		}
		out := keysQuery(sig, "hmac_sha256")
		list, _ := out["key_info_list"].([]any)
		if e.errcode(out) != 0 || len(list) != min(i+1, 3) {
			t.Fatalf("hour %d: %v", i, out)
		}
		first := list[0].(map[string]any)
		if first["version"] != float64(i+1) || first["expire_in"] != float64(3600) || len(first["iv"].(string)) != 16 {
			t.Errorf("hour %d: newest key %v", i, first)
		}
		if i > 0 && list[1].(map[string]any)["expire_in"] != float64(0) {
			t.Errorf("hour %d: previous key %v", i, list[1])
		}
	}
	if got := e.errcode(keysQuery(sig, "sha256")); got != 87008 {
		t.Errorf("sig_method sha256: %d", got)
	}
	if got := e.errcode(keysQuery(strings.Repeat("0", 64), "hmac_sha256")); got != 87009 {
		t.Errorf("wrong signature: %d", got)
	}

	_, out := e.do("GET", "/wxa/resetusersessionkey?access_token="+url.QueryEscape(tok)+"&openid="+openID+"&signature="+sig+"&sig_method=hmac_sha256", "", "")
	newKey, _ := out["session_key"].(string)
	if e.errcode(out) != 0 || out["openid"] != openID || newKey == "" || newKey == key {
		t.Fatalf("reset: %v", out)
	}
	if got := e.errcode(keysQuery(sig, "hmac_sha256")); got != 87009 {
		t.Errorf("the old session_key after a reset: %d, want 87009", got)
	}
	if got := e.errcode(keysQuery(core.LoginSignature(newKey, nil), "hmac_sha256")); got != 0 {
		t.Errorf("the new session_key: %d", got)
	}
}

func TestComponentAndOpenData(t *testing.T) {
	e := newEnv(t)
	status, comp := e.do("POST", "/_fake/component", "application/json", `{"appid":"`+app.AppID+`","component_appid":"wx00000000000000c3"}`)
	ct, at := comp["component_access_token"], comp["authorizer_access_token"]
	if status != 200 || ct == "" || at == "" {
		t.Fatalf("component: %d %v", status, comp)
	}
	jsCode, openID, _ := e.fake.Login(app.AppID, "")
	q := "/sns/component/jscode2session?appid=" + app.AppID + "&js_code=" + jsCode + "&grant_type=authorization_code&component_appid=wx00000000000000c3&component_access_token=" + ct.(string)
	if _, out := e.do("GET", q, "", ""); out["openid"] != openID || out["session_key"] == "" {
		t.Fatalf("component jscode2session: %v", out)
	}
	if _, out := e.do("GET", q, "", ""); e.errcode(out) != 40163 || !strings.Contains(out["errmsg"].(string), "code been used, rid: ") {
		t.Errorf("again: %v", out)
	}
	if _, out := e.do("GET", strings.Replace(q, "appid="+app.AppID, "appid=wx00000000000000d4", 1), "", ""); e.errcode(out) != 61003 {
		t.Errorf("an app not authorized: %v", out)
	}

	status, cid := e.do("POST", "/_fake/cloud-id", "application/json", `{"appid":"`+app.AppID+`","openid":"`+openID+`","phone_number":"13800138000"}`)
	if status != 200 || !strings.HasPrefix(cid["cloud_id"].(string), "27_") {
		t.Fatalf("cloud-id: %d %v", status, cid)
	}
	// The authorizer_access_token works as the app's access_token.
	_, out := e.do("POST", "/wxa/getopendata?access_token="+url.QueryEscape(at.(string))+"&openid="+openID, "application/json",
		`{"cloudid_list":["`+cid["cloud_id"].(string)+`","27_unknown"]}`)
	list, _ := out["data_list"].([]any)
	if e.errcode(out) != 0 || len(list) != 1 {
		t.Fatalf("getopendata: %v", out)
	}
	js, _ := list[0].(map[string]any)["json"].(string)
	var data struct {
		CloudID string `json:"cloudID"`
		Data    struct {
			PhoneNumber string `json:"phoneNumber"`
		} `json:"data"`
	}
	if json.Unmarshal([]byte(js), &data) != nil || data.CloudID != cid["cloud_id"] || data.Data.PhoneNumber != "13800138000" {
		t.Errorf("json %q", js)
	}
	e.clock.Add(5 * time.Minute)
	_, out = e.do("POST", "/wxa/getopendata?access_token="+url.QueryEscape(at.(string)), "application/json", `{"cloudid_list":["`+cid["cloud_id"].(string)+`"]}`)
	if list, _ := out["data_list"].([]any); len(list) != 0 {
		t.Errorf("an expired cloudID: %v", out)
	}
}

// ridOf returns the request id at the end of an errmsg (" rid: …"), or "".
func ridOf(errmsg string) string {
	i := strings.LastIndex(errmsg, " rid: ")
	if i < 0 {
		return ""
	}
	return errmsg[i+len(" rid: "):]
}

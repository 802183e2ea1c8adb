package wxapi

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

// The hash of the official sample's encryptedData text, computed outside Go:
//
//	node -e 'console.log(require("crypto").createHash("sha256").update(TEXT).digest("hex"))'
const sampleMsgHash = "7842122eb129390ef7ca47b91ae8d142553fc5849eaad857552491f090118a51"

func TestEncryptedMsgHash(t *testing.T) {
	data := core.OfficialSample().EncryptedData
	if got := EncryptedMsgHash(data); got != sampleMsgHash {
		t.Errorf("EncryptedMsgHash = %s, want %s", got, sampleMsgHash)
	}
	// The hash is of the text as sent: a URL-encoded copy hashes otherwise.
	if EncryptedMsgHash(strings.ReplaceAll(data, "+", "%2B")) == sampleMsgHash {
		t.Error("a URL-encoded copy has the same hash")
	}
	// Shaped like the example of WeChat's checkEncryptedData document.
	doc := "657edd868c9715a9bebe42b833269a557a48498785397a796f1568c29a200b2c"
	if got := EncryptedMsgHash(data); len(got) != len(doc) || !isHex(got) || strings.ToLower(got) != got {
		t.Errorf("hash %q is not shaped like %q", got, doc)
	}
	c := NewCheckEncryptedCall("", "TOKEN", data)
	if c.Method != "POST" || string(c.Body) != `{"encrypted_msg_hash":"`+sampleMsgHash+`"}` ||
		c.URL != "https://api.weixin.qq.com/wxa/business/checkencryptedmsg?access_token=TOKEN" {
		t.Errorf("call %s %s %s", c.Method, c.URL, c.Body)
	}
	r, err := ParseCheckEncryptedResponse([]byte(`{"errcode": 0,"errmsg": "ok","vaild": true,"create_time" :1629121902}`))
	if err != nil || !r.Valid || r.CreateTime != 1629121902 {
		t.Errorf("doc answer: %+v %v", r, err)
	}
	if _, err := ParseCheckEncryptedResponse([]byte(`{"errcode":1,"errmsg":"data not exit rid: 6aac005a-01bfdbee-79769285"}`)); err == nil ||
		!strings.Contains(err.(*APIError).Explain(core.English).Hint, "3 days") {
		t.Errorf("errcode 1: %v", err)
	}
}

// The signature of getuserencryptkey and resetusersessionkey is the one of
// checksession: keyed with the session_key text, over "".
func TestUserKeyCallsSignLikeCheckSession(t *testing.T) {
	key := core.OfficialSample().SessionKey
	sig := core.LoginSignature(key, nil)
	for _, c := range []*Call{NewUserEncryptKeyCall("", "T", "oID", key), NewResetSessionKeyCall("", "T", "oID", key), NewCheckSessionCall("", "T", "oID", key)} {
		if !strings.Contains(c.URL, "&signature="+sig+"&sig_method=hmac_sha256") || c.Method != "GET" || strings.Contains(c.String(), sig) {
			t.Errorf("%s: %s", c.API, c.URL)
		}
	}
}

func TestFindRID(t *testing.T) {
	for in, want := range map[string]string{
		"61725984-6126f6f9-040f19c4": "61725984-6126f6f9-040f19c4",
		`{"errcode":45009,"errmsg":"reach max api daily quota limit rid: 617682e0-09059ac5-34a8e2ea"}`:       "617682e0-09059ac5-34a8e2ea",
		"wxinspect: error: sns/jscode2session: errcode 40029: invalid code, rid: 6aac007a-6c02c771-26bf69c4": "6aac007a-6c02c771-26bf69c4",
		"2024-05-01 GET /x rid=63e0625b-46a40fb2-16bcd8bd took 3ms":                                          "63e0625b-46a40fb2-16bcd8bd",
		"no rid here":                 "",
		"61725984-6126f6f9-040f19c4a": "",
		"code been used, hints: [ req_id: AijFoqaLRa-pTFm4 ]": "",
	} {
		if got := FindRID(in); got != want {
			t.Errorf("FindRID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUserDataParsers(t *testing.T) {
	// getuserencryptkey's documented answer.
	keys, err := ParseUserEncryptKeyResponse([]byte(`{"errcode":0,"errmsg":"ok","key_info_list":[{"encrypt_key":"VI6BpyrK9XH4i4AIGe86tg==","version":10,"expire_in":3597,"iv":"6003f73ec441c386","create_time":1616572301},{"encrypt_key":"aoUGAHltcliiL9f23oTKHA==","version":9,"expire_in":0,"iv":"7996656384218dbb","create_time":1616565101}]}`))
	if err != nil || len(keys) != 2 || keys[0].Version != 10 || keys[0].ExpireIn != 3597*time.Second || keys[1].IV != "7996656384218dbb" {
		t.Fatalf("keys %v %v", keys, err)
	}
	if s := keys[0].String(); strings.Contains(s, "VI6Bpyr") {
		t.Errorf("String leaks the key: %s", s)
	}
	// Data encrypted under version 9's key and iv (as the mini-program's
	// UserCryptoManager does): only version 9 opens it.
	k9, _ := base64.StdEncoding.DecodeString(keys[1].EncryptKey)
	f, err := core.Encrypt([]byte(`{"hello":"wx"}`), base64.StdEncoding.EncodeToString(k9), base64.StdEncoding.EncodeToString([]byte(keys[1].IV)))
	if err != nil {
		t.Fatal(err)
	}
	if i, plain := OpenWithUserKeys(f.EncryptedData, keys); i != 1 || string(plain) != `{"hello":"wx"}` {
		t.Errorf("OpenWithUserKeys: %d %q", i, plain)
	}
	if i, _ := OpenWithUserKeys(core.OfficialSample().EncryptedData, keys); i != -1 {
		t.Errorf("data of no key opened with %d", i)
	}

	// getopendata: "json" as a string (the table) or an object (the example).
	for _, body := range []string{
		`{"errcode":0,"errmsg":"ok","data_list":[{"cloud_id":"xxx","json":"{\"cloudID\":\"xxx\",\"data\":{\"countryCode\":86}}"}]}`,
		`{"errcode":0,"errmsg":"ok","data_list":[{"cloud_id":"xxx","json":{"cloudID":"xxx","data":{"countryCode":86}}}]}`,
	} {
		list, err := ParseOpenDataResponse([]byte(body))
		if err != nil || len(list) != 1 || list[0].CloudID != "xxx" || list[0].JSON != `{"cloudID":"xxx","data":{"countryCode":86}}` {
			t.Errorf("open data %v %v", list, err)
		}
	}
	c := NewOpenDataCall("", "T", "oID", []string{"a", "b"})
	if string(c.Body) != `{"cloudid_list":["a","b"]}` || !strings.HasSuffix(c.URL, "?access_token=T&openid=oID") {
		t.Errorf("open data call %s %s", c.URL, c.Body)
	}

	// rid/get's documented answer.
	r, err := ParseRIDResponse([]byte(`{"errcode":0,"errmsg":"ok","request":{"invoke_time":1635156704,"cost_in_ms":30,"request_url":"access_token=50_Im7xxxx","request_body":"","response_body":"{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit rid: 617682e0-09059ac5-34a8e2ea\"}","client_ip": "113.xx.70.51"}}`))
	if err != nil || r.InvokeTime != 1635156704 || r.CostMS != 30 || r.ClientIP != "113.xx.70.51" || FindRID(r.ResponseBody) != "617682e0-09059ac5-34a8e2ea" {
		t.Errorf("rid %+v %v", r, err)
	}
	if q, _ := r.Redacted(); q != "access_token=REDACTED" {
		t.Errorf("Redacted %q", q)
	}
	rc := NewRIDCall("", "T", "61725984-6126f6f9-040f19c4")
	if string(rc.Body) != `{"rid":"61725984-6126f6f9-040f19c4"}` || rc.Method != "POST" {
		t.Errorf("rid call %s", rc.Body)
	}

	// The component jscode2session: its token is redacted.
	cc := NewComponentCode2SessionCall("", "wxA", "CODE", "wxC", "CTOKEN")
	if strings.Contains(cc.String(), "CTOKEN") || !strings.Contains(cc.Curl(false), "$WX_COMPONENT_ACCESS_TOKEN") {
		t.Errorf("component call %s", cc.String())
	}
	if _, err := ParseComponentCode2SessionResponse([]byte(`{"errcode":61003,"errmsg":"component is not authorized by this account"}`)); err == nil ||
		!strings.Contains(err.(*APIError).Explain(core.Chinese).Hint, "第三方平台") {
		t.Errorf("61003: %v", err)
	}
}

func TestPhoneCodeShape(t *testing.T) {
	for code, want := range map[string]string{
		strings.Repeat("ab", 32):           "phone",
		"0a1b2c3d4e5f0a1b2c3d4e5f0a1b2c3d": "login",
		"081KQ2000uX5bQ1wNo400Zi1Ip4KQ20J": "login",
		"abc":                              "",
	} {
		if got := PhoneCodeShape(code); got != want {
			t.Errorf("PhoneCodeShape(%q) = %q, want %q", code, got, want)
		}
	}
}

func FuzzUserDataParsers(f *testing.F) {
	for _, s := range []string{
		`{"errcode":0,"errmsg":"ok","request":{"invoke_time":1,"request_url":"access_token=x"}}`,
		`{"errcode":0,"vaild":true,"create_time":1}`,
		`{"errcode":0,"key_info_list":[{"encrypt_key":"VI6BpyrK9XH4i4AIGe86tg==","iv":"6003f73ec441c386","version":1}]}`,
		`{"errcode":0,"data_list":[{"cloud_id":"x","json":{"a":1}}]}`,
		`{"openid":"o","session_key":"k"}`,
		`{"errcode":76001,"errmsg":"rid not found rid: 61725984-6126f6f9-040f19c4"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		if r, err := ParseRIDResponse(b); err == nil {
			r.Redacted()
		}
		ParseCheckEncryptedResponse(b)
		if keys, err := ParseUserEncryptKeyResponse(b); err == nil {
			OpenWithUserKeys(core.OfficialSample().EncryptedData, keys)
		}
		ParseOpenDataResponse(b)
		ParseResetSessionKeyResponse(b)
		ParseComponentCode2SessionResponse(b)
		if r := FindRID(s); r != "" && !IsRID(r) {
			t.Fatalf("FindRID(%q) = %q, not a rid", s, r)
		}
	})
}

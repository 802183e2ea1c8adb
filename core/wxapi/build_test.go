package wxapi

import (
	"strings"
	"testing"
)

func TestBuildCallEveryAPI(t *testing.T) {
	t.Parallel()
	params := map[string]string{
		"access_token": "TOKEN_SECRET_1", "code": "c0de", "openid": "oOPENID", "rid": "errmsg: invalid code, rid: 6751a2f9-7d9b5d30-4f2b5c17",
		"encrypted_msg": "ZW5j", "session_key": "tiihtNczf5v6AKRyjwEUhQ==", "appid": "wx00000000000000a1", "js_code": "js1",
		"component_appid": "wx00000000000000f1", "component_access_token": "COMPONENT_SECRET_2", "cloudid_list": "27_a, 27_b\n27_c",
	}
	want := map[string][]string{
		APIPhoneNumber:           {`{"code":"c0de","openid":"oOPENID"}`},
		APIRID:                   {`{"rid":"6751a2f9-7d9b5d30-4f2b5c17"}`},
		APICheckEncrypted:        {`"encrypted_msg_hash":"` + EncryptedMsgHash("ZW5j") + `"`},
		APIUserEncryptKey:        {"openid=oOPENID", "sig_method=hmac_sha256", "$WX_SIGNATURE"},
		APIResetSessionKey:       {"openid=oOPENID", "$WX_SIGNATURE"},
		APIComponentCode2Session: {"appid=wx00000000000000a1&js_code=js1&grant_type=authorization_code&component_appid=wx00000000000000f1", "$WX_COMPONENT_ACCESS_TOKEN"},
		APIOpenData:              {`{"cloudid_list":["27_a","27_b","27_c"]}`, "openid=oOPENID"},
	}
	for _, api := range UserDataAPIs {
		got := map[string]bool{}
		c := BuildCall("https://example.test", api, func(name string) string { got[name] = true; return params[name] })
		if c == nil || !strings.HasPrefix(c.URL, "https://example.test/"+api) {
			t.Fatalf("%s: %+v", api, c)
		}
		for _, name := range CallParams(api) {
			if !got[name] {
				t.Errorf("%s: parameter %s listed but not read", api, name)
			}
		}
		curl := c.Curl(false)
		for _, w := range want[api] {
			if !strings.Contains(curl, w) {
				t.Errorf("%s: curl %s lacks %s", api, curl, w)
			}
		}
		for _, secret := range []string{"TOKEN_SECRET_1", "COMPONENT_SECRET_2", "tiihtNczf5v6AKRyjwEUhQ"} {
			if strings.Contains(curl, secret) {
				t.Errorf("%s: curl shows a secret: %s", api, curl)
			}
		}
	}
	if BuildCall("", "nope", func(string) string { return "" }) != nil || CallParams("nope") != nil {
		t.Error("an unknown API builds a call")
	}
}

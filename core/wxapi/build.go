package wxapi

import "strings"

// The user-data calls by name, for front ends that offer a choice of API
// (the page's and the desktop's call tabs): which parameters each takes and
// the call they make.

// UserDataAPIs lists the calls BuildCall makes, in the order a call tab
// offers them.
var UserDataAPIs = []string{APIPhoneNumber, APIRID, APICheckEncrypted, APIUserEncryptKey,
	APIResetSessionKey, APIComponentCode2Session, APIOpenData}

// CallParams returns the parameters of api, named as WeChat names them;
// access_token stands for the token the call is made with, component_access_token
// for a third-party platform's. cloudid_list is one or more cloudIDs
// separated by spaces, commas or line breaks.
func CallParams(api string) []string {
	switch api {
	case APIPhoneNumber:
		return []string{"access_token", "code", "openid"}
	case APIRID:
		return []string{"access_token", "rid"}
	case APICheckEncrypted:
		return []string{"access_token", "encrypted_msg"}
	case APIUserEncryptKey, APIResetSessionKey:
		return []string{"access_token", "openid", "session_key"}
	case APIComponentCode2Session:
		return []string{"appid", "js_code", "component_appid", "component_access_token"}
	case APIOpenData:
		return []string{"access_token", "openid", "cloudid_list"}
	}
	return nil
}

// BuildCall builds api with the parameters param gives (CallParams), or
// returns nil for an API it does not know. rid may be any text that holds a
// rid (FindRID); encrypted_msg is the encryptedData text as the client sent
// it, which the call hashes.
func BuildCall(baseURL, api string, param func(name string) string) *Call {
	p := func(name string) string { return strings.TrimSpace(param(name)) }
	switch api {
	case APIPhoneNumber:
		return NewPhoneNumberCall(baseURL, p("access_token"), p("code"), p("openid"))
	case APIRID:
		rid := FindRID(param("rid"))
		if rid == "" {
			rid = p("rid")
		}
		return NewRIDCall(baseURL, p("access_token"), rid)
	case APICheckEncrypted:
		return NewCheckEncryptedCall(baseURL, p("access_token"), p("encrypted_msg"))
	case APIUserEncryptKey:
		return NewUserEncryptKeyCall(baseURL, p("access_token"), p("openid"), p("session_key"))
	case APIResetSessionKey:
		return NewResetSessionKeyCall(baseURL, p("access_token"), p("openid"), p("session_key"))
	case APIComponentCode2Session:
		return NewComponentCode2SessionCall(baseURL, p("appid"), p("js_code"), p("component_appid"), p("component_access_token"))
	case APIOpenData:
		ids := strings.FieldsFunc(param("cloudid_list"), func(r rune) bool { return r == ' ' || r == ',' || r == '\n' || r == '\r' || r == '\t' })
		return NewOpenDataCall(baseURL, p("access_token"), p("openid"), ids)
	}
	return nil
}

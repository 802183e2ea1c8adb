//go:build js && wasm

package main

import (
	"syscall/js"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

// fixture makes open data for tests with the core's payload builders and
// Encrypt. A session_key or iv left out is drawn from crypto.getRandomValues.
func (b bridge) fixture(_ js.Value, args []js.Value) any {
	v := arg(args, 0)
	appID := text(v, "appid")
	t := time.Now()
	if ts := number(v, "timestamp", 0); ts > 0 {
		t = time.Unix(ts, 0)
	}
	var plaintext []byte
	switch kind := core.Kind(text(v, "kind")); kind {
	case core.KindPhone:
		plaintext = core.PhonePayload(appID, text(v, "phone"), text(v, "country_code"), t)
	case core.KindUser:
		plaintext = core.UserPayload(appID, core.UserInfo{
			OpenID:    text(v, "openid"),
			NickName:  text(v, "nickname"),
			Gender:    int(number(v, "gender", 0)),
			Language:  text(v, "language"),
			City:      text(v, "city"),
			Province:  text(v, "province"),
			Country:   text(v, "country"),
			AvatarURL: text(v, "avatar_url"),
			UnionID:   text(v, "unionid"),
		}, t)
	case core.KindWeRun:
		steps := core.DailySteps(int(number(v, "days", 31)), t, uint32(number(v, "seed", 1)))
		plaintext = core.WeRunPayload(appID, steps, t)
	case core.KindShare:
		plaintext = core.SharePayload(appID, text(v, "opengid"), t)
	case core.KindGroup:
		plaintext = core.GroupPayload(appID, text(v, "opengid"), int(number(v, "chat_type", 0)), t)
	default:
		return failure(core.CodeBadInput, "unknown kind "+`"`+string(kind)+`"`+": want phone, user, werun, share or group")
	}
	key, iv := text(v, "session_key"), text(v, "iv")
	r := randomReader{b.global.Get("crypto")}
	var err error
	if key == "" {
		if key, err = core.NewKey(r); err != nil {
			return failure("", err.Error())
		}
	}
	if iv == "" {
		if iv, err = core.NewKey(r); err != nil {
			return failure("", err.Error())
		}
	}
	f, err := core.Encrypt(plaintext, key, iv)
	if err != nil {
		return failure(core.CodeOf(err), err.Error())
	}
	return b.object(f.AppendJSON(nil))
}

func failure(code core.Code, message string) any {
	return map[string]any{"error": map[string]any{"code": string(code), "message": message}}
}

// randomReader reads from the Web Crypto API's getRandomValues.
type randomReader struct{ crypto js.Value }

func (r randomReader) Read(p []byte) (int, error) {
	if r.crypto.Type() != js.TypeObject {
		return 0, errNoCrypto
	}
	a := js.Global().Get("Uint8Array").New(len(p))
	r.crypto.Call("getRandomValues", a)
	return js.CopyBytesToGo(p, a), nil
}

var errNoCrypto = jsError("crypto.getRandomValues is not available")

type jsError string

func (e jsError) Error() string { return string(e) }

//go:build js && wasm

package main

import (
	"syscall/js"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

// fixture makes open data for tests with core.FixtureSpec and
// core.NewFixture. A session_key or iv left out is drawn from
// crypto.getRandomValues.
func (b bridge) fixture(_ js.Value, args []js.Value) any {
	v := arg(args, 0)
	spec := core.FixtureSpec{
		AppID:           text(v, "appid"),
		Kind:            core.Kind(text(v, "kind")),
		PurePhoneNumber: text(v, "phone"),
		CountryCode:     text(v, "country_code"),
		User: core.UserInfo{
			OpenID:    text(v, "openid"),
			NickName:  text(v, "nickname"),
			Gender:    int(number(v, "gender", 0)),
			Language:  text(v, "language"),
			City:      text(v, "city"),
			Province:  text(v, "province"),
			Country:   text(v, "country"),
			AvatarURL: text(v, "avatar_url"),
			UnionID:   text(v, "unionid"),
		},
		Days:     int(number(v, "days", 0)),
		Seed:     uint32(number(v, "seed", 1)),
		OpenGID:  text(v, "opengid"),
		ChatType: int(number(v, "chat_type", 0)),
	}
	if ts := number(v, "timestamp", 0); ts > 0 {
		spec.Time = time.Unix(ts, 0)
	}
	plaintext, err := spec.Payload()
	if err != nil {
		return failure(core.CodeOf(err), err.Error())
	}
	f, err := core.NewFixture(plaintext, text(v, "session_key"), text(v, "iv"), randomReader{b.global.Get("crypto")})
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

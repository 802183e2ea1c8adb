package wxclient

import (
	"context"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
)

// RID looks up a rid of the last 7 days with rid/get: the request and the
// answer WeChat saw. The rid must come from a call of this account.
func (c *Client) RID(ctx context.Context, rid string) (*wxapi.RIDInfo, error) {
	if rid == "" {
		return nil, missing("rid")
	}
	var r *wxapi.RIDInfo
	err := c.withToken(ctx, func(tok string) *wxapi.Call {
		return wxapi.NewRIDCall(c.base, tok, rid)
	}, func(body []byte) (err error) {
		r, err = wxapi.ParseRIDResponse(body)
		return err
	})
	return r, err
}

// CheckEncrypted asks checkencryptedmsg whether WeChat made encryptedData
// (phone-number data of the last 3 days). encryptedData must be the text as
// the client sent it: its hash is what WeChat compares.
func (c *Client) CheckEncrypted(ctx context.Context, encryptedData string) (*wxapi.EncryptedCheck, error) {
	if encryptedData == "" {
		return nil, missing(core.FieldEncryptedData)
	}
	var r *wxapi.EncryptedCheck
	err := c.withToken(ctx, func(tok string) *wxapi.Call {
		return wxapi.NewCheckEncryptedCall(c.base, tok, encryptedData)
	}, func(body []byte) (err error) {
		r, err = wxapi.ParseCheckEncryptedResponse(body)
		return err
	})
	return r, err
}

// UserEncryptKeys returns the user's last three encrypt keys
// (getuserencryptkey), newest first, asked with the login-state signature
// of sessionKey.
func (c *Client) UserEncryptKeys(ctx context.Context, openID, sessionKey string) ([]wxapi.UserKey, error) {
	if openID == "" {
		return nil, missing("openid")
	}
	if sessionKey == "" {
		return nil, missing(core.FieldSessionKey)
	}
	var keys []wxapi.UserKey
	err := c.withToken(ctx, func(tok string) *wxapi.Call {
		return wxapi.NewUserEncryptKeyCall(c.base, tok, openID, sessionKey)
	}, func(body []byte) (err error) {
		keys, err = wxapi.ParseUserEncryptKeyResponse(body)
		return err
	})
	return keys, err
}

// ResetSessionKey replaces the user's session_key (resetusersessionkey),
// asked with the signature of the current one, and returns the new one.
func (c *Client) ResetSessionKey(ctx context.Context, openID, sessionKey string) (*wxapi.Session, error) {
	if openID == "" {
		return nil, missing("openid")
	}
	if sessionKey == "" {
		return nil, missing(core.FieldSessionKey)
	}
	var s *wxapi.Session
	err := c.withToken(ctx, func(tok string) *wxapi.Call {
		return wxapi.NewResetSessionKeyCall(c.base, tok, openID, sessionKey)
	}, func(body []byte) (err error) {
		s, err = wxapi.ParseResetSessionKeyResponse(body)
		return err
	})
	return s, err
}

// ComponentCode2Session is the jscode2session of a third-party platform on
// behalf of the client's mini-program (its appid): it needs no secret but
// the platform's appid and component_access_token.
func (c *Client) ComponentCode2Session(ctx context.Context, jsCode, componentAppID, componentAccessToken string) (*wxapi.Session, error) {
	switch {
	case jsCode == "":
		return nil, missing("js_code")
	case c.appID == "":
		return nil, missing(core.FieldAppID)
	case componentAppID == "":
		return nil, missing("component_appid")
	case componentAccessToken == "":
		return nil, missing("component_access_token")
	}
	var s *wxapi.Session
	err := c.exec(ctx, wxapi.NewComponentCode2SessionCall(c.base, c.appID, jsCode, componentAppID, componentAccessToken),
		func(body []byte) (err error) {
			s, err = wxapi.ParseComponentCode2SessionResponse(body)
			return err
		})
	return s, err
}

// OpenData exchanges cloudIDs for their data (getopendata). openID is
// optional.
func (c *Client) OpenData(ctx context.Context, openID string, cloudIDs ...string) ([]wxapi.OpenData, error) {
	if len(cloudIDs) == 0 {
		return nil, missing("cloudid_list")
	}
	var list []wxapi.OpenData
	err := c.withToken(ctx, func(tok string) *wxapi.Call {
		return wxapi.NewOpenDataCall(c.base, tok, openID, cloudIDs)
	}, func(body []byte) (err error) {
		list, err = wxapi.ParseOpenDataResponse(body)
		return err
	})
	return list, err
}

// WithAuthorizerToken calls on behalf of a mini-program with the
// authorizer_access_token a third-party platform holds for it (from
// cgi-bin/component/api_authorizer_token, refreshed by the platform): the
// wxa APIs take it where they take an access_token. Like WithStaticToken, a
// rejected token is reported, not refreshed.
func WithAuthorizerToken(token string) Option { return WithStaticToken(token) }

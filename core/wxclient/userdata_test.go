package wxclient_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxclient"
	"github.com/wxinspect/wxinspect/core/wxfake"
)

func userDataEnv(t *testing.T) (*wxfake.Server, *httptest.Server, *wxclient.Client, wxfake.App) {
	a := wxfake.App{AppID: "wx00000000000000e5", Secret: "e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5"}
	fake := wxfake.New(wxfake.WithApps(a))
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return fake, srv, wxclient.New(a.AppID, a.Secret, wxclient.WithBaseURL(srv.URL)), a
}

func apiCode(err error) int {
	var e *wxapi.APIError
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

func TestUserDataCallsOverLoopback(t *testing.T) {
	fake, srv, c, a := userDataEnv(t)
	ctx := context.Background()
	jsCode, openID, _ := fake.Login(a.AppID, "")
	sess, err := c.Code2Session(ctx, jsCode)
	if err != nil {
		t.Fatal(err)
	}

	// rid/get of a failed call, and its errors.
	_, err = c.PhoneNumber(ctx, "nope", "")
	var apiErr *wxapi.APIError
	if !errors.As(err, &apiErr) || !wxapi.IsRID(apiErr.RID) {
		t.Fatalf("phone: %v", err)
	}
	info, err := c.RID(ctx, wxapi.FindRID(err.Error()))
	if err != nil || info.RequestBody != `{"code":"nope"}` || !strings.Contains(info.ResponseBody, `"errcode":40029`) {
		t.Fatalf("RID: %+v %v", info, err)
	}
	if q, _ := info.Redacted(); !strings.HasPrefix(q, "access_token=REDACTED") {
		t.Errorf("Redacted query %q", q)
	}
	if _, err := c.RID(ctx, "6aac005a-01bfdbee-79769285"); apiCode(err) != 76001 {
		t.Errorf("unknown rid: %v", err)
	}
	if _, err := c.RID(ctx, "nope"); apiCode(err) != 76002 {
		t.Errorf("bad rid: %v", err)
	}
	_, err = c.Code2Session(ctx, jsCode)
	if _, err := c.RID(ctx, wxapi.FindRID(err.Error())); apiCode(err) != 76022 || err.(*wxapi.APIError).Explain(core.English).Hint == "" {
		t.Errorf("rid of jscode2session: %v", err)
	}

	// checkencryptedmsg: the text as sent is known, a repaired one is not.
	data, _, _ := fake.EncryptedPhone(a.AppID, openID, "13800138000", "86")
	if r, err := c.CheckEncrypted(ctx, data); err != nil || !r.Valid || r.CreateTime == 0 {
		t.Errorf("CheckEncrypted: %+v %v", r, err)
	}
	if _, err := c.CheckEncrypted(ctx, strings.ReplaceAll(data, "+", "%2B")+"x"); apiCode(err) != 1 {
		t.Errorf("CheckEncrypted of other text: %v, want errcode 1", err)
	}

	// getuserencryptkey, and which key opens what the mini-program sent.
	keys, err := c.UserEncryptKeys(ctx, openID, sess.SessionKey)
	if err != nil || len(keys) != 1 || keys[0].Version != 1 || strings.Contains(keys[0].String(), keys[0].EncryptKey) {
		t.Fatalf("UserEncryptKeys: %v %v", keys, err)
	}
	sent, version, _ := fake.UserEncrypt(a.AppID, openID, []byte(`{"order":42}`))
	if i, plain := wxapi.OpenWithUserKeys(sent, keys); i != 0 || keys[i].Version != int64(version) || string(plain) != `{"order":42}` {
		t.Errorf("OpenWithUserKeys: %d %q", i, plain)
	}
	if _, err := c.UserEncryptKeys(ctx, openID, core.OfficialSample().SessionKey); apiCode(err) != 87009 {
		t.Errorf("another session_key: %v", err)
	}

	// resetusersessionkey: the old key stops working.
	reset, err := c.ResetSessionKey(ctx, openID, sess.SessionKey)
	if err != nil || reset.OpenID != openID || reset.SessionKey == sess.SessionKey {
		t.Fatalf("ResetSessionKey: %v %v", reset, err)
	}
	if err := c.CheckSession(ctx, openID, sess.SessionKey); apiCode(err) != 87009 {
		t.Errorf("old key after reset: %v", err)
	}
	if err := c.CheckSession(ctx, openID, reset.SessionKey); err != nil {
		t.Errorf("new key after reset: %v", err)
	}

	// A third-party platform: component jscode2session and authorizer token.
	ct, at, _ := fake.Component("wx00000000000000c3", a.AppID)
	jsCode2, openID2, _ := fake.Login(a.AppID, "")
	platform := wxclient.New(a.AppID, "", wxclient.WithBaseURL(srv.URL), wxclient.WithAuthorizerToken(at))
	if s, err := platform.ComponentCode2Session(ctx, jsCode2, "wx00000000000000c3", ct); err != nil || s.OpenID != openID2 {
		t.Fatalf("ComponentCode2Session: %v %v", s, err)
	}
	if _, err := platform.ComponentCode2Session(ctx, jsCode2, "wx00000000000000c3", ct); apiCode(err) != 40163 {
		t.Errorf("again: %v", err)
	}
	cid, _ := fake.CloudID(a.AppID, openID2, "13800138000", "86")
	list, err := platform.OpenData(ctx, openID2, cid)
	if err != nil || len(list) != 1 || list[0].CloudID != cid {
		t.Fatalf("OpenData: %v %v", list, err)
	}
	var got struct {
		Data struct {
			CountryCode any `json:"countryCode"`
		} `json:"data"`
	}
	if json.Unmarshal([]byte(list[0].JSON), &got) != nil || got.Data.CountryCode != "86" {
		t.Errorf("OpenData JSON %s", list[0].JSON)
	}
}

package wxclient_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/rsakey"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxclient"
	"github.com/wxinspect/wxinspect/core/wxfake"
)

// TestDouyinPhoneNumber runs Douyin's new phone flow end to end on loopback:
// the fake issues a code, the client exchanges it, the core decrypts the
// answer with the application private key.
func TestDouyinPhoneNumber(t *testing.T) {
	pem, err := os.ReadFile("../../testdata/platforms/keys/douyin_app.key.pem")
	if err != nil {
		t.Fatal(err)
	}
	priv, err := rsakey.ParsePrivateKey(pem)
	if err != nil {
		t.Fatal(err)
	}
	fake := &wxfake.Douyin{AppID: "tt0123456789abcdef", ClientToken: "clt.fixture", Key: priv.Public()}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	c := wxclient.New("", "")
	ctx := context.Background()

	code := fake.PhoneCode("13800138000")
	res, err := c.DouyinPhoneNumber(ctx, srv.URL, "clt.fixture", code)
	if err != nil {
		t.Fatal(err)
	}
	in := core.Input{AppID: "tt0123456789abcdef"}
	in.Platform, in.Data, in.PrivateKey = core.PlatformDouyin, res.Data, priv
	if r := core.Inspect(in); !r.OK || r.Data.Phone.PurePhoneNumber != "13800138000" {
		t.Fatalf("report %+v", r.Error)
	}

	// The code is single-use; a wrong token is Douyin's 28001003.
	_, err = c.DouyinPhoneNumber(ctx, srv.URL, "clt.fixture", code)
	if de, ok := errors.AsType[*wxapi.DouyinError](err); !ok || de.ErrNo != 40019 {
		t.Errorf("second use: %v", err)
	}
	_, err = c.DouyinPhoneNumber(ctx, srv.URL, "clt.wrong", fake.PhoneCode("13800138000"))
	if de, ok := errors.AsType[*wxapi.DouyinError](err); !ok || de.ErrNo != 28001003 {
		t.Errorf("wrong token: %v", err)
	}
	if _, err := c.DouyinPhoneNumber(ctx, srv.URL, "", "x"); err == nil {
		t.Error("no token accepted")
	}
}

// TestDouyinCallRedactsToken checks that the curl form of the call hides the
// client_token.
func TestDouyinCallRedactsToken(t *testing.T) {
	call := wxapi.NewDouyinPhoneNumberCall("", "clt.secret-token", "code1")
	if got := call.Curl(false); !containsAll(got, "$DOUYIN_ACCESS_TOKEN", "open.douyin.com/api/apps/v1/get_phonenumber_info/") || strings.Contains(got, "clt.secret-token") {
		t.Errorf("curl: %s", got)
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

package sdkcheck

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/silenceper/wechat/v2"
	"github.com/silenceper/wechat/v2/cache"
	"github.com/silenceper/wechat/v2/miniprogram"
	miniConfig "github.com/silenceper/wechat/v2/miniprogram/config"
	"github.com/silenceper/wechat/v2/util"
)

// fake is a running `wxinspect fake`: its base URL and the app it made up.
type fake struct {
	base, appID, secret string
}

var theFake fake

// TestMain builds the command from this checkout, starts `wxinspect fake`
// on a free loopback port and points the SDK at it.
func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "sdkcheck")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "wxinspect")
	build := exec.Command("go", "build", "-o", bin, "./cmd/wxinspect")
	build.Dir = ".."
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("building wxinspect: " + err.Error())
	}
	cmd := exec.Command(bin, "fake", "--addr", "127.0.0.1:0", "--quiet")
	out, err := cmd.StdoutPipe()
	if err != nil {
		panic(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		panic(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	// The fake prints shell exports once it listens: wait for the three.
	sc := bufio.NewScanner(out)
	for (theFake.base == "" || theFake.appID == "" || theFake.secret == "") && sc.Scan() {
		name, value, _ := strings.Cut(strings.TrimPrefix(sc.Text(), "export "), "=")
		switch name {
		case "WX_API_BASE":
			theFake.base = value
		case "WX_APPID":
			theFake.appID = value
		case "WX_SECRET":
			theFake.secret = value
		}
	}
	if theFake.secret == "" {
		panic("wxinspect fake did not print its exports")
	}
	go io.Copy(io.Discard, out)
	util.SetURIModifier(func(uri string) string {
		return strings.Replace(uri, "https://api.weixin.qq.com", theFake.base, 1)
	})
	return m.Run()
}

// control posts to a control endpoint of the fake: the mini-program's part.
func control(t *testing.T, path string, req map[string]string) map[string]any {
	t.Helper()
	b, _ := json.Marshal(req)
	resp, err := http.Post(theFake.base+"/_fake/"+path, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 {
		t.Fatalf("/_fake/%s: HTTP %d %v %v", path, resp.StatusCode, out, err)
	}
	return out
}

func newMini(stable bool) *miniprogram.MiniProgram {
	return wechat.NewWechat().GetMiniProgram(&miniConfig.Config{
		AppID: theFake.appID, AppSecret: theFake.secret, Cache: cache.NewMemory(), UseStableAK: stable,
	})
}

// signature is the login-state signature, computed here with the standard
// library rather than with wxinspect's core: hex(hmac_sha256(session_key, "")).
func signature(sessionKey string) string {
	m := hmac.New(sha256.New, []byte(sessionKey))
	return hex.EncodeToString(m.Sum(nil))
}

// errcode returns the errcode of an SDK error, or -2 if it is not WeChat's.
// Some calls of the SDK return a *util.CommonError, others only its text.
func errcode(err error) int64 {
	var ce *util.CommonError
	if errors.As(err, &ce) {
		return ce.ErrCode
	}
	if err != nil {
		if _, rest, ok := strings.Cut(err.Error(), "errcode="); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.Split(rest, ",")[0]), 10, 64)
			return n
		}
	}
	return -2
}

func TestLoginFlow(t *testing.T) {
	for _, stable := range []bool{false, true} {
		mini := newMini(stable)
		login := control(t, "login", map[string]string{"appid": theFake.appID})
		jsCode, openID := login["js_code"].(string), login["openid"].(string)
		sess, err := mini.GetAuth().Code2Session(jsCode)
		if err != nil || sess.OpenID != openID || sess.SessionKey == "" {
			t.Fatalf("stable=%v: Code2Session: %+v %v", stable, sess, err)
		}
		_, err = mini.GetAuth().Code2Session(jsCode)
		if errcode(err) != 40163 || !strings.Contains(err.Error(), "code been used, rid: ") {
			t.Errorf("Code2Session with a used js_code: %v, want 40163 code been used", err)
		}
		_, err = mini.GetAuth().Code2Session("0a1b2c3d4e5f0a1b2c3d4e5f0a1b2c3d")
		if errcode(err) != 40029 {
			t.Errorf("Code2Session with a made-up js_code: %v, want 40029", err)
		}

		// The legacy phone number, decrypted by the SDK.
		enc := control(t, "encrypted-phone", map[string]string{"appid": theFake.appID, "openid": openID, "phone_number": "13912345678"})
		plain, err := mini.GetEncryptor().Decrypt(sess.SessionKey, enc["encrypted_data"].(string), enc["iv"].(string))
		if err != nil || plain.PhoneNumber != "13912345678" || plain.CountryCode != "86" || plain.Watermark.AppID != theFake.appID {
			t.Errorf("Decrypt: %+v %v", plain, err)
		}

		// checksession, getuserencryptkey and resetusersessionkey with the signature.
		sig := signature(sess.SessionKey)
		if err := mini.GetAuth().CheckSession(sig, openID); err != nil {
			t.Errorf("CheckSession with the current session_key: %v", err)
		}
		keys, err := mini.GetAuth().GetUserEncryptKey(sig, openID)
		if err != nil || len(keys.KeyInfoList) != 1 || keys.KeyInfoList[0].Version != 1 || len(keys.KeyInfoList[0].Iv) != 16 ||
			keys.KeyInfoList[0].ExpireIn < 3590 || keys.KeyInfoList[0].ExpireIn > 3600 || time.Since(time.Unix(keys.KeyInfoList[0].CreateTime, 0)) > time.Minute {
			t.Errorf("GetUserEncryptKey: %+v %v", keys.KeyInfoList, err)
		}
		reset, err := mini.GetAuth().ResetUserSessionKey(sig, openID)
		if err != nil || reset.OpenID != openID || reset.SessionKey == "" || reset.SessionKey == sess.SessionKey {
			t.Fatalf("ResetUserSessionKey: %+v %v", reset, err)
		}
		if err := mini.GetAuth().CheckSession(sig, openID); errcode(err) != 87009 {
			t.Errorf("CheckSession with the session_key before the reset: %v, want 87009", err)
		}
		if err := mini.GetAuth().CheckSession(signature(reset.SessionKey), openID); err != nil {
			t.Errorf("CheckSession with the session_key of the reset: %v", err)
		}
	}
}

func TestPhoneNumber(t *testing.T) {
	mini := newMini(true)
	code := control(t, "phone-code", map[string]string{"appid": theFake.appID, "phone_number": "2025550123", "country_code": "1"})["code"].(string)
	r, err := mini.GetAuth().GetPhoneNumber(code)
	if err != nil || r.PhoneInfo.PhoneNumber != "+1 2025550123" || r.PhoneInfo.PurePhoneNumber != "2025550123" ||
		r.PhoneInfo.CountryCode != "1" || r.PhoneInfo.WaterMark.AppID != theFake.appID {
		t.Fatalf("GetPhoneNumber: %+v %v", r, err)
	}
	_, err = mini.GetAuth().GetPhoneNumber(code)
	if errcode(err) != 40029 || !strings.Contains(err.Error(), "invalid code rid: ") {
		t.Errorf("GetPhoneNumber with a used code: %v, want 40029 invalid code", err)
	}
}

func TestErrcodesOfTokens(t *testing.T) {
	bad := wechat.NewWechat().GetMiniProgram(&miniConfig.Config{
		AppID: theFake.appID, AppSecret: "00000000000000000000000000000000", Cache: cache.NewMemory(), UseStableAK: true,
	})
	_, err := bad.GetAuth().GetPhoneNumber("x")
	if err == nil || !strings.Contains(err.Error(), "40125") {
		t.Errorf("a wrong secret: %v, want 40125", err)
	}
	unknown := wechat.NewWechat().GetMiniProgram(&miniConfig.Config{
		AppID: "wx0000000000000000", AppSecret: theFake.secret, Cache: cache.NewMemory(),
	})
	_, err = unknown.GetAuth().GetPhoneNumber("x")
	if err == nil || !strings.Contains(err.Error(), "40013") {
		t.Errorf("an unknown appid: %v, want 40013", err)
	}
}

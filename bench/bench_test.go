package bench

import (
	"encoding/json"
	"errors"
	"testing"

	gopay "github.com/go-pay/wechat-sdk/mini"
	"github.com/medivhzhan/weapp/v3"
	"github.com/silenceper/wechat/v2/miniprogram/config"
	"github.com/silenceper/wechat/v2/miniprogram/context"
	"github.com/silenceper/wechat/v2/miniprogram/encryptor"

	"github.com/wxinspect/wxinspect/core"
)

// A path decrypts the sample, parses it into its library's user-info struct
// and checks the watermark appid, as a backend's login handler would. The
// result is what the check needs from it.
type path struct {
	name string
	run  func() (nickName, openID string, err error)
}

var errAppID = errors.New("bench: watermark appid mismatch")

// weappUser is what a weapp v3 user writes to check the appid: the library's
// UserInfo has neither openId nor the watermark, and its DecryptUserInfo
// needs rawData and a signature that the official sample does not come with.
type weappUser struct {
	weapp.UserInfo
	OpenID    string `json:"openId"`
	Watermark struct {
		AppID     string `json:"appid"`
		Timestamp int64  `json:"timestamp"`
	} `json:"watermark"`
}

func userPaths(tb testing.TB) []path {
	silenceper := encryptor.NewEncryptor(&context.Context{Config: &config.Config{AppID: AppID}})
	wcli := weapp.NewClient(AppID, "secret")
	gsdk, err := gopay.New(AppID, "secret", false)
	if err != nil {
		tb.Fatal(err)
	}
	return []path{
		{"core.Open", func() (string, string, error) {
			d, err := core.Open(AppID, SessionKey, IV, EncryptedData)
			if err != nil {
				return "", "", err
			}
			return d.User.NickName, d.User.OpenID, nil
		}},
		{"core.Inspect", func() (string, string, error) {
			r := core.Inspect(core.Input{AppID: AppID, SessionKey: SessionKey, IV: IV, EncryptedData: EncryptedData})
			if !r.OK {
				return "", "", errors.New(string(r.Error.Code))
			}
			return r.Data.User.NickName, r.Data.User.OpenID, nil
		}},
		{"silenceper.Decrypt", func() (string, string, error) {
			// Decrypt checks the appid itself.
			p, err := silenceper.Decrypt(SessionKey, EncryptedData, IV)
			if err != nil {
				return "", "", err
			}
			return p.NickName, p.OpenID, nil
		}},
		{"weapp.DecryptUserData", func() (string, string, error) {
			raw, err := wcli.DecryptUserData(SessionKey, EncryptedData, IV)
			if err != nil {
				return "", "", err
			}
			var u weappUser
			if err := json.Unmarshal(raw, &u); err != nil {
				return "", "", err
			}
			if u.Watermark.AppID != AppID {
				return "", "", errAppID
			}
			return u.Nickname, u.OpenID, nil
		}},
		{"weapp.DecryptMobile", func() (string, string, error) {
			// The reference figure: the only weapp function that
			// parses the watermark. It fills no user field, so the check
			// reads the appid only.
			m, err := wcli.DecryptMobile(SessionKey, EncryptedData, IV)
			if err != nil {
				return "", "", err
			}
			if m.Watermark.AppID != AppID {
				return "", "", errAppID
			}
			return NickName, OpenID, nil
		}},
		{"gopay.DecryptOpenData", func() (string, string, error) {
			var u gopay.UserInfo
			if err := gsdk.DecryptOpenData(EncryptedData, IV, SessionKey, &u); err != nil {
				return "", "", err
			}
			if u.Watermark == nil || u.Watermark.Appid != AppID {
				return "", "", errAppID
			}
			return u.NickName, u.OpenId, nil
		}},
		{"stdlib.Unmarshal", func() (string, string, error) {
			// Baseline plus encoding/json into a struct: what most of the
			// peers amount to.
			raw, err := Baseline(SessionKey, IV, EncryptedData)
			if err != nil {
				return "", "", err
			}
			var u struct {
				OpenID    string `json:"openId"`
				NickName  string `json:"nickName"`
				Gender    int    `json:"gender"`
				Language  string `json:"language"`
				City      string `json:"city"`
				Province  string `json:"province"`
				Country   string `json:"country"`
				AvatarURL string `json:"avatarUrl"`
				UnionID   string `json:"unionId"`
				Watermark struct {
					AppID     string `json:"appid"`
					Timestamp int64  `json:"timestamp"`
				} `json:"watermark"`
			}
			if err := json.Unmarshal(raw, &u); err != nil {
				return "", "", err
			}
			if u.Watermark.AppID != AppID {
				return "", "", errAppID
			}
			return u.NickName, u.OpenID, nil
		}},
	}
}

func checkPath(tb testing.TB, p path) {
	tb.Helper()
	nick, openID, err := p.run()
	if err != nil {
		tb.Fatalf("%s: %v", p.name, err)
	}
	if nick != NickName || openID != OpenID {
		tb.Fatalf("%s: got nickName %q openId %q, want %q %q", p.name, nick, openID, NickName, OpenID)
	}
}

func TestUserPaths(t *testing.T) {
	for _, p := range userPaths(t) {
		t.Run(p.name, func(t *testing.T) { checkPath(t, p) })
	}
}

func TestDecryptMatchesBaseline(t *testing.T) {
	want, err := Baseline(SessionKey, IV, EncryptedData)
	if err != nil {
		t.Fatal(err)
	}
	got, err := core.Decrypt(SessionKey, IV, EncryptedData)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("core.Decrypt and Baseline disagree:\n%s\n%s", got, want)
	}
}

// BenchmarkUserInfo times each library's whole server-side path on the
// official sample: decrypt, parse into its user-info struct, check the appid.
func BenchmarkUserInfo(b *testing.B) {
	for _, p := range userPaths(b) {
		b.Run(p.name, func(b *testing.B) {
			checkPath(b, p)
			loop(b, func() {
				if _, _, err := p.run(); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkDecrypt times decryption alone: core.Decrypt against the bare
// standard-library baseline.
func BenchmarkDecrypt(b *testing.B) {
	for _, f := range []struct {
		name string
		fn   func(sessionKey, iv, encryptedData string) ([]byte, error)
	}{
		{"core.Decrypt", core.Decrypt},
		{"stdlib", Baseline},
	} {
		b.Run(f.name, func(b *testing.B) {
			if _, err := f.fn(SessionKey, IV, EncryptedData); err != nil {
				b.Fatal(err)
			}
			loop(b, func() {
				if _, err := f.fn(SessionKey, IV, EncryptedData); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

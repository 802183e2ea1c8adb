package core_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/internal/testvectors"
)

// platformDir holds the platforms' vectors and keys (testdata/platforms).
const platformDir = "../testdata/platforms"

func TestPlatformVectors(t *testing.T) {
	for _, v := range testvectors.LoadPlatforms(t) {
		t.Run(v.Name, func(t *testing.T) {
			t.Parallel()
			in := v.CoreInput(t)
			r := core.Inspect(in)
			if r.OK != v.Want.OK || string(r.Kind) != v.Want.Kind {
				t.Errorf("ok, kind = %v, %q, want %v, %q (error %+v)", r.OK, r.Kind, v.Want.OK, v.Want.Kind, r.Error)
			}
			code := ""
			if r.Error != nil {
				code = string(r.Error.Code)
				if r.Error.Message == "" || r.Error.Hint == "" {
					t.Errorf("error without message or hint: %+v", r.Error)
				}
				if r.Error.WeChatCode != 0 {
					t.Errorf("wechat_code %d on %s", r.Error.WeChatCode, r.Platform)
				}
			}
			if code != v.Want.Code {
				t.Errorf("code = %q, want %q", code, v.Want.Code)
			}
			if got := findingCodes(r); !slices.Equal(got, v.Want.Findings) {
				t.Errorf("findings = %q, want %q", got, v.Want.Findings)
			}
			if r.Platform != in.Platform {
				t.Errorf("report platform %q, input %q", r.Platform, in.Platform)
			}
			var back map[string]any
			if err := json.Unmarshal(r.AppendJSON(nil), &back); err != nil {
				t.Fatalf("report JSON: %v", err)
			}
			if back["platform"] != string(in.Platform) {
				t.Errorf("JSON platform = %v", back["platform"])
			}
			// No key reaches the report.
			out := string(r.AppendJSON(nil))
			for _, secret := range []string{in.SessionKey, in.AESKey} {
				if secret != "" && strings.Contains(out, secret) {
					t.Errorf("report holds a key: %s", out)
				}
			}
			// The same report in Chinese, with the platform's own words.
			in.Lang = core.Chinese
			zh := core.Inspect(in)
			if zh.Error != nil && (zh.Error.Hint == r.Error.Hint || zh.Error.Code != r.Error.Code) {
				t.Errorf("Chinese report %+v, English %+v", zh.Error, r.Error)
			}
		})
	}
}

// TestPlatformVectorsCoverEveryCode makes sure each platform code has a
// vector, except bad_key (a front end's error, tested with rsakey),
// platform_unavailable (js/wasm only) and
// response_base64, aes_key_base64, long_payload… listed here when they have
// none.
func TestPlatformVectorsCoverEveryCode(t *testing.T) {
	seen := map[string]bool{}
	for _, v := range testvectors.LoadPlatforms(t) {
		seen[v.Want.Code] = true
		for _, c := range v.Want.Findings {
			seen[c] = true
		}
	}
	noVector := map[core.Code]bool{core.CodeBadKey: true, core.CodePlatformUnavailable: true, core.CodeResponseBase64: true, core.CodeAESKeyBase64: true,
		core.CodePlatformDetected: true} // the vectors name their platform; the paste corpus has it
	for _, c := range core.PlatformCodes() {
		if !seen[string(c)] && !noVector[c] {
			t.Errorf("no vector for code %q", c)
		}
	}
}

// TestPlatformHints checks that the hints speak of the platform's own login.
func TestPlatformHints(t *testing.T) {
	for p, login := range map[core.Platform]string{
		core.PlatformWeChat: "wx.login", core.PlatformQQ: "qq.login", core.PlatformDouyin: "tt.login",
		core.PlatformKuaishou: "ks.login", core.PlatformFeishu: "tt.login", core.PlatformBaidu: "swan.getLoginCode",
	} {
		in := core.Input{SessionKey: "AAAAAAAAAAAAAAAAAAAAAA==", IV: "AAAAAAAAAAAAAAAAAAAAAA==", EncryptedData: "AAAAAAAAAAAAAAAAAAAAAA=="}
		in.Platform = p
		if p == core.PlatformBaidu {
			in.SessionKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
		}
		r := core.Inspect(in)
		if r.Error == nil || r.Error.Code != core.CodeBadPadding || !strings.Contains(r.Error.Hint, login) {
			t.Errorf("%s: %+v, want bad_padding with %s", p, r.Error, login)
		}
	}
}

func TestParsePlatform(t *testing.T) {
	for _, p := range core.Platforms() {
		if got, ok := core.ParsePlatform(strings.ToUpper(string(p))); !ok || got != p {
			t.Errorf("ParsePlatform(%q) = %q, %v", p, got, ok)
		}
	}
	if _, ok := core.ParsePlatform("line"); ok {
		t.Error("ParsePlatform accepted line")
	}
	for appid, want := range map[string]core.Platform{
		"wx4f4bc4dec97d474b": core.PlatformWeChat, "tt0123456789abcdef": core.PlatformDouyin,
		"ks658765432101234567": core.PlatformKuaishou, "1109876543": core.PlatformQQ,
		"2021001234567890": core.PlatformAlipay, "6917460282735329282": core.PlatformFeishu,
		"cli_a1b2c3d4e5f6": core.PlatformFeishu, "9007199254740993": "", "14500000": "",
	} {
		got, ok := core.PlatformOfAppID(appid)
		if got != want || ok != (want != "") {
			t.Errorf("PlatformOfAppID(%q) = %q, %v, want %q", appid, got, ok, want)
		}
	}
}

// TestDecryptBaiduOfficial runs the strict API on Baidu's own example.
func TestDecryptBaiduOfficial(t *testing.T) {
	plain, appKey, err := core.DecryptBaidu("1df09d0a1677dd72b8325aec59576e0c", "1df09d0a1677dd72b8325Q==",
		"OpCoJgs7RrVgaMNDixIvaCIyV2SFDBNLivgkVqtzq2GC10egsn+PKmQ/+5q+chT8xzldLUog2haTItyIkKyvzvmXonBQLIMeq54axAu9c3KG8IhpFD6+ymHocmx07ZKi7eED3t0KyIxJgRNSDkFk5RV1ZP2mSWa7ZgCXXcAbP0RsiUcvhcJfrSwlpsm0E1YJzKpYy429xrEEGvK+gfL+Cw==")
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"openid":"open_id","nickname":"baidu_user","headimgurl":"url of image","sex":1}`; string(plain) != want || appKey != "y2dTfnWfkx2OXttMEMWlGHoB1KzMogm7" {
		t.Errorf("got %s, %q", plain, appKey)
	}
	if _, _, err := core.DecryptBaidu("AAAAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAAAAA=="); core.CodeOf(err) != core.CodeSessionKeyLength {
		t.Errorf("16-byte key: %v", err)
	}
}

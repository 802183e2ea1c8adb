package main

import (
	"bufio"
	"crypto/rand"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/rsakey"
	"github.com/wxinspect/wxinspect/internal/secret"
)

func init() {
	register(&command{
		name:  "fixture",
		args:  "[--platform NAME] --appid ID [--kind phone|user|werun|share|group] [payload flags] [--plaintext FILE]",
		short: "make test data: encrypt a realistic payload for your appid, as WeChat (or another platform) would",
		long: `Encrypts a payload with a watermark for --appid under a fresh random
session_key and iv (or the ones given) and prints, on one line,
  {"session_key", "iv", "encrypted_data", "plaintext"}
— what a mini-program hands your backend, plus the key to decrypt it. The
output is valid input for 'wxinspect decrypt'; with --count N, it is N lines
of JSON Lines, valid input for 'wxinspect batch'.

--platform makes another platform's data, as that platform sends it, with
"platform" first and every key the fixture made:
  qq, douyin, kuaishou, feishu  WeChat's scheme; Feishu's appid is a number
  baidu    {"session_key" (24 bytes), "iv", "data", "app_key"}; no --appid
  alipay   {"response", "sign", "sign_type", …, "aes_key", "alipay_public_key"}
  douyin --new-flow  {"data"} RSA-encrypted to the application key, and
           "private_key" (PEM) when the fixture made that key
--private-key-file gives the RSA key to use instead of a fresh one (Alipay:
the key that signs in Alipay's place; Douyin: the application's); its private
half is then not printed. --aes-key-file gives Alipay's AES key.

Examples:
  wxinspect fixture --appid wx4f4bc4dec97d474b --phone 13912345678 | wxinspect decrypt --appid wx4f4bc4dec97d474b
  wxinspect fixture --platform qq --appid 1109876543 | wxinspect decrypt --appid 1109876543`,
		setup:   setupFixture,
		maxArgs: 0,
	})
}

type fixtureFlags struct {
	appID, kind               string
	phone, countryCode        string
	openID, nickName, unionID string
	days                      int
	seed                      uint
	openGID                   string
	chatType                  int
	at                        string
	plaintext, keyFile, iv    string
	count                     int
	asJSON                    bool
	platform, appKey          string
	aesKeyFile, rsaKeyFile    string
	newFlow                   bool
}

func setupFixture(c *cli, fs *flag.FlagSet) func([]string) int {
	f := new(fixtureFlags)
	fs.StringVar(&f.appID, "appid", "", "the mini-program `appid` to write in the watermark (required)")
	fs.StringVar(&f.kind, "kind", "phone", "the payload: phone, user, werun, share or group")
	fs.StringVar(&f.phone, "phone", "13800138000", "phone: the `number` without country code")
	fs.StringVar(&f.countryCode, "country-code", "86", "phone: the country `code`")
	fs.StringVar(&f.openID, "openid", "oFixture0000000000000000000", "user: the `openId`")
	fs.StringVar(&f.nickName, "nickname", "wxinspect", "user: the `nickName`")
	fs.StringVar(&f.unionID, "unionid", "", "user: the `unionId`, if any")
	fs.IntVar(&f.days, "days", core.DefaultWeRunDays, "werun: the number of `days` of steps")
	fs.UintVar(&f.seed, "seed", 1, "werun: `seed` of the step counts")
	fs.StringVar(&f.openGID, "opengid", "GFixture000000000000000000000", "share, group: the `openGId`")
	fs.IntVar(&f.chatType, "chat-type", 2, "group: the chat_type")
	fs.StringVar(&f.at, "time", "", "the watermark `time`: RFC 3339 or Unix seconds (default now)")
	fs.StringVar(&f.plaintext, "plaintext", "", "encrypt the contents of `FILE` instead of a built payload")
	fs.StringVar(&f.keyFile, "session-key-file", "", "use the session_key in `FILE` instead of a random one")
	fs.StringVar(&f.iv, "iv", "", "use this `iv` (base64 of 16 bytes) instead of a random one")
	fs.IntVar(&f.count, "count", 1, "make `N` fixtures, one per line, each with its own key and iv")
	fs.BoolVar(&f.asJSON, "json", false, "accepted for symmetry: the output is always JSON")
	fs.StringVar(&f.platform, "platform", "", "the `PLATFORM` whose data to make: wechat (default), qq, douyin, kuaishou, feishu, baidu or alipay")
	fs.StringVar(&f.appKey, "app-key", "", "Baidu: the App `KEY` that ends the plaintext (default: a random one, printed)")
	fs.StringVar(&f.aesKeyFile, "aes-key-file", "", "Alipay: use the AES key (base64) in `FILE` instead of a random one")
	fs.StringVar(&f.rsaKeyFile, "private-key-file", "", "Alipay, Douyin --new-flow: use the RSA private key (PEM) in `FILE` instead of a fresh one")
	fs.BoolVar(&f.newFlow, "new-flow", false, "Douyin: the phone flow of base library 3.51.0 and later (get_phonenumber_info's RSA data)")
	cmd := lookup("fixture")
	return func([]string) int {
		platform, ok := core.ParsePlatform(f.platform)
		if !ok {
			return c.platformUsage(cmd, f.platform)
		}
		if f.newFlow && platform != core.PlatformDouyin {
			return c.usage(cmd, "%s", c.tr("--new-flow is Douyin's: use it with --platform douyin", "--new-flow 仅用于抖音：请与 --platform douyin 一起使用"))
		}
		if f.appID == "" && f.plaintext == "" {
			if _, err := (core.FixtureSpec{Platform: platform, NewFlow: f.newFlow, Kind: core.Kind(f.kind)}).Payload(); core.CodeOf(err) == core.CodeMissingField {
				return c.usage(cmd, "%s", c.tr("--appid is required: the watermark must name the mini-program your backend checks",
					"必须提供 --appid：watermark 中须写入你的后端所校验的小程序 appid"))
			}
		}
		if f.count < 1 {
			return c.usage(cmd, "%s", c.tr("--count must be at least 1", "--count 至少为 1"))
		}
		if f.days < 1 || f.days > 366 {
			return c.usage(cmd, "%s", c.tr("--days must be between 1 and 366", "--days 应在 1 到 366 之间"))
		}
		at := time.Now()
		if f.at != "" {
			t, err := parseTime(f.at)
			if err != nil {
				return c.usage(cmd, "--time: %v", err)
			}
			at = t
		}
		var plain []byte
		if f.plaintext != "" {
			b, err := os.ReadFile(f.plaintext)
			if err != nil {
				return c.fail(err, "")
			}
			plain = b
		}
		key := ""
		if f.keyFile != "" {
			k, err := secret.ReadFile(f.keyFile, c.stdin)
			if err != nil {
				return c.fail(err, "")
			}
			key = k
		}
		keys := core.FixtureKeys{SessionKey: key, IV: f.iv, NewRSAKey: rsakey.NewFixtureKey}
		if f.aesKeyFile != "" {
			k, err := secret.ReadFile(f.aesKeyFile, c.stdin)
			if err != nil {
				return c.fail(fmt.Errorf("--aes-key-file: %w", err), "")
			}
			keys.AESKey = k
		}
		if f.rsaKeyFile != "" {
			b, err := os.ReadFile(f.rsaKeyFile)
			if err != nil {
				return c.fail(fmt.Errorf("--private-key-file: %w", err), "")
			}
			k, err := rsakey.ParsePrivateKey(b)
			if err != nil {
				return c.fail(err, "")
			}
			keys.RSAKey = k
		}
		spec := core.FixtureSpec{
			Platform: platform, NewFlow: f.newFlow, AppKey: f.appKey,
			AppID: f.appID, Kind: core.Kind(f.kind), Time: at,
			PurePhoneNumber: f.phone, CountryCode: f.countryCode,
			User: core.UserInfo{
				OpenID: f.openID, NickName: f.nickName, UnionID: f.unionID,
				City: "Guangzhou", Province: "Guangdong", Country: "China",
			},
			Days: f.days, OpenGID: f.openGID, ChatType: f.chatType,
		}
		if plain == nil {
			if _, err := spec.Payload(); err != nil {
				var want []string
				for _, k := range spec.Kinds() {
					want = append(want, string(k))
				}
				return c.usage(cmd, c.tr("--kind %q: want %s", "--kind %q：应为 %s"), f.kind, orList(c, want))
			}
		}
		w := bufio.NewWriterSize(c.stdout, 64<<10)
		var line []byte
		for i := range f.count {
			spec.Plaintext = plain
			spec.Seed = uint32(f.seed) + uint32(i)
			fx, err := core.MakeFixture(spec, keys, rand.Reader)
			if err != nil {
				return c.fail(err, core.Explain(err, c.lang).Hint)
			}
			line = append(fx.AppendJSON(line[:0]), '\n')
			if _, err := w.Write(line); err != nil {
				return c.fail(err, "")
			}
		}
		if err := w.Flush(); err != nil {
			return c.fail(err, "")
		}
		return exitOK
	}
}

// parseTime reads RFC 3339 or Unix seconds.
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, errInvalidTime
	}
	return t, nil
}

var errInvalidTime = errorString("want RFC 3339 (2024-05-01T10:00:00+08:00) or Unix seconds")

type errorString string

func (e errorString) Error() string { return string(e) }

// orList joins words as "a, b or c" ("a、b 或 c" in Chinese).
func orList(c *cli, words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	last := len(words) - 1
	return strings.Join(words[:last], c.tr(", ", "、")) + c.tr(" or ", " 或 ") + words[last]
}

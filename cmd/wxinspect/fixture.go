package main

import (
	"bufio"
	"crypto/rand"
	"flag"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/internal/secret"
)

func init() {
	register(&command{
		name:  "fixture",
		args:  "--appid ID [--kind phone|user|werun|share|group] [payload flags] [--plaintext FILE]",
		short: "make test data: encrypt a realistic payload for your appid, as WeChat would",
		long: `Encrypts a payload with a watermark for --appid under a fresh random
session_key and iv (or the ones given) and prints, on one line,
  {"session_key", "iv", "encrypted_data", "plaintext"}
— what a mini-program hands your backend, plus the key to decrypt it. The
output is valid input for 'wxinspect decrypt'; with --count N, it is N lines
of JSON Lines, valid input for 'wxinspect batch'.

Example:
  wxinspect fixture --appid wx4f4bc4dec97d474b --phone 13912345678 | wxinspect decrypt --appid wx4f4bc4dec97d474b`,
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
	cmd := lookup("fixture")
	return func([]string) int {
		if f.appID == "" && f.plaintext == "" {
			return c.usage(cmd, "%s", c.tr("--appid is required: the watermark must name the mini-program your backend checks",
				"必须提供 --appid：watermark 中须写入你的后端所校验的小程序 appid"))
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
		spec := core.FixtureSpec{
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
				return c.usage(cmd, c.tr("--kind %q: want phone, user, werun, share or group", "--kind %q：应为 phone、user、werun、share 或 group"), f.kind)
			}
		}
		w := bufio.NewWriterSize(c.stdout, 64<<10)
		var line []byte
		for i := range f.count {
			p := plain
			if p == nil {
				spec.Seed = uint32(f.seed) + uint32(i)
				p, _ = spec.Payload()
			}
			fx, err := core.NewFixture(p, key, f.iv, rand.Reader)
			if err != nil {
				return c.fail(err, c.tr("the session_key and the iv must each be the base64 of 16 bytes",
					"session_key 和 iv 都必须是 16 字节数据的 base64"))
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

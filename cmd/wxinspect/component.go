package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/internal/render"
)

// The calls of third-party platforms (sns/component/jscode2session) and of
// cloud development (wxa/getopendata).

func init() {
	register(&command{
		name:  "component-session",
		args:  "--js-code CODE [--component-appid ID] [--session-key-out FILE] [flags]",
		short: "exchange a js_code for the openid as a third-party platform (component jscode2session)",
		long: `Calls sns/component/jscode2session: a third-party platform logs a user of
the mini-program WX_APPID in with its own component_appid (--component-appid
or WX_COMPONENT_APPID) and component_access_token (WX_COMPONENT_ACCESS_TOKEN,
never on the command line); no AppSecret. Prints the openid and unionid; the
session_key is a secret, written only to --session-key-out FILE (mode 0600).

The wxa APIs (phone, user-keys, open-data…) take the platform's
authorizer_access_token for that mini-program as WX_ACCESS_TOKEN.` + "\n\n" + credentialsHelp,
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			f := c.declareAPIFlags(fs)
			jsCode := fs.String("js-code", "", "the `code` wx.login returned, single-use")
			component := fs.String("component-appid", c.getenv("WX_COMPONENT_APPID"), "the third-party platform's `appid` (default: WX_COMPONENT_APPID)")
			out := fs.String("session-key-out", "", "write the session_key to `FILE` (mode 0600)")
			return func([]string) int {
				if *jsCode == "" {
					return c.usage(lookup("component-session"), "%s", c.tr("--js-code is required: the code that wx.login returned",
						"必须提供 --js-code：wx.login 返回的 code"))
				}
				return c.runComponentSession(f, *jsCode, strings.TrimSpace(*component), *out)
			}
		},
	})
	register(&command{
		name:    "open-data",
		args:    "[--openid ID] [CLOUDID...] [flags]",
		maxArgs: 100,
		short:   "exchange cloudIDs of cloud development for their data (getopendata)",
		long: `Calls wxa/getopendata with the cloudIDs given as arguments, or one per line
(or separated by spaces) on standard input. Prints each entry's data as one
JSON line {"cloud_id", "json"}, with json as WeChat sent it. A cloudID lives
5 minutes; WeChat leaves out of data_list the ones it does not know.` + "\n\n" + credentialsHelp,
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			f := c.declareAPIFlags(fs)
			openID := fs.String("openid", "", "the user's `openid` (optional)")
			return func(args []string) int {
				ids := args
				if len(ids) == 0 {
					b, _ := io.ReadAll(io.LimitReader(c.stdin, wxapi.MaxResponseLen))
					ids = strings.Fields(string(b))
				}
				if len(ids) == 0 {
					return c.usage(lookup("open-data"), "%s", c.tr("no cloudID: give them as arguments or on standard input",
						"没有 cloudID：请作为参数或在标准输入中提供"))
				}
				return c.runOpenData(f, *openID, ids)
			}
		},
	})
}

func (c *cli) runComponentSession(f *apiFlags, jsCode, componentAppID, out string) int {
	cr := c.credentials()
	token := strings.TrimSpace(c.getenv("WX_COMPONENT_ACCESS_TOKEN"))
	if cr.appID == "" || componentAppID == "" || (token == "" && !f.dryRun) {
		return c.usage(lookup("component-session"), "%s", c.tr(
			"component-session needs WX_APPID (the mini-program), the platform's appid (--component-appid or WX_COMPONENT_APPID) and WX_COMPONENT_ACCESS_TOKEN in the environment",
			"component-session 需要 WX_APPID（小程序）、第三方平台的 appid（--component-appid 或 WX_COMPONENT_APPID）以及环境变量 WX_COMPONENT_ACCESS_TOKEN"))
	}
	if f.dryRun {
		return c.dryRun(f, wxapi.NewComponentCode2SessionCall(f.base, cr.appID, jsCode, componentAppID, orPlaceholder(token)))
	}
	ctx, cancel := c.context(f)
	defer cancel()
	s, err := c.client(f, credentials{appID: cr.appID}).ComponentCode2Session(ctx, jsCode, componentAppID, token)
	if err != nil {
		return c.apiFail(f, err, cr.secret, cr.token, token)
	}
	return c.printSession(f, s, out)
}

// printSession prints the openid and unionid of a login and writes the
// session_key to out, if given; never to the terminal.
func (c *cli) printSession(f *apiFlags, s *wxapi.Session, out string) int {
	if out != "" {
		if err := writeSecretFile(out, s.SessionKey); err != nil {
			return c.fail(err, "")
		}
	}
	if f.json {
		c.printJSON(struct {
			OK             bool   `json:"ok"`
			OpenID         string `json:"openid"`
			UnionID        string `json:"unionid,omitempty"`
			SessionKeyFile string `json:"session_key_file,omitempty"`
		}{true, s.OpenID, s.UnionID, out})
		return exitOK
	}
	fmt.Fprintf(c.stdout, "openid   %s\n", render.Clean(s.OpenID))
	if s.UnionID != "" {
		fmt.Fprintf(c.stdout, "unionid  %s\n", render.Clean(s.UnionID))
	}
	if out != "" {
		c.note(c.tr("the session_key is in %s", "session_key 已写入 %s"), out)
	} else {
		c.note("%s", c.tr("the session_key is not printed; --session-key-out FILE saves it for 'wxinspect decrypt --session-key-file FILE'",
			"session_key 不会输出；用 --session-key-out FILE 保存，供 'wxinspect decrypt --session-key-file FILE' 使用"))
	}
	return exitOK
}

func (c *cli) runOpenData(f *apiFlags, openID string, ids []string) int {
	cr := c.credentials()
	if st, ok := c.needToken("open-data", cr, f.dryRun); !ok {
		return st
	}
	if f.dryRun {
		return c.dryRun(f, c.tokenCalls(f, cr, wxapi.NewOpenDataCall(f.base, orPlaceholder(cr.token), openID, ids))...)
	}
	ctx, cancel := c.context(f)
	defer cancel()
	list, err := c.client(f, cr).OpenData(ctx, openID, ids...)
	if err != nil {
		return c.apiFail(f, err, cr.secret, cr.token)
	}
	for _, d := range list {
		c.printJSON(struct {
			CloudID string `json:"cloud_id"`
			JSON    string `json:"json"`
		}{d.CloudID, d.JSON})
	}
	if len(list) < len(ids) {
		c.warnf(c.tr("WeChat returned %d of %d cloudIDs: the others are unknown, of another appid, or older than 5 minutes",
			"微信只返回了 %d/%d 个 cloudID 的数据：其余的未知、属于其他 appid 或已超过 5 分钟"), len(list), len(ids))
		return exitNotOK
	}
	return exitOK
}

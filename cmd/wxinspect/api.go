package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxclient"
	"github.com/wxinspect/wxinspect/core/wxsecure"
	"github.com/wxinspect/wxinspect/internal/render"
	"github.com/wxinspect/wxinspect/internal/secret"
)

const credentialsHelp = `Credentials come from the environment, never from the command line:
WX_APPID and WX_SECRET (an access token is fetched from cgi-bin/stable_token,
which does not invalidate the tokens of your servers), or WX_ACCESS_TOKEN.
--api-base (or WX_API_BASE) points the call elsewhere, such as at
'wxinspect fake'. --dry-run prints the request as curl instead, with every
secret replaced by a reference to its environment variable.

API errors print the errcode, WeChat's errmsg, the rid (for WeChat's
"API 报错诊断" tool) and a hint. Exit status: 0 ok, 1 error, 2 usage error.`

func init() {
	register(&command{
		name:  "phone",
		args:  "--code CODE [--openid ID] [flags]",
		short: "exchange the code of a getPhoneNumber button for the phone number",
		long:  "Calls wxa/business/getuserphonenumber with the code of e.detail.code.\n\n" + credentialsHelp + "\n\n" + secureHelp,
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			f := c.declareAPIFlags(fs)
			code := fs.String("code", "", "the `code` of the getPhoneNumber button (e.detail.code), single-use")
			openID := fs.String("openid", "", "the user's `openid`, for WeChat to check that the code is theirs")
			cp := fs.Bool("copy", false, "also copy the phone number to the clipboard")
			c.declareSecure(fs, f)
			return func([]string) int {
				if *code == "" {
					return c.usage(lookup("phone"), "%s", c.tr("--code is required: the e.detail.code of the getPhoneNumber button",
						"必须提供 --code：getPhoneNumber 按钮回调中的 e.detail.code"))
				}
				return c.runPhone(f, *code, *openID, *cp)
			}
		},
	})
	register(&command{
		name:  "session",
		args:  "--js-code CODE [--session-key-out FILE] [flags]",
		short: "exchange the js_code of wx.login for the openid (and the session_key, into a file)",
		long: `Calls sns/jscode2session. Prints the openid and unionid. The session_key is a
secret, so it is never printed: --session-key-out FILE writes it to FILE
(mode 0600), ready for 'wxinspect decrypt --session-key-file FILE'.

Needs WX_APPID and WX_SECRET.` + "\n\n" + credentialsHelp,
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			f := c.declareAPIFlags(fs)
			jsCode := fs.String("js-code", "", "the `code` wx.login returned, single-use")
			out := fs.String("session-key-out", "", "write the session_key to `FILE` (mode 0600)")
			return func([]string) int {
				if *jsCode == "" {
					return c.usage(lookup("session"), "%s", c.tr("--js-code is required: the code that wx.login returned",
						"必须提供 --js-code：wx.login 返回的 code"))
				}
				return c.runSession(f, *jsCode, *out)
			}
		},
	})
	register(&command{
		name:  "token",
		args:  "[--force-refresh] [flags]",
		short: "get an access token from cgi-bin/stable_token",
		long: `Prints the access token on standard output (for WX_ACCESS_TOKEN=$(wxinspect
token)) and its lifetime on standard error. --force-refresh asks for a new
token, which invalidates the previous one: use it only when a token was
leaked or rejected.

Needs WX_APPID and WX_SECRET.` + "\n\n" + credentialsHelp,
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			f := c.declareAPIFlags(fs)
			force := fs.Bool("force-refresh", false, "ask for a new token (invalidates the current one)")
			return func([]string) int { return c.runToken(f, *force) }
		},
	})
	register(&command{
		name:  "checksession",
		args:  "--openid ID [--session-key-file FILE] [flags]",
		short: "ask WeChat whether a session_key is still the user's current one",
		long: `Calls wxa/checksession with the login-state signature of the session_key.
Exit status 0 when the session_key is current; 1 with errcode 87009 when a
later wx.login replaced it (data encrypted since then does not decrypt with
it). The session_key comes from --session-key-file, WX_SESSION_KEY or, on a
terminal, a prompt without echo.` + "\n\n" + credentialsHelp,
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			f := c.declareAPIFlags(fs)
			openID := fs.String("openid", "", "the user's `openid`")
			keyFile := fs.String("session-key-file", "", "read the session_key from `FILE` (\"-\": standard input)")
			return func([]string) int {
				if *openID == "" {
					return c.usage(lookup("checksession"), "%s", c.tr("--openid is required", "必须提供 --openid"))
				}
				return c.runCheckSession(f, *openID, *keyFile)
			}
		},
	})
}

// apiFlags are the flags of the commands that call WeChat.
type apiFlags struct {
	base    string
	dryRun  bool
	json    bool
	timeout time.Duration
	secure  bool           // --secure: API security mode (secure.go)
	keys    *wxsecure.Keys // its material, once loaded
}

func (c *cli) declareAPIFlags(fs *flag.FlagSet) *apiFlags {
	f := new(apiFlags)
	def := c.getenv("WX_API_BASE")
	if def == "" {
		def = wxapi.DefaultBaseURL
	}
	fs.StringVar(&f.base, "api-base", def, "send the calls to `URL` (default: WX_API_BASE or "+wxapi.DefaultBaseURL+")")
	fs.BoolVar(&f.dryRun, "dry-run", false, "print the request as curl, secrets redacted, and send nothing")
	fs.BoolVar(&f.json, "json", false, "print the result (or the error) as one JSON object on one line")
	fs.DurationVar(&f.timeout, "timeout", 15*time.Second, "give up on WeChat after `DURATION`")
	return f
}

// credentials are the ones in the environment.
type credentials struct {
	appID, secret, token string
}

func (c *cli) credentials() credentials {
	return credentials{
		appID:  strings.TrimSpace(c.getenv("WX_APPID")),
		secret: strings.TrimSpace(c.getenv("WX_SECRET")),
		token:  strings.TrimSpace(c.getenv("WX_ACCESS_TOKEN")),
	}
}

// needAppSecret returns a usage status when WX_APPID or WX_SECRET is
// missing. A dry run shows the request without the secret, so it only needs
// the appid.
func (c *cli) needAppSecret(cmd string, cr credentials, dry bool) (int, bool) {
	if cr.appID != "" && (cr.secret != "" || dry) {
		return 0, true
	}
	return c.usage(lookup(cmd), "%s", c.tr(cmd+" needs WX_APPID and WX_SECRET in the environment",
		cmd+" 需要环境变量 WX_APPID 和 WX_SECRET")), false
}

// needToken returns a usage status unless there is a token or the means to
// get one.
func (c *cli) needToken(cmd string, cr credentials, dry bool) (int, bool) {
	if cr.token != "" || cr.appID != "" && (cr.secret != "" || dry) {
		return 0, true
	}
	return c.usage(lookup(cmd), "%s", c.tr(cmd+" needs WX_ACCESS_TOKEN, or WX_APPID and WX_SECRET, in the environment",
		cmd+" 需要环境变量 WX_ACCESS_TOKEN，或 WX_APPID 和 WX_SECRET")), false
}

// placeholder stands for a secret in a dry run: Curl replaces it with a
// reference to its environment variable, so it never shows.
const placeholder = "placeholder-never-sent"

func orPlaceholder(s string) string {
	if s == "" {
		return placeholder
	}
	return s
}

// dryRun prints the calls as curl commands, or as JSON.
func (c *cli) dryRun(f *apiFlags, calls ...*wxapi.Call) int {
	if f.json {
		type jsonCall struct {
			API  string `json:"api"`
			Curl string `json:"curl"`
		}
		out := struct {
			DryRun bool       `json:"dry_run"`
			Calls  []jsonCall `json:"calls"`
		}{DryRun: true}
		for _, call := range calls {
			out.Calls = append(out.Calls, jsonCall{call.API, call.Curl(false)})
		}
		c.printJSON(out)
		return exitOK
	}
	for i, call := range calls {
		if len(calls) > 1 {
			fmt.Fprintf(c.stdout, "# %d. %s\n", i+1, call.API)
		}
		fmt.Fprintln(c.stdout, call.Curl(false))
	}
	return exitOK
}

func (c *cli) client(f *apiFlags, cr credentials) *wxclient.Client {
	opts := []wxclient.Option{
		wxclient.WithBaseURL(f.base),
		wxclient.WithHTTPClient(&http.Client{Timeout: f.timeout}),
	}
	if cr.token != "" && cr.secret == "" {
		opts = append(opts, wxclient.WithStaticToken(cr.token))
	}
	if f.keys != nil {
		opts = append(opts, wxclient.WithSecure(f.keys))
	}
	return wxclient.New(cr.appID, cr.secret, opts...)
}

func (c *cli) context(f *apiFlags) (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	return ctx, func() { cancel(); stop() }
}

// apiFail prints an API failure as core.Explain explains it: on standard
// error, or as JSON on standard output with --json (the "error" object of a
// report). Every message is scrubbed of the secrets in play.
func (c *cli) apiFail(f *apiFlags, err error, secrets ...string) int {
	p := core.Explain(err, c.lang)
	// core/wxclient has redacted what it knows; the CLI adds the secrets it
	// holds (a session_key, the environment's) and cleans the text for the
	// terminal in say.
	p.Message, p.RID = secret.Redact(p.Message, secrets...), secret.Redact(p.RID, secrets...)
	if f.json {
		out := append([]byte(`{"ok":false,"error":`), p.AppendJSON(nil)...)
		c.stdout.Write(append(out, "}\n"...))
		return exitNotOK
	}
	c.errorf("%s", p.Message)
	if p.RID != "" {
		c.note("%s", c.tr("rid: "+p.RID+" (look it up: wxinspect rid "+p.RID+", or WeChat's API 报错诊断 tool)",
			"rid: "+p.RID+"（查询：wxinspect rid "+p.RID+"，或微信「API 报错诊断」工具）"))
	}
	if p.Hint != "" {
		c.hint("%s", p.Hint)
	}
	return exitNotOK
}

// printJSON prints v as JSON on one line, without escaping <, > and &.
func (c *cli) printJSON(v any) {
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func (c *cli) runPhone(f *apiFlags, code, openID string, cp bool) int {
	cr := c.credentials()
	if st, ok := c.needToken("phone", cr, f.dryRun); !ok {
		return st
	}
	if st, ok := c.loadSecure(f, cr); !ok {
		return st
	}
	if f.dryRun {
		var calls []*wxapi.Call
		if cr.token == "" {
			calls = append(calls, wxapi.NewStableTokenCall(f.base, cr.appID, orPlaceholder(cr.secret), false))
		}
		calls = append(calls, wxapi.NewPhoneNumberCall(f.base, orPlaceholder(cr.token), code, openID))
		if f.keys != nil {
			sealed, err := c.sealForDryRun(f, calls)
			if err != nil {
				return c.secureFail(err)
			}
			calls = sealed
		}
		return c.dryRun(f, calls...)
	}
	ctx, cancel := c.context(f)
	defer cancel()
	r, err := c.client(f, cr).PhoneNumber(ctx, code, openID)
	if err != nil {
		return c.apiFail(f, err, cr.secret, cr.token)
	}
	if f.json {
		type watermark struct {
			AppID     string `json:"appid"`
			Timestamp int64  `json:"timestamp"`
		}
		c.printJSON(struct {
			OK              bool      `json:"ok"`
			PhoneNumber     string    `json:"phone_number"`
			PurePhoneNumber string    `json:"pure_phone_number"`
			CountryCode     string    `json:"country_code"`
			Watermark       watermark `json:"watermark"`
		}{true, r.Phone.PhoneNumber, r.Phone.PurePhoneNumber, r.Phone.CountryCode, watermark{r.Watermark.AppID, r.Watermark.Timestamp}})
	} else {
		fmt.Fprintf(c.stdout, "phoneNumber      %s\npurePhoneNumber  %s\ncountryCode      %s\nwatermark        %s  %s\n",
			render.Clean(r.Phone.PhoneNumber), render.Clean(r.Phone.PurePhoneNumber), render.Clean(r.Phone.CountryCode),
			render.Clean(r.Watermark.AppID), r.Watermark.Time().Format(time.RFC3339))
	}
	if err := r.CheckAppID(cr.appID); err != nil {
		p := core.Explain(err, c.lang)
		c.warnf("%s", p.Message)
		c.hint("%s", p.Hint)
	}
	if cp {
		c.copyText(r.Phone.PhoneNumber, c.tr("the phone number", "手机号"))
	}
	return exitOK
}

func (c *cli) runSession(f *apiFlags, jsCode, out string) int {
	cr := c.credentials()
	if st, ok := c.needAppSecret("session", cr, f.dryRun); !ok {
		return st
	}
	if f.dryRun {
		return c.dryRun(f, wxapi.NewCode2SessionCall(f.base, cr.appID, orPlaceholder(cr.secret), jsCode))
	}
	ctx, cancel := c.context(f)
	defer cancel()
	s, err := c.client(f, cr).Code2Session(ctx, jsCode)
	if err != nil {
		return c.apiFail(f, err, cr.secret, cr.token)
	}
	return c.printSession(f, s, out)
}

// writeSecretFile writes a secret to a new file only its owner can read.
// A symlink at path is not followed, nor an existing file that is not a
// regular file or has other links: it could point at a file the user did
// not mean to overwrite (or make private), planted by someone else.
func writeSecretFile(path, s string) error {
	symlink := func() bool {
		st, err := os.Lstat(path)
		return err == nil && st.Mode()&os.ModeSymlink != 0
	}
	errSymlink := errors.New(path + " is a symbolic link: not followed; give the path of a regular file")
	if symlink() {
		return errSymlink
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|noFollow, 0o600)
	if err != nil {
		if symlink() { // made in between
			return errSymlink
		}
		return err
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return errors.New(path + " is not a regular file")
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := io.WriteString(f, s+"\n"); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (c *cli) runToken(f *apiFlags, force bool) int {
	cr := c.credentials()
	if st, ok := c.needAppSecret("token", cr, f.dryRun); !ok {
		return st
	}
	call := wxapi.NewStableTokenCall(f.base, cr.appID, orPlaceholder(cr.secret), force)
	if f.dryRun {
		return c.dryRun(f, call)
	}
	ctx, cancel := c.context(f)
	defer cancel()
	t, err := c.client(f, cr).FetchToken(ctx, force)
	if err != nil {
		return c.apiFail(f, err, cr.secret)
	}
	if f.json {
		c.printJSON(struct {
			OK          bool   `json:"ok"`
			AccessToken string `json:"access_token"`
			ExpiresIn   int64  `json:"expires_in"`
		}{true, t.AccessToken, int64(t.ExpiresIn / time.Second)})
		return exitOK
	}
	fmt.Fprintln(c.stdout, t.AccessToken)
	c.note(c.tr("the token expires in %s", "该 token 在 %s 后过期"), t.ExpiresIn)
	return exitOK
}

func (c *cli) runCheckSession(f *apiFlags, openID, keyFile string) int {
	cr := c.credentials()
	if st, ok := c.needToken("checksession", cr, f.dryRun); !ok {
		return st
	}
	in := core.Input{}
	if err := c.sessionKey(&inputFlags{keyFile: keyFile}, &in); err != nil {
		return c.fail(err, "")
	}
	if in.SessionKey == "" && c.tty != nil && !f.dryRun {
		k, err := secret.Prompt(c.tty, c.stderr, c.tr("session_key (not shown): ", "session_key（不回显）："))
		if err != nil && !errors.Is(err, secret.ErrEmpty) {
			return c.fail(err, "")
		}
		in.SessionKey = k
	}
	if in.SessionKey == "" && !f.dryRun {
		return c.usage(lookup("checksession"), "%s", c.tr("checksession needs the session_key: --session-key-file FILE or WX_SESSION_KEY",
			"checksession 需要 session_key：--session-key-file FILE 或 WX_SESSION_KEY"))
	}
	if f.dryRun {
		var calls []*wxapi.Call
		if cr.token == "" {
			calls = append(calls, wxapi.NewStableTokenCall(f.base, cr.appID, orPlaceholder(cr.secret), false))
		}
		calls = append(calls, wxapi.NewCheckSessionCall(f.base, orPlaceholder(cr.token), openID, orPlaceholder(in.SessionKey)))
		return c.dryRun(f, calls...)
	}
	ctx, cancel := c.context(f)
	defer cancel()
	sig := core.LoginSignature(in.SessionKey, nil)
	if err := c.client(f, cr).CheckSession(ctx, openID, in.SessionKey); err != nil {
		return c.apiFail(f, err, cr.secret, cr.token, in.SessionKey, sig)
	}
	if f.json {
		c.printJSON(struct {
			OK      bool   `json:"ok"`
			OpenID  string `json:"openid"`
			Current bool   `json:"current"`
		}{true, openID, true})
		return exitOK
	}
	fmt.Fprintf(c.stdout, c.tr("the session_key is current for %s\n", "该 session_key 是 %s 当前有效的 session_key\n"), openID)
	return exitOK
}

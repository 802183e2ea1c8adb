package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/internal/render"
)

func init() {
	register(&command{
		name:    "rid",
		args:    "[RID] [flags]",
		short:   "look up a rid with rid/get: the request and answer WeChat saw",
		maxArgs: 1,
		long: `Calls cgi-bin/openapi/rid/get. The rid is the argument, or the one found
in what is pasted on standard input (an errmsg, an answer, a log line).
WeChat keeps rids 7 days, for the account that made the call only, and not
for sns/ APIs such as jscode2session (76022). Credentials in the recorded
query and body are shown as REDACTED.` + "\n\n" + credentialsHelp,
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			f := c.declareAPIFlags(fs)
			return func(args []string) int {
				rid := ""
				if len(args) == 1 {
					rid = wxapi.FindRID(args[0])
				} else {
					b, _ := io.ReadAll(io.LimitReader(c.stdin, wxapi.MaxResponseLen))
					rid = wxapi.FindRID(string(b))
				}
				if rid == "" {
					return c.usage(lookup("rid"), "%s", c.tr("no rid: give one (three groups of 8 hex digits) or paste the errmsg on standard input",
						"没有 rid：请给出 rid（三组 8 位十六进制数），或在标准输入粘贴 errmsg"))
				}
				return c.runRID(f, rid)
			}
		},
	})
	register(&command{
		name:  "check-encrypted",
		args:  "[flags] < encryptedData",
		short: "ask WeChat whether encryptedData (phone data) was made by WeChat",
		long: `Calls wxa/business/checkencryptedmsg with the hex SHA-256 of the
encryptedData text exactly as the client sent it (not repaired, not
decoded). Standard input is the bare base64 text or a JSON record with
encryptedData / encrypted_data. WeChat knows phone-number data of the last 3
days; otherwise errcode 1.` + "\n\n" + credentialsHelp,
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			f := c.declareAPIFlags(fs)
			return func([]string) int { return c.runCheckEncrypted(f) }
		},
	})
	register(&command{
		name:  "user-keys",
		args:  "--openid ID [--session-key-file FILE] [--reveal] [--data-file FILE] [flags]",
		short: "list the user's encrypt keys (getuserencryptkey) and which opens a payload",
		long: `Calls wxa/business/getuserencryptkey with the login-state signature of the
session_key (from --session-key-file or WX_SESSION_KEY). Lists the three
key versions; the keys are secrets, shown only with --reveal. --data-file
FILE (base64 the mini-program encrypted with wx.getUserCryptoManager's key)
says which version opens it.` + "\n\n" + credentialsHelp,
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			f := c.declareAPIFlags(fs)
			openID := fs.String("openid", "", "the user's `openid`")
			keyFile := fs.String("session-key-file", "", "read the session_key from `FILE`")
			reveal := fs.Bool("reveal", false, "print the keys themselves")
			data := fs.String("data-file", "", "say which key version opens the base64 in `FILE`")
			return func([]string) int {
				if *openID == "" {
					return c.usage(lookup("user-keys"), "%s", c.tr("--openid is required", "必须提供 --openid"))
				}
				return c.runUserKeys(f, *openID, *keyFile, *reveal, *data)
			}
		},
	})
	register(&command{
		name:  "reset-session-key",
		args:  "--openid ID [--session-key-file FILE] [--session-key-out FILE] [flags]",
		short: "replace the user's session_key (resetusersessionkey)",
		long: `Calls wxa/resetusersessionkey with the login-state signature of the
current session_key. The old session_key stops working. The new one is a
secret: --session-key-out FILE writes it (mode 0600).` + "\n\n" + credentialsHelp,
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			f := c.declareAPIFlags(fs)
			openID := fs.String("openid", "", "the user's `openid`")
			keyFile := fs.String("session-key-file", "", "read the current session_key from `FILE`")
			out := fs.String("session-key-out", "", "write the new session_key to `FILE` (mode 0600)")
			return func([]string) int {
				if *openID == "" {
					return c.usage(lookup("reset-session-key"), "%s", c.tr("--openid is required", "必须提供 --openid"))
				}
				return c.runResetSessionKey(f, *openID, *keyFile, *out)
			}
		},
	})
}

func (c *cli) runRID(f *apiFlags, rid string) int {
	cr := c.credentials()
	if st, ok := c.needToken("rid", cr, f.dryRun); !ok {
		return st
	}
	if f.dryRun {
		return c.dryRun(f, c.tokenCalls(f, cr, wxapi.NewRIDCall(f.base, orPlaceholder(cr.token), rid))...)
	}
	ctx, cancel := c.context(f)
	defer cancel()
	info, err := c.client(f, cr).RID(ctx, rid)
	if err != nil {
		return c.apiFail(f, err, cr.secret, cr.token)
	}
	q, body := info.Redacted()
	if f.json {
		c.printJSON(struct {
			OK           bool   `json:"ok"`
			RID          string `json:"rid"`
			InvokeTime   int64  `json:"invoke_time"`
			CostMS       int64  `json:"cost_in_ms"`
			RequestURL   string `json:"request_url"`
			RequestBody  string `json:"request_body"`
			ResponseBody string `json:"response_body"`
			ClientIP     string `json:"client_ip"`
		}{true, rid, info.InvokeTime, info.CostMS, q, body, info.ResponseBody, info.ClientIP})
		return exitOK
	}
	fmt.Fprintf(c.stdout, "rid       %s\n", rid)
	fmt.Fprintf(c.stdout, "time      %s (%d ms)\n", time.Unix(info.InvokeTime, 0).UTC().Format(time.RFC3339), info.CostMS)
	fmt.Fprintf(c.stdout, "client    %s\n", render.Clean(info.ClientIP))
	fmt.Fprintf(c.stdout, "query     %s\n", render.Clean(q))
	fmt.Fprintf(c.stdout, "body      %s\n", render.Clean(body))
	fmt.Fprintf(c.stdout, "answer    %s\n", render.Clean(info.ResponseBody))
	return exitOK
}

// tokenCalls prepends the stable_token call a dry run would make first.
func (c *cli) tokenCalls(f *apiFlags, cr credentials, call *wxapi.Call) []*wxapi.Call {
	if cr.token != "" {
		return []*wxapi.Call{call}
	}
	return []*wxapi.Call{wxapi.NewStableTokenCall(f.base, cr.appID, orPlaceholder(cr.secret), false), call}
}

// encryptedText is the encryptedData as the client sent it: the string of a
// JSON record's encryptedData / encrypted_data, or the bare text, with only
// the surrounding whitespace of the paste removed.
func encryptedText(raw []byte) string {
	s := strings.TrimSpace(string(raw))
	if strings.HasPrefix(s, "{") {
		var rec map[string]any
		if json.Unmarshal([]byte(s), &rec) == nil {
			for _, k := range []string{"encryptedData", "encrypted_data"} {
				if v, ok := rec[k].(string); ok {
					return v
				}
			}
			if d, ok := rec["detail"].(map[string]any); ok {
				if v, ok := d["encryptedData"].(string); ok {
					return v
				}
			}
		}
	}
	return s
}

func (c *cli) runCheckEncrypted(f *apiFlags) int {
	cr := c.credentials()
	if st, ok := c.needToken("check-encrypted", cr, f.dryRun); !ok {
		return st
	}
	raw, err := io.ReadAll(io.LimitReader(c.stdin, wxapi.MaxResponseLen))
	if err != nil {
		return c.fail(err, "")
	}
	data := encryptedText(raw)
	if data == "" {
		return c.usage(lookup("check-encrypted"), "%s", c.tr("no encryptedData on standard input", "标准输入中没有 encryptedData"))
	}
	if f.dryRun {
		return c.dryRun(f, c.tokenCalls(f, cr, wxapi.NewCheckEncryptedCall(f.base, orPlaceholder(cr.token), data))...)
	}
	ctx, cancel := c.context(f)
	defer cancel()
	hash := wxapi.EncryptedMsgHash(data)
	r, err := c.client(f, cr).CheckEncrypted(ctx, data)
	if err != nil {
		return c.apiFail(f, err, cr.secret, cr.token)
	}
	if f.json {
		c.printJSON(struct {
			OK         bool   `json:"ok"`
			Hash       string `json:"encrypted_msg_hash"`
			Valid      bool   `json:"valid"`
			CreateTime int64  `json:"create_time,omitempty"`
		}{true, hash, r.Valid, r.CreateTime})
		return exitOK
	}
	fmt.Fprintf(c.stdout, "encrypted_msg_hash  %s\n", hash)
	if r.Valid {
		fmt.Fprintf(c.stdout, "valid               %s\n", c.tr("yes: made by WeChat at ", "是：微信生成于 ")+time.Unix(r.CreateTime, 0).UTC().Format(time.RFC3339))
		return exitOK
	}
	fmt.Fprintf(c.stdout, "valid               %s\n", c.tr("no", "否"))
	return exitNotOK
}

// needSessionKey reads the session_key of --session-key-file or
// WX_SESSION_KEY.
func (c *cli) needSessionKey(cmd, keyFile string, dry bool) (string, int, bool) {
	in := core.Input{}
	if err := c.sessionKey(&inputFlags{keyFile: keyFile}, &in); err != nil {
		return "", c.fail(err, ""), false
	}
	if in.SessionKey == "" && !dry {
		return "", c.usage(lookup(cmd), "%s", c.tr(cmd+" needs the session_key: --session-key-file FILE or WX_SESSION_KEY",
			cmd+" 需要 session_key：--session-key-file FILE 或 WX_SESSION_KEY")), false
	}
	return in.SessionKey, 0, true
}

func (c *cli) runUserKeys(f *apiFlags, openID, keyFile string, reveal bool, dataFile string) int {
	cr := c.credentials()
	if st, ok := c.needToken("user-keys", cr, f.dryRun); !ok {
		return st
	}
	key, st, ok := c.needSessionKey("user-keys", keyFile, f.dryRun)
	if !ok {
		return st
	}
	if f.dryRun {
		return c.dryRun(f, c.tokenCalls(f, cr, wxapi.NewUserEncryptKeyCall(f.base, orPlaceholder(cr.token), openID, orPlaceholder(key)))...)
	}
	data := ""
	if dataFile != "" {
		b, err := os.ReadFile(dataFile)
		if err != nil {
			return c.fail(err, "")
		}
		data = encryptedText(b)
	}
	ctx, cancel := c.context(f)
	defer cancel()
	keys, err := c.client(f, cr).UserEncryptKeys(ctx, openID, key)
	if err != nil {
		return c.apiFail(f, err, cr.secret, cr.token, key, core.LoginSignature(key, nil))
	}
	opens := -1
	if data != "" {
		opens, _ = wxapi.OpenWithUserKeys(data, keys)
	}
	type jsonKey struct {
		Version    int64  `json:"version"`
		ExpireIn   int64  `json:"expire_in"`
		CreateTime int64  `json:"create_time"`
		EncryptKey string `json:"encrypt_key,omitempty"`
		IV         string `json:"iv,omitempty"`
		Opens      bool   `json:"opens_data,omitempty"`
	}
	list := make([]jsonKey, len(keys))
	for i, k := range keys {
		list[i] = jsonKey{Version: k.Version, ExpireIn: int64(k.ExpireIn / time.Second), CreateTime: k.CreateTime, Opens: i == opens}
		if reveal {
			list[i].EncryptKey, list[i].IV = k.EncryptKey, k.IV
		}
	}
	if f.json {
		c.printJSON(struct {
			OK   bool      `json:"ok"`
			Keys []jsonKey `json:"keys"`
		}{true, list})
	} else {
		for _, k := range list {
			fmt.Fprintf(c.stdout, "version %-4d expire_in %-5d created %s", k.Version, k.ExpireIn, time.Unix(k.CreateTime, 0).UTC().Format(time.RFC3339))
			if reveal {
				fmt.Fprintf(c.stdout, "  encrypt_key %s  iv %s", render.Clean(k.EncryptKey), render.Clean(k.IV))
			}
			if k.Opens {
				fmt.Fprint(c.stdout, c.tr("  ← opens the data", "  ← 可解密该数据"))
			}
			fmt.Fprintln(c.stdout)
		}
		if !reveal {
			c.note("%s", c.tr("the keys are not printed; --reveal prints them", "密钥不会输出；用 --reveal 显示"))
		}
	}
	if data != "" && opens < 0 {
		c.errorf("%s", c.tr("none of the three key versions opens the data: it is older than three hours, of another user, or not encrypted with a user key",
			"三个版本的密钥都无法解密该数据：数据早于三小时、属于其他用户，或并非用用户密钥加密"))
		return exitNotOK
	}
	return exitOK
}

func (c *cli) runResetSessionKey(f *apiFlags, openID, keyFile, out string) int {
	cr := c.credentials()
	if st, ok := c.needToken("reset-session-key", cr, f.dryRun); !ok {
		return st
	}
	key, st, ok := c.needSessionKey("reset-session-key", keyFile, f.dryRun)
	if !ok {
		return st
	}
	if f.dryRun {
		return c.dryRun(f, c.tokenCalls(f, cr, wxapi.NewResetSessionKeyCall(f.base, orPlaceholder(cr.token), openID, orPlaceholder(key)))...)
	}
	ctx, cancel := c.context(f)
	defer cancel()
	s, err := c.client(f, cr).ResetSessionKey(ctx, openID, key)
	if err != nil {
		return c.apiFail(f, err, cr.secret, cr.token, key, core.LoginSignature(key, nil))
	}
	if out != "" {
		if err := writeSecretFile(out, s.SessionKey); err != nil {
			return c.fail(err, "")
		}
	}
	if f.json {
		c.printJSON(struct {
			OK             bool   `json:"ok"`
			OpenID         string `json:"openid"`
			SessionKeyFile string `json:"session_key_file,omitempty"`
		}{true, s.OpenID, out})
		return exitOK
	}
	fmt.Fprintf(c.stdout, "openid   %s\n", render.Clean(s.OpenID))
	if out != "" {
		c.note(c.tr("the new session_key is in %s", "新的 session_key 已写入 %s"), out)
	} else {
		c.note("%s", c.tr("the session_key was reset; the new one is not printed (--session-key-out FILE saves it)",
			"session_key 已重置；新的 session_key 不会输出（用 --session-key-out FILE 保存）"))
	}
	return exitOK
}

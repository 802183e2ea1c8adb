package main

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxfake"
	"github.com/wxinspect/wxinspect/core/wxsecure"
	"github.com/wxinspect/wxinspect/internal/secret"
	"github.com/wxinspect/wxinspect/internal/securereport"
)

// API security mode (服务端API安全鉴权): the --secure flag of the calls that
// support it, `wxinspect secure explain`, and `wxinspect fake --secure`.

const secureHelp = `Security mode (--secure) reads its material from the environment and files,
never from the command line:
  WX_SECURE_SYM_KEY       the symmetric key, base64 (secret; or WX_SECURE_SYM_KEY_FILE)
  WX_SECURE_SYM_SN        its serial
  WX_SECURE_RSA_KEY_FILE  the app's private key, PEM (PKCS#1 or PKCS#8)
  WX_SECURE_RSA_SN        its serial
  WX_SECURE_CERT_FILE     the platform certificate, PEM
  WX_SECURE_CERT_SN       its serial (the console's, not the X.509 one)
The signature and the AAD cover https://api.weixin.qq.com/<path> whatever
--api-base says.`

// declareSecure adds --secure to a command whose call WeChat serves in
// security mode.
func (c *cli) declareSecure(fs *flag.FlagSet, f *apiFlags) {
	fs.BoolVar(&f.secure, "secure", false, "send the call in API security mode (encrypted, signed) and verify the answer")
}

// secureKeys reads the material of WX_SECURE_*. need says what must be there:
// "client" (sign, encrypt, verify answers) or "" (whatever is given, for
// explain).
func (c *cli) secureKeys(appID string, client bool) (*wxsecure.Keys, error) {
	k := &wxsecure.Keys{AppID: appID,
		SymSN: strings.TrimSpace(c.getenv("WX_SECURE_SYM_SN")),
		RSASN: strings.TrimSpace(c.getenv("WX_SECURE_RSA_SN"))}
	sym := strings.TrimSpace(c.getenv("WX_SECURE_SYM_KEY"))
	if p := c.getenv("WX_SECURE_SYM_KEY_FILE"); sym == "" && p != "" {
		s, err := secret.ReadFile(p, c.stdin)
		if err != nil {
			return nil, errors.New("WX_SECURE_SYM_KEY_FILE: " + pathError(err))
		}
		sym = s
	}
	if sym != "" {
		b, err := wxsecure.ParseSymKey(sym)
		if err != nil {
			return nil, err
		}
		k.SymKey = b
	}
	if p := c.getenv("WX_SECURE_RSA_KEY_FILE"); p != "" {
		b, err := readSmallFile(p)
		if err != nil {
			return nil, errors.New("WX_SECURE_RSA_KEY_FILE: " + pathError(err))
		}
		if priv, err := wxsecure.ParsePrivateKey(b); err == nil {
			k.Private = priv
		} else if client {
			return nil, err
		} else if pub, err := wxsecure.ParsePublicKey(b); err == nil {
			k.Public = pub
		} else {
			return nil, err
		}
	}
	if p := c.getenv("WX_SECURE_CERT_FILE"); p != "" {
		b, err := readSmallFile(p)
		if err != nil {
			return nil, errors.New("WX_SECURE_CERT_FILE: " + pathError(err))
		}
		pub, err := wxsecure.ParseCertificate(b)
		if err != nil {
			return nil, err
		}
		k.Certs = []wxsecure.Cert{{SN: strings.TrimSpace(c.getenv("WX_SECURE_CERT_SN")), Key: pub}}
	}
	if client {
		var missing []string
		for _, m := range []struct {
			name string
			ok   bool
		}{{"WX_SECURE_SYM_KEY", k.SymKey != nil}, {"WX_SECURE_SYM_SN", k.SymSN != ""},
			{"WX_SECURE_RSA_KEY_FILE", k.Private != nil}, {"WX_SECURE_CERT_FILE", len(k.Certs) > 0},
			{"WX_SECURE_CERT_SN", len(k.Certs) > 0 && k.Certs[0].SN != ""}} {
			if !m.ok {
				missing = append(missing, m.name)
			}
		}
		if len(missing) > 0 {
			return nil, errors.New("security mode needs " + strings.Join(missing, ", ") + " in the environment")
		}
	}
	return k, nil
}

func readSmallFile(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, 1<<16))
}

// pathError is an error of os without the operation.
func pathError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Path + ": " + pe.Err.Error()
	}
	return err.Error()
}

// loadSecure reads the material when --secure is set; a usage status when
// it is missing or unusable.
func (c *cli) loadSecure(f *apiFlags, cr credentials) (int, bool) {
	if !f.secure {
		return 0, true
	}
	k, err := c.secureKeys(cr.appID, true)
	if err == nil && cr.appID == "" {
		err = errors.New("security mode needs WX_APPID in the environment")
	}
	if err != nil {
		return c.secureFail(err), false
	}
	f.keys = k
	return 0, true
}

func (c *cli) secureFail(err error) int {
	if e, ok := errors.AsType[*wxsecure.Error](err); ok {
		msg, hint := e.Describe(c.lang)
		c.errorf("%s: %s", e.Code, msg)
		c.hint("%s", hint)
		return exitNotOK
	}
	c.errorf("%v", err)
	c.hint("%s", c.tr("see 'wxinspect help phone' for the WX_SECURE_* variables", "WX_SECURE_* 变量见 'wxinspect help phone'"))
	return exitUsage
}

// sealForDryRun seals the calls that WeChat serves in security mode, and
// says what was encrypted, on standard error.
func (c *cli) sealForDryRun(f *apiFlags, calls []*wxapi.Call) ([]*wxapi.Call, error) {
	out := make([]*wxapi.Call, len(calls))
	for i, call := range calls {
		out[i] = call
		if !wxsecure.Supported(call.API) {
			continue
		}
		s, err := f.keys.SealRequest(call, time.Now(), rand.Reader)
		if err != nil {
			return nil, err
		}
		out[i] = s
		c.note(c.tr("%s is sealed: its parameters are encrypted into the body, signed over %s",
			"%s 已加密签名：参数加密进请求体，签名覆盖 %s"), call.API, wxsecure.CanonicalURL(call.API))
	}
	return out, nil
}

func init() {
	register(&command{
		name:  "secure",
		args:  "explain [--url URL] [--at TIME --max-skew DURATION] [--json] < capture",
		short: "explain a captured request or answer of API security mode: which part fails and why",
		long: `Reads a raw HTTP request or answer on standard input, as a proxy or a capture
shows it (request or status line, headers, blank line, body; CRLF or LF), and
checks it step by step: the headers, the signed string and its SHA-256, the
signature (RSASSA-PSS, SHA-256, salt 32), the envelope, the AAD, AES-256-GCM,
the plaintext's _appid and _timestamp. When a step fails it names the cause:
a fifth line in the signed string, a urlpath with the query or without
https://, another timestamp, serial or appid, a body serialised again after
signing, PKCS#1 v1.5 or another salt length, a retired certificate.

--url is the API called (https://api.weixin.qq.com/wxa/... or the path);
for a request it defaults to the request line's path. With --at (RFC 3339
or "now") and --max-skew, an older timestamp is WeChat's 40240. Exit status
0 when everything verifies, 1 otherwise. Every key is optional: a step whose
key is missing is skipped (a public key or certificate in
WX_SECURE_RSA_KEY_FILE checks a request's signature without the private key).

` + secureHelp,
		maxArgs: 1,
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			u := fs.String("url", "", "the `URL` or path of the API called")
			at := fs.String("at", "", "judge the timestamp at `TIME` (RFC 3339, or now)")
			skew := fs.Duration("max-skew", 5*time.Minute, "with --at, the largest distance allowed between the timestamp and TIME")
			asJSON := fs.Bool("json", false, "print the report as one JSON object on one line")
			return func(args []string) int {
				if len(args) != 1 || args[0] != "explain" {
					return c.usage(lookup("secure"), "%s", c.tr("the subcommand is explain", "子命令为 explain"))
				}
				return c.runSecureExplain(*u, *at, *skew, *asJSON)
			}
		},
	})
}

func (c *cli) runSecureExplain(u, at string, skew time.Duration, asJSON bool) int {
	b, err := io.ReadAll(io.LimitReader(c.stdin, wxsecure.MaxCaptureLen+1))
	if err != nil {
		return c.fail(err, "")
	}
	m, err := wxsecure.ParseCapture(b)
	if err != nil {
		return c.secureFail(err)
	}
	path := wxsecure.APIPath(m, u)
	host := ""
	if i := strings.Index(u, "://"); i >= 0 {
		host, _, _ = strings.Cut(u[i+3:], "/")
	}
	if path == "" {
		return c.usage(lookup("secure"), "%s", c.tr("an answer does not say which API it answers: give --url", "应答中没有接口地址：请用 --url 指定"))
	}
	if host == "api.weixin.qq.com" {
		host = ""
	}
	appID, _ := wxsecure.HeaderValue(m.Header, wxsecure.HeaderAppID)
	k, err := c.secureKeys(appID, false)
	if err != nil {
		return c.secureFail(err)
	}
	o := wxsecure.Options{Lang: c.lang, Host: host}
	if at != "" {
		o.MaxSkew = skew
		o.Now = time.Now()
		if at != "now" {
			t, err := time.Parse(time.RFC3339, at)
			if err != nil {
				return c.usage(lookup("secure"), c.tr("--at %q: want RFC 3339 or now", "--at %q：应为 RFC 3339 时间或 now"), at)
			}
			o.Now = t
		}
	}
	r := wxsecure.Explain(m, wxsecure.CanonicalURL(path), k, o)
	if asJSON {
		c.stdout.Write(append(r.AppendJSON(nil), '\n'))
	} else {
		securereport.Write(c.stdout, r, c.renderOptions())
	}
	if !r.OK {
		return exitNotOK
	}
	return exitOK
}

// fakeSecure is `wxinspect fake --secure`: the material of the first app,
// written to files.
type fakeSecure struct {
	on  bool
	dir string
	mat *wxfake.SecureMaterial
}

func (c *cli) declareFakeSecure(fs *flag.FlagSet) *fakeSecure {
	s := &fakeSecure{}
	fs.BoolVar(&s.on, "secure", false, "serve getuserphonenumber in API security mode; write the client's material to files and print WX_SECURE_* exports")
	fs.StringVar(&s.dir, "secure-dir", "", "with --secure, write the material to `DIR` (default: a new temporary directory)")
	return s
}

// enable turns security mode on for every app and writes the first app's
// material: the symmetric and private keys into files of mode 0600, never on
// standard output.
func (s *fakeSecure) enable(c *cli, fake *wxfake.Server) (int, bool) {
	if !s.on {
		return 0, true
	}
	for i, a := range fake.Apps() {
		m, err := fake.EnableSecure(a.AppID)
		if err != nil {
			return c.fail(err, ""), false
		}
		if i == 0 {
			s.mat = m
		}
	}
	if s.dir == "" {
		d, err := os.MkdirTemp("", "wxinspect-secure-")
		if err != nil {
			return c.fail(err, ""), false
		}
		s.dir = d
	} else if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return c.fail(err, ""), false
	}
	abs, err := filepath.Abs(s.dir)
	if err != nil {
		return c.fail(err, ""), false
	}
	s.dir = abs
	for _, f := range []struct {
		name string
		data []byte
		mode os.FileMode
	}{
		{"sym.key", []byte(base64.StdEncoding.EncodeToString(s.mat.Keys.SymKey) + "\n"), 0o600},
		{"app_key.pem", s.mat.PrivatePEM, 0o600},
		{"platform.pem", s.mat.CertPEM, 0o644},
		{"secure.env", []byte(s.exports()), 0o644},
	} {
		p := filepath.Join(s.dir, f.name)
		os.Remove(p)
		if err := os.WriteFile(p, f.data, f.mode); err != nil {
			return c.fail(err, ""), false
		}
	}
	return 0, true
}

// exports are the WX_SECURE_* lines: file names and serials, no secret.
func (s *fakeSecure) exports() string {
	k := s.mat.Keys
	return "export WX_SECURE_SYM_KEY_FILE=" + filepath.Join(s.dir, "sym.key") + "\nexport WX_SECURE_SYM_SN=" + k.SymSN +
		"\nexport WX_SECURE_RSA_KEY_FILE=" + filepath.Join(s.dir, "app_key.pem") + "\nexport WX_SECURE_RSA_SN=" + k.RSASN +
		"\nexport WX_SECURE_CERT_FILE=" + filepath.Join(s.dir, "platform.pem") + "\nexport WX_SECURE_CERT_SN=" + k.Certs[0].SN + "\n"
}

func (s *fakeSecure) print(c *cli) {
	if s.mat == nil {
		return
	}
	io.WriteString(c.stdout, s.exports())
	c.note(c.tr("security mode: the keys are in %s (mode 0600); POST /_fake/secure/rotate rotates the platform certificate",
		"安全模式：密钥位于 %s（权限 0600）；POST /_fake/secure/rotate 可轮换平台证书"), s.dir)
}

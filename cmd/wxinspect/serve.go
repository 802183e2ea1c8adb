package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/wxinspect/wxinspect/core/wxfake"
	"github.com/wxinspect/wxinspect/wasm/web"
)

func init() {
	register(&command{
		name:  "serve",
		args:  "[--addr 127.0.0.1:8787]",
		short: "serve the browser debug page (everything embedded, works offline)",
		long: `Serves the debug page: the same checks as 'wxinspect inspect', compiled to
WebAssembly and run in the browser, so that nothing pasted into the page
leaves the machine. Binds 127.0.0.1 unless --addr says otherwise. Stops on
Ctrl-C.`,
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			addr := fs.String("addr", "127.0.0.1:8787", "listen on `HOST:PORT` (\":8787\" listens on every interface)")
			return func([]string) int {
				if !web.Available() {
					return c.fail(errors.New(c.tr("the debug page is not built into this binary", "此程序中没有内置调试页面")),
						c.tr("run 'make web', then rebuild wxinspect", "请运行 'make web'，然后重新构建 wxinspect"))
				}
				return c.listen(*addr, web.Handler(), func(url string) {
					c.note(c.tr("serving the debug page on %s", "调试页面地址：%s"), url+"/")
				})
			}
		},
	})
	register(&command{
		name:  "fake",
		args:  "[--addr 127.0.0.1:8788] [--app APPID]...",
		short: "run a local fake of the WeChat server API, for tests and demos",
		long: `Runs a fake of api.weixin.qq.com with WeChat's rules: stable_token and
token, jscode2session, getuserphonenumber, checksession, single-use codes,
errcodes and rids. Control endpoints play the mini-program's part:
  POST /_fake/login            {"appid"}                  → {"js_code", "openid"}
  POST /_fake/phone-code       {"appid", "phone_number"}  → {"code"}
  POST /_fake/encrypted-phone  {"appid", "openid", "phone_number"} → {"encrypted_data", "iv"}
Without --app, one app is made up; its WX_APPID and WX_SECRET (fake
credentials) are printed, with WX_API_BASE, as shell exports on standard
output. The apps of --app share the AppSecret of WX_SECRET (never taken on
the command line), or one made up and printed. Binds 127.0.0.1 unless --addr says otherwise. Stops on Ctrl-C.

--secure serves getuserphonenumber in API security mode: the client's keys
go to files of mode 0600 (--secure-dir), their paths and serials to WX_SECURE_*
exports; POST /_fake/secure/rotate {} rotates the platform certificate
(answers then carry Wechatmp-Serial-Deprecated), {"end": true} ends it.`,
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			addr := fs.String("addr", "127.0.0.1:8788", "listen on `HOST:PORT` (\":8788\" listens on every interface)")
			var apps appsFlag
			fs.Var(&apps, "app", "a mini-program the fake knows, by its `APPID` (repeatable); its AppSecret is WX_SECRET's")
			quiet := fs.Bool("quiet", false, "do not log each request on standard error")
			sec := c.declareFakeSecure(fs)
			return func([]string) int {
				if apps.gotSecret {
					return c.usage(lookup("fake"), "%s", c.tr("the AppSecret is never taken on the command line: give --app APPID and the secret in WX_SECRET",
						"AppSecret 不能通过命令行传入：请用 --app APPID，并把密钥放在环境变量 WX_SECRET 中"))
				}
				secret, madeUp := strings.TrimSpace(c.getenv("WX_SECRET")), false
				if secret == "" && len(apps.ids) > 0 {
					b := make([]byte, 16)
					rand.Read(b)
					secret, madeUp = hex.EncodeToString(b), true
				}
				var known []wxfake.App
				for _, id := range apps.ids {
					known = append(known, wxfake.App{AppID: id, Secret: secret})
				}
				opts := []wxfake.Option{wxfake.WithApps(known...)}
				if !*quiet {
					opts = append(opts, wxfake.WithLogger(slog.New(slog.NewTextHandler(c.stderr, nil))))
				}
				fake := wxfake.New(opts...)
				if st, ok := sec.enable(c, fake); !ok {
					return st
				}
				return c.listen(*addr, fake, func(url string) {
					c.note(c.tr("fake WeChat API on %s", "模拟的微信接口地址：%s"), url)
					fmt.Fprintf(c.stdout, "export WX_API_BASE=%s\n", url)
					for i, a := range fake.Apps() {
						if i == 0 {
							fmt.Fprintf(c.stdout, "export WX_APPID=%s\n", a.AppID)
						}
						if i == 0 && (len(apps.ids) == 0 || madeUp) {
							// Made up here: the user cannot know it otherwise.
							fmt.Fprintf(c.stdout, "export WX_SECRET=%s\n", a.Secret)
						}
					}
					sec.print(c)
					if f, ok := c.stdout.(interface{ Sync() error }); ok {
						f.Sync()
					}
				})
			}
		},
	})
}

// appsFlag collects --app APPID. An APPID:SECRET is refused (by the
// command, not by Set, whose error the flag package would print with the
// value): a secret on the command line stays in the shell history and in
// process listings.
type appsFlag struct {
	ids       []string
	gotSecret bool
}

func (a *appsFlag) String() string { return "" }

func (a *appsFlag) Set(s string) error {
	if strings.Contains(s, ":") {
		a.gotSecret = true
		return nil
	}
	if s == "" {
		return errors.New("want an APPID")
	}
	a.ids = append(a.ids, s)
	return nil
}

// listenAddr completes an address: a bare port listens on 127.0.0.1.
func listenAddr(addr string) string {
	if !strings.Contains(addr, ":") {
		return "127.0.0.1:" + addr
	}
	return addr
}

// listen serves h on addr until interrupted, saying where at start and
// whether other machines can connect.
func (c *cli) listen(addr string, h http.Handler, started func(url string)) int {
	ln, err := net.Listen("tcp", listenAddr(addr))
	if err != nil {
		return c.fail(err, c.tr("choose another port with --addr 127.0.0.1:PORT", "请用 --addr 127.0.0.1:PORT 换一个端口"))
	}
	tcp := ln.Addr().(*net.TCPAddr)
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	url := "http://" + net.JoinHostPort(host, fmt.Sprint(tcp.Port))
	started(url)
	if tcp.IP.IsLoopback() {
		c.note(c.tr("listening on %s only: other machines cannot connect", "仅监听 %s：其他机器无法连接"), ln.Addr())
	} else {
		c.warnf(c.tr("listening on %s: other machines on the network can connect", "正在监听 %s：网络中的其他机器可以连接"), ln.Addr())
	}
	c.note("%s", c.tr("press Ctrl-C to stop", "按 Ctrl-C 停止"))

	srv := newServer(h, defaultLimits)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return c.fail(err, "")
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(shutdown)
	c.note("%s", c.tr("stopped", "已停止"))
	return exitOK
}

package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/internal/render"
)

func init() {
	register(&command{
		name:  "demo",
		args:  "[--json] [--lang zh]",
		short: "decrypt WeChat's official sample and explain it (no input, no network)",
		long: `Inspects the example of WeChat's "开放数据校验与解密" document (appid
wx4f4bc4dec97d474b) and prints the full report, as 'wxinspect inspect' would.`,
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			asJSON := fs.Bool("json", false, "print the report as one JSON object on one line")
			return func([]string) int {
				in := core.OfficialSample()
				in.Lang = c.lang
				r := core.Inspect(in)
				if *asJSON {
					c.stdout.Write(append(r.AppendJSON(nil), '\n'))
				} else {
					o := c.renderOptions()
					fmt.Fprintln(c.stdout, o.Style("\x1b[2m", c.tr(
						"WeChat's official sample, appid wx4f4bc4dec97d474b, from\nhttps://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html",
						"微信官方示例（appid wx4f4bc4dec97d474b），来自\nhttps://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html")))
					fmt.Fprintln(c.stdout)
					render.Report(c.stdout, r, o)
					fmt.Fprintln(c.stdout)
					self := invocation()
					fmt.Fprintln(c.stdout, o.Style("\x1b[2m", fmt.Sprintf(c.tr(
						"Next: make your own test data and decrypt it:\n  %[1]s fixture --appid wx4f4bc4dec97d474b --kind phone | %[1]s decrypt --appid wx4f4bc4dec97d474b",
						"下一步：生成自己的测试数据并解密：\n  %[1]s fixture --appid wx4f4bc4dec97d474b --kind phone | %[1]s decrypt --appid wx4f4bc4dec97d474b"), self)))
				}
				if !r.OK {
					return exitNotOK
				}
				return exitOK
			}
		},
	})
	register(&command{
		name:  "version",
		args:  "[--json]",
		short: "print the version of wxinspect and of Go",
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			asJSON := fs.Bool("json", false, `print {"version", "go", "os", "arch"} on one line`)
			return func([]string) int {
				v := version()
				if *asJSON {
					fmt.Fprintf(c.stdout, `{"version":%q,"go":%q,"os":%q,"arch":%q}`+"\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
				} else {
					fmt.Fprintf(c.stdout, "wxinspect %s (%s %s/%s)\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
				}
				return exitOK
			}
		},
	})
}

// invocation is how to run this command again, for a next step that works
// as printed: "wxinspect" when that name on PATH is this executable, else
// the path it was started by (bin/wxinspect after make demo). A binary of
// `go run`, deleted when it exits, gets "wxinspect".
func invocation() string {
	exe, err := os.Executable()
	if err != nil {
		return "wxinspect"
	}
	if p, err := exec.LookPath("wxinspect"); err == nil && sameFile(p, exe) {
		return "wxinspect"
	}
	arg0 := os.Args[0]
	if strings.ContainsRune(arg0, filepath.Separator) && sameFile(arg0, exe) &&
		!strings.Contains(exe, string(filepath.Separator)+"go-build") && !strings.ContainsAny(arg0, " '\"$`\\") {
		return arg0
	}
	return "wxinspect"
}

func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// version is the release's version stamped by make release, else the module
// version the binary was built from ("(devel)" from a checkout), with the
// commit when the build recorded one.
func version() string {
	if releaseVersion != "" {
		return releaseVersion
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" && strings.HasPrefix(v, "(devel)") {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " " + rev + dirty
	}
	return v
}

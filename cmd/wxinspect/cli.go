package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/internal/render"
	"github.com/wxinspect/wxinspect/internal/secret"
)

// Exit statuses.
const (
	exitOK    = 0 // the result is ok
	exitNotOK = 1 // the result is not ok, or the command failed
	exitUsage = 2 // the command line is wrong
)

// cli is one run of the command: its streams, environment and language.
type cli struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string

	// tty is stdin when it is a terminal, for prompts; nil otherwise.
	tty                  *os.File
	stdoutTTY, stderrTTY bool

	lang    core.Lang
	langSet bool // --lang was given: it wins over a language in the input

	suggestInspect bool // decrypt got text that inspect would read
}

func newCLI(stdin *os.File, stdout, stderr io.Writer, getenv func(string) string) *cli {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	if secret.IsTerminal(stdin) {
		c.tty = stdin
	}
	if f, ok := stdout.(*os.File); ok {
		c.stdoutTTY = secret.IsTerminal(f)
	}
	if f, ok := stderr.(*os.File); ok {
		c.stderrTTY = secret.IsTerminal(f)
	}
	c.lang = envLang(getenv)
	c.stdout = &output{w: stdout}
	return c
}

// envLang is the language of the locale: LC_ALL, then LC_MESSAGES, then LANG,
// as POSIX orders them.
func envLang(getenv func(string) string) core.Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			return core.ParseLang(v)
		}
	}
	return core.English
}

// color reports whether output to a terminal (stdout or stderr) may be
// coloured: never with NO_COLOR (https://no-color.org) or a dumb terminal.
func (c *cli) color(tty bool) bool {
	return tty && c.getenv("NO_COLOR") == "" && c.getenv("TERM") != "dumb"
}

func (c *cli) renderOptions() render.Options {
	return render.Options{Lang: c.lang, Color: c.color(c.stdoutTTY)}
}

// tr picks the message in the run's language.
func (c *cli) tr(en, zh string) string {
	if c.lang == core.Chinese {
		return zh
	}
	return en
}

func (c *cli) say(label, style, msg string) {
	o := render.Options{Color: c.color(c.stderrTTY)}
	prefix := "wxinspect: "
	if label != "" {
		prefix += o.Style(style, label+":") + " "
	}
	// Messages may quote outside text (an errmsg, an appid): no escape
	// sequence of theirs reaches the terminal.
	for _, line := range strings.Split(strings.TrimRight(render.Clean(msg), "\n"), "\n") {
		fmt.Fprintln(c.stderr, prefix+line)
	}
}

// errorf prints "wxinspect: error: …" ("wxinspect: 错误: …" in Chinese).
func (c *cli) errorf(format string, a ...any) {
	c.say(c.tr("error", "错误"), "\x1b[1;31m", fmt.Sprintf(format, a...))
}

// warnf prints "wxinspect: warning: …".
func (c *cli) warnf(format string, a ...any) {
	c.say(c.tr("warning", "警告"), "\x1b[33m", fmt.Sprintf(format, a...))
}

// hint prints "wxinspect: hint: …".
func (c *cli) hint(format string, a ...any) {
	c.say(c.tr("hint", "提示"), "\x1b[36m", fmt.Sprintf(format, a...))
}

// note prints "wxinspect: …", for information such as a summary.
func (c *cli) note(format string, a ...any) { c.say("", "", fmt.Sprintf(format, a...)) }

// fail prints an error with a hint and returns exitNotOK.
func (c *cli) fail(err error, hint string) int {
	c.errorf("%v", err)
	if hint != "" {
		c.hint("%s", hint)
	}
	return exitNotOK
}

// usage prints a usage error and returns exitUsage.
func (c *cli) usage(cmd *command, format string, a ...any) int {
	c.errorf(format, a...)
	if cmd != nil {
		c.hint(c.tr("run 'wxinspect %s -h' for its usage", "运行 'wxinspect %s -h' 查看用法"), cmd.name)
	} else {
		c.hint("%s", c.tr("run 'wxinspect help' for the commands", "运行 'wxinspect help' 查看所有命令"))
	}
	return exitUsage
}

// command is one subcommand.
type command struct {
	name  string
	args  string // the synopsis after the name
	short string // one line for the command list
	long  string // the rest of the help: what it does, its input and output
	// flags declares the command's own flags on fs and returns the function
	// that runs it with the positional arguments.
	setup func(c *cli, fs *flag.FlagSet) func(args []string) int
	// maxArgs is the number of positional arguments accepted.
	maxArgs int
}

var commands []*command

// order is the order of the command list in the help.
var order = []string{"decrypt", "inspect", "batch", "fixture", "demo",
	"phone", "session", "token", "checksession", "user-keys", "reset-session-key", "check-encrypted", "rid",
	"component-session", "open-data",
	"secure", "serve", "fake", "version", "help"}

func register(cmd *command) { commands = append(commands, cmd) }

func lookup(name string) *command {
	for _, cmd := range commands {
		if cmd.name == name {
			return cmd
		}
	}
	return nil
}

func (c *cli) run(args []string) int {
	if len(args) == 0 {
		c.printHelp(c.stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	case "-version", "--version":
		name = "version"
	}
	cmd := lookup(name)
	if cmd == nil {
		if strings.HasPrefix(name, "-") {
			return c.usage(nil, "%s", c.tr("flags go after the command: wxinspect COMMAND [flags]", "参数应放在命令之后：wxinspect COMMAND [flags]"))
		}
		c.errorf(c.tr("unknown command %q", "未知命令 %q"), name)
		if s := closest(name); s != "" {
			c.hint(c.tr("did you mean 'wxinspect %s'? Run 'wxinspect help' for the commands", "是不是想运行 'wxinspect %s'？运行 'wxinspect help' 查看所有命令"), s)
		} else {
			c.hint("%s", c.tr("run 'wxinspect help' for the commands", "运行 'wxinspect help' 查看所有命令"))
		}
		return exitUsage
	}
	return c.finish(c.runCommand(cmd, args[1:]))
}

// secretFlags are flags people try out of habit. They do not exist: a value
// on the command line lands in the shell history and in every process
// listing. Naming them gives a better error than "flag provided but not
// defined".
var secretFlags = map[string]string{
	"session-key": "session_key", "session_key": "session_key", "sessionkey": "session_key", "key": "session_key",
	"secret": "AppSecret", "appsecret": "AppSecret", "app-secret": "AppSecret",
	"access-token": "access_token", "access_token": "access_token",
}

func (c *cli) runCommand(cmd *command, args []string) int {
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var lang string
	fs.StringVar(&lang, "lang", "", "language of messages and hints: en or zh (default: from LC_ALL, LC_MESSAGES or LANG)")
	run := cmd.setup(c, fs)

	for _, a := range args {
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "-") {
			continue
		}
		n := strings.TrimLeft(a, "-")
		if i := strings.IndexByte(n, '='); i >= 0 {
			n = n[:i]
		}
		if what, ok := secretFlags[strings.ToLower(n)]; ok && fs.Lookup(n) == nil {
			c.errorf(c.tr("the %s is never taken on the command line, where shell history and process listings would keep it",
				"%s 不能通过命令行参数传入，否则会留在 shell 历史和进程列表中"), what)
			c.hint("%s", c.secretSources(cmd, what))
			return exitUsage
		}
	}

	// Flags may come before or after the positional arguments.
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				c.printCommandHelp(c.stdout, cmd, fs)
				return exitOK
			}
			if lang != "" {
				c.lang = core.ParseLang(lang)
			}
			return c.usage(cmd, "%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			pos = append(pos, rest[1:]...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if lang != "" {
		c.langSet = true
		switch l := strings.ToLower(lang); {
		case l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_"):
			c.lang = core.English
		case core.ParseLang(l) == core.Chinese:
			c.lang = core.Chinese
		default:
			return c.usage(cmd, c.tr("--lang %q: want en or zh", "--lang %q：应为 en 或 zh"), lang)
		}
	}
	if len(pos) > cmd.maxArgs {
		if cmd.maxArgs == 0 {
			return c.usage(cmd, c.tr("%s takes no arguments, got %q", "%s 不接受参数，收到了 %q"), cmd.name, pos[0])
		}
		return c.usage(cmd, c.tr("too many arguments: %q", "参数过多：%q"), pos[cmd.maxArgs:])
	}
	return run(pos)
}

func (c *cli) secretSources(cmd *command, what string) string {
	switch what {
	case "session_key":
		return c.tr("give it in the JSON on standard input, with --session-key-file FILE, or in the WX_SESSION_KEY environment variable; on a terminal wxinspect asks for it without echo",
			"请放在标准输入的 JSON 中，或用 --session-key-file FILE，或设置环境变量 WX_SESSION_KEY；在终端中 wxinspect 会以不回显的方式询问")
	case "AppSecret":
		return c.tr("set WX_APPID and WX_SECRET in the environment (or WX_ACCESS_TOKEN)",
			"请在环境变量中设置 WX_APPID 和 WX_SECRET（或 WX_ACCESS_TOKEN）")
	}
	return c.tr("set WX_ACCESS_TOKEN in the environment, or WX_APPID and WX_SECRET",
		"请设置环境变量 WX_ACCESS_TOKEN，或 WX_APPID 和 WX_SECRET")
}

// closest suggests a command for a mistyped name.
func closest(name string) string {
	best, bestD := "", 3
	for _, cmd := range commands {
		if d := distance(name, cmd.name); d < bestD {
			best, bestD = cmd.name, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

const overview = `wxinspect decrypts and diagnoses WeChat mini-program open data and calls the
WeChat server APIs, naming the real cause of every failure.

Usage: wxinspect COMMAND [flags] [arguments]

Commands:
%s
Conventions:
  Results go to standard output; errors and hints to standard error.
  Exit status: 0 ok, 1 not ok (or failed), 2 usage error.
  --json prints the machine-readable result (for decrypt/inspect/demo: the
  report object on one line).
  --lang zh (or LANG/LC_ALL=zh_CN…) gives messages and hints in 简体中文.
  Secrets are never taken as arguments: the session_key comes on standard
  input, from --session-key-file FILE or WX_SESSION_KEY, or from a prompt
  without echo; API credentials from WX_APPID/WX_SECRET or WX_ACCESS_TOKEN.
  Colour only on a terminal, never with NO_COLOR set.

Run 'wxinspect COMMAND -h' for the flags of a command.
`

func (c *cli) printHelp(w io.Writer) {
	var b strings.Builder
	for _, name := range order {
		if cmd := lookup(name); cmd != nil {
			fmt.Fprintf(&b, "  %-17s %s\n", cmd.name, cmd.short)
		}
	}
	fmt.Fprintf(w, overview, b.String())
}

func (c *cli) printCommandHelp(w io.Writer, cmd *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: wxinspect %s %s\n\n%s\n", cmd.name, cmd.args, strings.TrimSpace(cmd.short))
	if cmd.long != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimRight(cmd.long, "\n"))
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	sort.Strings(names)
	if len(names) > 0 {
		fmt.Fprintf(w, "\nFlags:\n")
	}
	for _, n := range names {
		f := fs.Lookup(n)
		typ, usage := flag.UnquoteUsage(f)
		head := "  --" + n
		if typ != "" {
			head += " " + typ
		}
		if len(head) <= 26 {
			fmt.Fprintf(w, "%-28s%s", head, usage)
		} else {
			fmt.Fprintf(w, "%s\n%28s%s", head, "", usage)
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	}
}

func init() {
	register(&command{
		name:  "help",
		args:  "[COMMAND]",
		short: "show the commands, or the flags of one",
		setup: func(c *cli, fs *flag.FlagSet) func([]string) int {
			return func(args []string) int {
				if len(args) == 0 {
					c.printHelp(c.stdout)
					return exitOK
				}
				cmd := lookup(args[0])
				if cmd == nil {
					return c.usage(nil, c.tr("unknown command %q", "未知命令 %q"), args[0])
				}
				sub := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
				sub.String("lang", "", "language of messages and hints: en or zh (default: from LC_ALL, LC_MESSAGES or LANG)")
				cmd.setup(c, sub)
				c.printCommandHelp(c.stdout, cmd, sub)
				return exitOK
			}
		},
		maxArgs: 1,
	})
}

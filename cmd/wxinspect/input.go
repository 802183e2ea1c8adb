package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/internal/secret"
)

// maxInput is the most read from standard input or a file for one input:
// room for three fields of core.MaxFieldLen and some JSON around them.
const maxInput = 3*core.MaxFieldLen + 64<<10

// inputFlags are the flags of the commands that inspect open data.
type inputFlags struct {
	appID   string
	maxAge  ageFlag
	keyFile string
	json    bool
	now     timeFlag
	platformFlags
}

func (f *inputFlags) declare(fs *flag.FlagSet) {
	fs.StringVar(&f.appID, "appid", "", "your mini-program's `appid`: the watermark must name it (overrides the input's)")
	fs.Var(&f.maxAge, "max-age", "reject data whose watermark is older than `DURATION` (e.g. 10m, 2h, 7d)")
	fs.StringVar(&f.keyFile, "session-key-file", "", "read the session_key from `FILE` (\"-\": standard input)")
	fs.BoolVar(&f.json, "json", false, "print the report as one JSON object on one line")
	f.platformFlags.declare(fs)
	fs.Var(&f.now, "now", "check the watermark's age against `TIME` (RFC 3339 or Unix seconds), e.g. when a log line was written (default: the clock)")
}

// timeFlag is an instant given as RFC 3339 or Unix seconds.
type timeFlag struct{ t time.Time }

func (f *timeFlag) String() string {
	if f.t.IsZero() {
		return ""
	}
	return f.t.Format(time.RFC3339)
}

func (f *timeFlag) Set(s string) error {
	t, err := parseTime(s)
	f.t = t
	return err
}

// ageFlag is a duration that also accepts days ("7d") and plain seconds.
type ageFlag struct {
	d   time.Duration
	set bool
}

func (a *ageFlag) String() string {
	if !a.set {
		return ""
	}
	return a.d.String()
}

func (a *ageFlag) Set(s string) error {
	d, err := parseAge(s)
	if err != nil {
		return err
	}
	a.d, a.set = d, true
	return nil
}

func parseAge(s string) (time.Duration, error) {
	d, err := core.ParseMaxAge(s)
	if err != nil {
		return 0, errors.New("want a duration such as 300 (seconds), 10m, 2h or 7d, up to 100 years")
	}
	return d, nil
}

// readLimited reads r up to limit bytes, and never more than limit+1: an
// endless input (/dev/zero, a stuck pipe that keeps writing) ends the read
// as soon as it is over the limit, with tooLarge set.
func readLimited(r io.Reader, limit int) (b []byte, tooLarge bool, err error) {
	b, err = io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, false, err
	}
	if len(b) > limit {
		return nil, true, nil
	}
	return b, false, nil
}

// tooLargeReport is the report of an input bigger than anything wxinspect
// reads: it cannot be one piece of open data. n is its size, or -1 when
// only "more than limit" is known.
func tooLargeReport(lang core.Lang, what string, n int64, limit int) *core.Report {
	size := strconv.FormatInt(n, 10)
	if n < 0 {
		size = "more than " + strconv.Itoa(limit)
		if lang == core.Chinese {
			size = "超过 " + strconv.Itoa(limit)
		}
	}
	return core.ErrorReport(lang, what, core.CodeInputTooLarge,
		"field", what, "n", size, "max", strconv.Itoa(limit))
}

// readSource reads the input text from the file named by args[0], or from
// standard input. It returns a report instead when the input is too large.
func (c *cli) readSource(args []string) ([]byte, *core.Report, error) {
	var r io.Reader = c.stdin
	if len(args) > 0 && args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		r = f
	}
	b, tooLarge, err := readLimited(r, maxInput)
	if err != nil {
		return nil, nil, err
	}
	if tooLarge {
		return nil, tooLargeReport(c.lang, "input", -1, maxInput), nil
	}
	return b, nil, nil
}

// readsStdin reports whether the command reads its input from standard
// input rather than a file argument.
func readsStdin(args []string) bool { return len(args) == 0 || args[0] == "-" }

// sessionKey fills in.SessionKey from the sources, in order of precedence:
// --session-key-file, then the input itself, then WX_SESSION_KEY. The prompt
// comes later, with the other missing fields.
func (c *cli) sessionKey(f *inputFlags, in *core.Input) error {
	if f.keyFile != "" {
		k, err := secret.ReadFile(f.keyFile, c.stdin)
		if err != nil {
			return fmt.Errorf(c.tr("--session-key-file: %w", "--session-key-file：%w"), err)
		}
		in.SessionKey = k
		return nil
	}
	if in.SessionKey == "" {
		in.SessionKey = strings.TrimSpace(c.getenv("WX_SESSION_KEY"))
	}
	return nil
}

// prompt asks on the terminal for each field still missing. The session_key
// is read without echo; iv and encryptedData are not secret, but they are
// long, so they are read without echo too, to keep the screen readable.
func (c *cli) prompt(in *core.Input) error {
	if c.tty == nil || withoutPrompt(in) {
		return nil
	}
	for _, p := range []struct {
		v        *string
		en, zh   string
		required bool
	}{
		{&in.SessionKey, "session_key (not shown): ", "session_key（不回显）：", true},
		{&in.IV, "iv: ", "iv：", true},
		{&in.EncryptedData, "encryptedData: ", "encryptedData：", true},
	} {
		if *p.v != "" {
			continue
		}
		s, err := secret.Prompt(c.tty, c.stderr, c.tr(p.en, p.zh))
		if errors.Is(err, secret.ErrEmpty) {
			continue // Inspect names the missing field
		}
		if err != nil {
			return err
		}
		*p.v = s
	}
	return nil
}

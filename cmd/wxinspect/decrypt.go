package main

import (
	"bytes"
	"errors"
	"flag"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/internal/render"
)

func init() {
	register(&command{
		name:  "decrypt",
		args:  "[flags] [FILE]",
		short: "decrypt one piece of open data; print the data, or the cause of the failure",
		long: `Reads one JSON object on standard input (or from FILE) with session_key, iv,
encrypted_data and optionally appid; the camelCase sessionKey, encryptedData
and appId of a mini-program's e.detail and of logs are accepted too. Flags
override the object. The session_key may instead come from --session-key-file
or WX_SESSION_KEY; on a terminal, wxinspect asks for each missing value
without echo.

On success the decrypted JSON goes to standard output and any warning (a
repaired transport error, an unchecked appid) to standard error. On failure
the error and its hint go to standard error. With --json, standard output
holds exactly the report object on one line, whatever the outcome.

Exit status: 0 ok, 1 not ok, 2 usage error.

Example:
  echo '{"session_key":"…","iv":"…","encrypted_data":"…"}' | wxinspect decrypt --appid wx4f4bc4dec97d474b`,
		setup:   func(c *cli, fs *flag.FlagSet) func([]string) int { return c.setupOpen(fs, false) },
		maxArgs: 1,
	})
	register(&command{
		name:  "inspect",
		args:  "[flags] [FILE]",
		short: "explain open data pasted from anywhere: the full report with every finding and hint",
		long: `Reads anything pasted on standard input (or from FILE) and inspects every
record in it: a whole e.detail object, JSON log records (also escaped inside
a log line), a log line or query string with encryptedData=…&iv=… (URL-encoded
once or twice, '+' turned into spaces), "key: value" or "key：value" lines,
PHP var_dump or print_r, Java toString, Python dicts, Go's %+v, curl command
lines, raw HTTP requests, or the bare values (session_key, iv, encryptedData,
in that order). Base64 wrapped across lines is joined. Several records (one
per line, or one per object) give one report each, in order; fields of one
record spread over consecutive lines are combined.

--appid is the appid expected of every record (a record's own appid counts
only without it); the session_key of --session-key-file or WX_SESSION_KEY
fills the records that lack one.
On a terminal, for a single record, wxinspect asks for what is missing,
without echo.

Prints the full report of each record: the result, the watermark (appid
check, time, age), the data, every finding with its hint, and how the input
was read (the line and column of each field, its length, a masked preview).
--json prints one report object per line, one per record, in order.

Exit status: 0 when every record is ok, 1 otherwise, 2 usage error.`,
		setup:   func(c *cli, fs *flag.FlagSet) func([]string) int { return c.setupOpen(fs, true) },
		maxArgs: 1,
	})
}

// openFlags are the flags of decrypt and inspect.
type openFlags struct {
	inputFlags
	copy bool
}

func (c *cli) setupOpen(fs *flag.FlagSet, paste bool) func([]string) int {
	f := new(openFlags)
	f.declare(fs)
	fs.BoolVar(&f.copy, "copy", false, "also copy the phone number (or the JSON when there is none) to the clipboard")
	cmd := lookup("decrypt")
	if paste {
		cmd = lookup("inspect")
	}
	return func(args []string) int {
		if f.keyFile == "-" && readsStdin(args) {
			return c.usage(cmd, "%s", c.tr("--session-key-file - reads the session_key from standard input, so the input must come from a FILE argument",
				"--session-key-file - 表示从标准输入读取 session_key，此时输入须通过 FILE 参数给出"))
		}
		if paste {
			reps, err := c.gatherText(&f.inputFlags, args)
			if errors.Is(err, errPlatform) {
				return c.platformUsage(cmd, f.platform)
			}
			if err != nil {
				return c.fail(err, "")
			}
			code := exitOK
			for i, rep := range reps {
				if i > 0 && !f.json {
					c.stdout.Write([]byte("\n"))
				}
				if c.printReport(rep, f, true) != exitOK {
					code = exitNotOK
				}
			}
			return code
		}
		in, rep, err := c.gather(&f.inputFlags, args, paste)
		if errors.Is(err, errPlatform) {
			return c.platformUsage(cmd, f.platform)
		}
		if err != nil {
			return c.fail(err, "")
		}
		if rep == nil {
			rep = core.Inspect(in)
		}
		return c.printReport(rep, f, paste)
	}
}

// gatherText reads the text of inspect and inspects each record in it
// (core.ReadText), the fields a record lacks filled from the flags and the
// environment by the paste rule (core.Input.Paste) and, for a single record
// on a terminal, from a prompt.
func (c *cli) gatherText(f *inputFlags, args []string) ([]*core.Report, error) {
	if c.tty != nil && readsStdin(args) {
		c.note("%s", c.tr("paste the e.detail object, the log line or the values, then press Ctrl-D",
			"请粘贴 e.detail 对象、日志行或各个值，然后按 Ctrl-D"))
	}
	text, rep, err := c.readSource(args)
	if err != nil || rep != nil {
		return []*core.Report{rep}, err
	}
	given := core.Input{AppID: f.appID, Lang: c.lang, Now: f.now.t}
	if f.maxAge.set {
		given.MaxAge = f.maxAge.d
	}
	// A JSON object may state its platform; the reader finds the fields of
	// other platforms (Alipay's response and sign, Baidu's app_key, Douyin's
	// answer) and the core names the platform of their shape.
	if obj, err := core.ParseInput(text); err == nil {
		given.Platform = obj.Platform
	}
	if rep, err := c.applyPlatform(&f.platformFlags, &given); rep != nil || err != nil {
		return []*core.Report{rep}, err
	}
	if err := c.sessionKey(f, &given); err != nil {
		return nil, err
	}
	recs := core.ReadText(string(text))
	if r := recs[0]; len(recs) == 1 && r.SessionKey == "" && r.IV == "" && r.EncryptedData == "" && given.PlatformInput == (core.PlatformInput{}) {
		// A WeChat answer pasted in place of data.
		if rep := core.ExplainAnswer(string(text), c.lang); rep != nil {
			return []*core.Report{rep}, nil
		}
	}
	reps := make([]*core.Report, len(recs))
	for i, rec := range recs {
		if len(recs) == 1 && c.tty != nil {
			// Asked for what is missing, then inspected as InspectText would.
			rec, _ = given.Paste(rec)
			if err := c.prompt(&rec); err != nil {
				return nil, err
			}
		}
		reps[i] = core.InspectRecord(rec, given)
	}
	return reps, nil
}

// gather reads the input of decrypt (a JSON object) or inspect (anything
// pasted) and completes it from the flags, the environment and the
// terminal. When the input cannot be read it returns a report saying why.
func (c *cli) gather(f *inputFlags, args []string, paste bool) (core.Input, *core.Report, error) {
	var in core.Input
	prompting := c.tty != nil && readsStdin(args)
	if prompting && paste {
		c.note("%s", c.tr("paste the e.detail object, the log line or the values, then press Ctrl-D",
			"请粘贴 e.detail 对象、日志行或各个值，然后按 Ctrl-D"))
	}
	if !prompting || paste {
		text, rep, err := c.readSource(args)
		if err != nil || rep != nil {
			return in, rep, err
		}
		if len(bytes.TrimSpace(text)) > 0 {
			var perr error
			in, perr = core.ParseInput(text)
			if bad, ok := errors.AsType[*core.BadInputError](perr); ok {
				// Text that is not even an object was probably pasted from a log.
				c.suggestInspect = !bytes.HasPrefix(bytes.TrimSpace(text), []byte("{"))
				return in, bad.Report(c.lang), nil
			}
		}
	}
	if f.appID != "" {
		in.AppID = f.appID
	}
	if f.maxAge.set {
		in.MaxAge = f.maxAge.d
	}
	if in.Lang == "" || c.langSet {
		in.Lang = c.lang
	}
	in.Now = f.now.t
	if rep, err := c.applyPlatform(&f.platformFlags, &in); rep != nil || err != nil {
		return in, rep, err
	}
	if err := c.sessionKey(f, &in); err != nil {
		return in, nil, err
	}
	if err := c.prompt(&in); err != nil {
		return in, nil, err
	}
	return in, nil, nil
}

// printReport prints the outcome of decrypt (paste false) or inspect and
// returns the exit status.
func (c *cli) printReport(r *core.Report, f *openFlags, full bool) int {
	switch {
	case f.json:
		c.stdout.Write(append(r.AppendJSON(nil), '\n'))
	case full:
		render.Report(c.stdout, r, c.renderOptions())
	default:
		if r.OK {
			c.stdout.Write(render.PrettyJSON(r.Data.Raw))
		}
		c.printFindings(r)
	}
	if f.copy {
		c.copyResult(r)
	}
	if !r.OK {
		return exitNotOK
	}
	return exitOK
}

// printFindings prints the report's error, then its other findings, on
// standard error, each with its hint (a hint said once is not repeated).
func (c *cli) printFindings(r *core.Report) {
	seen := map[string]bool{}
	hint := func(h string) {
		if h != "" && !seen[h] {
			seen[h] = true
			c.hint("%s", h)
		}
	}
	if e := r.Error; e != nil {
		msg := string(e.Code) + ": " + e.Message
		if e.WeChatCode != 0 {
			msg += " (WeChat " + itoa(e.WeChatCode) + ")"
		}
		c.errorf("%s", msg)
		hint(e.Hint)
	}
	for _, fd := range r.Findings {
		msg := string(fd.Code) + ": " + fd.Message
		switch fd.Severity {
		case core.SeverityError:
			c.errorf("%s", msg)
		case core.SeverityWarning:
			c.warnf("%s", msg)
		default:
			continue
		}
		hint(fd.Hint)
	}
	if r.Error != nil && r.Error.Code == core.CodeBadInput && c.suggestInspect {
		c.hint("%s", c.tr("to read a log line, an e.detail object or bare values, use 'wxinspect inspect'",
			"要读取日志行、e.detail 对象或单独的值，请使用 'wxinspect inspect'"))
	}
}

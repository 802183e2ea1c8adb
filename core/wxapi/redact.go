package wxapi

import (
	"strings"

	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// redactRun is the shortest run of a secret's bytes that Redact hides: a
// secret cut short (22 of an AppSecret's 32 characters in a page title) is
// still a leak, while 8 bytes of a random secret turn up in other text by
// chance about once in 2^40 tries.
const redactRun = 8

// Redact returns text with each secret hidden as "***": the whole secret,
// and every run of 8 or more bytes that also occurs in a secret (so a
// secret cut short or split in two is hidden too). Secrets under 4 bytes are
// ignored: hiding them would garble the text without protecting anything;
// one of 4 to 7 bytes is hidden where it occurs whole.
//
// Everything that comes from outside and may be printed (an errmsg, a page
// title, a transport error) goes through Redact with the secrets in play;
// core/wxclient does it for its errors, with Call.Redact.
func Redact(text string, secrets ...string) string {
	var mask []bool
	for _, s := range secrets {
		if len(s) < 4 {
			continue
		}
		k := min(redactRun, len(s))
		if len(text) < k {
			continue
		}
		grams := make(map[string]struct{}, len(s)-k+1)
		for i := 0; i+k <= len(s); i++ {
			grams[s[i:i+k]] = struct{}{}
		}
		for i := 0; i+k <= len(text); i++ {
			if _, ok := grams[text[i:i+k]]; ok {
				if mask == nil {
					mask = make([]bool, len(text))
				}
				for j := i; j < i+k; j++ {
					mask[j] = true
				}
			}
		}
	}
	if mask == nil {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); i++ {
		if !mask[i] {
			b.WriteByte(text[i])
			continue
		}
		b.WriteString("***")
		for i+1 < len(text) && mask[i+1] {
			i++
		}
	}
	return b.String()
}

// Redact returns text with the credentials that the call carries (the
// access_token, secret and signature in its URL, its body and its headers)
// hidden as Redact hides them, and the more secrets given. An answer that
// echoes the request can quote nothing else of value.
func (c *Call) Redact(text string, more ...string) string {
	return Redact(text, append(c.secrets(), more...)...)
}

// secrets returns the values of the call's secret parameters, members and
// headers, as sent and unescaped.
func (c *Call) secrets() []string {
	var out []string
	if q := strings.IndexByte(c.URL, '?'); q >= 0 {
		for _, p := range strings.Split(c.URL[q+1:], "&") {
			if name, v, ok := strings.Cut(p, "="); ok && secretEnv(name) != "" {
				out = append(out, v, percentDecode(v))
			}
		}
	}
	if c.Body != nil {
		jsontext.ParseObject(string(c.Body), func(key string, v jsontext.Value) {
			if s, ok := v.String(); ok && secretEnv(key) != "" {
				out = append(out, s)
			}
		})
	}
	for _, h := range c.Header {
		if secretEnv(h.Name) != "" {
			out = append(out, h.Value)
		}
	}
	return out
}

// percentDecode undoes AppendQueryEscape.
func percentDecode(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	unhex := func(c byte) (byte, bool) {
		switch {
		case '0' <= c && c <= '9':
			return c - '0', true
		case 'a' <= c && c <= 'f':
			return c - 'a' + 10, true
		case 'A' <= c && c <= 'F':
			return c - 'A' + 10, true
		}
		return 0, false
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				b = append(b, hi<<4|lo)
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}

// GoString keeps %#v from printing the credentials in the call's fields.
func (c *Call) GoString() string { return "&wxapi.Call{" + c.String() + "}" }

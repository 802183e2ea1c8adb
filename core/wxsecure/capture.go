package wxsecure

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
)

// MaxCaptureLen is the longest capture ParseCapture reads: security-mode
// bodies are a few kilobytes.
const MaxCaptureLen = 1 << 20

// Message is one captured request or answer.
type Message struct {
	Response bool
	Method   string // requests: POST
	Target   string // requests: the request target, /wxa/…?access_token=…
	Status   int    // answers: the HTTP status
	Header   []wxapi.HeaderField
	Body     []byte
}

// ParseCapture reads a raw HTTP request or answer as a proxy or a packet
// capture shows it: the request line (POST /path HTTP/1.1) or status line
// (HTTP/1.1 200 OK), header lines, a blank line, the body; lines end in CRLF
// or LF. Lines of only "..." (elided headers, as in WeChat's guide) are
// skipped. The body is taken exactly, up to Content-Length when given;
// without it, one trailing line break (added by editors) is dropped.
func ParseCapture(b []byte) (*Message, error) {
	if len(b) > MaxCaptureLen {
		return nil, captureError("over " + strconv.Itoa(MaxCaptureLen) + " bytes")
	}
	b = bytes.TrimLeft(b, " \t\r\n")
	m := &Message{}
	line, rest, ok := cutLine(b)
	if !ok && len(b) == 0 {
		return nil, captureError("it is empty")
	}
	f := strings.Fields(string(line))
	switch {
	case len(f) >= 2 && strings.HasPrefix(f[0], "HTTP/"):
		m.Response = true
		n, err := strconv.Atoi(f[1])
		if err != nil || n < 100 || n > 999 {
			return nil, captureError("the status line has no status code")
		}
		m.Status = n
	case len(f) == 3 && strings.HasPrefix(f[2], "HTTP/") && isMethod(f[0]):
		m.Method, m.Target = f[0], f[1]
	default:
		return nil, captureError("the first line is neither a request line (POST /path HTTP/1.1) nor a status line (HTTP/1.1 200 OK)")
	}
	for {
		if len(rest) == 0 {
			break
		}
		line, rest, ok = cutLine(rest)
		if len(line) == 0 {
			break
		}
		s := strings.TrimSpace(string(line))
		if s == "..." || s == "…" {
			continue
		}
		name, value, found := strings.Cut(s, ":")
		if !found || name == "" || strings.ContainsAny(name, " \t") {
			return nil, captureError("a header line has no name: before the body comes a blank line")
		}
		m.Header = append(m.Header, wxapi.HeaderField{Name: name, Value: strings.TrimSpace(value)})
		if !ok {
			break
		}
	}
	body := rest
	if cl, has := HeaderValue(m.Header, "Content-Length"); has {
		n, err := strconv.Atoi(cl)
		if err != nil || n < 0 {
			return nil, captureError("Content-Length is not a number")
		}
		if n < len(body) && len(bytes.TrimRight(body[n:], "\r\n")) == 0 {
			body = body[:n]
		}
	} else {
		switch {
		case bytes.HasSuffix(body, []byte("\r\n")):
			body = body[:len(body)-2]
		case bytes.HasSuffix(body, []byte("\n")):
			body = body[:len(body)-1]
		}
	}
	m.Body = body
	return m, nil
}

// cutLine splits off one line ending in LF or CRLF; ok is false when there
// was no line break.
func cutLine(b []byte) (line, rest []byte, ok bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, false
	}
	line = b[:i]
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	return line, b[i+1:], true
}

func isMethod(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

func captureError(detail string) *Error {
	return fail(core.CodeCaptureInvalid, 0, "detail", detail)
}

// Path returns the path of a request's target, without the query; for an
// absolute-form target (a proxy's), the path of its URL.
func (m *Message) Path() string {
	t := m.Target
	if i := strings.Index(t, "://"); i >= 0 {
		t = t[i+3:]
		if j := strings.IndexByte(t, '/'); j >= 0 {
			t = t[j:]
		} else {
			t = "/"
		}
	}
	if q := strings.IndexAny(t, "?#"); q >= 0 {
		t = t[:q]
	}
	return t
}

// APIPath returns the API a capture concerns, "wxa/business/…": the path of
// url when given (a full URL or a path), else the request line's path. It is
// empty for an answer without url: an answer does not say what it answers.
func APIPath(m *Message, url string) string {
	path := m.Path()
	if url != "" {
		rest := url
		if i := strings.Index(url, "://"); i >= 0 {
			_, rest, _ = strings.Cut(url[i+3:], "/")
		}
		path, _, _ = strings.Cut(rest, "?")
	}
	return strings.Trim(path, "/")
}

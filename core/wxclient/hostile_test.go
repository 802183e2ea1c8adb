package wxclient_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxclient"
)

// leaks returns the first piece of a secret, 8 bytes or longer, found in s.
func leaks(s string, secrets ...string) string {
	for _, sec := range secrets {
		for i := 0; i+8 <= len(sec); i++ {
			if strings.Contains(s, sec[i:i+8]) {
				return sec[i : i+8]
			}
		}
	}
	return ""
}

// everyText is every text an error offers to be printed: its message, its
// explanation, and each error of its chain.
func everyText(err error) string {
	var b strings.Builder
	p := core.Explain(err, core.English)
	b.WriteString(p.Message + "\n" + p.Hint + "\n" + p.RID + "\n")
	for e := err; e != nil; e = errors.Unwrap(e) {
		b.WriteString(e.Error() + "\n")
	}
	var apiErr *wxapi.APIError
	if errors.As(err, &apiErr) {
		b.WriteString(apiErr.Msg + "\n" + apiErr.RID + "\n")
	}
	var respErr *wxapi.ResponseError
	if errors.As(err, &respErr) {
		b.WriteString(respErr.Title + "\n")
	}
	return b.String()
}

// TestHostileServer runs each call against a server on loopback that echoes
// the request (URI and body) in its errmsg and rid, puts a truncated secret
// in an HTML title, or fails the connection after quoting the URL: no error
// text may carry 8 bytes of the AppSecret, the token or the signature.
func TestHostileServer(t *testing.T) {
	t.Parallel()
	const token = "HOSTILE_TOKEN_0123456789abcdefghijklmnopqrstuvwxyz"
	for _, mode := range []string{"echo", "title", "rid"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				if strings.HasSuffix(r.URL.Path, wxapi.APIStableToken) && mode != "echo" {
					fmt.Fprintf(w, `{"access_token":%q,"expires_in":7200}`, token)
					return
				}
				echo := r.URL.RequestURI() + " " + strings.ReplaceAll(string(body), `"`, `'`)
				switch mode {
				case "echo":
					fmt.Fprintf(w, `{"errcode":40013,"errmsg":"invalid request %s"}`, echo)
				case "title":
					// 22 of the secret's 32 characters, and half the token.
					fmt.Fprintf(w, "<html><title>denied %s %s</title></html>", testApp.Secret[:22], token[:len(token)/2])
				case "rid":
					fmt.Fprintf(w, `{"errcode":40001,"errmsg":"bad rid: %s"}`, token)
				}
			}))
			defer srv.Close()
			c := wxclient.New(testApp.AppID, testApp.Secret, wxclient.WithBaseURL(srv.URL), wxclient.WithRetry(1, 0))
			ctx := context.Background()
			_, err := c.PhoneNumber(ctx, "code", "")
			if err == nil {
				t.Fatal("no error")
			}
			if l := leaks(everyText(err), testApp.Secret, token); l != "" {
				t.Fatalf("%q leaks in:\n%s", l, everyText(err))
			}
			sig := core.LoginSignature("tiihtNczf5v6AKRyjwEUhQ==", nil)
			err = c.CheckSession(ctx, "openid", "tiihtNczf5v6AKRyjwEUhQ==")
			if l := leaks(everyText(err), testApp.Secret, token, sig); err == nil || l != "" {
				t.Fatalf("%v: %q leaks", err, l)
			}
		})
	}
}

// urlQuotingTransport fails every request with an error that quotes its
// URL, as some instrumenting wrappers of http.RoundTripper do.
type urlQuotingTransport struct{}

func (urlQuotingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, errors.New("instrumented: giving up on " + r.URL.String())
}

// TestTransportErrorUnwrapRedacted checks the cause that errors.Unwrap
// returns, not only the message.
func TestTransportErrorUnwrapRedacted(t *testing.T) {
	t.Parallel()
	c := wxclient.New(testApp.AppID, testApp.Secret, wxclient.WithStaticToken("STATIC_TOKEN_abcdefghijklmnop"),
		wxclient.WithHTTPClient(&http.Client{Transport: urlQuotingTransport{}}), wxclient.WithBaseURL("http://127.0.0.1:9"))
	_, err := c.PhoneNumber(context.Background(), "code", "")
	var te *wxclient.TransportError
	if !errors.As(err, &te) {
		t.Fatalf("%T %v", err, err)
	}
	if l := leaks(everyText(err), "STATIC_TOKEN_abcdefghijklmnop"); l != "" || !strings.Contains(errors.Unwrap(err).Error(), "giving up") {
		t.Fatalf("%q leaks in:\n%s", l, everyText(err))
	}
}

// TestNoRedirect answers stable_token with a 307 to another server: the
// AppSecret must not be sent there, and the error says what came back.
func TestNoRedirect(t *testing.T) {
	t.Parallel()
	var stolen atomic.Int32
	thief := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stolen.Add(1)
	}))
	defer thief.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, thief.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	for _, hc := range []*http.Client{nil, {}} {
		opts := []wxclient.Option{wxclient.WithBaseURL(srv.URL), wxclient.WithRetry(1, 0)}
		if hc != nil {
			opts = append(opts, wxclient.WithHTTPClient(hc))
		}
		c := wxclient.New(testApp.AppID, testApp.Secret, opts...)
		_, err := c.FetchToken(context.Background(), false)
		var respErr *wxapi.ResponseError
		if !errors.As(err, &respErr) || respErr.Status != http.StatusTemporaryRedirect {
			t.Fatalf("%T %v, want a ResponseError of HTTP 307", err, err)
		}
		_, err = c.PhoneNumber(context.Background(), "code", "")
		if err == nil {
			t.Fatal("no error")
		}
	}
	if n := stolen.Load(); n != 0 {
		t.Fatalf("the redirect target got %d requests", n)
	}
	if hc := (&http.Client{}); hc.CheckRedirect != nil {
		t.Fatal("the caller's http.Client was changed")
	}
}

// TestPlainHTTPRefused checks that credentials never leave over plain http
// for another machine, while loopback (the fake) is fine.
func TestPlainHTTPRefused(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"http://api.weixin.qq.com", "http://192.0.2.1:8788", "HTTP://example.com/", "http://[2001:db8::1]"} {
		c := wxclient.New(testApp.AppID, testApp.Secret, wxclient.WithBaseURL(base))
		_, err := c.FetchToken(context.Background(), false)
		if !errors.Is(err, wxclient.ErrInsecureBase) {
			t.Errorf("%s: %v, want ErrInsecureBase", base, err)
		}
	}
	_, srv := start(t, nil)
	for _, base := range []string{srv.URL, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)} {
		c := wxclient.New(testApp.AppID, testApp.Secret, wxclient.WithBaseURL(base))
		if _, err := c.FetchToken(context.Background(), false); err != nil {
			t.Errorf("%s: %v", base, err)
		}
	}
}

// TestFormatHidesSecrets prints a client and a call every way fmt can.
func TestFormatHidesSecrets(t *testing.T) {
	t.Parallel()
	const secret = "ZZsecretZZ-only-in-this-test-0001"
	c := wxclient.New(testApp.AppID, secret, wxclient.WithStaticToken("STATIC_TOKEN_abcdefghijklmnop"))
	call := wxapi.NewStableTokenCall("", testApp.AppID, secret, false)
	call2 := wxapi.NewPhoneNumberCall("", "STATIC_TOKEN_abcdefghijklmnop", "code", "")
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb+" "+verb+" "+verb, c, call, call2)
		if l := leaks(out, secret, "STATIC_TOKEN_abcdefghijklmnop"); l != "" {
			t.Errorf("%s: %q leaks in %s", verb, l, out)
		}
	}
}

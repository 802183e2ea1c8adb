package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core/wxfake"
	"github.com/wxinspect/wxinspect/wasm/web"
)

// TestServerClosesIdleAndSlowConnections opens real keep-alive connections
// to the servers of `serve` and `fake` and leaves them idle, or sends a body
// too slowly: the server must close every one of them. The limits are
// shortened for the test; closing is awaited as EOF, with a generous bound.
func TestServerClosesIdleAndSlowConnections(t *testing.T) {
	t.Parallel()
	limits := defaultLimits
	limits.readHeader, limits.read, limits.idle = 300*time.Millisecond, 500*time.Millisecond, 300*time.Millisecond
	handlers := map[string]http.Handler{"fake": wxfake.New()}
	if web.Available() {
		handlers["serve"] = web.Handler()
	}
	for name, h := range handlers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			srv := newServer(h, limits)
			go srv.Serve(ln)
			defer srv.Close()
			addr := ln.Addr().String()
			closed := func(c net.Conn, r *bufio.Reader) error {
				c.SetReadDeadline(time.Now().Add(30 * time.Second))
				_, err := io.Copy(io.Discard, r)
				if err != nil {
					return fmt.Errorf("not closed by the server: %v", err)
				}
				return nil
			}
			// Idle keep-alive connections, after one request each.
			const n = 50
			conns := make([]net.Conn, n)
			readers := make([]*bufio.Reader, n)
			for i := range conns {
				c, err := net.Dial("tcp", addr)
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close()
				fmt.Fprintf(c, "GET /cgi-bin/token HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
				readers[i] = bufio.NewReader(c)
				resp, err := http.ReadResponse(readers[i], nil)
				if err != nil {
					t.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				conns[i] = c
			}
			for i, c := range conns {
				if err := closed(c, readers[i]); err != nil {
					t.Fatalf("idle connection %d: %v", i, err)
				}
			}
			// A connection that sends half its headers, and one that sends
			// a tenth of its body.
			for _, partial := range []string{
				"GET / HTTP/1.1\r\nHost: x\r\n",
				"POST /cgi-bin/stable_token HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"grant_ty",
			} {
				c, err := net.Dial("tcp", addr)
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close()
				io.WriteString(c, partial)
				if err := closed(c, bufio.NewReader(c)); err != nil {
					t.Fatalf("%q: %v", strings.SplitN(partial, "\r\n", 2)[0], err)
				}
			}
		})
	}
}

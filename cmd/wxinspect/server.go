package main

import (
	"net/http"
	"time"
)

// serverLimits bound what one client can hold of a server: `serve` and
// `fake` share them, so that neither keeps idle or slow connections open
// for ever, nor reads a body without end.
type serverLimits struct {
	readHeader time.Duration // the request line and headers
	read       time.Duration // the whole request, body included
	write      time.Duration // the answer
	idle       time.Duration // a kept-alive connection between requests
	maxHeader  int           // bytes of headers
	maxBody    int64         // bytes of a request body
}

var defaultLimits = serverLimits{
	readHeader: 5 * time.Second,
	read:       15 * time.Second,
	write:      30 * time.Second,
	idle:       60 * time.Second,
	maxHeader:  64 << 10,
	maxBody:    1 << 20,
}

// newServer is the one configuration of the HTTP servers of the command.
func newServer(h http.Handler, l serverLimits) *http.Server {
	return &http.Server{
		Handler:           http.MaxBytesHandler(h, l.maxBody),
		ReadHeaderTimeout: l.readHeader,
		ReadTimeout:       l.read,
		WriteTimeout:      l.write,
		IdleTimeout:       l.idle,
		MaxHeaderBytes:    l.maxHeader,
	}
}

// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
)

// StartInMemory serves org as Start does, with the same HTTP/1.1 server,
// over in-memory connections (net.Pipe) instead of a socket. Only the
// http.Client from Server.Client reaches it.
//
// Tests run it inside a testing/synctest bubble, whose fake clock moves
// only when every goroutine of the bubble is blocked on something of the
// bubble: a goroutine reading a socket never is, a pipe's is. So a test of
// rate-limit windows, retries and token expiry runs in milliseconds, with
// the org, the client and net/http's own timeouts on one clock.
func StartInMemory(org *Org) *Server {
	ln := &pipeListener{conns: make(chan net.Conn), closed: make(chan struct{})}
	return serveOn(org, ln, fmt.Sprintf("http://localhost:%d", 1024+inMemoryPort.Add(1)%64000), ln)
}

// inMemoryPort gives each in-memory org a URL of its own, so that state
// kept per org URL (such as a client's rate-limit state) is not shared.
// The ports start above 1023: a client writes http://localhost:80 as
// http://localhost, and the org would not know itself by that name.
var inMemoryPort atomic.Int32

// Client returns an http.Client for the server: the only one that reaches
// an in-memory server, and one with connections of its own for either.
func (s *Server) Client() *http.Client {
	tr := &http.Transport{}
	if s.pipes != nil {
		tr.DialContext = s.pipes.dial
	}
	return &http.Client{Transport: tr}
}

// pipeListener hands the server one end of a net.Pipe per dial.
type pipeListener struct {
	conns     chan net.Conn
	closed    chan struct{}
	closeOnce sync.Once
}

func (l *pipeListener) dial(ctx context.Context, _, _ string) (net.Conn, error) {
	server, client := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.closed:
		return nil, net.ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error {
	l.closeOnce.Do(func() { close(l.closed) })
	return nil
}

func (l *pipeListener) Addr() net.Addr { return pipeAddr{} }

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "in-memory" }

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// client sends GET requests over HTTP/1.1 keep-alive connections to one
// server, each request written and its answer read by the goroutine that
// sends it. It is lighter than net/http's Transport, which hands every
// request to two more goroutines of its connection (one writes, one reads):
// those hand-offs, their wake-ups and syscalls, were most of the
// generator's own CPU (0.3-0.4 ms a request), taken from the cores the
// server under test runs on.
type client struct {
	addr    string // host:port
	timeout time.Duration

	mu   sync.Mutex
	idle []*conn // most recently used last, so few connections stay busy
}

// conn is one keep-alive connection.
type conn struct {
	nc net.Conn
	r  *bufio.Reader
}

// newClient is a client of the server at base (http://host:port).
func newClient(base string, timeout time.Duration) (*client, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" || u.Host == "" {
		return nil, fmt.Errorf("url %q: want http://host:port", base)
	}
	host := u.Host
	if u.Port() == "" {
		host = net.JoinHostPort(u.Hostname(), "80")
	}
	return &client{addr: host, timeout: timeout}, nil
}

// request is the bytes of a GET of target (a full URL) to the client's server.
func (c *client) request(target string) ([]byte, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	return []byte("GET " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host + "\r\n\r\n"), nil
}

// get sends req and reads the whole answer; it returns the status code. A
// connection that was idle may have been closed by the server meanwhile:
// then, when nothing of the answer came back, it tries once more on a new
// one (as net/http's Transport does for a GET); not after a timeout.
func (c *client) get(req []byte) (int, error) {
	cn, reused := c.take()
	if cn == nil {
		var err error
		if cn, err = c.dial(); err != nil {
			return 0, err
		}
	}
	status, started, err := cn.roundTrip(req, c.timeout)
	var ne net.Error
	if err != nil && reused && !started && !(errors.As(err, &ne) && ne.Timeout()) {
		cn.close()
		if cn, err = c.dial(); err != nil {
			return 0, err
		}
		status, _, err = cn.roundTrip(req, c.timeout)
	}
	if err != nil {
		cn.close()
		return 0, err
	}
	c.put(cn)
	return status, nil
}

// roundTrip writes req on cn and reads its answer; started says whether any
// of the answer came back (so that it cannot be sent again safely).
func (cn *conn) roundTrip(req []byte, timeout time.Duration) (status int, started bool, err error) {
	cn.nc.SetDeadline(time.Now().Add(timeout))
	if _, err := cn.nc.Write(req); err != nil {
		return 0, false, err
	}
	if _, err := cn.r.Peek(1); err != nil {
		return 0, false, err
	}
	resp, err := http.ReadResponse(cn.r, nil)
	if err != nil {
		return 0, true, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err == nil && resp.Close { // answered, but the server closes the connection
		cn.close()
	}
	return resp.StatusCode, true, err
}

func (cn *conn) close() {
	if cn.nc != nil {
		cn.nc.Close()
		cn.nc = nil
	}
}

// take is an idle connection (reused) or a new one to dial.
func (c *client) take() (cn *conn, reused bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.idle); n > 0 {
		cn = c.idle[n-1]
		c.idle = c.idle[:n-1]
		return cn, true
	}
	return nil, false
}

// put keeps cn for the next request, unless it was closed.
func (c *client) put(cn *conn) {
	if cn == nil || cn.nc == nil {
		return
	}
	c.mu.Lock()
	c.idle = append(c.idle, cn)
	c.mu.Unlock()
}

func (c *client) dial() (*conn, error) {
	nc, err := net.DialTimeout("tcp", c.addr, c.timeout)
	if err != nil {
		return nil, err
	}
	return &conn{nc: nc, r: bufio.NewReaderSize(nc, 16<<10)}, nil
}

// close closes the idle connections.
func (c *client) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, cn := range c.idle {
		cn.close()
	}
	c.idle = nil
}

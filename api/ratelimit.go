package api

import (
	"fmt"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// maxClients bounds how many clients the write limiter remembers; when it is
// full, buckets that have refilled completely are forgotten first.
const maxClients = 10000

// limiter is a token bucket per client: rate tokens a second, at most burst.
type limiter struct {
	rate  float64
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst int, now func() time.Time) *limiter {
	if rate <= 0 {
		return nil
	}
	if burst < 1 {
		burst = int(math.Max(1, math.Ceil(rate)))
	}
	return &limiter{rate: rate, burst: float64(burst), now: now, buckets: map[string]*bucket{}}
}

// allow takes a token from client's bucket. When there is none it returns
// false and how long until there is one.
func (l *limiter) allow(client string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[client]
	if !ok {
		if len(l.buckets) >= maxClients {
			l.forget(now)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[client] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = math.Min(l.burst, b.tokens+el*l.rate)
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	return false, wait
}

// forget drops full buckets, or every bucket if none is full.
func (l *limiter) forget(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) >= maxClients {
		clear(l.buckets)
	}
}

// limitWrites answers 429 with Retry-After to a client that writes faster
// than the configured rate. Clients are told apart by IP address.
func (s *Server) limitWrites(c *gin.Context) {
	if s.writes == nil || !isWrite(c.Request.Method) {
		c.Next()
		return
	}
	ok, wait := s.writes.allow(c.ClientIP())
	if !ok {
		secs := int(math.Ceil(wait.Seconds()))
		if secs < 1 {
			secs = 1
		}
		c.Header("Retry-After", strconv.Itoa(secs))
		s.fail(c, fmt.Errorf("too many writes from this client (limit %.3g a second, burst %g): retry in %d s: %w",
			s.writes.rate, s.writes.burst, secs, errRateLimited))
		return
	}
	c.Next()
}

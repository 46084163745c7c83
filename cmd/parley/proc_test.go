package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for a writer and a reader at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serveProc is a running `parley serve`.
type serveProc struct {
	cmd    *exec.Cmd
	url    string
	stdout *lockedBuffer
	stderr *lockedBuffer
	done   chan struct{}
	err    error // valid after done is closed
}

// mustStartServe starts `parley serve ARGS...` (ARGS name the store and the
// address) and waits until it listens. At cleanup a process still running is
// killed.
func mustStartServe(t *testing.T, bin string, env []string, args ...string) *serveProc {
	t.Helper()
	p := &serveProc{cmd: exec.Command(bin, append([]string{"serve"}, args...)...),
		stdout: &lockedBuffer{}, stderr: &lockedBuffer{}, done: make(chan struct{})}
	p.cmd.Env = append(append(os.Environ(), "PARLEY_STORE=", "PARLEY_API_KEY="), env...)
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		first := true
		for sc.Scan() {
			p.stdout.Write(append(sc.Bytes(), '\n'))
			if first {
				lines <- sc.Text()
				first = false
			}
		}
		io.Copy(io.Discard, out)
		close(lines)
	}()
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	re := regexp.MustCompile(`listening on (http://\S+)`)
	select {
	case line, ok := <-lines:
		m := re.FindStringSubmatch(line)
		if !ok || m == nil {
			<-p.done
			t.Fatalf("serve printed %q, want 'listening on URL'; exit %v; stderr:\n%s", line, p.err, p.stderr)
		}
		p.url = m[1]
	case <-time.After(90 * time.Second):
		t.Fatalf("serve did not start within 90 s; stderr:\n%s", p.stderr)
	}
	return p
}

// running reports whether the process has not exited.
func (p *serveProc) running() bool {
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}

// stop sends SIGTERM and waits for the exit; its error is the exit status.
func (p *serveProc) stop(t *testing.T) error {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		return p.err
	case <-time.After(30 * time.Second):
		p.cmd.Process.Kill()
		t.Fatalf("serve did not stop within 30 s of SIGTERM; stderr:\n%s", p.stderr)
	}
	return nil
}

//go:build unix

package sqlite

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// walHeaderSize is the size of the two copies of the WAL-index header at the
// start of the -shm file (SQLite's WalIndexHdr, 48 bytes each; see
// https://www.sqlite.org/walformat.html#the_wal_index_file_format).
const walHeaderSize = 96

// versionCache answers Version without a query while the database has not
// changed. Every transaction that commits, by any connection of any process
// sharing the file, rewrites the header of the WAL index (the -shm file that
// all of them map): its frame count, checksums and salts change. So while
// the header stays as it was when the version was last read, the version is
// the same too, and Version reads it again only after the header changed.
// A read of the header is a few dozen loads from shared memory, against a
// query on a pooled connection (a read transaction, a B-tree seek: ~8% of
// a request's CPU at 1M meetings, with Version called 2-4 times a request).
//
// The header is mapped read-only from a descriptor that stays open until
// the store closes: closing any descriptor of a file drops every POSIX lock
// the process holds on it, SQLite's own included.
type versionCache struct {
	f    *os.File
	hdr  []byte // the first page of the -shm file, mapped; nil: always query
	last atomic.Pointer[seenHeader]
}

// seenHeader is a WAL-index header and the version read after it.
type seenHeader struct {
	hdr [walHeaderSize / 4]uint32
	v   int64
}

// open maps the WAL index of the database at path. Without one (not in WAL
// mode, or not a file) Version queries every time, as it did before.
func (c *versionCache) open(path string) {
	f, err := os.Open(path + "-shm")
	if err != nil {
		return
	}
	// SQLite sizes the file in 32 KB regions once WAL mode is on; shorter,
	// the header may not be there yet.
	if info, err := f.Stat(); err != nil || info.Size() < 4096 {
		f.Close()
		return
	}
	hdr, err := syscall.Mmap(int(f.Fd()), 0, 4096, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		f.Close()
		return
	}
	c.f, c.hdr = f, hdr
}

// close unmaps the header; the store's connections are closed already.
func (c *versionCache) close() {
	if c.hdr != nil {
		syscall.Munmap(c.hdr)
		c.hdr = nil
	}
	if c.f != nil {
		c.f.Close()
		c.f = nil
	}
}

// header reads the WAL-index header; ok is false if its two copies differ
// (a commit is writing it: SQLite writes the second copy, then the first,
// and its readers compare them the same way) or it cannot be read.
func (c *versionCache) header() (h [walHeaderSize / 4]uint32, ok bool) {
	if c.hdr == nil {
		return h, false
	}
	// Were the file cut short under the mapping (it is not while this
	// process has the database open), reading it faults: then query.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	for i := range h {
		h[i] = atomic.LoadUint32((*uint32)(unsafe.Pointer(&c.hdr[4*i])))
	}
	half := len(h) / 2
	return h, [walHeaderSize / 8]uint32(h[:half]) == [walHeaderSize / 8]uint32(h[half:])
}

// Version is the graph's change counter: every write, by any process that
// shares the file, makes it larger. A cache of what the store answers is
// good while the version stays the same.
func (s *Store) Version(ctx context.Context) (int64, error) {
	// In a snapshot whose transaction has begun, the version is the
	// transaction's: that of what its queries read. Before, it is the
	// graph's, as outside one (see Snapshot).
	if snap := s.snapshotOf(ctx); snap != nil {
		if v, ok, err := snap.txVersion(ctx); ok || err != nil {
			return v, err
		}
	}
	// The header is read before the version: a commit after this read
	// changes the header, so the next call reads the version again.
	h, ok := s.version.header()
	if ok {
		if last := s.version.last.Load(); last != nil && last.hdr == h {
			return last.v, nil
		}
	}
	var v int64
	if err := s.queryRow(ctx, versionSQL).Scan(&v); err != nil {
		return 0, fmt.Errorf("graph version: %w", translate(err))
	}
	if ok {
		s.version.last.Store(&seenHeader{hdr: h, v: v})
	}
	return v, nil
}

// walMark is the WAL-index header at one moment, for unchangedSince.
type walMark struct {
	hdr [walHeaderSize / 4]uint32
	ok  bool
}

// mark is the WAL-index header now.
func (c *versionCache) mark() walMark {
	h, ok := c.header()
	return walMark{h, ok}
}

// unchangedSince is the graph version if no transaction committed since m
// was taken (the header is the same) and the version of that header is
// known; ok is false otherwise.
func (c *versionCache) unchangedSince(m walMark) (v int64, ok bool) {
	h, ok := c.header()
	if !m.ok || !ok || h != m.hdr {
		return 0, false
	}
	last := c.last.Load()
	if last == nil || last.hdr != h {
		return 0, false
	}
	return last.v, true
}

// walPending is how many frames of the WAL are not copied into the database
// yet (the checkpointer's measure): the header's frame count (mxFrame, the
// 5th word) less the checkpoint's (nBackfill, the first word after the
// header). ok is false if they cannot be read.
func (c *versionCache) walPending() (n int, ok bool) {
	h, ok := c.header()
	if !ok {
		return 0, false
	}
	copied := atomic.LoadUint32((*uint32)(unsafe.Pointer(&c.hdr[walHeaderSize])))
	return int(h[4]) - int(copied), true
}

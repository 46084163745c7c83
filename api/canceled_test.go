package api_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley/parley/api"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph/sqlite"
	"github.com/parley/parley/ingest"
)

// A request whose client has gone away is no failure of the server: it is
// logged as a request (status 499), not as an error, and not counted a 500.
func TestClientGoneIsNoError(t *testing.T) {
	st, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(t.TempDir(), "parley.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var log bytes.Buffer
	srv := api.NewServer(st, ingest.New(st, extract.New()), slog.New(slog.NewJSONHandler(&log, nil)), api.Config{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/v1/meetings", nil).WithContext(ctx))
	if w.Code != 499 {
		t.Errorf("status %d, want 499", w.Code)
	}
	if strings.Contains(log.String(), `"level":"ERROR"`) {
		t.Errorf("logged as an error:\n%s", log.String())
	}
}

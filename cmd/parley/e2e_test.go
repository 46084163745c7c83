package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary builds parley once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "parley")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startServe starts `parley serve` on a free port over a temp store and
// returns its base URL; the process is stopped with SIGTERM at cleanup,
// and must exit 0.
func startServe(t *testing.T, bin string, args ...string) string {
	t.Helper()
	store := filepath.Join(t.TempDir(), "parley.db")
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--store", store}, args...)...)
	cmd.Env = append(os.Environ(), "PARLEY_STORE=")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default:
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve exited with %v after SIGTERM; stderr:\n%s", err, stderr.String())
			}
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Errorf("serve did not stop within 20 s of SIGTERM")
		}
	})
	re := regexp.MustCompile(`listening on (http://\S+)`)
	select {
	case line := <-lines:
		m := re.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("serve printed %q, want 'listening on URL'", line)
		}
		return m[1]
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not start within 60 s; stderr:\n%s", stderr.String())
	}
	return ""
}

func getJSON(t *testing.T, url string, into any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, into); err != nil {
		t.Fatalf("GET %s: %v: %s", url, err, b)
	}
	return resp.StatusCode
}

type meetingsBody struct {
	Items []struct {
		Date         *string `json:"date"`
		Participants []struct {
			Name string `json:"name"`
		} `json:"participants"`
		Sources []struct {
			ReportID string `json:"report_id"`
			Evidence string `json:"evidence"`
		} `json:"sources"`
	} `json:"items"`
}

// hasSudaniMeeting reports whether the answer holds the 2023-11-06 meeting with al-Sudani.
func hasSudaniMeeting(b meetingsBody) bool {
	for _, m := range b.Items {
		if m.Date == nil || *m.Date != "2023-11-06" || len(m.Sources) == 0 || m.Sources[0].Evidence == "" {
			continue
		}
		for _, p := range m.Participants {
			if strings.Contains(p.Name, "Sudani") {
				return true
			}
		}
	}
	return false
}

func TestServeEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)

	t.Run("SamplesAnswerTheFirstQuery", func(t *testing.T) {
		base := startServe(t, bin)
		var b meetingsBody
		if code := getJSON(t, base+"/v1/meetings?participant=Khamenei", &b); code != 200 || !hasSudaniMeeting(b) {
			t.Errorf("GET meetings?participant=Khamenei = %d %+v, want the 2023-11-06 meeting with al-Sudani", code, b)
		}
	})

	t.Run("PostThenQuery", func(t *testing.T) {
		base := startServe(t, bin, "--no-samples")
		var empty meetingsBody
		if code := getJSON(t, base+"/v1/meetings", &empty); code != 200 || len(empty.Items) != 0 {
			t.Fatalf("--no-samples store has meetings: %d %+v", code, empty)
		}
		text, err := os.ReadFile("../../examples/reports/shafaqna-2023-khamenei-al-sudani.txt")
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.Post(base+"/v1/reports", "text/plain", bytes.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		var posted struct {
			ReportID string `json:"report_id"`
		}
		json.NewDecoder(resp.Body).Decode(&posted)
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated || posted.ReportID == "" {
			t.Fatalf("POST /v1/reports = %d %+v, want 201 with an id", resp.StatusCode, posted)
		}
		var b meetingsBody
		if code := getJSON(t, base+"/v1/meetings?participant=khamenei&from=2023-11-01&to=2023-11-30", &b); code != 200 || !hasSudaniMeeting(b) {
			t.Fatalf("GET meetings = %d %+v", code, b)
		}
		if b.Items[0].Sources[0].ReportID != posted.ReportID {
			t.Errorf("source report = %s, want %s", b.Items[0].Sources[0].ReportID, posted.ReportID)
		}
		var errBody struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if code := getJSON(t, base+"/v1/meetings?participant=Nobody", &errBody); code != 404 || errBody.Error.Code != "not_found" {
			t.Errorf("unknown participant = %d %+v, want 404 not_found", code, errBody)
		}
	})
}

func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "parley.db")
	reports := filepath.Join(dir, "in")
	os.MkdirAll(filepath.Join(reports, "sub"), 0o755)
	seed, err := os.ReadFile("../../examples/reports/shafaqna-2023-khamenei-al-sudani.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(reports, "seed.txt"), seed, 0o644)
	os.WriteFile(filepath.Join(reports, "sub", "batch.jsonl"), []byte(
		`{"title": "Call", "published": "2024-05-02", "text": "President Joe Biden spoke by phone with President Volodymyr Zelensky on Wednesday."}`+"\n"+
			`{"title": "Broken", "text": 17}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(reports, "sub", "empty.txt"), nil, 0o644)

	var out, errOut bytes.Buffer
	e := &env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	err = run(context.Background(), []string{"ingest", "--store", store, reports}, e)
	if err == nil {
		t.Errorf("ingest with two bad reports returned nil, want an error counting them")
	}
	if !strings.Contains(out.String(), "reports read 4, new 2, already known 0, failed 2") {
		t.Errorf("summary = %q", out.String())
	}
	for _, want := range []string{"batch.jsonl:2", "empty.txt"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("failures %q do not name %s", errOut.String(), want)
		}
	}
	out.Reset()
	errOut.Reset()
	run(context.Background(), []string{"ingest", "--store", store, reports}, e)
	if !strings.Contains(out.String(), "new 0, already known 2") {
		t.Errorf("second run summary = %q, want everything already known", out.String())
	}
}

func TestExtractCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	text := "President Emmanuel Macron met Chancellor Olaf Scholz in Berlin on Monday. Macron said Europe must stand together."
	e := &env{getenv: func(string) string { return "" }, stdin: strings.NewReader(text), stdout: &out, stderr: &errOut}
	if err := run(context.Background(), []string{"extract", "--format", "json", "--published", "2023-06-07", "-"}, e); err != nil {
		t.Fatalf("extract: %v (%s)", err, errOut.String())
	}
	var got struct {
		Entities []struct{ ID, Name string }
		Meetings []struct {
			Participants []string
			Date         *string
			Evidence     string
		}
		Statements []struct{ Speaker, Evidence string }
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	if len(got.Meetings) != 1 || got.Meetings[0].Date == nil || *got.Meetings[0].Date != "2023-06-05" ||
		!strings.Contains(text, got.Meetings[0].Evidence) {
		t.Errorf("meetings = %+v, want one on Monday 2023-06-05 with exact evidence", got.Meetings)
	}
	if len(got.Statements) == 0 {
		t.Errorf("no statement found in %q", text)
	}
	for _, args := range [][]string{{"extract"}, {"extract", "--format", "xml", "-"}, {"extract", "--published", "yesterday", "-"}, {"nosuch"}} {
		if err := run(context.Background(), args, e); err == nil {
			t.Errorf("run(%q) = nil, want an error", args)
		}
	}
}

package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestExplorerInChromium drives the web explorer in a real headless
// Chromium against `parley serve` on a temp store with the sample reports:
// search "Khamenei" from its first letter, see his title with its period,
// open the meeting with al-Sudani (by a click and by its link on a fresh
// page), check its date and evidence sentence, draw the graph view and open
// a node from the keyboard, and fail on any console error and on any
// request that leaves the server.
// Screenshots go to $PARLEY_SCREENSHOTS (the README's come from
// PARLEY_SCREENSHOTS=testdata/screenshots), else to a temp dir.
func TestExplorerInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	browser := mustFindChromium(t)
	base := mustServe(t, mustBuildParley(t))
	shots := screenshotDir(t)
	sample, err := filepath.Abs("../examples/reports/shafaqna-2023-khamenei-al-sudani.txt")
	if err != nil {
		t.Fatal(err)
	}

	ctx, consoleErrors := mustBrowser(t, browser, base)
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		tctx, cancel := context.WithTimeout(ctx, 60*time.Second) // generous: CI runs other suites beside it
		defer cancel()
		if err := chromedp.Do(tctx, actions...); err != nil {
			t.Fatalf("%s: %v (console errors so far: %q)", step, err, consoleErrors())
		}
	}
	text := func(sel string) string {
		t.Helper()
		tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		s, err := chromedp.Run(tctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	attr := func(sel, name string) string {
		t.Helper()
		tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		a, err := chromedp.Run(tctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
		if err != nil {
			t.Fatalf("attribute %s of %s: %v", name, sel, err)
		}
		return a.Value
	}
	eval := func(js string) string {
		t.Helper()
		tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		v, err := chromedp.Run(tctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("evaluate %s: %v", js, err)
		}
		return v
	}
	// until waits for a JavaScript condition to hold.
	until := func(step, cond string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if _, err := chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(30*time.Second))(ctx, tg); err != nil {
				return fmt.Errorf("%s (%s): %w", step, cond, err)
			}
			return nil
		})
	}
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if _, err := chromedp.Evaluate[any](`window.scrollTo(0, 0)`)(ctx, tg); err != nil {
				return err
			}
			png, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name), png, 0o644)
		})
	}

	do("open the start page",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`//h2[text()="Latest reports"]/following-sibling::ul/li/a`),
		shot("home.png"))

	// Suggestions come from the first letter; typing on replaces them with
	// those for the longer prefix (the older request is aborted).
	options := `[...document.querySelectorAll('#search ~ ul li[role="option"]:not([aria-disabled])')].map((li) => li.textContent)`
	do("search K from the keyboard",
		chromedp.KeyEvent("/"),
		chromedp.WaitVisible(chromedp.CSS(`#search:focus`)),
		chromedp.KeyEvent("K"),
		until("one letter suggests actors", options+`.some((s) => s.includes('Ali Khamenei'))`),
		shot("search-one-letter.png"))
	if v := eval(`performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.includes('/v1/entities?q=K&')).length + ''`); v == "0" {
		t.Errorf("no request /v1/entities?q=K: the one-letter suggestions did not come from a one-letter search")
	}
	do("type on to Khamenei",
		chromedp.KeyEvent("hamenei"),
		until("the suggestions follow the typing", options+`.length > 0 && `+options+`.every((s) => /khamenei/i.test(s))`))
	if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#search`))); err != nil || v != "Khamenei" {
		t.Errorf("search box holds %q (%v) after / and typing, want the typed text only", v, err)
	}
	khamenei := entityTitles(t, base, "person:ali-khamenei")
	if len(khamenei) == 0 {
		t.Fatalf("the sample reports give Ali Khamenei no title with a period; the test needs one")
	}
	if s := text(`#search ~ ul`); !strings.Contains(s, "Ali Khamenei") || !strings.Contains(s, khamenei[0]) {
		t.Errorf("suggestions = %q, want Ali Khamenei with his title %q", s, khamenei[0])
	}
	do("open the actor from the suggestions",
		shot("search.png"),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(`//h1[contains(., "Ali Khamenei")]`))

	sudani := `//ol[contains(@class,"timeline")]/li[.//a[contains(., "Sudani")]]//a[contains(@class,"open")]`
	do("see the actor page",
		chromedp.WaitVisible(sudani),
		chromedp.WaitVisible(`//section[@id="statements"]//li[contains(@class,"statement")]`),
		shot("actor.png"))
	if got := text(`ul.titles`); !strings.Contains(got, khamenei[0]) {
		t.Errorf("actor page titles = %q, want %q (the title with its period)", got, khamenei[0])
	}
	if !regexp.MustCompile(`\(((since|until) )?\d{1,2} [A-Z][a-z]{2} \d{4}( – \d{1,2} [A-Z][a-z]{2} \d{4})?\)`).MatchString(text(`ul.titles li`)) {
		t.Errorf("actor page title %q shows no period such as (27 Oct 2022 – 9 Jan 2024)", text(`ul.titles li`))
	}

	do("open the meeting with al-Sudani",
		chromedp.Click(sudani),
		chromedp.WaitVisible(chromedp.CSS(`#meeting-date`)),
		chromedp.WaitVisible(chromedp.CSS(`.report-text mark.current`)))
	if d := text(`#meeting-date`); !strings.Contains(d, "2023-11-06") {
		t.Errorf("meeting date = %q, want 2023-11-06", d)
	}
	if m := text(`.report-text mark.current`); !strings.Contains(m, "during a meeting with Iraqi prime minister") || !strings.Contains(m, "al-Sudani") {
		t.Errorf("marked evidence = %q, want the sentence of the meeting with al-Sudani", m)
	}
	meetingLink := eval(`location.hash`)
	if !strings.HasPrefix(meetingLink, "#/meeting/") || strings.Contains(meetingLink, "?") {
		t.Errorf("meeting link = %q, want #/meeting/ID and nothing more", meetingLink)
	}

	do("open the report the meeting was read from",
		chromedp.Click(chromedp.CSS(`.source h3 a`)),
		chromedp.WaitVisible(`//h2[text()="Facts read from it"]`),
		chromedp.WaitVisible(chromedp.CSS(`.report-text mark.current`)),
		shot("report.png"))
	if m := text(`.report-text mark.current`); !strings.Contains(m, "al-Sudani") {
		t.Errorf("report page marks %q, want the meeting's sentence", m)
	}

	do("draw the graph of Khamenei's connections",
		chromedp.NavigateBack(),
		chromedp.WaitVisible(chromedp.CSS(`#meeting-date`)),
		chromedp.NavigateBack(),
		chromedp.WaitVisible(`//a[text()="Graph of connections"]`),
		chromedp.Click(`//a[text()="Graph of connections"]`),
		chromedp.WaitVisible(chromedp.CSS(`#graph[data-nodes] canvas`)),
		chromedp.Click(`//div[contains(@class,"edge-list")]//button[contains(., "met with")]`),
		chromedp.WaitVisible(chromedp.CSS(`.panel blockquote`)),
		shot("graph.png"))
	if n, _ := strconv.Atoi(attr(`#graph`, "data-nodes")); n < 3 {
		t.Errorf("graph drew %d nodes, want at least 3", n)
	}
	if n, _ := strconv.Atoi(attr(`#graph`, "data-edges")); n < 2 {
		t.Errorf("graph drew %d edges, want at least 2", n)
	}
	if ev := text(`.panel`); !strings.Contains(ev, "November 6, 2023") {
		t.Errorf("edge evidence = %q, want the meeting's sentence", ev)
	}
	active := `(document.querySelector('#graph').dataset.active || '')`
	focused := `(document.activeElement || {}).id === 'graph'`
	do("reach the drawing from the keyboard and move through its actors",
		chromedp.Focus(`//form//button[text()="Draw"]`),
		chromedp.KeyEvent(kb.Tab),
		until("Tab reaches the drawing", focused),
		until("the drawing says how to use it", `document.querySelector('#graph-say').textContent.includes('arrow keys')`),
		chromedp.KeyEvent(kb.ArrowRight),
		until("the first arrow highlights the root", active+` === 'person:ali-khamenei'`),
		chromedp.KeyEvent(kb.ArrowRight),
		until("the next arrow highlights another actor", active+` !== '' && `+active+` !== 'person:ali-khamenei'`),
		shot("graph-keyboard.png"))
	second := eval(active)
	say := text(`#graph-say`)
	secondName, _, _ := strings.Cut(say, " (")
	if !strings.Contains(say, "2 of ") || !strings.Contains(say, "Enter opens") {
		t.Errorf("the live region says %q, want the highlighted actor, its place and what Enter does", say)
	}
	if live := attr(`#graph-say`, "aria-live"); live != "polite" {
		t.Errorf("#graph-say aria-live = %q, want polite", live)
	}
	do("leave the drawing with Escape, and with Tab (no trap)",
		chromedp.KeyEvent(kb.Escape),
		until("Escape drops the highlight and leaves for the edge list", active+` === '' && !!document.activeElement.closest('.edge-list')`),
		chromedp.Focus(`//form//button[text()="Draw"]`),
		chromedp.KeyEvent(kb.Tab),
		until("Tab reaches the drawing again", focused),
		chromedp.KeyEvent(kb.Tab),
		until("Tab goes on past the drawing", `!(`+focused+`)`),
		chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)),
		until("Shift+Tab comes back to it", focused))
	do("open an actor of the drawing with Enter",
		chromedp.KeyEvent(kb.ArrowRight),
		chromedp.KeyEvent(kb.ArrowRight),
		until("the same actor is highlighted again", active+fmt.Sprintf(` === %q`, second)),
		chromedp.KeyEvent(kb.Enter),
		until("Enter opens the actor's page", fmt.Sprintf(`location.hash === '#/actor/' + encodeURIComponent(%q) && !!document.querySelector('h1') && document.querySelector('h1').textContent.includes(%q)`, second, secondName)),
		chromedp.NavigateBack(),
		chromedp.WaitVisible(chromedp.CSS(`#graph[data-nodes] canvas`)))
	depth1, _ := strconv.Atoi(attr(`#graph`, "data-nodes"))
	do("redraw the graph two levels deep",
		chromedp.SetValue(chromedp.CSS(`select[name="depth"]`), "2"),
		chromedp.Click(`//form//button[text()="Draw"]`))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(
		`Number((document.querySelector('#graph[data-nodes]') || {dataset: {}}).dataset.nodes || 0) > %d`, depth1),
		chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		t.Fatalf("the graph of depth 2 has no more nodes than that of depth 1 (%d): %v", depth1, err)
	}
	do("see the graph of depth 2", shot("graph-depth2.png"))

	do("open the meeting by its link on a fresh page",
		chromedp.Navigate(base+"/"+meetingLink),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`#meeting-date`)),
		chromedp.WaitVisible(chromedp.CSS(`.report-text mark.current`)),
		shot("meeting.png"))
	if d := text(`#meeting-date`); !strings.Contains(d, "2023-11-06") {
		t.Errorf("meeting date on a fresh page = %q, want 2023-11-06", d)
	}
	if m := text(`.report-text mark.current`); !strings.Contains(m, "al-Sudani") {
		t.Errorf("marked evidence on a fresh page = %q, want the sentence of the meeting with al-Sudani", m)
	}
	calls := eval(`performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname + new URL(e.name).search).filter((u) => u.startsWith('/v1/')).join(' ')`)
	if want := "/v1/meetings/" + strings.TrimPrefix(meetingLink, "#/meeting/"); !strings.Contains(calls, want) || strings.Contains(calls, "/v1/meetings?") {
		t.Errorf("a fresh meeting page called %s; want %s and no list of meetings", calls, want)
	}

	do("find the shortest connection to Iraq",
		chromedp.Navigate(base+"/#/connect?from=Khamenei&to=Iraq&hops=3"),
		chromedp.WaitVisible(chromedp.CSS(`#graph[data-nodes] canvas`)),
		shot("connections.png"))
	if n, _ := strconv.Atoi(attr(`#graph`, "data-nodes")); n < 2 {
		t.Errorf("connections drew %d nodes, want at least 2", n)
	}

	do("preview the facts of a pasted report",
		chromedp.Navigate(base+"/#/ingest"),
		chromedp.WaitVisible(chromedp.CSS(`textarea[name="text"]`)),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="text"]`), "Foreign Minister Sergey Lavrov met Wang Yi in Beijing on Friday."),
		chromedp.SendKeys(chromedp.CSS(`input[name="key"]`), apiKey),
		chromedp.SetValue(chromedp.CSS(`input[name="published"]`), "2024-03-01"),
		chromedp.Click(chromedp.CSS(`button[name="preview"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#ingest-results .facts-view`)),
		shot("ingest.png"))
	if f := text(`#ingest-results`); !strings.Contains(f, "Lavrov") || !strings.Contains(f, "Meetings (1)") || !strings.Contains(f, "met Wang Yi in Beijing") {
		t.Errorf("ingest preview = %q, want one meeting with Lavrov and its evidence", f)
	}
	do("store the pasted report and open the stored meeting",
		chromedp.Click(chromedp.CSS(`button[name="store"]`)),
		chromedp.WaitVisible(`//div[@id="ingest-results"]//p[contains(., "New report stored")]`),
		chromedp.Click(`//div[@id="ingest-results"]//a[text()="2024-03-01"]`),
		chromedp.WaitVisible(chromedp.CSS(`.report-text mark.current`)))
	if d := text(`#meeting-date`); !strings.Contains(d, "2024-03-01") {
		t.Errorf("stored meeting date = %q, want 2024-03-01", d)
	}

	do("see what others said about Iraq",
		chromedp.Navigate(base+"/#/actor/Iraq"),
		chromedp.WaitVisible(`//section[@id="said-about"]//li[contains(@class,"statement")]//a[text()="Ali Khamenei"]`),
		chromedp.WaitVisible(`//section[@id="supports"]//span[contains(@class,"claim")]//a`))

	do("preview the facts of an uploaded file",
		chromedp.Navigate(base+"/#/"),
		chromedp.Navigate(base+"/#/ingest"),
		chromedp.WaitVisible(chromedp.CSS(`input[type="file"]`)),
		chromedp.SetUploadFiles(chromedp.CSS(`input[type="file"]`), []string{sample}),
		chromedp.Click(chromedp.CSS(`button[name="preview"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#ingest-results .facts-view`)))
	if f := text(`#ingest-results`); !strings.Contains(f, filepath.Base(sample)) || !strings.Contains(f, "Khamenei") {
		t.Errorf("preview of %s = %.300q, want its facts", filepath.Base(sample), f)
	}

	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("the page logged %d console errors:\n%s", len(errs), strings.Join(errs, "\n"))
	}
	t.Logf("screenshots in %s", shots)
}

// entityTitles asks the API for an actor's titles that have a period and
// writes each as the page should: "Supreme Leader (5 Jan 2020)",
// "Prime Minister (27 Oct 2022 – 9 Jan 2024)", "(since …)", "(until …)".
func entityTitles(t *testing.T, base, id string) []string {
	t.Helper()
	res, err := http.Get(base + "/v1/entities/" + url.PathEscape(id))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var e struct {
		Titles []struct{ Title, From, To string }
	}
	if err := json.NewDecoder(res.Body).Decode(&e); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET entity %s: %s, %v", id, res.Status, err)
	}
	day := func(d string) string {
		tm, err := time.Parse(time.DateOnly, d)
		if err != nil {
			t.Fatalf("title day %q: %v", d, err)
		}
		return tm.Format("2 Jan 2006")
	}
	var out []string
	for _, x := range e.Titles {
		switch {
		case x.From != "" && x.To != "" && x.From == x.To:
			out = append(out, fmt.Sprintf("%s (%s)", x.Title, day(x.From)))
		case x.From != "" && x.To != "":
			out = append(out, fmt.Sprintf("%s (%s – %s)", x.Title, day(x.From), day(x.To)))
		case x.From != "":
			out = append(out, fmt.Sprintf("%s (since %s)", x.Title, day(x.From)))
		case x.To != "":
			out = append(out, fmt.Sprintf("%s (until %s)", x.Title, day(x.To)))
		}
	}
	return out
}

// mustFindChromium finds Debian's chromium (or $PARLEY_CHROMIUM). In CI
// (CI set) a missing browser fails the test; elsewhere it skips.
func mustFindChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("PARLEY_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; .ci/run installs Debian's chromium package")
	}
	t.Skip("chromium is not installed (apt-get install chromium, or set PARLEY_CHROMIUM): skipping the browser test")
	return ""
}

func mustBuildParley(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "parley")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/parley/parley/cmd/parley").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// apiKey is the key that writes need on the server of the browser test.
const apiKey = "e2e-secret"

// mustServe starts `parley serve` on a free port over a temp store (which
// it fills with the sample reports), writes needing apiKey, and returns its
// base URL.
func mustServe(t *testing.T, bin string) string {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--store", filepath.Join(t.TempDir(), "parley.db"), "--api-key", apiKey)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Errorf("serve did not stop within 20 s of SIGTERM")
		}
	})
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
	select {
	case line := <-lines:
		m := regexp.MustCompile(`listening on (http://\S+)`).FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("serve printed %q, want 'listening on URL'", line)
		}
		return m[1]
	case <-time.After(90 * time.Second):
		t.Fatalf("serve did not start within 90 s; stderr:\n%s", stderr.String())
	}
	return ""
}

// mustBrowser starts headless Chromium with a fresh profile and returns its
// context and a function that lists the console errors seen so far, and
// every request that went anywhere but base (the page must load nothing
// from the internet).
func mustBrowser(t *testing.T, path, base string) (context.Context, func() []string) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 860),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser; no timeout here
		t.Fatalf("start chromium %s: %v", path, err)
	}
	var mu sync.Mutex
	var errs []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				errs = append(errs, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line))
				mu.Unlock()
			}
		}
	}()
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			if u := ev.Request.URL; !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") {
				mu.Lock()
				errs = append(errs, "request to another origin: "+u)
				mu.Unlock()
			}
		}
	}()
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), errs...)
	}
}

func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PARLEY_SCREENSHOTS")
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "parley-screenshots-"); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

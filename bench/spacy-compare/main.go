// Command spacy-compare is Parley's half of bench/spacy-compare/run: it
// writes the texts both sides read (-emit), and times Parley's extractor over
// them (-in), printing words per second. The run script times spaCy's
// en_core_web_sm named-entity recognizer over the same file and prints the
// ratio.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/extract"
)

// text is one line of the texts file.
type text struct {
	Name      string `json:"name"`
	Published string `json:"published"`
	Text      string `json:"text"`
}

func main() {
	emit := flag.Int("emit", -1, "write the dev set and this many synthetic reports as JSON Lines to standard output")
	dev := flag.String("dev", "../shared/eval/dev", "the dev set's folder (dev-*.txt and .json)")
	seed := flag.Uint64("seed", 1, "seed of the synthetic reports")
	in := flag.String("in", "", "time extraction over this JSON Lines file")
	minTime := flag.Duration("min", 3*time.Second, "run at least this long")
	flag.Parse()
	var err error
	switch {
	case *emit >= 0:
		err = emitTexts(*dev, *seed, *emit)
	case *in != "":
		err = timeExtract(*in, *minTime)
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "spacy-compare:", err)
		os.Exit(1)
	}
}

func emitTexts(dev string, seed uint64, n int) error {
	w := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(w)
	files, _ := filepath.Glob(filepath.Join(dev, "dev-*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var meta struct {
			Published string `json:"published"`
		}
		if j, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".json"); err == nil {
			json.Unmarshal(j, &meta)
		}
		if err := enc.Encode(text{Name: filepath.Base(f), Published: meta.Published, Text: string(b)}); err != nil {
			return err
		}
	}
	c := synth.Corpus{Seed: seed}
	for i := range n {
		r := c.Report(i)
		if err := enc.Encode(text{Name: fmt.Sprintf("synth-%d", i), Published: r.Published, Text: r.Text}); err != nil {
			return err
		}
	}
	return w.Flush()
}

func timeExtract(path string, minTime time.Duration) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var texts []text
	words, bytes := 0, 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var t text
		if err := json.Unmarshal(sc.Bytes(), &t); err != nil {
			return err
		}
		texts = append(texts, t)
		words += len(strings.Fields(t.Text))
		bytes += len(t.Text)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	x := extract.New()
	for _, t := range texts[:min(len(texts), 20)] { // warm up
		x.Extract(extract.Input{Text: t.Text, Published: t.Published})
	}
	start := time.Now()
	passes := 0
	for time.Since(start) < minTime || passes == 0 {
		for _, t := range texts {
			x.Extract(extract.Input{Text: t.Text, Published: t.Published})
		}
		passes++
	}
	sec := time.Since(start).Seconds()
	fmt.Printf("parley: %d texts, %d words, %d passes in %.2fs: %.0f words/s, %.2f MB/s, %.0f reports/s\n",
		len(texts), words, passes, sec, float64(words*passes)/sec, float64(bytes*passes)/sec/1e6, float64(len(texts)*passes)/sec)
	fmt.Printf("parley_words_per_s=%.0f\n", float64(words*passes)/sec)
	return nil
}

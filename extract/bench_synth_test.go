package extract_test

import (
	"strings"
	"testing"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/extract"
)

// BenchmarkExtractSynthetic measures extraction over synthetic reports of
// about 3 KB (bench/synth, seed 1): MB/s is per core, as one goroutine
// extracts; reports/s and words/s are reported beside it.
func BenchmarkExtractSynthetic(b *testing.B) {
	inputs, bytes, words := synthInputs(200)
	x := extract.New()
	b.SetBytes(int64(bytes) / int64(len(inputs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Extract(inputs[i%len(inputs)])
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N)/sec, "reports/s")
	b.ReportMetric(float64(b.N)*float64(words)/float64(len(inputs))/sec, "words/s")
}

// BenchmarkExtractSyntheticParallel is BenchmarkExtractSynthetic on every
// core (GOMAXPROCS goroutines sharing one Extractor).
func BenchmarkExtractSyntheticParallel(b *testing.B) {
	inputs, bytes, _ := synthInputs(200)
	x := extract.New()
	b.SetBytes(int64(bytes) / int64(len(inputs)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			x.Extract(inputs[i%len(inputs)])
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

func synthInputs(n int) (inputs []extract.Input, bytes, words int) {
	c := synth.Corpus{Seed: 1}
	for i := range n {
		r := c.Report(i)
		inputs = append(inputs, extract.Input{Text: r.Text, Published: r.Published, Title: r.Title})
		bytes += len(r.Text)
		words += len(strings.Fields(r.Text))
	}
	return inputs, bytes, words
}

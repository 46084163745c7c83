package extract

// wordTable is a read-only map from word to word classes without pointers
// but one: the words end to end in one string, found by open addressing on
// an FNV-1a hash. It is faster than a map[string]uint16 for the one lookup
// per token, and the collector scans a single pointer.
type wordTable struct {
	words string     // the words, end to end
	slots []wordSlot // power-of-two size, at most half full
	mask  uint32
	empty uint32 // the classes of the empty word
}

type wordSlot struct {
	at, n uint32 // the word: words[at:at+n]; n == 0 for an empty slot
	cls   uint32
}

func newWordTable(m map[string]uint32) *wordTable {
	size := 16
	for size < 2*len(m) {
		size *= 2
	}
	t := &wordTable{slots: make([]wordSlot, size), mask: uint32(size - 1)}
	var b []byte
	for w, c := range m {
		if w == "" {
			t.empty = c
			continue
		}
		at := uint32(len(b))
		b = append(b, w...)
		i := wordHash(w) & t.mask
		for t.slots[i].n != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = wordSlot{at: at, n: uint32(len(w)), cls: c}
	}
	t.words = string(b)
	return t
}

func wordHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// get returns the classes of w (0 for a word not in the table).
func (t *wordTable) get(w string) uint32 {
	if w == "" {
		return t.empty
	}
	i := wordHash(w) & t.mask
	for {
		s := &t.slots[i]
		if s.n == 0 {
			return 0
		}
		if int(s.n) == len(w) && t.words[s.at:s.at+s.n] == w {
			return s.cls
		}
		i = (i + 1) & t.mask
	}
}

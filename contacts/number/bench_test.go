package number

import (
	"strconv"
	"strings"
	"testing"
)

// shape is one way a number is written, with its share of the cells: in
// text, {a} is the area code, {h} the head number, {e} the Durchwahl (a
// mobile's prefix and subscriber number for mobile shapes: {p}, {s}).
type shape struct {
	weight int
	text   string
}

// The shapes and shares of the generated Outlook export that
// contacts.BenchmarkLookupScale loads (contacts/scale_gen_test.go), so
// that this benchmark measures what an address book costs.
var (
	workShapes = []shape{{8, "0{a} {h}-{e}"}, {5, "0{a}/{h}{e}"}, {4, "(0{a}) {h} {e}"}, {6, "+49 {a} {h}{e}"},
		{5, "+49 (0){a} {h}-{e}"}, {3, "0049 {a} {h} {e}"}, {3, "+49-{a}-{h}-{e}"}, {3, "0{a}{h}{e}"},
		{2, "+49{a}{h}{e}"}, {1, "0{a} {h}-0, Durchwahl {e}"}, {1, "local"}, {1, "Tel. 0{a} {h}-{e}"},
		{1, "+49\u00a0{a}\u00a0{h}-{e}"}, {7, "0{a} - {h} {e}"}}
	mobileShapes = []shape{{1, "0{p} {s}"}, {1, "0{p}/{s}"}, {1, "+49 {p} {s}"}, {1, "+49 (0){p} {s3} {s2} {s5}"},
		{1, "0{p}-{s3} {s3+}"}, {1, "+49{p}{s}"}, {1, "0049 {p} {s}"}, {1, "(0{p}) {s}"}}
	foreignShapes = []string{"+43 1 5{2} {5}", "+41 44 {3} {2} {2}", "+33 1 4{1} {2} {2} {3}", "+44 (0)20 7{3} {4}",
		"0031 20 {3} {4}"}
	benchAreas   = []string{"30", "40", "89", "221", "211", "69", "711", "228", "231", "201", "341", "351", "511", "421", "911", "2241", "2203", "6221", "7531", "4621", "3322", "8821", "39203"}
	benchMobiles = []string{"151", "152", "157", "159", "160", "162", "163", "170", "171", "172", "173", "174", "175", "177", "178", "179"}
)

// pick chooses from shapes by h, as often as their weights say.
func pick(shapes []shape, h uint64) string {
	total := 0
	for _, s := range shapes {
		total += s.weight
	}
	n := int(h % uint64(total))
	for _, s := range shapes {
		if n -= s.weight; n < 0 {
			return s.text
		}
	}
	return ""
}

// benchNumber is one cell of the mix and whether it is a number.
type benchNumber struct {
	raw string
	ok  bool
}

// benchMix returns the work and mobile cells of contacts people (20 to a
// company: a switchboard "-0" and 19 direct lines with mobiles), written
// in the shapes above for a user in Köln.
func benchMix(contacts int) []benchNumber {
	var mix []benchNumber
	for i := range contacts {
		h := uint64(i+1) * 0x9e3779b97f4a7c15 // splitmix64's finaliser: every bit counts
		h = (h ^ h>>30) * 0xbf58476d1ce4e5b9
		h = (h ^ h>>27) * 0x94d049bb133111eb
		h ^= h >> 31
		c := i / 20
		area, head, ext := benchAreas[c%len(benchAreas)], strconv.Itoa(10000+c/len(benchAreas)), strconv.Itoa(10+i%20)
		if i%20 == 0 {
			ext = "0"
		}
		work := pick(workShapes, h)
		switch {
		case work == "local" && area == "221":
			work = "{h} {e}"
		case work == "local":
			work = "0{a} {h} {e}"
		}
		if i%20 != 0 && (h>>20)%100 < 3 {
			n := strconv.Itoa(1000000 + i)
			work = foreignShapes[i%len(foreignShapes)]
			for j := strings.IndexByte(work, '{'); j >= 0; j = strings.IndexByte(work, '{') {
				l := min(int(work[j+1]-'0'), len(n)) // "{3}": the next three digits of n
				work, n = work[:j]+n[:l]+work[j+3:], n[l:]
			}
		}
		mix = append(mix, benchNumber{strings.NewReplacer("{a}", area, "{h}", head, "{e}", ext).Replace(work), true})
		if i%20 == 0 {
			continue
		}
		p, s := benchMobiles[i%len(benchMobiles)], strconv.Itoa(1000000+i)
		if p[1] == '5' { // 015x: eight digits
			s = strconv.Itoa(10000000 + i)
		}
		switch (h >> 40) % 100 {
		case 0:
			mix = append(mix, benchNumber{"folgt", false})
		case 1:
			mix = append(mix, benchNumber{"0000 000", false})
		default:
			r := strings.NewReplacer("{p}", p, "{s}", s, "{s3}", s[:3], "{s2}", s[3:5], "{s5}", s[5:], "{s3+}", s[3:])
			mix = append(mix, benchNumber{r.Replace(pick(mobileShapes, h>>8)), true})
		}
	}
	// Side by side in one block, as in the file and a CSV reader's
	// buffer, rather than strewn over the heap by the replacers: the
	// parser finds its input in the cache, as in the index build.
	var block strings.Builder
	for _, n := range mix {
		block.WriteString(n.raw)
	}
	all := block.String()
	for i := range mix {
		mix[i].raw, all = all[:len(mix[i].raw)], all[len(mix[i].raw):]
	}
	return mix
}

// BenchmarkAppendE164 normalises the numbers of an address book as the
// index does: ns/number is the cost of one cell on the typical mix. The
// mix is normalised once before the clock starts, so that building the
// tables on first use (tens of milliseconds) is not counted even at
// -benchtime 1x.
func BenchmarkAppendE164(b *testing.B) {
	mix := benchMix(10000)
	var buf []byte
	run := func() {
		for _, n := range mix {
			var ok bool
			if buf, ok = AppendE164(buf[:0], n.raw, cologne); ok != n.ok {
				b.Fatalf("AppendE164(%q) ok = %v", n.raw, ok)
			}
		}
	}
	run()
	for b.Loop() {
		run()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(mix)), "ns/number")
}

// BenchmarkAppendE164Shapes measures single shapes, for profiles.
func BenchmarkAppendE164Shapes(b *testing.B) {
	for _, in := range []string{"0221 12345-23", "+49 (0)221 12345-23", "+49 171 1234567", "12345 23", "Tel. 0221 12345-0",
		"0221 12345-0, Durchwahl 23", "+49\u00a0221\u00a012345-23", "+44 (0)20 7946 0958", "folgt", "0000 000"} {
		b.Run(in, func(b *testing.B) {
			var buf []byte
			buf, _ = AppendE164(buf[:0], in, cologne)
			for b.Loop() {
				buf, _ = AppendE164(buf[:0], in, cologne)
			}
		})
	}
}

// TestBenchMix checks that the benchmark's mix is what it claims, and
// that Parse gives for its numbers what referenceParse does, the way
// without the shortcuts.
func TestBenchMix(t *testing.T) {
	mix := benchMix(2000)
	local := 0
	for i, n := range mix {
		e, ok := AppendE164(nil, n.raw, cologne)
		if ok != n.ok {
			t.Errorf("AppendE164(%q) = %q, %v", n.raw, e, ok)
		}
		if i%2 == 0 { // half of them: referenceParse is slow under the race detector
			if diff := sameParse(n.raw, cologne); diff != "" {
				t.Error(diff)
			}
		}
		if num, err := Parse(n.raw, cologne); err == nil && num.AreaCompleted {
			local++
		}
	}
	if len(mix) < 3800 || local == 0 {
		t.Errorf("mix of %d numbers, %d local: not the generator's", len(mix), local)
	}
}

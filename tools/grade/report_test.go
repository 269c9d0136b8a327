package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kubeling/kubeling/tools/course"
)

func TestFindFailureNamesTheStepAndItsOutput(t *testing.T) {
	transcript := `# start etcd (0.1s)
> exec storectl rev
[stdout]
1
> exec storectl update --rv 2 /registry/a v2
[stderr]
error: storage: conflict
[exit status 1]
FAIL: labs/01-storage/x.txtar:12: unexpected command failure
`
	step, reason, excerpt := findFailure(transcript)
	assert.Equal(t, "> exec storectl update --rv 2 /registry/a v2", step)
	assert.Equal(t, "labs/01-storage/x.txtar:12: unexpected command failure", reason)
	assert.Equal(t, []string{"[stderr]", "error: storage: conflict", "[exit status 1]"}, excerpt)
}

func TestFindFailureShowsThePanicNotTheTraceEnd(t *testing.T) {
	var lines []string
	lines = append(lines, "> exec storectl create /a v1", "[stderr]", "panic: TODO(chapter 1): etcd-create is not written yet", "", "goroutine 1 [running]:", "main.create()")
	for range 40 {
		lines = append(lines, "\truntime frame")
	}
	lines = append(lines, "FAIL: x.txtar:3: unexpected command failure")
	_, _, excerpt := findFailure(strings.Join(lines, "\n"))
	assert.Equal(t, "panic: TODO(chapter 1): etcd-create is not written yet", excerpt[0])
	assert.LessOrEqual(t, len(excerpt), excerptLines)
}

func TestReadHintsStopsAtArchiveFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lab.txtar")
	os.WriteFile(path, []byte("# story\n# hint: first\n#   hint: not a hint\n# hint:second\nexec x\n-- want.txt --\n# hint: data, not a hint\n"), 0o644)
	assert.Equal(t, []string{"first", "second"}, readHints(path))
}

func TestPointAtChapterFiles(t *testing.T) {
	r := labResult{Excerpt: []string{
		"\t/work/main/solutions/storage/etcd3/store.go:56 +0x25",
		"\t/work/main/solutions/storage/guaranteed_update.go:20",
		"\t/work/main/solutions/apiserver/server.go:9",
	}}
	r.pointAtChapterFiles([]course.Chapter{{Dir: "01-storage", Packages: []string{"storage", "storage/etcd3"}}})
	assert.Equal(t, []string{
		"\t/work/main/chapters/01-storage/storage/etcd3/store.go:56 +0x25",
		"\t/work/main/chapters/01-storage/storage/guaranteed_update.go:20",
		"\t/work/main/solutions/apiserver/server.go:9",
	}, r.Excerpt)
}

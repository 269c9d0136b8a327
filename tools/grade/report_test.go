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

func TestTestEventsNameTheFailedTestsAndTheirPanic(t *testing.T) {
	events := `{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Test":"TestA","Output":"panic: TODO(chapter 1): etcd-get is not written yet\n"}
{"Action":"output","Package":"p","Test":"TestA","Output":"goroutine 7 [running]:\n"}
{"Action":"output","Package":"p","Test":"TestA","Output":"testing.tRunner.func1()\n"}
{"Action":"output","Package":"p","Test":"TestA","Output":"\t/usr/local/go/src/testing/testing.go:1977 +0x349\n"}
{"Action":"output","Package":"p","Test":"TestA","Output":"p/etcd3.(*Store).Get(...)\n"}
{"Action":"output","Package":"p","Test":"TestA","Output":"\t/work/main/chapters/01-storage/storage/etcd3/store.go:70 +0x25\n"}
{"Action":"fail","Package":"p","Test":"TestA/sub"}
{"Action":"fail","Package":"p","Test":"TestA"}
{"Action":"pass","Package":"p","Test":"TestB"}
{"Action":"fail","Package":"p"}
{"Action":"build-output","ImportPath":"q","Output":"q/x.go:3:1: syntax error\n"}
{"Action":"build-fail","ImportPath":"q"}
`
	runs := readTestEvents([]byte(events))
	p := runs["p"]
	assert.Equal(t, []string{"TestA"}, p.failed, "subtests fold into their top-level test")
	assert.True(t, p.fail)
	r := summarizeTests("../..", course.Chapter{Dir: "01-storage"}, "storage/etcd3", p, 0)
	assert.False(t, r.Passed)
	assert.Equal(t, "1 failed: TestA", r.Reason)
	assert.Equal(t, []string{"panic: TODO(chapter 1): etcd-get is not written yet", "p/etcd3.(*Store).Get(...)",
		"\t/work/main/chapters/01-storage/storage/etcd3/store.go:70 +0x25"}, r.Excerpt, "only the course's frames")
	assert.True(t, runs["q"].buildFailed)
	assert.Equal(t, reasonNoCompile, summarizeTests("../..", course.Chapter{Dir: "01-storage"}, "storage", runs["q"], 0).Reason)
}

func TestHintsOfTestsComeFromTheirDocComments(t *testing.T) {
	src := "package p\n\n// TestA checks a.\n//\n// hint: a is the first letter\nfunc TestA(t *testing.T) {}\n\n// hint: stray\nvar x = 1\n\nfunc TestB(t *testing.T) {}\n"
	assert.Equal(t, map[string][]string{"TestA": {"a is the first letter"}, "TestB": nil}, hintsOfTests(src))
}

func TestNoteTodosGivesEachHintItsOwnLine(t *testing.T) {
	r := labResult{Excerpt: []string{"panic: TODO(chapter 1): etcd-get is not written yet (see chapters/01-storage/README.md)"}}
	r.noteTodos(map[string]course.Region{"etcd-get": {Name: "etcd-get", File: "solutions/storage/etcd3/store.go", Line: 9, Hints: []string{"one", "two"}}})
	assert.Equal(t, []string{"etcd-get is not written yet (chapters/01-storage/storage/etcd3/store.go:9)", "  one", "  two"}, r.Todo)
}

func TestFailedOutputCheckShowsTheOutputItChecked(t *testing.T) {
	transcript := `> exec kubectl get pods
[stdout]
NAME    READY   STATUS    RESTARTS   AGE
nginx   0/1     Pending   0          1s
> stdout 'nginx\s+0/1\s+CrashLoopBackOff'
FAIL: labs/02-apiserver/x.txtar:9: no match for ` + "`nginx\\s+0/1\\s+CrashLoopBackOff`" + ` found in stdout
`
	step, _, excerpt := findFailure(transcript)
	assert.Equal(t, `> stdout 'nginx\s+0/1\s+CrashLoopBackOff'`, step)
	assert.Equal(t, []string{"> exec kubectl get pods", "[stdout]", "NAME    READY   STATUS    RESTARTS   AGE", "nginx   0/1     Pending   0          1s"}, excerpt)
}

// TestRealGoTestOutput reads what go1.26's go test -json printed for a
// package that does not compile and for a test binary killed by a panic in
// a goroutine (testdata/go-test.json, recorded from two tiny packages).
func TestRealGoTestOutput(t *testing.T) {
	data, err := os.ReadFile("testdata/go-test.json")
	assert.NoError(t, err)
	runs := readTestEvents(data)
	c := course.Chapter{Dir: "01-storage"}

	broken := summarizeTests("../..", c, "storage", runs["ex/a"], 0)
	assert.Equal(t, reasonNoCompile, broken.Reason)
	assert.Contains(t, strings.Join(broken.Excerpt, "\n"), `cannot use "x" (untyped string constant) as int value`)

	died := summarizeTests("../..", c, "storage", runs["ex/d"], 0)
	assert.Equal(t, "1 failed: TestD", died.Reason, "the test that was running when the binary died")
	assert.Equal(t, "panic: TODO(chapter 1): x is not written yet", died.Excerpt[0])
}

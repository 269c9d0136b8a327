// This file grades a chapter's own unit tests beside its labs. The tests
// are what a learner runs for fast feedback (go test ./chapters/NN-*/...);
// grading them too means that a mistake the storage conformance suite or a
// golden Table test catches fails `make check`, not only the learner's own
// test run. Each package with tests is one item of the report.

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/kubeling/kubeling/tools/course"
)

// testTimeout bounds one package's tests: a region that blocks (a lost
// wakeup, a context never cancelled) fails, with the test that was running
// and the timeout's stack dump, after this long instead of hanging the
// grader. The slowest reference package takes
// about 20 s here.
const testTimeout = 2 * time.Minute

const reasonNoCompile = "the package or its tests do not compile"

// testFlags are the go test options grading varies.
type testFlags struct {
	race  bool // with the race detector
	noVet bool // without go test's vet checks: make regions, where the variants are
	// the course's own and vet's findings would only slow it down
}

// testEvent is one line of `go test -json` (cmd/test2json).
type testEvent struct {
	Action     string
	Package    string
	ImportPath string // build output (Go 1.24+) names the package here
	Test       string
	Output     string
	// FailedBuild, on a package's fail event, names the build that failed:
	// "pkg [pkg.test]" or a dependency; its output is under that ImportPath.
	FailedBuild string
}

// packageRun is what one package's tests did.
type packageRun struct {
	pkg          string
	output       []string            // package-level output, build errors included
	testOutput   map[string][]string // by top-level test
	failed       []string            // top-level tests that failed, in order
	started      []string            // top-level tests that began, in order
	ended        map[string]bool     // top-level tests that passed, failed or skipped
	passed, fail bool
	buildFailed  bool
	failedBuild  string // the build whose output explains buildFailed
}

// runChapterTests runs chapter c's tests with the graded code and returns one
// result per package that has tests.
func runChapterTests(root, work string, k code, c course.Chapter, flags testFlags) ([]labResult, error) {
	pkgs, err := testedPackages(root, c)
	if err != nil || len(pkgs) == 0 {
		return nil, err
	}
	return runPackageTests(root, work, k, c, pkgs, flags)
}

// runPackageTests runs the tests of some of chapter c's packages.
func runPackageTests(root, work string, k code, c course.Chapter, pkgs []string, flags testFlags) ([]labResult, error) {
	overlay, err := writeTestOverlay(root, work, k, c)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	var dirs []string
	for _, pkg := range pkgs {
		dirs = append(dirs, "./"+filepath.ToSlash(course.ChapterPath(c, pkg)))
	}
	runs, stderr, err := goTestJSON(root, overlay, dirs, flags)
	if err != nil {
		return nil, err
	}
	took := time.Since(start).Round(time.Millisecond)
	var results []labResult
	for _, pkg := range pkgs {
		run := runs[importPath(c, pkg)]
		if run == nil {
			// Nothing ran: go test stopped before the package (it does not
			// parse, say) and said why on stderr.
			run = &packageRun{fail: true, buildFailed: true, output: strings.Split(stderr, "\n")}
		}
		results = append(results, summarizeTests(root, c, pkg, run, took))
	}
	return results, nil
}

// testedPackages returns chapter c's packages that have tests.
func testedPackages(root string, c course.Chapter) ([]string, error) {
	var pkgs []string
	for _, pkg := range c.Packages {
		tests, err := filepath.Glob(filepath.Join(root, course.SolutionsPath(pkg), "*_test.go"))
		if err != nil {
			return nil, err
		}
		if len(tests) > 0 {
			pkgs = append(pkgs, pkg)
		}
	}
	return pkgs, nil
}

func importPath(c course.Chapter, pkg string) string {
	return course.Module + "/" + filepath.ToSlash(course.ChapterPath(c, pkg))
}

// goTestJSON runs go test -json in the given folders and reads its events
// by package. It also returns what go test wrote to stderr.
func goTestJSON(root, overlay string, dirs []string, flags testFlags) (map[string]*packageRun, string, error) {
	args := []string{"test", "-json", "-count=1", "-timeout", testTimeout.String(), "-overlay", overlay}
	if flags.race {
		args = append(args, "-race")
	}
	if flags.noVet {
		args = append(args, "-vet=off")
	}
	cmd := exec.Command("go", append(args, dirs...)...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		return nil, "", fmt.Errorf("running go test: %w", err)
	}
	return readTestEvents(out), strings.TrimSpace(stderr.String()), nil
}

// readTestEvents folds go test's JSON events into one run per package.
func readTestEvents(out []byte) map[string]*packageRun {
	runs := map[string]*packageRun{}
	get := func(pkg string) *packageRun {
		if runs[pkg] == nil {
			runs[pkg] = &packageRun{pkg: pkg, testOutput: map[string][]string{}, ended: map[string]bool{}}
		}
		return runs[pkg]
	}
	defer func() {
		for _, r := range runs {
			r.finish(runs)
		}
	}()
	scanner := bufio.NewScanner(bytes.NewReader(out))
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for scanner.Scan() {
		var e testEvent
		if json.Unmarshal(scanner.Bytes(), &e) != nil {
			continue
		}
		if e.Package == "" {
			e.Package = e.ImportPath
		}
		get(e.Package).add(e)
	}
	return runs
}

// add folds one event into the run.
func (r *packageRun) add(e testEvent) {
	top, _, _ := strings.Cut(e.Test, "/")
	if top == e.Test && top != "" {
		switch e.Action {
		case "run":
			r.started = append(r.started, top)
		case "pass", "fail", "skip":
			r.ended[top] = true
		}
	}
	switch {
	case e.Action == "fail" && e.Test == "" && e.FailedBuild != "":
		r.buildFailed, r.fail, r.failedBuild = true, true, e.FailedBuild
	case e.Action == "build-output":
		r.output = append(r.output, strings.TrimRight(e.Output, "\n"))
	case e.Action == "build-fail":
		r.buildFailed, r.fail = true, true
	case e.Action == "output" && top != "":
		r.testOutput[top] = append(r.testOutput[top], strings.TrimRight(e.Output, "\n"))
	case e.Action == "output":
		r.output = append(r.output, strings.TrimRight(e.Output, "\n"))
	case e.Action == "fail" && e.Test == "":
		r.fail = true
	case e.Action == "fail" && top == e.Test:
		r.failed = append(r.failed, e.Test)
	case e.Action == "pass" && e.Test == "":
		r.passed = true
	}
}

// finish completes a run once every event is read. A failed build's
// output was filed under the build's own name; a test binary that died (a
// panic in a goroutine, the timeout's stack dump) sends no fail event for
// the test that was running, so a test that began and never ended counts
// as failed.
func (r *packageRun) finish(runs map[string]*packageRun) {
	if r.failedBuild != "" && runs[r.failedBuild] != nil && runs[r.failedBuild] != r {
		r.output = append(runs[r.failedBuild].output, r.output...)
	}
	if !r.fail || len(r.failed) > 0 {
		return
	}
	for _, name := range r.started {
		if !r.ended[name] {
			r.failed = append(r.failed, name)
		}
	}
}

// summarizeTests turns one package's run into a report item.
func summarizeTests(root string, c course.Chapter, pkg string, run *packageRun, took time.Duration) labResult {
	dir := "./" + filepath.ToSlash(course.ChapterPath(c, pkg))
	r := labResult{Kind: kindTest, Chapter: c.Dir, Name: pkg + " tests", Duration: took, Passed: run.passed && !run.fail}
	if r.Passed {
		return r
	}
	r.Hints = testHints(root, pkg, run.failed)
	switch {
	case run.buildFailed:
		r.FailedStep = "go test " + dir
		r.Reason = reasonNoCompile
		r.Excerpt = tail(nonEmpty(run.output), excerptLines)
	case len(run.failed) > 0:
		r.FailedStep = fmt.Sprintf("go test -run '^(%s)$' %s", strings.Join(run.failed, "|"), dir)
		r.Reason = fmt.Sprintf("%d failed: %s", len(run.failed), strings.Join(run.failed, ", "))
		r.Excerpt = failureExcerpt(run.testOutput[run.failed[0]])
	default:
		// No test failed, yet the package did: a panic outside a test, or
		// the timeout's stack dump.
		r.FailedStep = "go test " + dir
		r.Reason = "the tests did not finish"
		r.Excerpt = failureExcerpt(run.output)
	}
	return r
}

// failureExcerpt shows a panic from its first line (which names the TODO
// and, below it, the learner's file and line), or else the output's end.
func failureExcerpt(lines []string) []string {
	lines = nonEmpty(lines)
	for i, line := range lines {
		if strings.HasPrefix(strings.TrimSpace(line), "panic: ") {
			return courseFrames(lines[i:])
		}
	}
	return tail(lines, excerptLines)
}

// courseFrames keeps a panic's first line and the stack frames in the
// course's own code: the runtime's and the testing package's say nothing
// to a learner. A frame is a function line followed by its file line.
func courseFrames(panicked []string) []string {
	out := []string{panicked[0]}
	for i := 2; i < len(panicked) && len(out) < excerptLines; i++ {
		file := panicked[i]
		if strings.HasPrefix(file, "\t") && (strings.Contains(file, "/chapters/") || strings.Contains(file, "/solutions/")) {
			out = append(out, panicked[i-1], file)
		}
	}
	return out
}

func nonEmpty(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "=== ") {
			out = append(out, l)
		}
	}
	return out
}

// testHints returns the "hint:" lines of the doc comments of the failed
// tests, read from the reference test files of pkg, in the failed order.
func testHints(root, pkg string, failed []string) []string {
	files, _ := filepath.Glob(filepath.Join(root, course.SolutionsPath(pkg), "*_test.go"))
	byTest := map[string][]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for name, hints := range hintsOfTests(string(data)) {
			byTest[name] = hints
		}
	}
	var hints []string
	seen := map[string]bool{}
	for _, name := range failed {
		for _, h := range byTest[name] {
			if !seen[h] {
				seen[h] = true
				hints = append(hints, h)
			}
		}
	}
	return hints
}

var testFunc = regexp.MustCompile(`^func (Test\w+)\(`)

// hintsOfTests maps each test function of a file to the "// hint:" lines of
// its doc comment.
func hintsOfTests(src string) map[string][]string {
	out := map[string][]string{}
	var comment []string
	for _, line := range strings.Split(src, "\n") {
		if m := testFunc.FindStringSubmatch(line); m != nil {
			out[m[1]] = comment
		}
		if h, ok := strings.CutPrefix(strings.TrimSpace(line), "// hint:"); ok {
			comment = append(comment, strings.TrimSpace(h))
		} else if !strings.HasPrefix(line, "//") {
			comment = nil
		}
	}
	return out
}

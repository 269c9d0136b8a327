// Command grade runs a chapter's tests and labs against the learner's code
// and says, item by item, what passed and what to do about what failed.
//
//	make check CHAPTER=1                  # the learner's chapter 1, reference for the rest
//	make check CHAPTER=all                # the learner's code for every chapter
//	make check CHAPTER=1 USE=solutions    # the same labs on the reference code
//
// Course maintainers also run `-use starter -expect fail`: every item must
// fail on the untouched starter code, or it proves nothing; and
// `-each-region`, which writes each region wrongly in several ways and
// requires each to fail some item (tools/README.md, "proving a region"). A
// JSON report for classroom graders is written with -json.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kubeling/kubeling/tools/course"
)

type options struct {
	chapter string
	use     source
	expect  string
	json    string
	run     *regexp.Regexp
	verbose bool
	race    bool   // run the chapter's tests with the race detector
	noTests bool   // labs only
	region  string // -each-region: only this region's variants
}

func main() {
	var o options
	var use, run string
	flag.StringVar(&o.chapter, "chapter", "", "chapter number to grade, or all")
	flag.StringVar(&use, "use", string(fromLearner), "whose code: learner (chapters/), starter (freshly generated) or solutions (reference)")
	flag.StringVar(&o.expect, "expect", "pass", "pass: every lab must pass; fail: every lab must fail (checks that labs prove something)")
	flag.StringVar(&o.json, "json", "", "also write a JSON report to this file")
	flag.StringVar(&run, "run", "", "only labs whose name matches this regular expression")
	flag.BoolVar(&o.verbose, "v", false, "print every lab's full transcript")
	flag.BoolVar(&o.race, "race", false, "run the chapter's tests with the race detector (slower to build)")
	flag.BoolVar(&o.noTests, "labs-only", false, "run the labs but not the chapter's tests")
	flag.StringVar(&o.region, "region", "", "with -each-region: only the variants of this region")
	list := flag.Bool("list", false, "print the numbers of the chapters that have labs, and exit")
	eachRegion := flag.Bool("each-region", false, "write each lab region of the chapter wrongly, one variant at a time, and check that some test or lab fails")
	buildInto := flag.String("build", "", "only build the cluster's commands (with -chapter and -use) into this folder, and exit")
	flag.Parse()
	if *list {
		listChapters()
		return
	}
	o.use = source(use)
	var err error
	if o.run, err = regexp.Compile(run); err != nil {
		fatal(fmt.Errorf("-run: %w", err))
	}
	if o.use != fromLearner && o.use != fromStarter && o.use != fromSolutions {
		fatal(fmt.Errorf("-use must be learner, starter or solutions, not %q", use))
	}
	if o.expect != "pass" && o.expect != "fail" {
		fatal(fmt.Errorf("-expect must be pass or fail, not %q", o.expect))
	}
	if *buildInto != "" {
		if err := buildOnly(o, *buildInto); err != nil {
			fatal(err)
		}
		return
	}
	grade := grade
	if *eachRegion {
		grade = checkEachRegion
	}
	ok, err := grade(o)
	if err != nil {
		fatal(err)
	}
	if !ok {
		os.Exit(1)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "grade:", err)
	os.Exit(2)
}

// report is the JSON report.
type report struct {
	Chapter  string      `json:"chapter"`
	Use      source      `json:"use"`
	Time     time.Time   `json:"time"`
	Passed   int         `json:"passed"`
	Failed   int         `json:"failed"`
	Compiled bool        `json:"compiled"`
	Compiler string      `json:"compiler_output,omitempty"`
	Items    []labResult `json:"items"` // each package's tests, then each lab
}

func grade(o options) (bool, error) {
	root, graded, err := rootAndChapters(o.chapter)
	if err != nil {
		return false, err
	}
	for _, tool := range []string{"kubectl", "etcdctl"} {
		if _, err := os.Stat(filepath.Join(root, "bin", tool)); err != nil {
			return false, fmt.Errorf("bin/%s is missing: run `make tools` (make check does this for you)", tool)
		}
	}
	work, err := os.MkdirTemp("", "kubeling-grade-")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(work)

	fmt.Printf("grading chapter %s with the %s code\n", o.chapter, o.use)
	rep, err := runGraded(root, work, codeFor(o.use), graded, o)
	if err != nil {
		return false, err
	}
	rep.Chapter, rep.Use, rep.Time = o.chapter, o.use, time.Now().UTC()
	fmt.Println()
	if o.expect == "fail" {
		return reportExpectFail(rep), writeReport(o, &rep)
	}
	rep.Passed, rep.Failed = printReport(os.Stdout, rep.Items, o.verbose)
	if rep.Failed > 0 {
		fmt.Println("\nA failure names the step that failed and a hint; the chapter's README explains the idea behind it.")
	}
	fmt.Printf("%d passed, %d failed\n", rep.Passed, rep.Failed)
	return rep.Failed == 0 && rep.Passed > 0, writeReport(o, &rep)
}

// runGraded runs every graded item of the chapters on code k: each chapter's
// tests (unless o.noTests), then its labs, built with k swapped in.
func runGraded(root, work string, k code, graded []course.Chapter, o options) (report, error) {
	rep := report{Compiled: true}
	todos, err := todoHints(root, graded)
	if err != nil {
		return rep, err
	}
	for _, c := range graded {
		if o.noTests {
			break
		}
		tests, err := runChapterTests(root, work, k, c, testFlags{race: o.race})
		if err != nil {
			return rep, err
		}
		rep.Items = append(rep.Items, tests...)
	}
	labs, err := runChapterLabs(root, work, k, graded, o, &rep)
	if err != nil {
		return rep, err
	}
	rep.Items = append(rep.Items, labs...)
	for i := range rep.Items {
		rep.Items[i].noteTodos(todos)
		if k.use != fromSolutions {
			rep.Items[i].pointAtChapterFiles(graded)
		}
	}
	return rep, nil
}

// runChapterLabs builds the lab commands with k swapped in and runs the
// chapters' labs; code that does not compile fails every lab.
func runChapterLabs(root, work string, k code, graded []course.Chapter, o options, rep *report) ([]labResult, error) {
	binDir, err := buildLabCommands(root, work, k, graded, rep)
	if err != nil {
		return nil, err
	}
	if !rep.Compiled {
		fmt.Printf("\nThe code does not compile, so no lab can run:\n%s\n\n", indent(rep.Compiler, "  | "))
	}
	var results []labResult
	for _, c := range graded {
		labs, err := labFiles(root, c, o.run)
		if err != nil {
			return nil, err
		}
		if !rep.Compiled {
			for _, file := range labs {
				results = append(results, labResult{Kind: kindLab, Chapter: c.Dir, Name: strings.TrimSuffix(filepath.Base(file), ".txtar"),
					Reason: "the code does not compile (see above)", Hints: readHints(file)})
			}
			continue
		}
		ran, err := runLabsFiles(root, labs, binDir, o.verbose)
		if err != nil {
			return nil, err
		}
		for i := range ran {
			ran[i].Chapter = c.Dir
		}
		results = append(results, ran...)
	}
	return results, nil
}

// buildLabCommands builds the lab commands with k swapped in and returns the
// folder they are in; a compiler error is recorded in rep.
func buildLabCommands(root, work string, k code, graded []course.Chapter, rep *report) (string, error) {
	overlay, err := writeBuildOverlay(root, work, k, graded)
	if err != nil {
		return "", err
	}
	binDir := filepath.Join(work, "bin")
	if out, err := buildCommands(root, overlay, binDir); err != nil {
		rep.Compiled, rep.Compiler = false, out
	}
	return binDir, nil
}

// reportExpectFail checks that every item fails on the code graded (the
// untouched starter), and names those that do not.
func reportExpectFail(rep report) bool {
	var passing []string
	for _, r := range rep.Items {
		status := "fails, as it must"
		if r.Passed {
			status = "PASSES on the starter code: it proves nothing"
			passing = append(passing, r.Chapter+"/"+r.Name)
		}
		fmt.Printf("  %-50s %s\n", r.Chapter+"/"+r.Name, status)
	}
	if len(passing) > 0 {
		fmt.Printf("%d of %d items pass on the %s code: %s\n", len(passing), len(rep.Items), rep.Use, strings.Join(passing, ", "))
		return false
	}
	fmt.Printf("all %d items (tests and labs) fail on the %s code, as they must\n", len(rep.Items), rep.Use)
	return len(rep.Items) > 0
}

func writeReport(o options, rep *report) error {
	if o.json == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(o.json), 0o755); err != nil {
		return err
	}
	return writeJSON(o.json, rep)
}

// rootAndChapters finds the repository and the chapters -chapter names.
func rootAndChapters(arg string) (string, []course.Chapter, error) {
	root, err := findRoot()
	if err != nil {
		return "", nil, err
	}
	graded, err := chaptersToGrade(arg)
	return root, graded, err
}

func chaptersToGrade(arg string) ([]course.Chapter, error) {
	if arg == "all" {
		return course.Chapters(), nil
	}
	n, err := strconv.Atoi(arg)
	if err != nil {
		return nil, fmt.Errorf("-chapter must be a number or all, not %q", arg)
	}
	c, err := course.Find(n)
	if err != nil {
		return nil, err
	}
	return []course.Chapter{c}, nil
}

func labFiles(root string, c course.Chapter, run *regexp.Regexp) ([]string, error) {
	all, err := filepath.Glob(filepath.Join(root, "labs", c.Dir, "*.txtar"))
	if err != nil {
		return nil, err
	}
	var files []string
	for _, f := range all {
		if run.MatchString(strings.TrimSuffix(filepath.Base(f), ".txtar")) {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("chapter %d has no labs matching %q in labs/%s", c.Number, run, c.Dir)
	}
	return files, nil
}

// buildOnly builds the cluster's commands as grading would, for tools such
// as `make conformance CHAPTER=n` that judge the same build another way.
func buildOnly(o options, dir string) error {
	root, graded, err := rootAndChapters(o.chapter)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "kubeling-build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	overlay, err := writeBuildOverlay(root, work, codeFor(o.use), graded)
	if err != nil {
		return err
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return err
	}
	if out, err := buildCommands(root, overlay, dir); err != nil {
		return fmt.Errorf("the code does not compile:\n%s", out)
	}
	return nil
}

func listChapters() {
	root, err := findRoot()
	if err != nil {
		fatal(err)
	}
	for _, c := range course.Chapters() {
		if labs, _ := filepath.Glob(filepath.Join(root, "labs", c.Dir, "*.txtar")); len(labs) > 0 {
			fmt.Println(c.Number)
		}
	}
}

// findRoot returns the repository root: the nearest folder with go.mod.
func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the kubeling repository (no go.mod found)")
		}
		dir = parent
	}
}

// This file proves the labs at the finest grain. For each region of a
// chapter, and each way of writing it wrongly — the starter's panicking
// TODO, a stub that returns zero values, and the hand-written mistakes in
// solutions/wrong/ — the cluster is built with only that region changed, and
// some graded item (a package's tests or a lab) must fail. A region whose
// wrong version passes everything is a TODO a learner could get wrong and
// still pass the chapter: reaching a region is not checking it.

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/kubeling/kubeling/tools/course"
)

// regionWorkers is how many variants are checked at once: each builds and
// tests on its own, and this machine class has two cores.
const regionWorkers = 2

// verdict is what grading one variant found.
type verdict struct {
	variant  course.Variant
	caughtBy string // the first item that failed; "" if none did
	err      error  // the variant could not be checked (it does not compile)
}

func checkEachRegion(o options) (bool, error) {
	root, graded, err := rootAndChapters(o.chapter)
	if err != nil {
		return false, err
	}
	ok, found := true, false
	labLock := &sync.Mutex{}
	for _, c := range graded {
		variants, err := course.Variants(root, c)
		if err != nil {
			return false, err
		}
		variants = onlyRegion(variants, o.region)
		if len(variants) == 0 {
			continue
		}
		found = true
		fmt.Printf("chapter %d: %d variants of its regions, each must fail some test or lab\n", c.Number, len(variants))
		verdicts := checkVariants(root, c, variants, o, labLock)
		if !printVerdicts(verdicts) {
			ok = false
		}
	}
	if !found {
		return false, fmt.Errorf("no chapter graded has a region %q", o.region)
	}
	return ok, nil
}

func onlyRegion(all []course.Variant, region string) []course.Variant {
	if region == "" {
		return all
	}
	var some []course.Variant
	for _, v := range all {
		if v.Region == region {
			some = append(some, v)
		}
	}
	return some
}

// checkVariants grades each variant on a few workers and returns the
// verdicts in the variants' order. Each finished verdict is printed as it
// comes, so a long CI run shows progress.
//
// Tests of two variants may run at once; labs never do (labLock): each lab
// wants the machine's ports and timing to itself, and a lab failing from
// contention would count as a variant caught.
func checkVariants(root string, c course.Chapter, variants []course.Variant, o options, labLock *sync.Mutex) []verdict {
	verdicts := make([]verdict, len(variants))
	next := make(chan int)
	var wg sync.WaitGroup
	var printMu sync.Mutex
	for range regionWorkers {
		wg.Go(func() {
			for i := range next {
				verdicts[i] = checkVariant(root, c, variants[i], o, labLock)
				printMu.Lock()
				fmt.Printf("  %-44s %s\n", variants[i], verdicts[i].summary())
				printMu.Unlock()
			}
		})
	}
	for i := range variants {
		next <- i
	}
	close(next)
	wg.Wait()
	return verdicts
}

// checkVariant grades chapter c with one region written as v: the tests of
// the region's own package first (the cheapest check), then the chapter's
// other tests, then each lab, stopping at the first failure.
func checkVariant(root string, c course.Chapter, v course.Variant, o options, labLock *sync.Mutex) verdict {
	work, err := os.MkdirTemp("", "kubeling-variant-")
	if err != nil {
		return verdict{variant: v, err: err}
	}
	defer os.RemoveAll(work)
	cut := course.Cut{Region: v.Region}
	if v.Name != course.VariantTodo {
		cut.Variant = &v
	}
	k := code{use: fromStarter, cut: cut}
	if !o.noTests {
		own, others, err := packagesNearestFirst(root, c, v)
		if err != nil {
			return verdict{variant: v, err: err}
		}
		for _, pkgs := range [][]string{own, others} {
			if found := testVariant(root, work, k, c, v, pkgs, o); found.err != nil || found.caughtBy != "" {
				return found
			}
		}
	}
	var rep report
	labLock.Lock()
	defer labLock.Unlock()
	labs, err := runChapterLabsUntilFailure(root, work, k, c, o, &rep)
	if err != nil {
		return verdict{variant: v, err: err}
	}
	if !rep.Compiled {
		return verdict{variant: v, err: fmt.Errorf("does not compile:\n%s", rep.Compiler)}
	}
	return verdict{variant: v, caughtBy: labs}
}

// packagesNearestFirst splits chapter c's tested packages into the one that
// holds v's region and the others.
func packagesNearestFirst(root string, c course.Chapter, v course.Variant) (own, others []string, err error) {
	pkgs, err := testedPackages(root, c)
	for _, pkg := range pkgs {
		if filepath.Dir(v.RegionFile) == course.SolutionsPath(pkg) {
			own = append(own, pkg)
		} else {
			others = append(others, pkg)
		}
	}
	return own, others, err
}

// testVariant runs some packages' tests on the variant; its verdict names
// the first package whose tests fail.
func testVariant(root, work string, k code, c course.Chapter, v course.Variant, pkgs []string, o options) verdict {
	if len(pkgs) == 0 {
		return verdict{variant: v}
	}
	tests, err := runPackageTests(root, work, k, c, pkgs, testFlags{race: o.race, noVet: true})
	if err != nil {
		return verdict{variant: v, err: err}
	}
	for _, t := range tests {
		if t.Reason == reasonNoCompile {
			return verdict{variant: v, err: fmt.Errorf("does not compile:\n%s", strings.Join(t.Excerpt, "\n"))}
		}
		if !t.Passed {
			return verdict{variant: v, caughtBy: t.Name + " (" + t.Reason + ")"}
		}
	}
	return verdict{variant: v}
}

// runChapterLabsUntilFailure builds the lab commands once and runs the
// chapter's labs one by one, returning the first that fails ("" if none).
func runChapterLabsUntilFailure(root, work string, k code, c course.Chapter, o options, rep *report) (string, error) {
	*rep = report{Compiled: true}
	binDir, err := buildLabCommands(root, work, k, []course.Chapter{c}, rep)
	if err != nil || !rep.Compiled {
		return "", err
	}
	files, err := labFiles(root, c, regexp.MustCompile(""))
	if err != nil {
		return "", err
	}
	for _, file := range files {
		results, err := runLabsFiles(root, []string{file}, binDir, false)
		if err != nil {
			return "", err
		}
		if len(results) == 1 && !results[0].Passed {
			return "lab " + results[0].Name, nil
		}
	}
	return "", nil
}

func (v verdict) summary() string {
	switch {
	case v.err != nil:
		return "CANNOT CHECK: " + strings.ReplaceAll(v.err.Error(), "\n", "\n      ")
	case v.caughtBy == "":
		return "NOTHING FAILS — " + v.variant.Mistake
	}
	return "caught by " + v.caughtBy
}

// printVerdicts sums up a chapter's verdicts and reports whether every
// variant was caught.
func printVerdicts(verdicts []verdict) bool {
	var missed []string
	for _, v := range verdicts {
		if v.err != nil || v.caughtBy == "" {
			where := v.variant.File
			if where == "" {
				where = "generated"
			}
			missed = append(missed, fmt.Sprintf("  %s (%s): %s", v.variant, where, v.summary()))
		}
	}
	if len(missed) == 0 {
		fmt.Printf("every one of %d variants is caught\n", len(verdicts))
		return true
	}
	fmt.Printf("%d of %d variants are not caught:\n%s\n", len(missed), len(verdicts), strings.Join(missed, "\n"))
	return false
}

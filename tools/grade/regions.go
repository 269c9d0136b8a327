// This file checks the labs at the finest grain: cut one lab region from
// the reference, leave everything else whole, and some lab must fail. A
// region whose loss no lab notices is a TODO the learner could skip and
// still pass the chapter.

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/kubeling/kubeling/tools/course"
)

func checkEachRegion(o options) (bool, error) {
	root, err := findRoot()
	if err != nil {
		return false, err
	}
	graded, err := chaptersToGrade(o.chapter)
	if err != nil {
		return false, err
	}
	ok := true
	for _, c := range graded {
		_, regions, err := course.GenerateStarter(root, c)
		if err != nil {
			return false, err
		}
		labs, err := labFiles(root, c, regexp.MustCompile(""))
		if err != nil {
			return false, err
		}
		fmt.Printf("chapter %d: cutting each of %d regions alone\n", c.Number, len(regions))
		for _, r := range regions {
			caughtBy, err := firstFailingLab(root, c, r.Name, labs)
			if err != nil {
				return false, err
			}
			if caughtBy == "" {
				ok = false
				fmt.Printf("  %-24s NO LAB FAILS without it (%s:%d)\n", r.Name, r.File, r.Line)
				continue
			}
			fmt.Printf("  %-24s caught by %s\n", r.Name, caughtBy)
		}
	}
	return ok, nil
}

// firstFailingLab builds the cluster with only region cut and returns the
// first lab that fails, or "" if every lab passes.
func firstFailingLab(root string, c course.Chapter, region string, labs []string) (string, error) {
	work, err := os.MkdirTemp("", "kubeling-region-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(work)
	overlay, err := writeOverlay(root, work, fromStarter, []course.Chapter{c}, region)
	if err != nil {
		return "", err
	}
	binDir := filepath.Join(work, "bin")
	if out, err := buildCommands(root, overlay, binDir); err != nil {
		return "", fmt.Errorf("building with region %s cut: %v\n%s", region, err, out)
	}
	for _, lab := range labs {
		results, err := runLabsFiles(root, []string{lab}, binDir, false)
		if err != nil {
			return "", err
		}
		if len(results) == 1 && !results[0].Passed {
			return results[0].Name, nil
		}
	}
	return "", nil
}

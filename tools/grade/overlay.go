// This file builds the lab commands from a mix of reference and learner
// code (tools/README.md, "grading"): the reference tree is what gets built,
// and `go build -overlay` swaps in the graded copy of each chapter's files,
// with their imports pointed back at the reference paths. The chapter's own
// tests run the other way round: in the chapter's folder, with the graded
// copy's files overlaid there.

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/kubeling/kubeling/tools/course"
)

// source says where the graded chapters' code comes from.
type source string

const (
	fromLearner   source = "learner"   // chapters/NN-*/ as the learner left it
	fromStarter   source = "starter"   // freshly generated, untouched starter code
	fromSolutions source = "solutions" // the reference code alone
)

// code is the code graded for a chapter: the learner's, or a copy generated
// from the reference with cut applied (the starter, the reference itself,
// or the reference with one region written wrongly).
type code struct {
	use source
	cut course.Cut
}

func codeFor(use source) code {
	if use == fromSolutions {
		return code{use: use, cut: course.Cut{None: true}}
	}
	return code{use: use}
}

// chapterFiles returns chapter c's Go files as graded, by package, then file
// name, with the chapter's own import paths (chapters/NN-*/...).
func (k code) chapterFiles(root string, c course.Chapter) (map[string]map[string][]byte, error) {
	files := map[string]map[string][]byte{}
	for _, pkg := range c.Packages {
		files[pkg] = map[string][]byte{}
	}
	if k.use != fromLearner {
		generated, _, err := course.Generate(root, c, k.cut)
		if err != nil {
			return nil, err
		}
		for _, f := range generated {
			pkg, ok := packageOf(c, f.Path)
			if ok && strings.HasSuffix(f.Path, ".go") {
				files[pkg][filepath.Base(f.Path)] = f.Content
			}
		}
		return files, nil
	}
	for _, pkg := range c.Packages {
		paths, err := filepath.Glob(filepath.Join(root, course.ChapterPath(c, pkg), "*.go"))
		if err != nil {
			return nil, err
		}
		if len(paths) == 0 {
			return nil, fmt.Errorf("%s has no Go files: run `make starter` to create the starter code", course.ChapterPath(c, pkg))
		}
		for _, p := range paths {
			content, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			files[pkg][filepath.Base(p)] = content
		}
	}
	return files, nil
}

// packageOf returns the package of chapter c that a generated path is in.
func packageOf(c course.Chapter, path string) (string, bool) {
	for _, pkg := range c.Packages {
		if filepath.Dir(path) == course.ChapterPath(c, pkg) {
			return pkg, true
		}
	}
	return "", false
}

// writeBuildOverlay writes the overlay that swaps the graded code of each
// chapter into the reference tree, and returns its path ("" when the graded
// code is the reference itself).
func writeBuildOverlay(root, work string, k code, chapters []course.Chapter) (string, error) {
	if k.use == fromSolutions {
		return "", nil
	}
	replace := map[string]string{}
	for _, c := range chapters {
		files, err := k.chapterFiles(root, c)
		if err != nil {
			return "", err
		}
		for _, pkg := range c.Packages {
			refDir := filepath.Join(root, course.SolutionsPath(pkg))
			// Every reference file of the package is replaced or, when the
			// graded copy lacks it, removed: the package is theirs.
			refs, err := filepath.Glob(filepath.Join(refDir, "*.go"))
			if err != nil {
				return "", err
			}
			for _, ref := range refs {
				replace[ref] = ""
			}
			for name, content := range files[pkg] {
				swapped := filepath.Join(work, "build-overlay", c.Dir, pkg, name)
				if err := writeFile(swapped, course.ToSolutionImports(content, c)); err != nil {
					return "", err
				}
				replace[filepath.Join(refDir, name)] = swapped
			}
		}
	}
	return writeOverlayFile(filepath.Join(work, "build-overlay.json"), replace)
}

// writeTestOverlay writes the overlay under which chapter c's tests run in
// its own folder. The tests themselves are always the course's (generated
// from the reference), so a learner who edits a test to pass does not change
// what is graded; the other files are the graded code (for a learner, what
// is on disk, so no overlay is needed for them). Test files of the
// learner's own are left out. Test data is read from the chapter's folder
// as it is on disk (an overlay covers only compiled files); make test's
// starter check keeps the committed copy equal to the reference's.
func writeTestOverlay(root, work string, k code, c course.Chapter) (string, error) {
	graded, err := k.chapterFiles(root, c)
	if err != nil {
		return "", err
	}
	reference, err := codeFor(fromSolutions).chapterFiles(root, c)
	if err != nil {
		return "", err
	}
	replace := map[string]string{}
	overlay := func(pkg, name string, content []byte) error {
		swapped := filepath.Join(work, "test-overlay", c.Dir, pkg, name)
		replace[filepath.Join(root, course.ChapterPath(c, pkg), name)] = swapped
		return writeFile(swapped, content)
	}
	for _, pkg := range c.Packages {
		dir := filepath.Join(root, course.ChapterPath(c, pkg))
		onDisk, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			return "", err
		}
		for _, p := range onDisk {
			if k.use != fromLearner || strings.HasSuffix(p, "_test.go") {
				// Not part of the graded copy; for a learner, a test file of
				// their own (a TestMain of theirs must not decide the grade).
				replace[p] = ""
			}
		}
		if k.use != fromLearner {
			for name, content := range graded[pkg] {
				if err := overlay(pkg, name, content); err != nil {
					return "", err
				}
			}
		}
		for name, content := range reference[pkg] {
			if !strings.HasSuffix(name, "_test.go") {
				continue
			}
			if err := overlay(pkg, name, content); err != nil {
				return "", err
			}
		}
	}
	return writeOverlayFile(filepath.Join(work, "test-overlay-"+c.Dir+".json"), replace)
}

func writeFile(path string, content []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, content, 0o644)
}

func writeOverlayFile(path string, replace map[string]string) (string, error) {
	data, err := json.MarshalIndent(map[string]any{"Replace": replace}, "", "  ")
	if err != nil {
		return "", err
	}
	return path, os.WriteFile(path, data, 0o644)
}

// buildCommands builds the lab commands into dir with the overlay.
// The returned output is the compiler's, for a learner whose code does not
// build.
func buildCommands(root, overlay, dir string) (string, error) {
	args := []string{"build", "-o", dir + string(filepath.Separator)}
	if overlay != "" {
		args = append(args, "-overlay", overlay)
	}
	args = append(args, course.LabCommands()...)
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

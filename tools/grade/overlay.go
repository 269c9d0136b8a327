// This file builds the lab commands from a mix of reference and learner
// code (DESIGN.md, principle 4): the reference tree is what gets built, and
// `go build -overlay` swaps in the learner's copy of each graded chapter's
// files, with their imports pointed back at the reference paths.

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

// writeOverlay writes the overlay file that swaps chapters' code into the
// reference tree and returns its path, or "" when nothing is swapped.
func writeOverlay(root, work string, src source, chapters []course.Chapter, onlyRegion string) (string, error) {
	if src == fromSolutions {
		return "", nil
	}
	replace := map[string]string{}
	for _, c := range chapters {
		files, err := chapterFiles(root, src, c, onlyRegion)
		if err != nil {
			return "", err
		}
		for _, pkg := range c.Packages {
			refDir := filepath.Join(root, course.SolutionsPath(pkg))
			// Every reference file of the package is replaced or, when the
			// learner's copy lacks it, removed: the package is theirs.
			refs, err := filepath.Glob(filepath.Join(refDir, "*.go"))
			if err != nil {
				return "", err
			}
			for _, ref := range refs {
				replace[ref] = ""
			}
			for name, content := range files[pkg] {
				swapped := filepath.Join(work, "overlay", c.Dir, pkg, name)
				if err := os.MkdirAll(filepath.Dir(swapped), 0o755); err != nil {
					return "", err
				}
				if err := os.WriteFile(swapped, course.ToSolutionImports(content, c), 0o644); err != nil {
					return "", err
				}
				replace[filepath.Join(refDir, name)] = swapped
			}
		}
	}
	data, err := json.MarshalIndent(map[string]any{"Replace": replace}, "", "  ")
	if err != nil {
		return "", err
	}
	path := filepath.Join(work, "overlay.json")
	return path, os.WriteFile(path, data, 0o644)
}

// chapterFiles returns chapter c's Go files by package, then file name. For
// the starter, onlyRegion cuts just that region ("" cuts them all).
func chapterFiles(root string, src source, c course.Chapter, onlyRegion string) (map[string]map[string][]byte, error) {
	files := map[string]map[string][]byte{}
	for _, pkg := range c.Packages {
		files[pkg] = map[string][]byte{}
	}
	if src == fromStarter {
		generated, _, err := course.GenerateCutting(root, c, onlyRegion)
		if err != nil {
			return nil, err
		}
		for _, f := range generated {
			for _, pkg := range c.Packages {
				if filepath.Dir(f.Path) == course.ChapterPath(c, pkg) {
					files[pkg][filepath.Base(f.Path)] = f.Content
				}
			}
		}
		return files, nil
	}
	for _, pkg := range c.Packages {
		dir := filepath.Join(root, course.ChapterPath(c, pkg))
		paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			return nil, err
		}
		if len(paths) == 0 {
			return nil, fmt.Errorf("%s has no Go files: run `make starter` to create the starter code", dir)
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

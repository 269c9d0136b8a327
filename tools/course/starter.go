// This file teaches nothing about Kubernetes; it is the course machinery
// that turns the reference code into the learner's starter code. A region
//
//	// lab:begin <name>
//	// hint: what to do
//	...reference code...
//	// lab:end
//
// becomes a TODO that keeps the hint and panics when reached, so the starter
// compiles and fails loudly at the exact place the learner must work.

package course

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/imports"
)

// Module is the course's Go module path.
const Module = "github.com/kubeling/kubeling"

// Region is one marked region of a reference file.
type Region struct {
	Name  string
	Hints []string
	File  string // path relative to the repository root
	Line  int    // line of the lab:begin marker
	kept  bool   // not cut this time (GenerateCutting with another name)
}

// StarterFile is one generated file of a chapter's starter code.
type StarterFile struct {
	// Path is where the file goes, relative to the repository root:
	// chapters/<Dir>/<package>/<file>.
	Path    string
	Content []byte
}

// SolutionsPath and ChapterPath convert between a package's two homes.
func SolutionsPath(pkg string) string { return filepath.Join("solutions", pkg) }
func ChapterPath(c Chapter, pkg string) string {
	return filepath.Join("chapters", c.Dir, pkg)
}

// GenerateStarter produces the starter code of chapter c from the reference
// code under root. It returns the files sorted by path and the regions cut.
func GenerateStarter(root string, c Chapter) ([]StarterFile, []Region, error) {
	return GenerateCutting(root, c, "")
}

// GenerateCutting is GenerateStarter cutting only the region named only
// (every region when only is ""). Maintainers use it to check that each
// region, cut alone, makes some lab fail.
func GenerateCutting(root string, c Chapter, only string) ([]StarterFile, []Region, error) {
	var files []StarterFile
	var regions []Region
	for _, pkg := range c.Packages {
		dir := filepath.Join(root, SolutionsPath(pkg))
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, nil, fmt.Errorf("reading package %s of chapter %d: %w", pkg, c.Number, err)
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
				continue
			}
			rel := filepath.Join(SolutionsPath(pkg), e.Name())
			src, err := os.ReadFile(filepath.Join(root, rel))
			if err != nil {
				return nil, nil, err
			}
			out, cut, err := cutRegions(src, rel, c, only)
			if err != nil {
				return nil, nil, err
			}
			out = ToChapterImports(out, c)
			if len(cut) > 0 {
				// Cutting may leave imports unused; the starter must compile.
				// imports.Process removes the imports that only the cut code used.
				out, err = imports.Process(filepath.Join(root, rel), out, &imports.Options{Comments: true, TabIndent: true, TabWidth: 8})
				if err != nil {
					return nil, nil, fmt.Errorf("tidying imports of %s after cutting: %w", rel, err)
				}
			}
			files = append(files, StarterFile{Path: filepath.Join(ChapterPath(c, pkg), e.Name()), Content: out})
			regions = append(regions, cut...)
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, regions, nil
}

// cutRegions replaces each marked region of src (or only the one named
// only) with its TODO.
func cutRegions(src []byte, file string, c Chapter, only string) ([]byte, []Region, error) {
	lines := strings.SplitAfter(string(src), "\n")
	var out strings.Builder
	var regions []Region
	var open *Region
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "// lab:begin"):
			if open != nil {
				return nil, nil, fmt.Errorf("%s:%d: lab:begin inside the region opened at line %d", file, i+1, open.Line)
			}
			name := strings.TrimSpace(strings.TrimPrefix(trimmed, "// lab:begin"))
			if name == "" {
				return nil, nil, fmt.Errorf("%s:%d: lab:begin needs a region name", file, i+1)
			}
			open = &Region{Name: name, File: file, Line: i + 1}
			if only != "" && name != only {
				out.WriteString(line) // kept: not the region being cut
				open.kept = true
				continue
			}
			indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
			// The hints follow the marker directly.
			for _, next := range lines[i+1:] {
				h := strings.TrimSpace(next)
				if !strings.HasPrefix(h, "// hint:") {
					break
				}
				open.Hints = append(open.Hints, strings.TrimSpace(strings.TrimPrefix(h, "// hint:")))
			}
			fmt.Fprintf(&out, "%s// TODO(chapter %d): write %s.\n", indent, c.Number, name)
			for _, h := range open.Hints {
				fmt.Fprintf(&out, "%s// Hint: %s\n", indent, h)
			}
			fmt.Fprintf(&out, "%spanic(%q)\n", indent,
				fmt.Sprintf("TODO(chapter %d): %s is not written yet (see chapters/%s/README.md)", c.Number, name, c.Dir))
		case strings.HasPrefix(trimmed, "// lab:end"):
			if open == nil {
				return nil, nil, fmt.Errorf("%s:%d: lab:end without lab:begin", file, i+1)
			}
			if open.kept {
				out.WriteString(line)
			} else {
				regions = append(regions, *open)
			}
			open = nil
		case open == nil || open.kept:
			out.WriteString(line)
		}
	}
	if open != nil {
		return nil, nil, fmt.Errorf("%s:%d: region %s is never closed with lab:end", file, open.Line, open.Name)
	}
	return []byte(out.String()), regions, nil
}

// ToChapterImports points the imports of chapter c's own packages at their
// copies under chapters/, so that the starter is a self-consistent set of
// packages: `go test ./chapters/01-storage/...` tests the learner's code.
func ToChapterImports(src []byte, c Chapter) []byte {
	for _, pkg := range c.Packages {
		from := fmt.Sprintf("%q", Module+"/solutions/"+pkg)
		to := fmt.Sprintf("%q", Module+"/chapters/"+c.Dir+"/"+pkg)
		src = bytes.ReplaceAll(src, []byte(from), []byte(to))
	}
	return src
}

// ToSolutionImports undoes ToChapterImports: when the grader swaps the
// learner's files into the reference tree, they must import the reference
// paths that the swapped-in files now occupy.
func ToSolutionImports(src []byte, c Chapter) []byte {
	for _, pkg := range c.Packages {
		from := fmt.Sprintf("%q", Module+"/chapters/"+c.Dir+"/"+pkg)
		to := fmt.Sprintf("%q", Module+"/solutions/"+pkg)
		src = bytes.ReplaceAll(src, []byte(from), []byte(to))
	}
	return src
}

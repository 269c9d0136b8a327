// This file teaches nothing about Kubernetes; it is the course machinery
// that turns the reference code into the learner's starter code. A region
//
//	// lab:begin <name>
//	// hint: what to do, and why
//	...reference code...
//	// lab:end
//
// becomes a TODO that keeps the hint and panics when reached, so the starter
// compiles and fails loudly at the exact place the learner must work. The
// same cut, given a Variant, writes a plausible wrong version instead: that
// is how the grader proves that the labs check a region, not only reach it.

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
	kept  bool   // left as the reference this time (see Cut)
}

// StarterFile is one generated file of a chapter's starter code.
type StarterFile struct {
	// Path is where the file goes, relative to the repository root:
	// chapters/<Dir>/<package>/<file>.
	Path    string
	Content []byte
}

// Cut says what becomes of a chapter's regions when it is generated.
type Cut struct {
	// Region is the one region to change; "" changes every region.
	Region string
	// Variant, when set, is written in place of Region instead of its TODO.
	Variant *Variant
	// None keeps every region as the reference wrote it: the learner's
	// copy as a finished learner would leave it, to check that the copy is
	// complete (its tests find their testdata and pass).
	None bool
}

// changes reports whether the cut changes the region named name.
func (c Cut) changes(name string) bool {
	return !c.None && (c.Region == "" || c.Region == name)
}

// SolutionsPath and ChapterPath convert between a package's two homes.
func SolutionsPath(pkg string) string { return filepath.Join("solutions", pkg) }
func ChapterPath(c Chapter, pkg string) string {
	return filepath.Join("chapters", c.Dir, pkg)
}

// GenerateStarter produces the starter code of chapter c from the reference
// code under root. It returns the files sorted by path and the regions cut.
func GenerateStarter(root string, c Chapter) ([]StarterFile, []Region, error) {
	return Generate(root, c, Cut{})
}

// Generate produces chapter c's copy of the reference packages with the
// regions changed as cut says, and returns the regions it changed. Besides
// the Go files, each package's testdata folder is copied, so that the
// chapter's tests find their golden files in the learner's copy too.
func Generate(root string, c Chapter, cut Cut) ([]StarterFile, []Region, error) {
	var files []StarterFile
	var regions []Region
	for _, pkg := range c.Packages {
		goFiles, cutHere, err := generatePackage(root, c, pkg, cut)
		if err != nil {
			return nil, nil, err
		}
		data, err := copyTestdata(root, c, pkg)
		if err != nil {
			return nil, nil, err
		}
		files = append(append(files, goFiles...), data...)
		regions = append(regions, cutHere...)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, regions, nil
}

// generatePackage cuts the Go files of one reference package.
func generatePackage(root string, c Chapter, pkg string, cut Cut) ([]StarterFile, []Region, error) {
	dir := filepath.Join(root, SolutionsPath(pkg))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("reading package %s of chapter %d: %w", pkg, c.Number, err)
	}
	var files []StarterFile
	var regions []Region
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		rel := filepath.Join(SolutionsPath(pkg), e.Name())
		out, changed, err := generateFile(root, rel, c, cut)
		if err != nil {
			return nil, nil, err
		}
		files = append(files, StarterFile{Path: filepath.Join(ChapterPath(c, pkg), e.Name()), Content: out})
		regions = append(regions, changed...)
	}
	return files, regions, nil
}

// generateFile cuts one reference file and points its imports at the
// chapter's copies.
func generateFile(root, rel string, c Chapter, cut Cut) ([]byte, []Region, error) {
	src, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		return nil, nil, err
	}
	out, changed, err := cutRegions(src, rel, c, cut)
	if err != nil {
		return nil, nil, err
	}
	out = ToChapterImports(out, c)
	if len(changed) > 0 {
		// Cutting may leave imports unused (or, for a wrong version, need
		// new ones); the starter must compile, so imports.Process fixes them.
		out, err = imports.Process(filepath.Join(root, rel), out, &imports.Options{Comments: true, TabIndent: true, TabWidth: 8})
		if err != nil {
			return nil, nil, fmt.Errorf("tidying imports of %s after cutting: %w", rel, err)
		}
	}
	return out, changed, nil
}

// copyTestdata returns the files of a package's testdata folder, unchanged,
// as files of the chapter's copy.
func copyTestdata(root string, c Chapter, pkg string) ([]StarterFile, error) {
	var files []StarterFile
	from := filepath.Join(root, SolutionsPath(pkg), "testdata")
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if os.IsNotExist(err) && path == from {
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() {
			return err
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(filepath.Join(root, SolutionsPath(pkg)), path)
		if err != nil {
			return err
		}
		files = append(files, StarterFile{Path: filepath.Join(ChapterPath(c, pkg), rel), Content: content})
		return nil
	})
	return files, err
}

// cutRegions replaces the regions of src that cut changes with their TODO
// (or cut's variant) and returns the regions it changed.
func cutRegions(src []byte, file string, c Chapter, cut Cut) ([]byte, []Region, error) {
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
			open = &Region{Name: name, File: file, Line: i + 1, Hints: hintsAfter(lines[i+1:])}
			if !cut.changes(name) {
				out.WriteString(line)
				open.kept = true
				continue
			}
			indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
			replacement, err := replacementFor(*open, indent, src, c, cut)
			if err != nil {
				return nil, nil, err
			}
			out.WriteString(replacement)
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

// hintsAfter returns the "// hint:" lines that directly follow a marker.
func hintsAfter(lines []string) []string {
	var hints []string
	for _, next := range lines {
		h := strings.TrimSpace(next)
		if !strings.HasPrefix(h, "// hint:") {
			break
		}
		hints = append(hints, strings.TrimSpace(strings.TrimPrefix(h, "// hint:")))
	}
	return hints
}

// replacementFor is what a changed region becomes: its TODO, or the code
// of cut's variant.
func replacementFor(r Region, indent string, src []byte, c Chapter, cut Cut) (string, error) {
	if cut.Variant != nil {
		return cut.Variant.codeFor(r, indent, src)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s// TODO(chapter %d): write %s.\n", indent, c.Number, r.Name)
	for _, h := range r.Hints {
		fmt.Fprintf(&b, "%s// Hint: %s\n", indent, h)
	}
	fmt.Fprintf(&b, "%spanic(%q)\n", indent, TodoMessage(c, r.Name))
	return b.String(), nil
}

// TodoMessage is what a cut region panics with; the grader looks for it in
// a failure's output to name the region the learner has not written.
func TodoMessage(c Chapter, region string) string {
	return fmt.Sprintf("TODO(chapter %d): %s is not written yet (see chapters/%s/README.md)", c.Number, region, c.Dir)
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

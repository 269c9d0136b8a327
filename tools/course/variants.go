// This file lists the ways a region can be written wrongly, so that the
// grader can prove each region is checked, not only reached. A lab that
// fails when a region panics shows the lab gets there; a lab that fails when
// the region returns zero values, or makes a mistake a learner typically
// makes, shows the lab looks at what the region does.
//
// Hand-written wrong versions live beside the reference, one txtar file a
// region: solutions/wrong/<chapter dir>/<region>.txtar. Its comment says
// what the region must get right; each file section is one wrong version:
//
//	-- later-pages-at-latest-revision --
//	// mistake: later pages are read at the current revision, not the first page's
//	...the Go code written in place of the region, indented as the region...
//
// or, for a mistake of a line or two in a long region, as edits of the
// reference code: each <<< block holds lines of the region exactly as they
// are, and the === part what they become.
//
//	-- no-namespace-check --
//	// mistake: a namespaced resource is served without a namespace
//	<<<
//		} else if s.namespace == "" && info.Verb != "list" {
//	===
//		} else if false {
//	>>>

package course

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"
)

// The two variants every region has, besides its hand-written wrong ones.
const (
	// VariantTodo is the starter's cut: the region panics.
	VariantTodo = "todo"
	// VariantZero returns zero values from the function around the region
	// (or, in a function without results, does nothing): the stub a
	// learner writes to make the compiler stop complaining.
	VariantZero = "zero"
)

// Variant is one way of writing a region other than the reference's.
type Variant struct {
	Region  string
	Name    string // VariantTodo, VariantZero, or a wrong version's name
	Mistake string // what the variant gets wrong, for reports
	File    string // where a hand-written variant is kept
	// RegionFile is the reference file that holds the region.
	RegionFile string
	code       string // a hand-written variant's code
}

func (v Variant) String() string { return v.Region + "/" + v.Name }

// WrongVersionsDir is where the hand-written wrong versions of chapter c live.
func WrongVersionsDir(c Chapter) string { return filepath.Join("solutions", "wrong", c.Dir) }

// Variants returns every variant of every region of chapter c, region by
// region: its TODO, its zero-value stub, then its hand-written wrong
// versions. A wrong-version file for a region the chapter lacks is an error.
func Variants(root string, c Chapter) ([]Variant, error) {
	_, regions, err := GenerateStarter(root, c)
	if err != nil {
		return nil, err
	}
	wrong, err := readWrongVersions(root, c)
	if err != nil {
		return nil, err
	}
	var all []Variant
	seen := map[string]string{}
	for _, r := range regions {
		if at, dup := seen[r.Name]; dup {
			return nil, fmt.Errorf("%s:%d: region %s is already marked at %s: region names must be unique", r.File, r.Line, r.Name, at)
		}
		seen[r.Name] = fmt.Sprintf("%s:%d", r.File, r.Line)
		all = append(all,
			Variant{Region: r.Name, Name: VariantTodo, Mistake: "the region panics (the starter's TODO)"},
			Variant{Region: r.Name, Name: VariantZero, Mistake: "the region returns zero values (or does nothing)"})
		all = append(all, wrong[r.Name]...)
		for i := len(all) - 2 - len(wrong[r.Name]); i < len(all); i++ {
			all[i].RegionFile = r.File
		}
		delete(wrong, r.Name)
	}
	for name := range wrong {
		return nil, fmt.Errorf("%s/%s.txtar: chapter %d has no region %s", WrongVersionsDir(c), name, c.Number, name)
	}
	return all, nil
}

// readWrongVersions reads chapter c's wrong-version files, by region name.
func readWrongVersions(root string, c Chapter) (map[string][]Variant, error) {
	paths, err := filepath.Glob(filepath.Join(root, WrongVersionsDir(c), "*.txtar"))
	if err != nil {
		return nil, err
	}
	byRegion := map[string][]Variant{}
	for _, path := range paths {
		region := strings.TrimSuffix(filepath.Base(path), ".txtar")
		archive, err := txtar.ParseFile(path)
		if err != nil {
			return nil, err
		}
		rel, _ := filepath.Rel(root, path)
		for _, f := range archive.Files {
			v, err := wrongVersion(rel, region, f)
			if err != nil {
				return nil, err
			}
			byRegion[region] = append(byRegion[region], v)
		}
	}
	return byRegion, nil
}

// wrongVersion reads one section of a wrong-version file.
func wrongVersion(file, region string, f txtar.File) (Variant, error) {
	v := Variant{Region: region, Name: f.Name, File: file, code: string(f.Data)}
	if v.Name == VariantTodo || v.Name == VariantZero {
		return v, fmt.Errorf("%s: %q is the name of a generated variant; choose another", file, v.Name)
	}
	for _, line := range strings.Split(v.code, "\n") {
		if m, ok := strings.CutPrefix(strings.TrimSpace(line), "// mistake:"); ok {
			v.Mistake = strings.TrimSpace(m)
			break
		}
	}
	if v.Mistake == "" {
		return v, fmt.Errorf("%s: wrong version %s needs a `// mistake: ...` line saying what it gets wrong", file, v.Name)
	}
	return v, nil
}

// codeFor is the code the variant writes in place of region r of src.
func (v Variant) codeFor(r Region, indent string, src []byte) (string, error) {
	switch v.Name {
	case VariantTodo:
		return "", fmt.Errorf("the todo variant is the cut itself; pass no variant")
	case VariantZero:
		return zeroReturn(src, r, indent)
	}
	if hasEdits(v.code) {
		return v.applyEdits(regionBody(src, r))
	}
	code := v.code
	if !strings.HasSuffix(code, "\n") {
		code += "\n"
	}
	return code, nil
}

// hasEdits reports whether a wrong version is written as edits.
func hasEdits(code string) bool {
	for _, line := range strings.Split(code, "\n") {
		if strings.TrimSpace(line) == "<<<" {
			return true
		}
	}
	return false
}

// regionBody returns the reference code of region r: the lines between its
// hints and its lab:end marker.
func regionBody(src []byte, r Region) string {
	lines := strings.SplitAfter(string(src), "\n")
	var body strings.Builder
	for _, line := range lines[r.Line+len(r.Hints):] {
		if strings.HasPrefix(strings.TrimSpace(line), "// lab:end") {
			break
		}
		body.WriteString(line)
	}
	return body.String()
}

// applyEdits applies the variant's <<< === >>> edits to the region's code.
// Each old text must occur in the region exactly once, so that an edit
// never silently stops applying when the reference changes.
func (v Variant) applyEdits(body string) (string, error) {
	var old, new strings.Builder
	part := 0 // 0 outside a block, 1 in its old text, 2 in its new text
	for _, line := range strings.SplitAfter(v.code, "\n") {
		switch strings.TrimSpace(line) {
		case "<<<":
			part = 1
			continue
		case "===":
			part = 2
			continue
		case ">>>":
			// Whole lines only: "\n" before both sides anchors the old text
			// at a line start, so "\tx := 1" cannot match "\t\t\tx := 1".
			anchored := "\n" + body
			if n := strings.Count(anchored, "\n"+old.String()); n != 1 {
				return "", fmt.Errorf("%s: wrong version %s: the text to edit occurs %d times in region %s, not once:\n%s", v.File, v.Name, n, v.Region, old.String())
			}
			body = strings.Replace(anchored, "\n"+old.String(), "\n"+new.String(), 1)[1:]
			old.Reset()
			new.Reset()
			part = 0
			continue
		}
		switch part {
		case 1:
			old.WriteString(line)
		case 2:
			new.WriteString(line)
		}
	}
	if part != 0 {
		return "", fmt.Errorf("%s: wrong version %s: a <<< block is not closed with >>>", v.File, v.Name)
	}
	return body, nil
}

// zeroReturn returns the zero-value stub of region r: a return of each
// result's zero value (written *new(T), which works for every type T) from
// the innermost function around the region, or nothing when that function
// has no results.
func zeroReturn(src []byte, r Region, indent string) (string, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, r.File, src, parser.SkipObjectResolution)
	if err != nil {
		return "", fmt.Errorf("parsing %s for the zero-value stub of %s: %w", r.File, r.Name, err)
	}
	results := enclosingResults(fset, file, r.Line)
	if results == nil {
		return "", fmt.Errorf("%s:%d: region %s is not inside a function", r.File, r.Line, r.Name)
	}
	var zeros []string
	for _, field := range results.List {
		typ := string(src[fset.Position(field.Type.Pos()).Offset:fset.Position(field.Type.End()).Offset])
		for range max(1, len(field.Names)) {
			zeros = append(zeros, "*new("+typ+")")
		}
	}
	if len(zeros) == 0 {
		return "", nil
	}
	return indent + "return " + strings.Join(zeros, ", ") + "\n", nil
}

// enclosingResults returns the result list of the innermost function whose
// body holds line (an empty list for a function without results), or nil.
func enclosingResults(fset *token.FileSet, file *ast.File, line int) *ast.FieldList {
	var found *ast.FieldList
	ast.Inspect(file, func(n ast.Node) bool {
		var typ *ast.FuncType
		var body *ast.BlockStmt
		switch fn := n.(type) {
		case *ast.FuncDecl:
			typ, body = fn.Type, fn.Body
		case *ast.FuncLit:
			typ, body = fn.Type, fn.Body
		default:
			return true
		}
		if body == nil || line < fset.Position(body.Lbrace).Line || line > fset.Position(body.Rbrace).Line {
			return false
		}
		found = typ.Results
		if found == nil {
			found = &ast.FieldList{}
		}
		return true // a function literal inside may hold it more closely
	})
	return found
}

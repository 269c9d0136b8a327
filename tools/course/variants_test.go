package course

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const twoRegions = `package p

func Sum(xs []int) (int, error) {
	// lab:begin sum
	// hint: add them up
	total := 0
	for _, x := range xs {
		total += x
	}
	return total, nil
	// lab:end
}

func Each(xs []int, f func(int)) {
	go func() (n int) {
		// lab:begin each
		// hint: call f on each
		for _, x := range xs {
			f(x)
		}
		return len(xs)
		// lab:end
	}()
	// lab:begin log
	// hint: nothing
	println("done")
	// lab:end
}
`

func TestZeroVariantReturnsZeroValuesOfTheInnermostFunction(t *testing.T) {
	c := Chapter{Number: 1, Dir: "01-x"}
	zero := &Variant{Name: VariantZero}
	out, regions, err := cutRegions([]byte(twoRegions), "p.go", c, Cut{Region: "sum", Variant: zero})
	require.NoError(t, err)
	require.Len(t, regions, 1)
	assert.Contains(t, string(out), "\treturn *new(int), *new(error)\n}")
	assert.NotContains(t, string(out), "total += x")

	out, _, err = cutRegions([]byte(twoRegions), "p.go", c, Cut{Region: "each", Variant: zero})
	require.NoError(t, err)
	assert.Contains(t, string(out), "return *new(int)\n", "the function literal's result, not Each's (none)")

	out, _, err = cutRegions([]byte(twoRegions), "p.go", c, Cut{Region: "log", Variant: zero})
	require.NoError(t, err)
	assert.NotContains(t, string(out), "println", "a function without results: the stub does nothing")
}

func TestWrongVersionsAreReadAndWrittenInPlace(t *testing.T) {
	root := t.TempDir()
	c := Chapter{Number: 1, Dir: "01-x", Packages: []string{"p"}}
	write(t, filepath.Join(root, "solutions/p/p.go"), twoRegions)
	write(t, filepath.Join(root, "solutions/p/testdata/golden.txt"), "42\n")
	write(t, filepath.Join(root, "solutions/wrong/01-x/sum.txtar"), `Sum must add every element.
-- skips-first --
	// mistake: starts from the second element
	total := 0
	for _, x := range xs[1:] {
		total += x
	}
	return total, nil
`)
	variants, err := Variants(root, c)
	require.NoError(t, err)
	var names []string
	for _, v := range variants {
		names = append(names, v.String())
	}
	assert.Equal(t, []string{"sum/todo", "sum/zero", "sum/skips-first", "each/todo", "each/zero", "log/todo", "log/zero"}, names)
	assert.Equal(t, "starts from the second element", variants[2].Mistake)

	files, _, err := Generate(root, c, Cut{Region: "sum", Variant: &variants[2]})
	require.NoError(t, err)
	require.Len(t, files, 2)
	assert.Contains(t, string(files[0].Content), "range xs[1:]")
	assert.Equal(t, "chapters/01-x/p/testdata/golden.txt", files[1].Path, "testdata is part of the learner's copy")
}

func TestAWrongVersionNeedsItsMistakeAndARealRegion(t *testing.T) {
	root := t.TempDir()
	c := Chapter{Number: 1, Dir: "01-x", Packages: []string{"p"}}
	write(t, filepath.Join(root, "solutions/p/p.go"), twoRegions)
	write(t, filepath.Join(root, "solutions/wrong/01-x/sum.txtar"), "-- no-mistake --\n\treturn 1, nil\n")
	_, err := Variants(root, c)
	assert.ErrorContains(t, err, "mistake")

	write(t, filepath.Join(root, "solutions/wrong/01-x/sum.txtar"), "-- ok --\n// mistake: x\n\treturn 1, nil\n")
	write(t, filepath.Join(root, "solutions/wrong/01-x/nosuch.txtar"), "-- ok --\n// mistake: x\n")
	_, err = Variants(root, c)
	assert.ErrorContains(t, err, "no region nosuch")
}

func TestCutNoneKeepsTheReference(t *testing.T) {
	out, regions, err := cutRegions([]byte(twoRegions), "p.go", Chapter{Number: 1}, Cut{None: true})
	require.NoError(t, err)
	assert.Empty(t, regions)
	assert.Equal(t, twoRegions, string(out))
}

func write(t *testing.T, path, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}

func TestWrongVersionsAsEditsOfTheReference(t *testing.T) {
	c := Chapter{Number: 1, Dir: "01-x"}
	edit := &Variant{Name: "off-by-one", File: "w.txtar", code: "// mistake: skips the first\n<<<\n\tfor _, x := range xs {\n===\n\tfor _, x := range xs[1:] {\n>>>\n"}
	out, _, err := cutRegions([]byte(twoRegions), "p.go", c, Cut{Region: "sum", Variant: edit})
	require.NoError(t, err)
	assert.Contains(t, string(out), "\ttotal := 0\n\tfor _, x := range xs[1:] {\n\t\ttotal += x\n\t}\n\treturn total, nil\n}")
	assert.NotContains(t, string(out), "lab:begin sum")

	stale := &Variant{Name: "stale", File: "w.txtar", code: "<<<\n\tno such line\n===\n\tx\n>>>\n"}
	_, _, err = cutRegions([]byte(twoRegions), "p.go", c, Cut{Region: "sum", Variant: stale})
	assert.ErrorContains(t, err, "occurs 0 times")
}

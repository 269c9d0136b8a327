package course

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCutRegionsKeepsHintsAndPanics(t *testing.T) {
	src := `package p

func Add(a, b int) int {
	// lab:begin add
	// hint: return the sum
	// hint: of a and b
	return a + b
	// lab:end
}
`
	out, regions, err := cutRegions([]byte(src), "p.go", Chapter{Number: 7, Dir: "07-x"}, Cut{})
	require.NoError(t, err)
	require.Len(t, regions, 1)
	assert.Equal(t, "add", regions[0].Name)
	assert.Equal(t, []string{"return the sum", "of a and b"}, regions[0].Hints)
	assert.Equal(t, 4, regions[0].Line)
	assert.NotContains(t, string(out), "return a + b", "the reference code must be cut")
	assert.Contains(t, string(out), "\t// TODO(chapter 7): write add.\n\t// Hint: return the sum\n")
	assert.Contains(t, string(out), `panic("TODO(chapter 7): add is not written yet (see chapters/07-x/README.md)")`)
}

func TestCutRegionsRejectsBadMarkers(t *testing.T) {
	for name, src := range map[string]string{
		"unclosed":  "// lab:begin a\nx\n",
		"nested":    "// lab:begin a\n// lab:begin b\n// lab:end\n",
		"stray end": "x\n// lab:end\n",
		"no name":   "// lab:begin\n// lab:end\n",
	} {
		_, _, err := cutRegions([]byte(src), "p.go", Chapter{Number: 1}, Cut{})
		assert.Error(t, err, name)
	}
}

func TestImportRewritesAreInverse(t *testing.T) {
	c := Chapter{Number: 1, Dir: "01-storage", Packages: []string{"storage", "storage/etcd3"}}
	src := []byte(`import (
	"github.com/kubeling/kubeling/solutions/storage"
	"github.com/kubeling/kubeling/solutions/storage/etcd3"
	"github.com/kubeling/kubeling/solutions/storage/sqlite"
)`)
	chapter := ToChapterImports(src, c)
	assert.Contains(t, string(chapter), `"github.com/kubeling/kubeling/chapters/01-storage/storage"`)
	assert.Contains(t, string(chapter), `"github.com/kubeling/kubeling/chapters/01-storage/storage/etcd3"`)
	assert.Contains(t, string(chapter), `"github.com/kubeling/kubeling/solutions/storage/sqlite"`, "packages of other chapters keep their reference import")
	assert.Equal(t, string(src), string(ToSolutionImports(chapter, c)))
}

// TestEveryChapterGenerates cuts every chapter of the real course: each
// marker is well formed and every chapter has something to write.
func TestEveryChapterGenerates(t *testing.T) {
	for _, c := range Chapters() {
		files, regions, err := GenerateStarter("../..", c)
		require.NoError(t, err, "chapter %d", c.Number)
		assert.NotEmpty(t, files)
		assert.NotEmpty(t, regions, "chapter %d has no lab regions: the learner would have nothing to write", c.Number)
		for _, r := range regions {
			assert.NotEmpty(t, r.Hints, "%s:%d: region %s has no hint", r.File, r.Line, r.Name)
		}
		for _, f := range files {
			assert.NotContains(t, string(f.Content), "lab:begin", f.Path)
			assert.True(t, strings.HasPrefix(f.Path, "chapters/"+c.Dir+"/"), f.Path)
		}
	}
}

func TestCutOnlyOneRegion(t *testing.T) {
	src := `package p

func A() int {
	// lab:begin a
	// hint: one
	return 1
	// lab:end
}

func B() int {
	// lab:begin b
	// hint: two
	return 2
	// lab:end
}
`
	out, regions, err := cutRegions([]byte(src), "p.go", Chapter{Number: 1, Dir: "01-x"}, Cut{Region: "b"})
	require.NoError(t, err)
	require.Len(t, regions, 1)
	assert.Equal(t, "b", regions[0].Name)
	assert.Contains(t, string(out), "return 1", "region a is kept")
	assert.NotContains(t, string(out), "return 2", "region b is cut")
}

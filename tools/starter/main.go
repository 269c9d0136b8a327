// Command starter generates the learner's starter code under chapters/ from
// the reference code under solutions/ (see tools/course/starter.go).
//
//	go run ./tools/starter          # write chapters/*/ (make starter)
//	go run ./tools/starter -check   # fail if chapters/*/ is stale (make test)
//
// It owns only the .go files and testdata inside each chapter's package
// folders; lessons, exercises and anything else under chapters/ are written
// by hand.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kubeling/kubeling/tools/course"
)

func main() {
	check := flag.Bool("check", false, "report stale starter code instead of writing it")
	root := flag.String("root", ".", "repository root")
	flag.Parse()
	stale, err := run(*root, *check)
	if err != nil {
		fmt.Fprintln(os.Stderr, "starter:", err)
		os.Exit(1)
	}
	if *check && len(stale) > 0 {
		fmt.Fprintln(os.Stderr, "starter: the generated starter code is stale; run `make starter` and commit:")
		for _, s := range stale {
			fmt.Fprintln(os.Stderr, "  ", s)
		}
		os.Exit(1)
	}
}

// run writes (or, with check, compares) every chapter's starter code and
// returns the paths that differ from what is on disk.
func run(root string, check bool) ([]string, error) {
	var stale []string
	for _, c := range course.Chapters() {
		files, _, err := course.GenerateStarter(root, c)
		if err != nil {
			return nil, err
		}
		want := map[string]bool{}
		for _, f := range files {
			want[f.Path] = true
			path := filepath.Join(root, f.Path)
			have, err := os.ReadFile(path)
			if err == nil && bytes.Equal(have, f.Content) {
				continue
			}
			stale = append(stale, f.Path)
			if check {
				continue
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(path, f.Content, 0o644); err != nil {
				return nil, err
			}
		}
		left, err := leftovers(root, c, want)
		if err != nil {
			return nil, err
		}
		for _, rel := range left {
			stale = append(stale, rel+" (no longer generated)")
			if !check {
				if err := os.Remove(filepath.Join(root, rel)); err != nil && !errorsIsNotExist(err) {
					return nil, err
				}
			}
		}
	}
	return stale, nil
}

// leftovers returns the files the generator owns (a package folder's .go
// files and its testdata) that it did not produce this time: left over from
// a reference file that was renamed or removed.
func leftovers(root string, c course.Chapter, want map[string]bool) ([]string, error) {
	var left []string
	for _, pkg := range c.Packages {
		dir := course.ChapterPath(c, pkg)
		entries, err := os.ReadDir(filepath.Join(root, dir))
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		for _, e := range entries {
			rel := filepath.Join(dir, e.Name())
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") && !want[rel] {
				left = append(left, rel)
			}
		}
		err = filepath.WalkDir(filepath.Join(root, dir, "testdata"), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil // no testdata folder is fine
			}
			rel, err := filepath.Rel(root, path)
			if err == nil && !want[rel] {
				left = append(left, rel)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return left, nil
}

func errorsIsNotExist(err error) bool { return os.IsNotExist(err) || err == fs.ErrNotExist }

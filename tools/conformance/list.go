// This file reads tests.txt: one literal focus pattern per line, with an
// optional "# chapter" comment.

package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// pattern is one line of the list.
type pattern struct {
	Text    string // a literal piece of the test's full name
	Chapter string // the chapter that makes it pass
}

func readList(path string) ([]pattern, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the test list: %w", err)
	}
	defer f.Close()
	var patterns []pattern
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		text, chapter, _ := strings.Cut(scanner.Text(), "#")
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		patterns = append(patterns, pattern{Text: text, Chapter: strings.TrimSpace(chapter)})
	}
	if err := scanner.Err(); err != nil {
		return nil, err
	}
	if len(patterns) == 0 {
		return nil, fmt.Errorf("%s lists no tests", path)
	}
	return patterns, nil
}

// focusRegexp is the --ginkgo.focus value that selects every listed test.
// Test names are full of brackets, so each pattern is quoted.
func focusRegexp(patterns []pattern) string {
	quoted := make([]string, len(patterns))
	for i, p := range patterns {
		quoted[i] = regexp.QuoteMeta(p.Text)
	}
	return strings.Join(quoted, "|")
}

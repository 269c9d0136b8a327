// This file reads the JUnit report that ginkgo writes and prints one line a
// test, so that a learner sees at a glance what Kubernetes' tests think of
// their apiserver.

package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

type testResult struct {
	Name    string
	Passed  bool
	Skipped bool
	Time    time.Duration
	Failure string
}

type junitReport struct {
	Suites []struct {
		Cases []struct {
			Name    string    `xml:"name,attr"`
			Time    float64   `xml:"time,attr"`
			Status  string    `xml:"status,attr"`
			Skipped *struct{} `xml:"skipped"`
			Failure *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func readJUnit(path string) ([]testResult, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the JUnit report: %w", err)
	}
	var report junitReport
	if err := xml.Unmarshal(data, &report); err != nil {
		return nil, fmt.Errorf("parsing the JUnit report: %w", err)
	}
	var results []testResult
	for _, suite := range report.Suites {
		for _, c := range suite.Cases {
			r := testResult{Name: c.Name, Time: time.Duration(c.Time * float64(time.Second))}
			switch {
			case c.Failure != nil:
				r.Failure = firstLine(c.Failure.Message)
			case c.Error != nil:
				r.Failure = firstLine(c.Error.Message)
			case c.Skipped != nil || c.Status == "skipped" || c.Status == "pending":
				r.Skipped = true
			default:
				r.Passed = true
			}
			// Ginkgo reports its suite set-up and tear-down as cases too.
			// Ginkgo reports its suite set-up and tear-down as cases too;
			// show them only when they fail.
			if isSuiteNode(r.Name) && r.Failure == "" {
				continue
			}
			results = append(results, r)
		}
	}
	sort.Slice(results, func(i, j int) bool { return results[i].Name < results[j].Name })
	return results, nil
}

func isSuiteNode(name string) bool {
	for _, prefix := range []string{"[SynchronizedBeforeSuite]", "[SynchronizedAfterSuite]", "[BeforeSuite]",
		"[AfterSuite]", "[ReportBeforeSuite]", "[ReportAfterSuite]"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if line, _, ok := strings.Cut(s, "\n"); ok {
		return line
	}
	return s
}

// printResults prints a line per test that ran, and counts a listed pattern
// that matched no test as a failure: a typo must not pass silently.
func printResults(w io.Writer, results []testResult, patterns []pattern) (passed, failed int) {
	for _, r := range results {
		if r.Skipped {
			continue
		}
		if r.Passed {
			passed++
			fmt.Fprintf(w, "PASS  %s (%s)\n", r.Name, r.Time.Round(100*time.Millisecond))
			continue
		}
		failed++
		fmt.Fprintf(w, "FAIL  %s (%s)\n      %s\n", r.Name, r.Time.Round(100*time.Millisecond), r.Failure)
	}
	for _, p := range patterns {
		matched := false
		for _, r := range results {
			if !r.Skipped && strings.Contains(r.Name, p.Text) {
				matched = true
				break
			}
		}
		if !matched {
			failed++
			fmt.Fprintf(w, "FAIL  no test ran for %q (chapter %s): is the name right?\n", p.Text, p.Chapter)
		}
	}
	return passed, failed
}

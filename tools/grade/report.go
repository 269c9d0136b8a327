// This file turns a lab's transcript into what a learner needs: did it
// pass, which step failed, what that step printed, and the lab's hint.

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/kubeling/kubeling/tools/course"
)

// summarize reads the outcome of one lab from its T and its script file.
func summarize(file string, t *labT, took time.Duration) labResult {
	r := labResult{
		Kind:       kindLab,
		Name:       strings.TrimSuffix(baseName(file), ".txtar"),
		Passed:     !t.failed && !t.skipped,
		Skipped:    t.skipped,
		Duration:   took.Round(time.Millisecond),
		Hints:      readHints(file),
		transcript: t.log.String(),
	}
	if t.failed {
		r.FailedStep, r.Reason, r.Excerpt = findFailure(r.transcript)
	}
	return r
}

func baseName(path string) string {
	return path[strings.LastIndexByte(path, '/')+1:]
}

// readHints returns the "# hint:" lines of a lab's script.
func readHints(file string) []string {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var hints []string
	for _, line := range strings.Split(string(data), "\n") {
		if line == "-- " || strings.HasPrefix(line, "-- ") && strings.HasSuffix(line, " --") {
			break // the script ends where the archive's files begin
		}
		if h, ok := strings.CutPrefix(strings.TrimSpace(line), "# hint:"); ok {
			hints = append(hints, strings.TrimSpace(h))
		}
	}
	return hints
}

// excerptLines bounds what a failure shows: enough to see the error, short
// enough to read in a terminal.
const excerptLines = 12

// findFailure picks out of a testscript transcript the last command run
// before the failure, the failure message, and the output just before it.
func findFailure(transcript string) (step, reason string, excerpt []string) {
	lines := strings.Split(strings.TrimRight(transcript, "\n"), "\n")
	failAt := -1
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "FAIL:") {
			failAt = i
			break
		}
	}
	if failAt < 0 {
		return "", "the lab did not finish (no FAIL line in its transcript)", tail(lines, excerptLines)
	}
	reason = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(lines[failAt]), "FAIL:"))
	stepAt := failAt
	for i := failAt - 1; i >= 0; i-- {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "> ") {
			step, stepAt = strings.TrimSpace(lines[i]), i
			break
		}
	}
	// A TODO left in the starter code panics; its message and the first
	// frames of its stack (which name the learner's file and line) say more
	// than the end of the trace. A background process's panic is logged
	// after the FAIL line, when the lab ends, so look everywhere.
	for i, line := range lines {
		if strings.HasPrefix(line, "panic: ") {
			return step, reason, lines[i:min(len(lines), i+excerptLines)]
		}
	}
	if isOutputCheck(step) {
		// A failed stdout/stderr check prints nothing itself: what it
		// looked at is the output of the command before it. (A failed cmp
		// prints its diff, which the default below shows.)
		for i := stepAt - 1; i >= 0; i-- {
			if strings.HasPrefix(strings.TrimSpace(lines[i]), "> ") {
				excerpt = append([]string{strings.TrimSpace(lines[i])}, lines[i+1:stepAt]...)
				return step, reason, tail(excerpt, excerptLines)
			}
		}
	}
	return step, reason, tail(lines[stepAt+1:failAt], excerptLines)
}

// isOutputCheck reports whether a script step checks the previous
// command's output rather than running a command.
func isOutputCheck(step string) bool {
	fields := strings.Fields(strings.TrimPrefix(step, "> "))
	if len(fields) > 0 && fields[0] == "!" {
		fields = fields[1:]
	}
	return len(fields) > 0 && (fields[0] == "stdout" || fields[0] == "stderr")
}

func tail(lines []string, n int) []string {
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return lines
}

// printReport writes the learner's report and returns the counts.
func printReport(w io.Writer, results []labResult, verbose bool) (passed, failed int) {
	for _, r := range results {
		switch {
		case r.Skipped:
			fmt.Fprintf(w, "SKIP  %s/%s\n", r.Chapter, r.Name)
			continue
		case r.Passed:
			passed++
			fmt.Fprintf(w, "PASS  %s/%s (%s)\n", r.Chapter, r.Name, r.Duration)
			if verbose {
				fmt.Fprintln(w, indent(r.transcript, "      "))
			}
			continue
		}
		failed++
		fmt.Fprintf(w, "FAIL  %s/%s (%s)\n", r.Chapter, r.Name, r.Duration)
		if r.FailedStep != "" {
			fmt.Fprintf(w, "      step:   %s\n", r.FailedStep)
		}
		fmt.Fprintf(w, "      failed: %s\n", r.Reason)
		if len(r.Excerpt) > 0 {
			fmt.Fprintln(w, "      output:")
			fmt.Fprintln(w, indent(strings.Join(r.Excerpt, "\n"), "        | "))
		}
		for _, t := range r.Todo {
			fmt.Fprintf(w, "      todo:   %s\n", t)
		}
		for _, h := range r.Hints {
			fmt.Fprintf(w, "      hint:   %s\n", h)
		}
		if verbose {
			fmt.Fprintln(w, indent(r.transcript, "      "))
		}
	}
	return passed, failed
}

func indent(text, prefix string) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i := range lines {
		lines[i] = prefix + lines[i]
	}
	return strings.Join(lines, "\n")
}

// writeJSON writes the machine-readable report for classroom graders.
func writeJSON(path string, report any) error {
	data, err := json.MarshalIndent(report, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// pointAtChapterFiles rewrites file names in a failure's output. The
// overlay build compiles the learner's file under the reference file's name,
// so a panic says solutions/storage/etcd3/store.go:56 where the learner's
// line 56 is in chapters/01-storage/storage/etcd3/store.go.
func (r *labResult) pointAtChapterFiles(graded []course.Chapter) {
	for _, c := range graded {
		for _, pkg := range c.Packages {
			re := regexp.MustCompile(`/solutions/` + regexp.QuoteMeta(pkg) + `/([^/\s]+\.go)`)
			to := "/chapters/" + c.Dir + "/" + pkg + "/$1"
			for i := range r.Excerpt {
				r.Excerpt[i] = re.ReplaceAllString(r.Excerpt[i], to)
			}
			r.transcript = re.ReplaceAllString(r.transcript, to)
		}
	}
}

// todoHints maps each region of the graded chapters to its place and hints,
// so that a failure which reached a TODO can say which one and how to
// approach it.
func todoHints(root string, graded []course.Chapter) (map[string]course.Region, error) {
	regions := map[string]course.Region{}
	for _, c := range graded {
		_, cut, err := course.GenerateStarter(root, c)
		if err != nil {
			return nil, err
		}
		for _, r := range cut {
			regions[r.Name] = r
		}
	}
	return regions, nil
}

var todoPanic = regexp.MustCompile(`TODO\(chapter \d+\): (\S+) is not written yet`)

// noteTodos lists the TODO regions a failure reached, each hint on a line
// of its own.
func (r *labResult) noteTodos(regions map[string]course.Region) {
	if r.Passed {
		return
	}
	seen := map[string]bool{}
	for _, m := range todoPanic.FindAllStringSubmatch(strings.Join(r.Excerpt, "\n")+"\n"+r.transcript, -1) {
		region, ok := regions[m[1]]
		if !ok || seen[region.Name] {
			continue
		}
		seen[region.Name] = true
		r.Todo = append(r.Todo, fmt.Sprintf("%s is not written yet (%s:%d)", region.Name, chapterFile(region.File), region.Line))
		for _, h := range region.Hints {
			r.Todo = append(r.Todo, "  "+h)
		}
	}
}

// chapterFile names the learner's copy of a reference file.
func chapterFile(solutionsPath string) string {
	for _, c := range course.Chapters() {
		for _, pkg := range c.Packages {
			dir := course.SolutionsPath(pkg)
			if rest, ok := strings.CutPrefix(solutionsPath, dir+"/"); ok && !strings.Contains(rest, "/") {
				return course.ChapterPath(c, pkg) + "/" + rest
			}
		}
	}
	return solutionsPath
}

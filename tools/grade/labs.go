// This file runs a chapter's labs with testscript, outside `go test`: the
// grader is an ordinary program, so it implements testscript.T itself and
// records each lab's outcome and transcript instead of printing test output.

package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/kubeling/kubeling/tools/internal/labcrash"
)

// The kinds of graded item: a lab, or a package's unit tests.
const (
	kindLab  = "lab"
	kindTest = "test"
)

// labResult is the outcome of one graded item: a lab, or one package's tests.
type labResult struct {
	Kind     string        `json:"kind"`
	Chapter  string        `json:"chapter"`
	Name     string        `json:"name"`
	Passed   bool          `json:"passed"`
	Skipped  bool          `json:"skipped,omitempty"`
	Duration time.Duration `json:"duration_ns"`
	// FailedStep is the script line that failed, e.g. "> ! storectl update ...".
	FailedStep string   `json:"failed_step,omitempty"`
	Reason     string   `json:"reason,omitempty"`
	Excerpt    []string `json:"excerpt,omitempty"`
	Hints      []string `json:"hints,omitempty"`
	// Todo names the TODO regions the failure reached (a panic of the
	// starter's cut), with their hints, one line each.
	Todo       []string `json:"todo,omitempty"`
	transcript string
}

// labT implements testscript.T for one lab (or, at the top, for the run).
// FailNow and Skip end the calling goroutine, as testing.T's do; Run starts
// each lab on its own goroutine so that this stops the lab, not the grader.
type labT struct {
	verbose bool
	mu      sync.Mutex
	log     strings.Builder
	failed  bool
	skipped bool
	// onDone receives each finished lab; set on the top-level T only.
	onDone func(name string, t *labT, took time.Duration)
}

func (t *labT) Log(args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	fmt.Fprintln(&t.log, args...)
}

func (t *labT) Fatal(args ...any) {
	t.Log(args...)
	t.FailNow()
}

func (t *labT) FailNow() {
	t.mu.Lock()
	t.failed = true
	t.mu.Unlock()
	runtime.Goexit()
}

func (t *labT) Skip(args ...any) {
	t.Log(args...)
	t.mu.Lock()
	t.skipped = true
	t.mu.Unlock()
	runtime.Goexit()
}

// Parallel is a no-op: labs run one at a time, so that each has the
// machine's two cores and its ports to itself.
func (t *labT) Parallel()     {}
func (t *labT) Verbose() bool { return t.verbose }

func (t *labT) Run(name string, f func(testscript.T)) {
	sub := &labT{verbose: t.verbose}
	start := time.Now()
	runOnGoroutine(func() { f(sub) })
	t.onDone(name, sub, time.Since(start))
}

// runOnGoroutine runs f and waits for it, even if it ends with Goexit.
func runOnGoroutine(f func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	<-done
}

// runLabsFiles runs the given labs with the commands in binDir on PATH.
func runLabsFiles(root string, files []string, binDir string, verbose bool) ([]labResult, error) {
	var results []labResult
	byName := map[string]string{}
	for _, f := range files {
		byName[strings.TrimSuffix(filepath.Base(f), ".txtar")] = f
	}
	top := &labT{verbose: verbose}
	top.onDone = func(name string, t *labT, took time.Duration) {
		results = append(results, summarize(byName[name], t, took))
	}
	params := testscript.Params{
		Files: files,
		Setup: func(env *testscript.Env) error { return setupLab(env, root, binDir) },
		Cmds:  map[string]func(*testscript.TestScript, bool, []string){"eventually": cmdEventually},
		// Each lab must finish in 3 minutes; a hung lab is killed, not waited on.
		Deadline: time.Now().Add(time.Duration(len(files)) * 3 * time.Minute),
	}
	runOnGoroutine(func() { testscript.RunT(top, params) })
	if top.failed {
		return results, fmt.Errorf("running the labs: %s", strings.TrimSpace(top.log.String()))
	}
	return results, nil
}

// setupLab gives each lab its PATH and free loopback ports.
func setupLab(env *testscript.Env, root, binDir string) error {
	env.Setenv("PATH", binDir+string(os.PathListSeparator)+filepath.Join(root, "bin")+string(os.PathListSeparator)+os.Getenv("PATH"))
	env.Setenv("REPO", root)
	// One goroutine's stack in a panic: the one that reached the TODO.
	env.Setenv("GOTRACEBACK", "single")
	env.Setenv(labcrash.EnvVar, filepath.Join(env.WorkDir, ".crashes"))
	for _, name := range []string{"ETCD_PORT", "ETCD_PEER_PORT", "APISERVER_PORT", "PORT_A", "PORT_B"} {
		port, err := freePort()
		if err != nil {
			return err
		}
		env.Setenv(name, strconv.Itoa(port))
	}
	// Go programs in labs (go run, go build) share the grader's caches.
	for _, name := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOFLAGS", "GOPROXY"} {
		if v := os.Getenv(name); v != "" {
			env.Setenv(name, v)
		}
	}
	return nil
}

// freePort asks the kernel for a loopback port nobody uses now. Another
// program could take it before the lab does; on a laptop that is rare, and a
// lab that loses the race fails with "address already in use", not silently.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// crashed returns the first line of a crash of any of the lab's commands
// (see tools/internal/labcrash), such as the panic of a TODO in the starter
// code, or "" if none has crashed.
func crashed(ts *testscript.TestScript) string {
	data, err := os.ReadFile(ts.Getenv(labcrash.EnvVar))
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) != "" {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

// cmdEventually reruns a command until it succeeds (or, negated, fails):
//
//	eventually 20s storectl get /registry/pods/default/a
//
// The cluster is asynchronous; a lab says how long "soon" is instead of
// sleeping. The last run's stdout and stderr are kept for later checks.
func cmdEventually(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: eventually DURATION COMMAND [ARGS...]")
	}
	limit, err := time.ParseDuration(args[0])
	if err != nil {
		ts.Fatalf("eventually: %v", err)
	}
	deadline := time.Now().Add(limit)
	delay := 50 * time.Millisecond
	for {
		err := ts.Exec(args[1], args[2:]...)
		if (err == nil) != neg {
			return
		}
		if crash := crashed(ts); crash != "" && !neg {
			// No use waiting for a cluster whose process has crashed: say so
			// now instead of after the whole timeout.
			ts.Fatalf("%s did not succeed, and a command of the lab crashed: %s", args[1], crash)
		}
		if time.Now().After(deadline) {
			if neg {
				ts.Fatalf("%s still succeeds after %s", args[1], limit)
			}
			ts.Fatalf("%s did not succeed within %s: %v", args[1], limit, err)
		}
		time.Sleep(delay)
		delay = min(2*delay, time.Second)
	}
}

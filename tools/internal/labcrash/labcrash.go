// Package labcrash lets the grader see, while a lab is still running, that
// one of the lab's commands has crashed — typically on a TODO the learner
// has not written yet — so that the lab fails at once with the panic
// instead of waiting out its timeout.
//
// The grader sets KUBELING_CRASH_FILE for every lab; each command the labs
// run calls ReportTo at the start of main, and the Go runtime appends any
// unrecovered panic or fatal error to that file (runtime/debug.SetCrashOutput)
// as well as to stderr. Reading a file the crashed process wrote is free of
// races, unlike peeking at a process another goroutine is waiting for.
package labcrash

import (
	"os"
	"runtime/debug"
)

// EnvVar names the file crashes are appended to.
const EnvVar = "KUBELING_CRASH_FILE"

// ReportTo sends this process's crash output to the file named by
// KUBELING_CRASH_FILE too, when it is set. It does nothing otherwise, or if
// the file cannot be opened: the crash still reaches stderr.
func ReportTo() {
	path := os.Getenv(EnvVar)
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return
	}
	// SetCrashOutput duplicates the descriptor; ours can be closed.
	defer f.Close()
	_ = debug.SetCrashOutput(f, debug.CrashOptions{})
}

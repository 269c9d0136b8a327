// This file starts a component of the cluster as a process of its own,
// as a real cluster runs kube-scheduler or a kubelet: `kubeling up` runs
// this same binary again with the component's verb and flags, writes its
// output to <dir>/<name>.log, and stops it (SIGTERM, then SIGKILL after a
// grace period) when the cluster stops.

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// stopGrace is how long a component gets to finish after SIGTERM: long
// enough for the scheduler to release its Lease, short enough that Ctrl-C
// feels immediate.
const stopGrace = 5 * time.Second

// component is a running child process of `kubeling up`.
type component struct {
	name    string
	logPath string
	cmd     *exec.Cmd
	done    chan struct{} // closed once the process has exited
	err     error         // how it exited; read only after done is closed
}

// startComponent runs `kubeling <verb> <args...>` with its output in
// dir/<name>.log.
func startComponent(name, dir, verb string, args []string) (*component, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("finding the kubeling binary to start %s: %w", name, err)
	}
	logPath := filepath.Join(dir, name+".log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening %s's log: %w", name, err)
	}
	cmd := exec.Command(self, append([]string{verb}, args...)...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// In a process group of its own, a terminal's Ctrl-C reaches only
	// `kubeling up`, which then stops the components in order.
	cmd.SysProcAttr = childProcAttr()
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	c := &component{name: name, logPath: logPath, cmd: cmd, done: make(chan struct{})}
	go func() {
		c.err = cmd.Wait()
		logFile.Close()
		close(c.done)
	}()
	return c, nil
}

// stop ends the process, by its PID, and waits for it.
func (c *component) stop() {
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(stopGrace):
		_ = c.cmd.Process.Kill()
		<-c.done
	}
}

// exitError says how a component ended by itself. It is asked only while
// the cluster is meant to be running, so even a clean exit is a failure.
func (c *component) exitError() error {
	err := c.err
	if err == nil {
		err = errors.New("exited")
	}
	return fmt.Errorf("%s stopped (see %s): %w", c.name, c.logPath, err)
}

// components are the processes `kubeling up` started, stopped in reverse.
type components []*component

func (cs components) stopAll() {
	for i := len(cs) - 1; i >= 0; i-- {
		cs[i].stop()
	}
}

// firstExit returns a channel that reports the first component to exit.
func (cs components) firstExit(ctx context.Context) <-chan error {
	out := make(chan error, 1)
	for _, c := range cs {
		go func() {
			select {
			case <-c.done:
				select {
				case out <- c.exitError():
				default: // another one was first
				}
			case <-ctx.Done():
			}
		}()
	}
	return out
}

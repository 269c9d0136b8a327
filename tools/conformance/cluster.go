// This file starts and stops the teaching cluster for the suite, as
// `make up` would, on ports of its own so that a running `make up` is left
// alone.

package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

type cluster struct {
	cmd        *exec.Cmd
	done       chan error // receives cmd.Wait's result
	binDir     string
	kubeconfig string
}

// simulatedNodes is how many nodes the cluster gets: two, so that the
// scheduling tests that pick a node by label have one to leave out.
const simulatedNodes = 2

// lastSimulatedNode is the name the last of them registers as.
const lastSimulatedNode = "node-02"

// startCluster runs `kubeling up` in a fresh state folder and waits until
// the apiserver answers /readyz.
func startCluster(ctx context.Context, kubeling, binDir, reportDir string) (*cluster, error) {
	dir := filepath.Join(reportDir, "cluster")
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	etcdPort, err := freePort()
	if err != nil {
		return nil, err
	}
	apiPort, err := freePort()
	if err != nil {
		return nil, err
	}
	logFile, err := os.Create(filepath.Join(reportDir, "cluster.log"))
	if err != nil {
		return nil, err
	}
	// --etcd-port N also takes N+1 for etcd's peer port; freePort can hand
	// out that one next, so ask again until they differ.
	for apiPort == etcdPort+1 {
		if apiPort, err = freePort(); err != nil {
			return nil, err
		}
	}
	c := &cluster{binDir: binDir, kubeconfig: filepath.Join(dir, "kubeconfig"), done: make(chan error, 1)}
	c.cmd = exec.Command(kubeling, "up", "--dir", dir,
		"--etcd-port", strconv.Itoa(etcdPort), "--apiserver-port", strconv.Itoa(apiPort),
		"--sim-nodes", strconv.Itoa(simulatedNodes))
	c.cmd.Stdout, c.cmd.Stderr = logFile, logFile
	if err := c.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the cluster: %w", err)
	}
	go func() { c.done <- c.cmd.Wait(); logFile.Close() }()
	fmt.Printf("cluster: started (pid %d), log in %s\n", c.cmd.Process.Pid, logFile.Name())

	deadline := time.Now().Add(90 * time.Second)
	for {
		if out, err := c.kubectl(ctx, "get", "--raw", "/readyz"); err == nil && string(out) == "ok" {
			return c, nil
		}
		select {
		case err := <-c.done:
			return nil, fmt.Errorf("the cluster exited while starting (%v); see %s", err, logFile.Name())
		case <-ctx.Done():
			c.stop()
			return nil, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			c.stop()
			return nil, fmt.Errorf("the apiserver was not ready after 90s; see %s", logFile.Name())
		}
	}
}

// stop ends the cluster it started, by PID: SIGTERM, then SIGKILL after 20s.
func (c *cluster) stop() {
	if c.cmd.ProcessState != nil {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(20 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.done
	}
}

func (c *cluster) kubectl(ctx context.Context, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(c.binDir, "kubectl"), append([]string{"--kubeconfig", c.kubeconfig}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return out, fmt.Errorf("kubectl %v: %w: %s", args, err, out)
	}
	return out, nil
}

// waitForNodes waits until the simulated nodes `kubeling up` starts are
// Ready: the e2e framework refuses to start without a Ready, schedulable
// node. They are kwok-style nodes (solutions/simnodes) that report every
// pod bound to them Running with no container behind it; chapter 07's
// kubelet will replace them with real nodes.
func (c *cluster) waitForNodes(ctx context.Context) error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, err := c.kubectl(ctx, "wait", "--for=condition=Ready", "node/"+lastSimulatedNode, "--timeout=5s")
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the simulated nodes were not Ready after 60s: %w", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

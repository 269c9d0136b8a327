// This file decides how the cluster runs pods (DESIGN.md, principle 6):
// real mode needs Linux, root and runc; anything else runs in simple mode,
// where pods are plain processes and the proxy works in userspace.

package main

import (
	"os"
	"os/exec"
	"runtime"
)

type runMode struct {
	name   string // "real" or "simple"
	reason string // why, in words a learner understands
}

func detectMode() runMode {
	switch {
	case runtime.GOOS != "linux":
		return runMode{"simple", "not Linux: pods run as plain processes, the proxy in userspace"}
	case os.Geteuid() != 0:
		return runMode{"simple", "not root: network namespaces and runc need root, so pods run as plain processes"}
	}
	if _, err := exec.LookPath("runc"); err != nil {
		if _, err := os.Stat("bin/runc"); err != nil {
			return runMode{"simple", "runc not found (make builds it into bin/runc): pods run as plain processes"}
		}
	}
	return runMode{"real", "Linux, root and runc: pods run in runc containers with their own IPs on a bridge"}
}

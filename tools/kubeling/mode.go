// This file decides how the cluster will run pods (tools/README.md, "Two
// modes"): real mode needs Linux, root and runc; anything else is simple
// mode, where pods are plain processes and the proxy works in userspace.
// No component runs pods yet: the mode is detected now so that `kubeling
// up` can say which one the kubelets will use once their chapter lands.

package main

import (
	"os"
	"os/exec"
	"runtime"
)

type runMode struct {
	name   string // "real" or "simple"
	reason string // why, in words a learner understands
	pods   string // how pods will run in this mode, once kubelets run them
}

// detectMode looks at this machine.
func detectMode() runMode {
	_, err := exec.LookPath("runc")
	if err != nil {
		_, err = os.Stat("bin/runc")
	}
	return modeFor(runtime.GOOS, os.Geteuid(), err == nil)
}

// modeFor picks the mode for an operating system, an effective user id and
// whether runc was found.
func modeFor(goos string, euid int, haveRunc bool) runMode {
	const (
		simplePods = "pods as plain processes, the proxy in userspace"
		realPods   = "pods in runc containers with their own IPs on a bridge"
	)
	switch {
	case goos != "linux":
		return runMode{"simple", "not Linux", simplePods}
	case euid != 0:
		return runMode{"simple", "not root: network namespaces and runc need root", simplePods}
	case !haveRunc:
		return runMode{"simple", "runc not found (make builds it into bin/runc)", simplePods}
	}
	return runMode{"real", "Linux, root and runc", realPods}
}

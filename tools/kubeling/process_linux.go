package main

import "syscall"

// childProcAttr puts a component in its own process group and, should
// `kubeling up` die without stopping it (SIGKILL), has the kernel send it
// SIGTERM, so that no component outlives its cluster.
func childProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}

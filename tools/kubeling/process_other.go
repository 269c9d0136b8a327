//go:build !linux

package main

import "syscall"

// childProcAttr puts a component in its own process group. (Only Linux can
// also have it signalled when `kubeling up` dies.)
func childProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}

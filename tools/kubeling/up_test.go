package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The banner must say what runs today (etcd, the apiserver, the scheduler,
// the controller manager and simulated nodes), and must not let a Running pod on a simulated node
// pass for a container: no kubelet runs one until chapter 07.
func TestBannerSaysWhatRunsNowInEveryMode(t *testing.T) {
	for _, c := range []struct {
		goos     string
		euid     int
		haveRunc bool
		want     string
	}{
		{"darwin", 501, false, "simple (not Linux)"},
		{"linux", 1000, true, "simple (not root: network namespaces and runc need root)"},
		{"linux", 0, false, "simple (runc not found (make builds it into bin/runc))"},
		{"linux", 0, true, "real (Linux, root and runc)"},
	} {
		var out bytes.Buffer
		writeBanner(&out, banner{mode: modeFor(c.goos, c.euid, c.haveRunc), dir: "/tmp/k", etcdURL: "http://127.0.0.1:2379", apiserverPort: 6443, kubeconfig: "/tmp/k/kubeconfig", simNodes: 3})
		assert.Contains(t, out.String(), "running:   etcd and the apiserver (chapters 01 and 02), the scheduler\n             (chapter 04, log in /tmp/k/scheduler.log)", c.want)
		assert.Contains(t, out.String(), "the controller manager (chapter 05: ReplicaSets,\n             ReplicationControllers and the garbage collector,\n             log in /tmp/k/controller-manager.log)", c.want)
		assert.Contains(t, out.String(), "and 3 simulated nodes (log in /tmp/k/simnodes.log)", c.want)
		assert.Contains(t, out.String(), "but no container runs it\n             until the kubelet lands in chapter 07", c.want)
		assert.Contains(t, out.String(), "mode:      "+c.want+": once kubelets run,\n             they will run pods ", c.want)
		assert.NotRegexp(t, `(?i)pods (run|are running) (in|as)`, out.String(), c.want)
	}
}

// With no simulated nodes the banner says pods will stay Pending, rather
// than leave the learner wondering why nothing is scheduled.
func TestBannerWithoutNodesSaysPodsStayPending(t *testing.T) {
	var out bytes.Buffer
	writeBanner(&out, banner{mode: modeFor("linux", 0, true), dir: "/tmp/k", apiserverPort: 6443})
	assert.Contains(t, out.String(), "and no nodes: pods stay Pending, with no node to run on")
	assert.NotContains(t, out.String(), "simulated nodes (log in")
}

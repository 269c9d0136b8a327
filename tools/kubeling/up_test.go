package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The banner must say what runs today (etcd and the apiserver), and must
// not claim that pods run: nothing runs them until the kubelets land.
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
		writeBanner(&out, banner{mode: modeFor(c.goos, c.euid, c.haveRunc), dir: "/tmp/k", etcdURL: "http://127.0.0.1:2379", apiserverPort: 6443, kubeconfig: "/tmp/k/kubeconfig"})
		assert.Contains(t, out.String(), "running:   etcd and the apiserver", c.want)
		assert.Contains(t, out.String(), "nothing runs them yet", c.want)
		assert.Contains(t, out.String(), "mode:      "+c.want+": once kubelets run,\n             they will run pods ", c.want)
		assert.NotRegexp(t, `(?i)pods (run|are running) (in|as)`, out.String(), c.want)
	}
}

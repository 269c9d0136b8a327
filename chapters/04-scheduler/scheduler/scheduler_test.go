package scheduler

import (
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRestartedSchedulerBindsOnlyThePodsStillUnbound proves that a
// scheduler can be restarted at any time: the new one learns from its
// informers which pods the old one bound, binds only the pods created
// while none ran, and sends no Binding for a pod already placed (the
// apiserver would refuse it with 409, and a scheduler that tried would
// keep its cache wrong until then).
func TestRestartedSchedulerBindsOnlyThePodsStillUnbound(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(node("node-01", "4"), node("node-02", "4"), pod("a", "1"), pod("b", "1"), pod("c", "1"))
		_, stop := c.start(t)
		for _, name := range []string{"a", "b", "c"} {
			require.NotEmpty(t, c.nodeOf(t, name), "the first scheduler did not bind pod %s", name)
		}
		stop()

		c.create(t, pod("d", "1"), pod("e", "1"))
		c.start(t)

		for _, name := range []string{"a", "b", "c", "d", "e"} {
			assert.Len(t, c.bindCallsFor(name), 1, "pod %s: want exactly one bind over both runs of the scheduler", name)
			assert.NotEmpty(t, c.nodeOf(t, name), "pod %s is not bound after the restart", name)
		}
	})
}

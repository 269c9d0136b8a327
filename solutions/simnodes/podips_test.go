package simnodes

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func onePodRange() *podIPs {
	return newPodIPs([]*simNode{newSimNode("node-01", 1)})
}

// Addresses go out round-robin from .2: one freed is not handed out again
// while others are free, and none is handed out twice.
func TestPodIPsRoundRobinWithoutReuse(t *testing.T) {
	ips := onePodRange()
	a, err := ips.assign("default/a", "1", "node-01")
	require.NoError(t, err)
	b, err := ips.assign("default/b", "2", "node-01")
	require.NoError(t, err)
	assert.Equal(t, netip.MustParseAddr("10.244.1.2"), a)
	assert.Equal(t, netip.MustParseAddr("10.244.1.3"), b)

	again, err := ips.assign("default/a", "1", "node-01")
	require.NoError(t, err)
	assert.Equal(t, a, again, "the same pod keeps its address")

	ips.release("default/a")
	c, err := ips.assign("default/c", "3", "node-01")
	require.NoError(t, err)
	assert.Equal(t, netip.MustParseAddr("10.244.1.4"), c, "a's freed address waits its turn")
}

// A /24 holds 253 pods (.2 to .254); the 254th gets a clear error, and a
// pod deleted and created again under the same name is a new pod.
func TestPodIPsRunOutWithAClearError(t *testing.T) {
	ips := onePodRange()
	seen := map[netip.Addr]bool{}
	for i := range maxPodsPerNode {
		ip, err := ips.assign(fmt.Sprintf("default/p%d", i), "u", "node-01")
		require.NoError(t, err)
		assert.False(t, seen[ip], "handed out twice: %s", ip)
		assert.NotEqual(t, byte(255), ip.As4()[3])
		seen[ip] = true
	}
	_, err := ips.assign("default/one-too-many", "u", "node-01")
	assert.EqualError(t, err, "node node-01 has no free pod address in 10.244.1.0/24")

	old, _ := ips.assign("default/p0", "u", "node-01")
	renewed, err := ips.assign("default/p0", "new-uid", "node-01")
	require.NoError(t, err, "the old pod's address is freed for the new one")
	assert.Equal(t, old, renewed)
	assert.Equal(t, maxPodsPerNode, ips.held("node-01"))
}

// A restarted Simulator claims what its pods show; an address another pod
// holds, or one outside the node's range, cannot be claimed.
func TestPodIPsClaim(t *testing.T) {
	ips := onePodRange()
	assert.True(t, ips.claim("default/a", "1", "node-01", netip.MustParseAddr("10.244.1.7")))
	assert.False(t, ips.claim("default/b", "2", "node-01", netip.MustParseAddr("10.244.1.7")))
	assert.False(t, ips.claim("default/b", "2", "node-01", netip.MustParseAddr("10.244.9.7")))
	for i := 0; i < 10; i++ {
		ip, err := ips.assign(fmt.Sprintf("default/n%d", i), "u", "node-01")
		require.NoError(t, err)
		assert.NotEqual(t, netip.MustParseAddr("10.244.1.7"), ip)
	}
}

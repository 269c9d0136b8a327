package simnodes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// What a Simulator cannot do is refused with the reason, before any node
// is registered.
func TestOptionsRefuseWhatCannotWork(t *testing.T) {
	for _, c := range []struct {
		opts Options
		want string
	}{
		{Options{}, "the node count must be between 1 and 1023 (one /24 of 10.244.0.0/14 each), not 0"},
		{Options{Count: 2000}, "the node count must be between 1 and 1023 (one /24 of 10.244.0.0/14 each), not 2000"},
		{Options{Count: 1, Pods: 300}, "the pods of a node must be between 1 and 253 (the addresses of its /24), not 300"},
		{Options{Count: 1, CPU: resource.MustParse("-1")}, "the CPU of a node must be positive, not -1"},
		{Options{Count: 1, Prefix: "Node_"}, `the prefix "Node_" makes node names such as "Node_01", which are not valid`},
	} {
		_, err := New(newClient(), c.opts)
		if assert.Error(t, err) {
			assert.Contains(t, err.Error(), c.want)
		}
	}
}

// Names sort as numbers do, whatever the count.
func TestNodeNamesArePadded(t *testing.T) {
	assert.Equal(t, "node-01", nodeName("node-", 1, 5))
	assert.Equal(t, "node-001", nodeName("node-", 1, 500))
	assert.Equal(t, "big-500", nodeName("big-", 500, 500))
}

// A second set of simulated nodes takes the pod ranges the first left
// free; a node that exists keeps its own.
func TestPlanNodesTakesFreeBlocks(t *testing.T) {
	existing := []corev1.Node{
		{ObjectMeta: metav1.ObjectMeta{Name: "node-01"}, Spec: corev1.NodeSpec{PodCIDR: "10.244.1.0/24"}},
		{ObjectMeta: metav1.ObjectMeta{Name: "node-02"}, Spec: corev1.NodeSpec{PodCIDR: "10.244.2.0/24"}},
		{ObjectMeta: metav1.ObjectMeta{Name: "big-02"}, Spec: corev1.NodeSpec{PodCIDR: "10.244.7.0/24"}},
	}
	planned, err := planNodes(Options{Count: 3, Prefix: "big-"}, existing)
	assert.NoError(t, err)
	var got []string
	for _, n := range planned {
		got = append(got, n.name+" "+n.podCIDR.String()+" "+n.ip.String())
	}
	assert.Equal(t, []string{"big-01 10.244.3.0/24 127.1.0.3", "big-02 10.244.7.0/24 127.1.0.7", "big-03 10.244.4.0/24 127.1.0.4"}, got)

	n := newSimNode("node-300", 300)
	assert.Equal(t, "10.245.44.0/24", n.podCIDR.String())
	b, err := blockOf("10.245.44.0/24")
	assert.NoError(t, err)
	assert.Equal(t, 300, b)
}

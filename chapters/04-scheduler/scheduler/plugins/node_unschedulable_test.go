package plugins

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

func cordoned(name string) *corev1.Node {
	n := makeNode(name, "4", "8Gi", 110)
	n.Spec.Unschedulable = true
	return n
}

func withReady(node *corev1.Node, status corev1.ConditionStatus) *corev1.Node {
	node.Status.Conditions = []corev1.NodeCondition{{Type: corev1.NodeReady, Status: status}}
	return node
}

func withoutConditions(node *corev1.Node) *corev1.Node {
	node.Status.Conditions = nil
	return node
}

// `kubectl cordon` sets spec.unschedulable: the node then takes no new
// pod, unless the pod tolerates node.kubernetes.io/unschedulable:NoSchedule
// (DaemonSet pods do, so that a cordoned node keeps its node agents).
func TestNodeUnschedulableCordon(t *testing.T) {
	node := nodeWith(cordoned("node-01"))

	st := filter(t, &NodeUnschedulable{}, makePod("web", "", ""), node)
	assert.Equal(t, []string{"node(s) were unschedulable"}, st.Reasons(), "a cordoned node took a new pod")
	assert.Equal(t, framework.UnschedulableAndUnresolvable, st.Code())

	tolerations := []corev1.Toleration{
		{Key: corev1.TaintNodeUnschedulable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
		{Key: corev1.TaintNodeUnschedulable, Operator: corev1.TolerationOpExists},
		{Operator: corev1.TolerationOpExists},
	}
	for _, tol := range tolerations {
		pod := withTolerations(makePod("agent", "", ""), tol)
		assert.True(t, filter(t, &NodeUnschedulable{}, pod, node).IsSuccess(), "a pod tolerating %+v was refused by a cordoned node", tol)
	}

	other := withTolerations(makePod("other", "", ""), corev1.Toleration{Key: corev1.TaintNodeUnschedulable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute})
	assert.False(t, filter(t, &NodeUnschedulable{}, other, node).IsSuccess(), "a NoExecute toleration let a pod onto a cordoned node")

	assert.True(t, filter(t, &NodeUnschedulable{}, makePod("web", "", ""), nodeWith(makeNode("open", "4", "8Gi", 110))).IsSuccess(), "an uncordoned node refused a pod")
}

// A node whose Ready condition is False is refused as if it carried the
// node.kubernetes.io/not-ready:NoSchedule taint, and one whose Ready is
// Unknown (its kubelet stopped reporting) as if it carried
// node.kubernetes.io/unreachable:NoSchedule: the taints the node lifecycle
// controller would put on it. A pod tolerating the taint may still go
// there. A node that has reported no condition yet is given the benefit
// of the doubt.
func TestNodeUnschedulableNotReady(t *testing.T) {
	tests := []struct {
		name   string
		node   *corev1.Node
		reason string // "" when the node passes
	}{
		{"Ready True", withReady(makeNode("n", "4", "8Gi", 110), corev1.ConditionTrue), ""},
		{"Ready False", withReady(makeNode("n", "4", "8Gi", 110), corev1.ConditionFalse), "node(s) had untolerated taint(s)"},
		{"Ready Unknown", withReady(makeNode("n", "4", "8Gi", 110), corev1.ConditionUnknown), "node(s) had untolerated taint(s)"},
		{"no conditions yet", withoutConditions(makeNode("n", "4", "8Gi", 110)), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := filter(t, &NodeUnschedulable{}, makePod("web", "", ""), nodeWith(tt.node))
			if tt.reason == "" {
				assert.True(t, st.IsSuccess(), "a node (%s) refused a pod: %v", tt.name, st.Reasons())
				return
			}
			assert.Equal(t, []string{tt.reason}, st.Reasons(), "a node not Ready (%s) took a pod, or gave the wrong reason", tt.name)
			assert.Equal(t, framework.UnschedulableAndUnresolvable, st.Code())
		})
	}

	notReady := nodeWith(withReady(makeNode("n", "4", "8Gi", 110), corev1.ConditionFalse))
	tolerant := withTolerations(makePod("agent", "", ""), corev1.Toleration{Key: corev1.TaintNodeNotReady, Operator: corev1.TolerationOpExists})
	assert.True(t, filter(t, &NodeUnschedulable{}, tolerant, notReady).IsSuccess(), "a pod tolerating not-ready was refused by a node not Ready")

	unreachable := nodeWith(withReady(makeNode("n", "4", "8Gi", 110), corev1.ConditionUnknown))
	assert.False(t, filter(t, &NodeUnschedulable{}, tolerant, unreachable).IsSuccess(), "tolerating not-ready let a pod onto an unreachable node")
	tolerant = withTolerations(tolerant, corev1.Toleration{Key: corev1.TaintNodeUnreachable, Operator: corev1.TolerationOpExists})
	assert.True(t, filter(t, &NodeUnschedulable{}, tolerant, unreachable).IsSuccess(), "a pod tolerating unreachable was refused by an unreachable node")
}

// A pod naming its node (spec.nodeName) fits only there; a pod naming no
// node fits anywhere.
func TestNodeName(t *testing.T) {
	pinned := makePod("pinned", "", "")
	pinned.Spec.NodeName = "node-02"

	assert.True(t, filter(t, &NodeName{}, pinned, nodeWith(makeNode("node-02", "4", "8Gi", 110))).IsSuccess(), "a pod was refused by the node it names")
	st := filter(t, &NodeName{}, pinned, nodeWith(makeNode("node-01", "4", "8Gi", 110)))
	assert.Equal(t, []string{"node(s) didn't match the requested node name"}, st.Reasons(), "a pod naming node-02 was let onto node-01")
	assert.True(t, filter(t, &NodeName{}, makePod("free", "", ""), nodeWith(makeNode("node-01", "4", "8Gi", 110))).IsSuccess())
}

package plugins

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// expr is one matchExpression of a node selector term.
func expr(key string, op corev1.NodeSelectorOperator, values ...string) corev1.NodeSelectorRequirement {
	return corev1.NodeSelectorRequirement{Key: key, Operator: op, Values: values}
}

// term is a node selector term whose expressions are ANDed.
func term(exprs ...corev1.NodeSelectorRequirement) corev1.NodeSelectorTerm {
	return corev1.NodeSelectorTerm{MatchExpressions: exprs}
}

// withRequired gives pod required node affinity made of terms (ORed).
func withRequired(pod *corev1.Pod, terms ...corev1.NodeSelectorTerm) *corev1.Pod {
	pod.Spec.Affinity = &corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{
		RequiredDuringSchedulingIgnoredDuringExecution: &corev1.NodeSelector{NodeSelectorTerms: terms},
	}}
	return pod
}

// labelled is a node with the given labels (key, value, key, value...).
func labelled(name string, kv ...string) *framework.NodeInfo {
	return nodeWith(withLabels(makeNode(name, "4", "8Gi", 110), kv...))
}

// nodeSelector: every key=value must be a label of the node, with the
// same value. The reason is kube-scheduler's, word for word.
func TestNodeAffinityFilterNodeSelector(t *testing.T) {
	pod := makePod("web", "", "")
	pod.Spec.NodeSelector = map[string]string{"disk": "ssd", "zone": "a"}
	tests := []struct {
		name string
		node *framework.NodeInfo
		fits bool
	}{
		{"has both labels", labelled("n", "disk", "ssd", "zone", "a", "extra", "x"), true},
		{"one label has another value", labelled("n", "disk", "hdd", "zone", "a"), false},
		{"one label is missing", labelled("n", "disk", "ssd"), false},
		{"no labels", labelled("n"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := filter(t, &NodeAffinity{}, pod, tt.node)
			if tt.fits {
				assert.True(t, st.IsSuccess(), "a node matching nodeSelector %v was refused", pod.Spec.NodeSelector)
				return
			}
			assert.Equal(t, []string{"node(s) didn't match Pod's node affinity/selector"}, st.Reasons(), "a node not matching nodeSelector was accepted")
			assert.Equal(t, framework.UnschedulableAndUnresolvable, st.Code())
		})
	}
}

// The six operators of a requirement on the labels of a node labelled
// disk=ssd, cpus=8. NotIn and DoesNotExist match a node without the
// label; Gt and Lt compare integers and match nothing that is not one.
func TestNodeAffinityOperators(t *testing.T) {
	node := labelled("node-01", "disk", "ssd", "cpus", "8")
	tests := []struct {
		name    string
		req     corev1.NodeSelectorRequirement
		matches bool
	}{
		{"In with the value", expr("disk", corev1.NodeSelectorOpIn, "hdd", "ssd"), true},
		{"In without the value", expr("disk", corev1.NodeSelectorOpIn, "hdd"), false},
		{"In on a missing label", expr("gpu", corev1.NodeSelectorOpIn, "yes"), false},
		{"NotIn without the value", expr("disk", corev1.NodeSelectorOpNotIn, "hdd"), true},
		{"NotIn with the value", expr("disk", corev1.NodeSelectorOpNotIn, "ssd"), false},
		{"NotIn on a missing label", expr("gpu", corev1.NodeSelectorOpNotIn, "yes"), true},
		{"Exists on a present label", expr("disk", corev1.NodeSelectorOpExists), true},
		{"Exists on a missing label", expr("gpu", corev1.NodeSelectorOpExists), false},
		{"DoesNotExist on a missing label", expr("gpu", corev1.NodeSelectorOpDoesNotExist), true},
		{"DoesNotExist on a present label", expr("disk", corev1.NodeSelectorOpDoesNotExist), false},
		{"Gt below", expr("cpus", corev1.NodeSelectorOpGt, "4"), true},
		{"Gt equal", expr("cpus", corev1.NodeSelectorOpGt, "8"), false},
		{"Lt above", expr("cpus", corev1.NodeSelectorOpLt, "16"), true},
		{"Lt equal", expr("cpus", corev1.NodeSelectorOpLt, "8"), false},
		{"Gt compares numbers, not strings", expr("cpus", corev1.NodeSelectorOpGt, "10"), false},
		{"Gt on a label that is not a number", expr("disk", corev1.NodeSelectorOpGt, "1"), false},
		{"Gt on a missing label", expr("gpu", corev1.NodeSelectorOpGt, "1"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := filter(t, &NodeAffinity{}, withRequired(makePod("p", "", ""), term(tt.req)), node)
			assert.Equal(t, tt.matches, st.IsSuccess(), "%s %s %v on a node labelled disk=ssd,cpus=8", tt.req.Key, tt.req.Operator, tt.req.Values)
		})
	}
}

// Within a term the expressions are ANDed; the terms are ORed. A pod
// wanting (zone=a AND disk=ssd) OR (zone=b) fits zone=a/ssd and zone=b,
// not zone=a/hdd.
func TestNodeAffinityTermsOredExpressionsAnded(t *testing.T) {
	pod := withRequired(makePod("db", "", ""),
		term(expr("zone", corev1.NodeSelectorOpIn, "a"), expr("disk", corev1.NodeSelectorOpIn, "ssd")),
		term(expr("zone", corev1.NodeSelectorOpIn, "b")))

	assert.True(t, filter(t, &NodeAffinity{}, pod, labelled("a-ssd", "zone", "a", "disk", "ssd")).IsSuccess(), "a node matching the whole first term was refused")
	assert.True(t, filter(t, &NodeAffinity{}, pod, labelled("b", "zone", "b")).IsSuccess(), "a node matching only the second term was refused (terms are ORed)")
	assert.False(t, filter(t, &NodeAffinity{}, pod, labelled("a-hdd", "zone", "a", "disk", "hdd")).IsSuccess(), "a node matching half of a term was accepted (expressions are ANDed)")
}

// nodeSelector and required affinity must both hold: matching one of
// them is not enough.
func TestNodeAffinityNeedsSelectorAndAffinity(t *testing.T) {
	pod := withRequired(makePod("p", "", ""), term(expr("zone", corev1.NodeSelectorOpIn, "a")))
	pod.Spec.NodeSelector = map[string]string{"disk": "ssd"}

	assert.True(t, filter(t, &NodeAffinity{}, pod, labelled("both", "zone", "a", "disk", "ssd")).IsSuccess())
	assert.False(t, filter(t, &NodeAffinity{}, pod, labelled("affinity-only", "zone", "a")).IsSuccess(), "nodeSelector was ignored when affinity matched")
	assert.False(t, filter(t, &NodeAffinity{}, pod, labelled("selector-only", "disk", "ssd")).IsSuccess(), "affinity was ignored when nodeSelector matched")
}

// Edge cases of the terms: an empty term matches no node (not every
// node); matchFields on metadata.name picks a node by name; a pod with
// no rules fits everywhere.
func TestNodeAffinityEdgeCases(t *testing.T) {
	node := labelled("node-01", "zone", "a")

	empty := withRequired(makePod("p", "", ""), corev1.NodeSelectorTerm{})
	assert.False(t, filter(t, &NodeAffinity{}, empty, node).IsSuccess(), "an empty term matched a node")

	byName := withRequired(makePod("p", "", ""), corev1.NodeSelectorTerm{MatchFields: []corev1.NodeSelectorRequirement{
		expr("metadata.name", corev1.NodeSelectorOpIn, "node-01"),
	}})
	assert.True(t, filter(t, &NodeAffinity{}, byName, node).IsSuccess(), "matchFields metadata.name In [node-01] refused node-01")
	assert.False(t, filter(t, &NodeAffinity{}, byName, labelled("node-02")).IsSuccess(), "matchFields metadata.name In [node-01] accepted node-02")

	assert.True(t, filter(t, &NodeAffinity{}, makePod("free", "", ""), node).IsSuccess(), "a pod without rules was refused")
}

// Preferred affinity scores: each matching term adds its weight, and the
// best node is normalized to 100. Weights 80 (zone=a) and 20 (disk=ssd):
// a node with both sums 100, zone=a alone 80, disk=ssd alone 20,
// neither 0.
func TestNodeAffinityScorePreferred(t *testing.T) {
	pod := makePod("p", "", "")
	pod.Spec.Affinity = &corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{
		PreferredDuringSchedulingIgnoredDuringExecution: []corev1.PreferredSchedulingTerm{
			{Weight: 80, Preference: term(expr("zone", corev1.NodeSelectorOpIn, "a"))},
			{Weight: 20, Preference: term(expr("disk", corev1.NodeSelectorOpIn, "ssd"))},
		},
	}}
	scores := score(t, &NodeAffinity{}, pod,
		labelled("both", "zone", "a", "disk", "ssd"),
		labelled("zone", "zone", "a"),
		labelled("disk", "disk", "ssd"),
		labelled("neither"))
	assert.Equal(t, map[string]int64{"both": 100, "zone": 80, "disk": 20, "neither": 0}, scores)

	scores = score(t, &NodeAffinity{}, pod, labelled("zone", "zone", "a"), labelled("neither"))
	assert.Equal(t, map[string]int64{"zone": 100, "neither": 0}, scores, "the best node present must be normalized to 100")

	scores = score(t, &NodeAffinity{}, makePod("indifferent", "", ""), labelled("a", "zone", "a"), labelled("b"))
	assert.Equal(t, map[string]int64{"a": 0, "b": 0}, scores, "a pod without preferences must not favour any node")
}

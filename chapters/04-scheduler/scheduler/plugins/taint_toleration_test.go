package plugins

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// The matching rule of one toleration against one taint, case by case:
// the effects must agree (an empty effect agrees with all), the keys must
// agree (an empty key with Exists agrees with all), and Equal (or no
// operator) also needs equal values. A rule too loose lets pods onto
// dedicated nodes; too strict keeps DaemonSets off them.
func TestTolerationMatchesTaint(t *testing.T) {
	gpu := taint("dedicated", "gpu", corev1.TaintEffectNoSchedule)
	tests := []struct {
		name    string
		tol     corev1.Toleration
		matches bool
	}{
		{"Equal with the same key, value and effect", corev1.Toleration{Key: "dedicated", Operator: corev1.TolerationOpEqual, Value: "gpu", Effect: corev1.TaintEffectNoSchedule}, true},
		{"no operator means Equal", corev1.Toleration{Key: "dedicated", Value: "gpu", Effect: corev1.TaintEffectNoSchedule}, true},
		{"Equal with another value", corev1.Toleration{Key: "dedicated", Operator: corev1.TolerationOpEqual, Value: "db", Effect: corev1.TaintEffectNoSchedule}, false},
		{"Equal with another key", corev1.Toleration{Key: "team", Operator: corev1.TolerationOpEqual, Value: "gpu", Effect: corev1.TaintEffectNoSchedule}, false},
		{"Exists ignores the value", corev1.Toleration{Key: "dedicated", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule}, true},
		{"Exists still needs the key", corev1.Toleration{Key: "team", Operator: corev1.TolerationOpExists}, false},
		{"empty effect matches every effect", corev1.Toleration{Key: "dedicated", Operator: corev1.TolerationOpEqual, Value: "gpu"}, true},
		{"another effect does not match", corev1.Toleration{Key: "dedicated", Operator: corev1.TolerationOpEqual, Value: "gpu", Effect: corev1.TaintEffectNoExecute}, false},
		{"empty key with Exists tolerates everything", corev1.Toleration{Operator: corev1.TolerationOpExists}, true},
		{"empty key with Exists still checks the effect", corev1.Toleration{Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectPreferNoSchedule}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.matches, tolerationMatches(&tt.tol, &gpu), "toleration %+v against taint dedicated=gpu:NoSchedule", tt.tol)
		})
	}
}

// A NoSchedule taint keeps off a pod that does not tolerate it, and the
// reason names the taint as kube-scheduler does; a matching toleration
// lets the pod in.
func TestTaintFilterNoSchedule(t *testing.T) {
	node := nodeWith(withTaints(makeNode("gpu-01", "4", "8Gi", 110), taint("dedicated", "gpu", corev1.TaintEffectNoSchedule)))

	st := filter(t, &TaintToleration{}, makePod("plain", "", ""), node)
	assert.Equal(t, []string{"node(s) had untolerated taint(s)"}, st.Reasons(), "a pod without a toleration was let onto a node tainted NoSchedule")
	assert.Equal(t, framework.UnschedulableAndUnresolvable, st.Code(), "evicting pods does not remove a taint")

	tolerating := withTolerations(makePod("trainer", "", ""), corev1.Toleration{Key: "dedicated", Operator: corev1.TolerationOpEqual, Value: "gpu", Effect: corev1.TaintEffectNoSchedule})
	st = filter(t, &TaintToleration{}, tolerating, node)
	assert.True(t, st.IsSuccess(), "a pod tolerating dedicated=gpu:NoSchedule was refused: %v", st.Reasons())
}

// NoExecute taints are hard rules for scheduling too; PreferNoSchedule
// taints are not: they never refuse a pod, they only lower the score.
func TestTaintFilterEffects(t *testing.T) {
	tests := []struct {
		effect  corev1.TaintEffect
		refuses bool
	}{
		{corev1.TaintEffectNoSchedule, true},
		{corev1.TaintEffectNoExecute, true},
		{corev1.TaintEffectPreferNoSchedule, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.effect), func(t *testing.T) {
			node := nodeWith(withTaints(makeNode("node-01", "4", "8Gi", 110), taint("maintenance", "", tt.effect)))
			st := filter(t, &TaintToleration{}, makePod("plain", "", ""), node)
			assert.Equal(t, tt.refuses, !st.IsSuccess(), "a %s taint: refused=%v, want %v", tt.effect, !st.IsSuccess(), tt.refuses)
		})
	}
}

// A node whose taints are all tolerated passes, whatever their number;
// one untolerated taint among them is enough to refuse.
func TestTaintFilterNeedsEveryTaintTolerated(t *testing.T) {
	node := nodeWith(withTaints(makeNode("node-01", "4", "8Gi", 110),
		taint("dedicated", "gpu", corev1.TaintEffectNoSchedule),
		taint("zone", "cold", corev1.TaintEffectNoSchedule)))
	gpuOnly := withTolerations(makePod("gpu-only", "", ""), corev1.Toleration{Key: "dedicated", Operator: corev1.TolerationOpExists})

	st := filter(t, &TaintToleration{}, gpuOnly, node)
	assert.Equal(t, []string{"node(s) had untolerated taint(s)"}, st.Reasons(), "a pod tolerating one of two taints was let in")

	both := withTolerations(gpuOnly, corev1.Toleration{Key: "zone", Operator: corev1.TolerationOpExists})
	assert.True(t, filter(t, &TaintToleration{}, both, node).IsSuccess(), "a pod tolerating both taints was refused")
}

// PreferNoSchedule lowers a node's score, never refuses it: among three
// nodes with 0, 1 and 2 untolerated PreferNoSchedule taints, the clean
// one scores 100, the worst 0; a tolerated taint does not count.
func TestTaintScorePreferNoSchedule(t *testing.T) {
	clean := nodeWith(makeNode("clean", "4", "8Gi", 110))
	one := nodeWith(withTaints(makeNode("one", "4", "8Gi", 110), taint("a", "", corev1.TaintEffectPreferNoSchedule)))
	two := nodeWith(withTaints(makeNode("two", "4", "8Gi", 110),
		taint("a", "", corev1.TaintEffectPreferNoSchedule), taint("b", "", corev1.TaintEffectPreferNoSchedule)))
	hard := nodeWith(withTaints(makeNode("hard", "4", "8Gi", 110), taint("c", "", corev1.TaintEffectNoSchedule)))

	scores := score(t, &TaintToleration{}, makePod("plain", "", ""), clean, one, two, hard)
	assert.Equal(t, map[string]int64{"clean": 100, "one": 50, "two": 0, "hard": 100}, scores,
		"fewer untolerated PreferNoSchedule taints must score higher (NoSchedule taints are the filter's business)")

	tolerant := withTolerations(makePod("tolerant", "", ""),
		corev1.Toleration{Key: "a", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectPreferNoSchedule},
		corev1.Toleration{Key: "b", Operator: corev1.TolerationOpExists})
	scores = score(t, &TaintToleration{}, tolerant, clean, two)
	assert.Equal(t, map[string]int64{"clean": 100, "two": 100}, scores, "tolerated PreferNoSchedule taints must not lower the score")
}

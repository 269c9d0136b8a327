package plugins

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// makeNode is a Ready node offering cpu ("2", "500m"), memory ("4Gi") and
// room for pods pods.
func makeNode(name, cpu, memory string, pods int64) *corev1.Node {
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{}},
		Status: corev1.NodeStatus{
			Allocatable: corev1.ResourceList{
				corev1.ResourceCPU:    resource.MustParse(cpu),
				corev1.ResourceMemory: resource.MustParse(memory),
				corev1.ResourcePods:   *resource.NewQuantity(pods, resource.DecimalSI),
			},
			Conditions: []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionTrue}},
		},
	}
}

// makePod is a pod with one container requesting cpu and memory; an empty
// string leaves that resource unrequested.
func makePod(name, cpu, memory string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name, UID: types.UID("uid-" + name)},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Resources: requests(cpu, memory)}}},
	}
}

// requests is a container's resource requests; "" leaves one out.
func requests(cpu, memory string) corev1.ResourceRequirements {
	list := corev1.ResourceList{}
	if cpu != "" {
		list[corev1.ResourceCPU] = resource.MustParse(cpu)
	}
	if memory != "" {
		list[corev1.ResourceMemory] = resource.MustParse(memory)
	}
	return corev1.ResourceRequirements{Requests: list}
}

// nodeWith is node's NodeInfo with placed already on it.
func nodeWith(node *corev1.Node, placed ...*corev1.Pod) *framework.NodeInfo {
	n := framework.NewNodeInfo(node)
	for _, p := range placed {
		n.AddPod(framework.NewPodInfo(p))
	}
	return n
}

// filter runs plugin's PreFilter (if it has one) and Filter for pod on n,
// as the framework would.
func filter(t *testing.T, plugin framework.FilterPlugin, pod *corev1.Pod, n *framework.NodeInfo) *framework.Status {
	t.Helper()
	ctx, state := context.Background(), framework.NewCycleState()
	if pre, ok := plugin.(framework.PreFilterPlugin); ok {
		require.True(t, pre.PreFilter(ctx, state, pod).IsSuccess(), "%s's PreFilter failed", plugin.Name())
	}
	return plugin.Filter(ctx, state, pod, n)
}

// score runs plugin's Score for pod on each node, then its NormalizeScore
// if it has one, and returns the scores by node name.
func score(t *testing.T, plugin framework.ScorePlugin, pod *corev1.Pod, nodes ...*framework.NodeInfo) map[string]int64 {
	t.Helper()
	ctx, state := context.Background(), framework.NewCycleState()
	scores := make([]framework.NodeScore, len(nodes))
	for i, n := range nodes {
		s, st := plugin.Score(ctx, state, pod, n)
		require.True(t, st.IsSuccess(), "%s failed to score %s: %v", plugin.Name(), n.Name(), st.AsError())
		scores[i] = framework.NodeScore{Name: n.Name(), Score: s}
	}
	if norm, ok := plugin.(framework.ScoreNormalizer); ok {
		require.True(t, norm.NormalizeScore(ctx, state, pod, scores).IsSuccess())
	}
	byName := map[string]int64{}
	for _, s := range scores {
		byName[s.Name] = s.Score
	}
	return byName
}

// taint is a taint on the node; toleration one in the pod.
func taint(key, value string, effect corev1.TaintEffect) corev1.Taint {
	return corev1.Taint{Key: key, Value: value, Effect: effect}
}

func withTaints(node *corev1.Node, taints ...corev1.Taint) *corev1.Node {
	node.Spec.Taints = append(node.Spec.Taints, taints...)
	return node
}

func withTolerations(pod *corev1.Pod, tolerations ...corev1.Toleration) *corev1.Pod {
	pod.Spec.Tolerations = append(pod.Spec.Tolerations, tolerations...)
	return pod
}

func withLabels(node *corev1.Node, kv ...string) *corev1.Node {
	for i := 0; i+1 < len(kv); i += 2 {
		node.Labels[kv[i]] = kv[i+1]
	}
	return node
}

package scheduler

// How fast is the algorithm alone? BenchmarkScheduleAlgorithm runs the
// scheduling cycle of schedule_one.go (snapshot, filter every node, score,
// select, assume) for 5,000 pods onto 500 nodes, with no queue, no bind
// and no API: the ceiling of what the scheduler can place per second.
//
//	go test -run '^$' -bench ScheduleAlgorithm -benchtime 5x ./solutions/scheduler/

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	clocktesting "k8s.io/utils/clock/testing"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/cache"
	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/plugins"
)

const (
	benchNodes = 500
	benchPods  = 5000
	// benchSpread: every node must end within this many pods of the mean.
	benchSpread = 2
)

// benchNode is a Ready node like a simulated one: 4 CPUs, 16Gi, 110 pods.
func benchNode(i int) *corev1.Node {
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("node-%03d", i), UID: types.UID(fmt.Sprintf("node-uid-%03d", i))},
		Status: corev1.NodeStatus{
			Allocatable: corev1.ResourceList{
				corev1.ResourceCPU:    resource.MustParse("4"),
				corev1.ResourceMemory: resource.MustParse("16Gi"),
				corev1.ResourcePods:   resource.MustParse("110"),
			},
			Conditions: []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionTrue}},
		},
	}
}

// benchPodFor is pod i, asking 100m CPU and 128Mi.
func benchPodFor(i int) *corev1.Pod {
	name := fmt.Sprintf("bench-%05d", i)
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name, UID: types.UID("uid-" + name)},
		Spec: corev1.PodSpec{
			SchedulerName: DefaultSchedulerName,
			Containers: []corev1.Container{{Name: "app", Image: "nginx:1.27.0", Resources: corev1.ResourceRequirements{
				Requests: corev1.ResourceList{
					corev1.ResourceCPU:    resource.MustParse("100m"),
					corev1.ResourceMemory: resource.MustParse("128Mi"),
				},
			}}},
		},
	}
}

// algorithmOnly is a Scheduler with a cache and snapshot but no client,
// informers or queue: enough for the cycle, nothing for the API.
func algorithmOnly(nodes int) *Scheduler {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	s := &Scheduler{
		fwk:      plugins.Default(),
		cache:    cache.New(cache.DefaultAssumedPodTTL, clocktesting.NewFakeClock(time.Now()), logger),
		snapshot: cache.NewSnapshot(),
		logger:   logger,
	}
	for i := 1; i <= nodes; i++ {
		s.cache.AddNode(benchNode(i))
	}
	return s
}

// cycle is scheduleOne without the queue and the bind: the pod is assumed
// on the chosen node, and the next cycle sees it there.
func (s *Scheduler) cycle(ctx context.Context, pod *corev1.Pod) (string, error) {
	s.cache.UpdateSnapshot(s.snapshot)
	host, err := s.schedulePod(ctx, pod)
	if err != nil {
		return "", err
	}
	assumed := pod.DeepCopy()
	assumed.Spec.NodeName = host
	return host, s.cache.AssumePod(assumed)
}

// BenchmarkScheduleAlgorithm reports pods/s for the cycle alone and
// max-off-mean, the node farthest from the mean of 10 pods; it fails if
// any node is more than 2 off: a fast scheduler that piles pods up is no
// good.
func BenchmarkScheduleAlgorithm(b *testing.B) {
	ctx := context.Background()
	pods := make([]*corev1.Pod, benchPods)
	for i := range pods {
		pods[i] = benchPodFor(i)
	}
	var scheduling time.Duration
	rounds, worst := 0, 0
	for b.Loop() {
		b.StopTimer()
		s := algorithmOnly(benchNodes)
		perNode := map[string]int{}
		b.StartTimer()
		start := time.Now()
		for _, pod := range pods {
			host, err := s.cycle(ctx, pod)
			if err != nil {
				b.Fatalf("pod %s was not placed on 500 half-empty nodes: %v", pod.Name, err)
			}
			perNode[host]++
		}
		scheduling += time.Since(start)
		rounds++
		b.StopTimer()
		worst = max(worst, checkEvenSpread(b, perNode, benchNodes, benchPods))
		b.StartTimer()
	}
	b.ReportMetric(float64(benchPods*rounds)/scheduling.Seconds(), "pods/s")
	b.ReportMetric(float64(worst), "max-off-mean")
}

// checkEvenSpread fails b unless every one of nodes nodes holds within
// benchSpread of pods/nodes, and returns the largest distance from it.
func checkEvenSpread(b *testing.B, perNode map[string]int, nodes, pods int) int {
	b.Helper()
	mean := pods / nodes
	if len(perNode) != nodes {
		b.Fatalf("%d pods landed on only %d of %d nodes: identical pods should spread over all of them", pods, len(perNode), nodes)
	}
	worst := 0
	for node, n := range perNode {
		if n < mean-benchSpread || n > mean+benchSpread {
			b.Fatalf("node %s got %d pods, the mean is %d: identical pods should land within ±%d of the mean on identical nodes", node, n, mean, benchSpread)
		}
		worst = max(worst, n-mean, mean-n)
	}
	return worst
}

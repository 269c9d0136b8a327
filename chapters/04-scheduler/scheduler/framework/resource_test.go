package framework

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

// What a pod asks of a node. App containers run together, so they add
// up; init containers run one at a time before them, so only the largest
// counts, and the pod needs max(sum of app containers, largest init
// container), per resource. Sidecars (init containers with restartPolicy
// Always) keep running, so they add to the app containers and to every
// init container started after them. Getting this wrong overbooks nodes
// (too small) or leaves pods Pending for no reason (too big).
func TestPodRequests(t *testing.T) {
	tests := []struct {
		name     string
		init     []corev1.Container
		app      []corev1.Container
		cpu, mem int64 // millicpu, bytes
	}{
		{"app containers add up", nil,
			[]corev1.Container{container("a", "500m", "1Gi"), container("b", "250m", "512Mi")}, 750, gi + 512*mi},
		{"a larger init container wins", []corev1.Container{container("init", "2", "")},
			[]corev1.Container{container("a", "1", "")}, 2000, 0},
		{"a smaller init container does not count", []corev1.Container{container("init", "500m", "")},
			[]corev1.Container{container("a", "1", "")}, 1000, 0},
		{"init containers are not summed", []corev1.Container{container("i1", "1", ""), container("i2", "2", "")},
			[]corev1.Container{container("a", "500m", "")}, 2000, 0},
		{"the max is per resource", []corev1.Container{container("init", "2", "512Mi")},
			[]corev1.Container{container("a", "1", "1Gi")}, 2000, gi},
		{"a sidecar adds to the app containers", []corev1.Container{sidecar("proxy", "500m", "")},
			[]corev1.Container{container("a", "1", "")}, 1500, 0},
		{"a sidecar adds to a later init container", []corev1.Container{sidecar("proxy", "500m", ""), container("migrate", "2", "")},
			[]corev1.Container{container("a", "1", "")}, 2500, 0},
		{"a sidecar does not add to an earlier init container", []corev1.Container{container("migrate", "2", ""), sidecar("proxy", "500m", "")},
			[]corev1.Container{container("a", "1", "")}, 2000, 0},
		{"no requests at all", nil, []corev1.Container{container("a", "", "")}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pod := makePod("p", tt.app...)
			pod.Spec.InitContainers = tt.init
			got := PodRequests(pod)
			assert.Equal(t, tt.cpu, got.MilliCPU, "the pod's cpu request (millicpu)")
			assert.Equal(t, tt.mem, got.Memory, "the pod's memory request (bytes)")
		})
	}
}

// spec.overhead (what the runtime itself costs per pod, set from the
// RuntimeClass) is added on top of the containers' requests.
func TestPodRequestsAddOverhead(t *testing.T) {
	pod := makePod("kata", container("a", "1", "1Gi"))
	pod.Spec.InitContainers = []corev1.Container{container("init", "2", "")}
	pod.Spec.Overhead = corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse("250m"),
		corev1.ResourceMemory: resource.MustParse("128Mi"),
	}
	got := PodRequests(pod)
	assert.Equal(t, Resource{MilliCPU: 2250, Memory: gi + 128*mi}, got, "overhead must be added once, after the init/app max")
}

// For scoring, a container that requests no cpu counts as 0.1 CPU and one
// that requests no memory as 200Mi, so that request-less pods still
// spread; a request written as 0 is kept. Filters never see these
// defaults: a request-less pod asks nothing of the filter.
func TestNonZeroPodRequests(t *testing.T) {
	pod := makePod("p", container("none", "", ""), container("cpu-only", "1", ""), container("zero", "0", "0"))
	got := NonZeroPodRequests(pod)
	assert.Equal(t, DefaultMilliCPURequest+1000, got.MilliCPU, "one container without a cpu request counts 100m")
	assert.Equal(t, 2*DefaultMemoryRequest, got.Memory, "two containers without a memory request count 200Mi each")

	assert.Equal(t, Resource{}, PodRequests(makePod("besteffort", container("a", "", ""))), "the filter's request must not include scoring defaults")
}

// NewResource reads a node's allocatable: cpu in millicpu, memory in
// bytes, and pods.
func TestNewResource(t *testing.T) {
	got := NewResource(makeNode("n", "1500m", "2Gi", 110).Status.Allocatable)
	assert.Equal(t, Resource{MilliCPU: 1500, Memory: 2 * gi, AllowedPodNumber: 110}, got)
}

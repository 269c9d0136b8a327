package cache

import (
	"fmt"
	"slices"
	"sync"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubeling/kubeling/solutions/client/cache/cachetest"
)

func newPod(namespace, name, node string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name, Labels: map[string]string{"app": name}},
		Spec:       corev1.PodSpec{NodeName: node},
	}
}

func newPodServer() *cachetest.Server {
	return cachetest.NewServer(schema.GroupResource{Resource: "pods"}, func() runtime.Object { return &corev1.PodList{} })
}

func rvOf(obj runtime.Object) string {
	m, err := meta.Accessor(obj)
	if err != nil {
		panic(err)
	}
	return m.GetResourceVersion()
}

func keyOf(obj any) string {
	key, err := MetaNamespaceKeyFunc(obj)
	if err != nil {
		panic(err)
	}
	return key
}

// recorder is a ResourceEventHandler that writes each call as a line:
// "ADD default/a 5", "UPDATE default/a 5->6", "DELETE default/a 7", or
// "DELETE default/a (final state unknown, last 6)".
type recorder struct {
	mu     sync.Mutex
	events []string
	// check, if set, is called on every event, e.g. to look at the cache.
	check func(line string, obj runtime.Object)
}

func (r *recorder) record(line string, obj runtime.Object) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, line)
	if r.check != nil {
		r.check(line, obj)
	}
}

func (r *recorder) OnAdd(obj runtime.Object, _ bool) {
	r.record(fmt.Sprintf("ADD %s %s", keyOf(obj), rvOf(obj)), obj)
}

func (r *recorder) OnUpdate(oldObj, newObj runtime.Object) {
	r.record(fmt.Sprintf("UPDATE %s %s->%s", keyOf(newObj), rvOf(oldObj), rvOf(newObj)), newObj)
}

func (r *recorder) OnDelete(obj any) {
	if tomb, ok := obj.(DeletedFinalStateUnknown); ok {
		r.record(fmt.Sprintf("DELETE %s (final state unknown, last %s)", tomb.Key, rvOf(tomb.Obj)), tomb.Obj)
		return
	}
	r.record(fmt.Sprintf("DELETE %s %s", keyOf(obj), rvOf(obj.(runtime.Object))), obj.(runtime.Object))
}

func (r *recorder) lines() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.events)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.events)
}

func metav1ListOptions(rv string) metav1.ListOptions {
	return metav1.ListOptions{ResourceVersion: rv}
}

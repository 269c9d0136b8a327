package scheduler

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	typedcorev1 "k8s.io/client-go/kubernetes/typed/core/v1"
	clienttesting "k8s.io/client-go/testing"
	"k8s.io/client-go/tools/record"

	informers "github.com/kubeling/kubeling/solutions/client/cache"
	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/cache"
	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

var podsResource = corev1.SchemeGroupVersion.WithResource("pods")

// The tests run inside a synctest bubble: the scheduler keeps its real
// clock, which there is the bubble's clock, so backoffs of seconds and
// waits of minutes pass at once, and only when every goroutine is idle.

// cluster is a fake apiserver (client-go's fake clientset) that binds like
// the real one, the record of every bind asked of it, and the recorder the
// scheduler's events go to. Create it inside the bubble.
type cluster struct {
	client   *fake.Clientset
	recorder *record.FakeRecorder

	mu     sync.Mutex
	binds  []bindCall
	refuse []error  // answers for the next binds, in order, instead of binding
	events []string // events read from recorder so far
	// bindGate, if set before start, holds every bind the scheduler sends
	// until the test sends on it or closes it.
	bindGate chan struct{}
}

// bindCall is one pods/binding create the scheduler sent.
type bindCall struct {
	pod, node string
	at        time.Time
	err       error // what the apiserver answered
}

func newCluster(objects ...runtime.Object) *cluster {
	c := &cluster{client: fake.NewClientset(objects...), recorder: record.NewFakeRecorder(1000)}
	c.client.PrependReactor("create", "pods", c.reactToBinding)
	return c
}

// reactToBinding does what the apiserver does with a Binding: set
// spec.nodeName on a pod that has none, 409 Conflict on a pod bound
// already. client-go's fake accepts a Binding without changing the pod, so
// without this a bound pod would look unbound for ever.
func (c *cluster) reactToBinding(action clienttesting.Action) (bool, runtime.Object, error) {
	if action.GetSubresource() != "binding" {
		return false, nil, nil
	}
	binding := action.(clienttesting.CreateAction).GetObject().(*corev1.Binding)
	c.mu.Lock()
	defer c.mu.Unlock()
	var err error
	if len(c.refuse) > 0 {
		err, c.refuse = c.refuse[0], c.refuse[1:]
	} else {
		err = c.bindLocked(action.GetNamespace(), binding)
	}
	c.binds = append(c.binds, bindCall{pod: binding.Name, node: binding.Target.Name, at: time.Now(), err: err})
	return true, binding, err
}

// bindLocked sets the pod's node in the tracker (not through the client:
// a reactor runs under the fake's lock).
func (c *cluster) bindLocked(namespace string, binding *corev1.Binding) error {
	obj, err := c.client.Tracker().Get(podsResource, namespace, binding.Name)
	if err != nil {
		return err
	}
	pod := obj.(*corev1.Pod).DeepCopy()
	if pod.Spec.NodeName != "" {
		return apierrors.NewConflict(schema.GroupResource{Resource: "pods/binding"}, binding.Name,
			fmt.Errorf("pod %s is already assigned to node %q", binding.Name, pod.Spec.NodeName))
	}
	pod.Spec.NodeName = binding.Target.Name
	return c.client.Tracker().Update(podsResource, pod, namespace)
}

// refuseBinds makes the next binds fail with errs, one each.
func (c *cluster) refuseBinds(errs ...error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.refuse = append(c.refuse, errs...)
}

// bindCalls returns the binds asked so far.
func (c *cluster) bindCalls() []bindCall {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]bindCall(nil), c.binds...)
}

// bindCallsFor returns the binds asked for one pod.
func (c *cluster) bindCallsFor(pod string) []bindCall {
	var out []bindCall
	for _, b := range c.bindCalls() {
		if b.pod == pod {
			out = append(out, b)
		}
	}
	return out
}

// recordedEvents returns every event recorded so far, as "Type Reason Message".
func (c *cluster) recordedEvents() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		select {
		case e := <-c.recorder.Events:
			c.events = append(c.events, e)
		default:
			return append([]string(nil), c.events...)
		}
	}
}

// start runs a Scheduler over the cluster until stop is called or the test
// ends, and returns once its informers have synced and it is idle.
func (c *cluster) start(t *testing.T) (s *Scheduler, stop func()) {
	t.Helper()
	s, stop = c.run(t)
	settle()
	return s, stop
}

// run starts a Scheduler over the cluster, as start does, but returns at
// once: the bubble's clock has not moved yet.
func (c *cluster) run(t *testing.T) (s *Scheduler, stop func()) {
	t.Helper()
	factory := informers.NewSharedInformerFactory(c.client, informers.FactoryOptions{Logger: quiet})
	var client kubernetes.Interface = c.client
	if c.bindGate != nil {
		client = gatedClient{c.client, c.bindGate}
	}
	s = New(client, factory, Options{Recorder: c.recorder, Logger: quiet})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			require.NoError(t, <-done, "Run returned an error when stopped")
			factory.Shutdown()
		})
	}
	t.Cleanup(stop)
	return s, stop
}

// gatedClient is the fake clientset with every pods/binding create held
// at gate: a bind in flight for as long as a test needs.
type gatedClient struct {
	*fake.Clientset
	gate chan struct{}
}

func (c gatedClient) CoreV1() typedcorev1.CoreV1Interface {
	return gatedCoreV1{c.Clientset.CoreV1(), c.gate}
}

type gatedCoreV1 struct {
	typedcorev1.CoreV1Interface
	gate chan struct{}
}

func (c gatedCoreV1) Pods(namespace string) typedcorev1.PodInterface {
	return gatedPods{c.CoreV1Interface.Pods(namespace), c.gate}
}

type gatedPods struct {
	typedcorev1.PodInterface
	gate chan struct{}
}

func (p gatedPods) Bind(ctx context.Context, binding *corev1.Binding, opts metav1.CreateOptions) error {
	<-p.gate
	return p.PodInterface.Bind(ctx, binding, opts)
}

// waitUntil lets bubble time pass 10ms at a time until cond holds, at most
// limit, and fails the test if it never does. Each step ends with every
// goroutine idle, so what cond saw is settled.
func waitUntil(t *testing.T, limit time.Duration, cond func() bool, msg string, args ...any) {
	t.Helper()
	for deadline := time.Now().Add(limit); !cond(); {
		if !time.Now().Before(deadline) {
			require.FailNowf(t, "waited too long", msg, args...)
		}
		time.Sleep(10 * time.Millisecond)
		synctest.Wait()
	}
}

// settle lets a second of bubble time pass (the informers poll for their
// sync every 10ms, the queue flushes backoffQ every second) and waits until
// every goroutine is idle.
func settle() {
	time.Sleep(time.Second)
	synctest.Wait()
}

// create adds objects through the client, as kubectl would.
func (c *cluster) create(t *testing.T, objects ...runtime.Object) {
	t.Helper()
	ctx := context.Background()
	for _, obj := range objects {
		var err error
		switch o := obj.(type) {
		case *corev1.Pod:
			_, err = c.client.CoreV1().Pods(o.Namespace).Create(ctx, o, metav1.CreateOptions{})
		case *corev1.Node:
			_, err = c.client.CoreV1().Nodes().Create(ctx, o, metav1.CreateOptions{})
		default:
			err = fmt.Errorf("cannot create a %T", obj)
		}
		require.NoError(t, err)
	}
}

// getPod reads a pod from the fake apiserver.
func (c *cluster) getPod(t *testing.T, name string) *corev1.Pod {
	t.Helper()
	pod, err := c.client.CoreV1().Pods("default").Get(context.Background(), name, metav1.GetOptions{})
	require.NoError(t, err)
	return pod
}

// nodeOf is the node the apiserver has the pod bound to ("" if none).
func (c *cluster) nodeOf(t *testing.T, name string) string {
	t.Helper()
	return c.getPod(t, name).Spec.NodeName
}

// statusPatches returns the pods/status patches the scheduler sent.
func (c *cluster) statusPatches() []clienttesting.PatchAction {
	var out []clienttesting.PatchAction
	for _, a := range c.client.Actions() {
		if p, ok := a.(clienttesting.PatchAction); ok && a.GetResource().Resource == "pods" && a.GetSubresource() == "status" {
			out = append(out, p)
		}
	}
	return out
}

// cachedNode returns what s's cache holds for a node: its pods and what
// they request.
func cachedNode(t *testing.T, s *Scheduler, name string) *framework.NodeInfo {
	t.Helper()
	snap := cache.NewSnapshot()
	s.cache.UpdateSnapshot(snap)
	n, ok := snap.Get(name)
	require.True(t, ok, "the scheduler's cache does not know node %s", name)
	return n
}

// node returns a Ready node with cpu CPUs, 8Gi of memory and room for 110
// pods.
func node(name, cpu string) *corev1.Node {
	alloc := corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse(cpu),
		corev1.ResourceMemory: resource.MustParse("8Gi"),
		corev1.ResourcePods:   resource.MustParse("110"),
	}
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name, UID: types.UID("uid-" + name), Labels: map[string]string{"kubernetes.io/hostname": name}},
		Status: corev1.NodeStatus{
			Capacity: alloc, Allocatable: alloc,
			Conditions: []corev1.NodeCondition{{
				Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "KubeletReady",
				LastHeartbeatTime: metav1.Unix(1000, 0), LastTransitionTime: metav1.Unix(1000, 0),
			}},
		},
	}
}

// pod returns an unbound pod of the default scheduler in namespace
// "default" requesting cpu CPUs ("" for no requests).
func pod(name, cpu string) *corev1.Pod {
	c := corev1.Container{Name: "app", Image: "nginx:1.27.0"}
	if cpu != "" {
		c.Resources.Requests = corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(cpu)}
	}
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name, UID: types.UID("uid-" + name)},
		Spec:       corev1.PodSpec{SchedulerName: DefaultSchedulerName, Containers: []corev1.Container{c}},
		Status:     corev1.PodStatus{Phase: corev1.PodPending},
	}
}

// boundTo returns a copy of pod bound to nodeName.
func boundTo(pod *corev1.Pod, nodeName string) *corev1.Pod {
	pod = pod.DeepCopy()
	pod.Spec.NodeName = nodeName
	return pod
}

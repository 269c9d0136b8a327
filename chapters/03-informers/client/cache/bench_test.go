package cache

// Benchmarks of our informer against client-go's, both fed by the same
// cachetest.Server holding 10,000 pods. See chapters/03-informers/README.md
// "How fast is it?" for the command and the figures.

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8sruntime "k8s.io/apimachinery/pkg/runtime"
	cgcache "k8s.io/client-go/tools/cache"

	"github.com/kubeling/kubeling/solutions/client/cache/cachetest"
)

const benchPods = 10000

// benchPod is a pod of realistic size (about 1 KiB as JSON): what a
// ReplicaSet of nginx creates, scheduled and running.
func benchPod(i int, generation string) *corev1.Pod {
	isController := true
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			Namespace: "default", Name: fmt.Sprintf("nginx-7c5ddbdf54-%05d", i),
			Labels:          map[string]string{"app": "nginx", "pod-template-hash": "7c5ddbdf54", "generation": generation},
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "nginx-7c5ddbdf54", UID: "2c4e5b9a-64c4-4b8e-9a3e-6f1f0c1d2e3f", Controller: &isController}},
		},
		Spec: corev1.PodSpec{
			NodeName: fmt.Sprintf("node-%02d", i%20),
			Containers: []corev1.Container{{
				Name: "nginx", Image: "nginx:1.27.0",
				Ports: []corev1.ContainerPort{{ContainerPort: 80, Protocol: corev1.ProtocolTCP}},
				Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{
					corev1.ResourceCPU: resource.MustParse("100m"), corev1.ResourceMemory: resource.MustParse("64Mi"),
				}},
			}},
		},
		Status: corev1.PodStatus{
			Phase: corev1.PodRunning, PodIP: fmt.Sprintf("10.244.%d.%d", i/250, i%250+2), HostIP: "192.168.56.11",
			Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}},
		},
	}
}

func benchServer(b *testing.B) *cachetest.Server {
	srv := newPodServer()
	for i := range benchPods {
		if err := srv.Create(benchPod(i, "0")); err != nil {
			b.Fatal(err)
		}
	}
	return srv
}

// informerUnderTest starts an informer over srv whose handler counts the
// calls, and returns the counters and a stop function.
type informerUnderTest func(srv *cachetest.Server, adds, updates *atomic.Int64) (stop func())

func runOurs(srv *cachetest.Server, adds, updates *atomic.Int64) func() {
	inf := NewSharedIndexInformer(srv, &corev1.Pod{}, SharedInformerOptions{Logger: quiet})
	inf.AddEventHandler(ResourceEventHandlerFuncs{
		AddFunc:    func(k8sruntime.Object, bool) { adds.Add(1) },
		UpdateFunc: func(_, _ k8sruntime.Object) { updates.Add(1) },
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { inf.Run(ctx); close(done) }()
	return func() { cancel(); <-done }
}

func runClientGo(srv *cachetest.Server, adds, updates *atomic.Int64) func() {
	lw := cgcache.ToListWatcherWithWatchListSemantics(&cgcache.ListWatch{
		ListWithContextFunc:  srv.List,
		WatchFuncWithContext: srv.Watch,
	}, srv)
	inf := cgcache.NewSharedIndexInformer(lw, &corev1.Pod{}, 0, cgcache.Indexers{cgcache.NamespaceIndex: cgcache.MetaNamespaceIndexFunc})
	if _, err := inf.AddEventHandler(cgcache.ResourceEventHandlerFuncs{
		AddFunc:    func(any) { adds.Add(1) },
		UpdateFunc: func(_, _ any) { updates.Add(1) },
	}); err != nil {
		panic(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { inf.RunWithContext(ctx); close(done) }()
	return func() { cancel(); <-done }
}

var implementations = []struct {
	name string
	run  informerUnderTest
}{{"kubeling", runOurs}, {"client-go", runClientGo}}

func waitCount(b *testing.B, c *atomic.Int64, want int64) {
	deadline := time.Now().Add(time.Minute)
	for c.Load() < want {
		if time.Now().After(deadline) {
			b.Fatalf("only %d of %d events arrived", c.Load(), want)
		}
		time.Sleep(50 * time.Microsecond)
	}
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkInformerSync10000 measures one informer starting over 10,000
// pods: list, fill the cache, call a handler's OnAdd for each. B/op and
// allocs/op count everything allocated on the way; cache-B is the heap the
// running informer still holds once synced (its cache, indexes and
// buffers; the server's own copy is excluded).
func BenchmarkInformerSync10000(b *testing.B) {
	srv := benchServer(b)
	for _, impl := range implementations {
		b.Run(impl.name, func(b *testing.B) {
			b.ReportAllocs()
			var retained uint64
			for b.Loop() {
				b.StopTimer()
				before := heapInUse()
				var adds, updates atomic.Int64
				b.StartTimer()

				stop := impl.run(srv, &adds, &updates)
				waitCount(b, &adds, benchPods)

				b.StopTimer()
				retained += heapInUse() - before
				stop()
				b.StartTimer()
			}
			b.ReportMetric(float64(retained)/float64(b.N), "cache-B")
		})
	}
}

// BenchmarkInformerEvents10000 measures event delivery: with 10,000 pods
// synced, all 10,000 are updated on the server and the benchmark waits for
// the 10,000th OnUpdate. events/s is the delivery rate from the server's
// watch through reflector, DeltaFIFO, cache and listener to the handler.
func BenchmarkInformerEvents10000(b *testing.B) {
	for _, impl := range implementations {
		b.Run(impl.name, func(b *testing.B) {
			srv := benchServer(b)
			var adds, updates atomic.Int64
			stop := impl.run(srv, &adds, &updates)
			defer stop()
			waitCount(b, &adds, benchPods)

			b.ReportAllocs()
			var elapsed time.Duration
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				pods := make([]*corev1.Pod, benchPods)
				for j := range pods {
					pods[j] = benchPod(j, fmt.Sprint(i+1))
				}
				b.StartTimer()

				start := time.Now()
				for _, p := range pods {
					if err := srv.Update(p); err != nil {
						b.Fatal(err)
					}
				}
				waitCount(b, &updates, int64(benchPods*(i+1)))
				elapsed += time.Since(start)
			}
			b.ReportMetric(float64(benchPods*b.N)/elapsed.Seconds(), "events/s")
		})
	}
}

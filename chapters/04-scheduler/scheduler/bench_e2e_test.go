package scheduler

// How fast is it end to end? BenchmarkSchedulerEndToEnd runs a whole
// small cluster in this process, on loopback: embedded etcd, the
// apiserver, 500 simulated nodes and the scheduler, each with its own
// client. 32 goroutines create 5,000 pods through one more client, and
// the clock runs from the first create until a watch has seen the last
// pod bound.
//
// Nothing can bind pods faster than the apiserver accepts them, so each
// iteration first measures that floor: the same creates on the same kind
// of cluster (simulated nodes included) with no scheduler; then the
// scheduler's run, and the ratio of the two.
//
//	go test -run '^$' -bench SchedulerEndToEnd -benchtime 1x -count 3 ./solutions/scheduler/
//
// Every cluster is fresh, and stopped, its etcd directory removed, before
// the next starts. ns/op is both runs and is not the figure to read.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/kubeling/kubeling/solutions/apiserver"
	informers "github.com/kubeling/kubeling/solutions/client/cache"
	"github.com/kubeling/kubeling/solutions/simnodes"
	"github.com/kubeling/kubeling/solutions/storage/etcd3"
)

// benchCreators is how many clients create pods at once.
const benchCreators = 32

// BenchmarkSchedulerEndToEnd reports, for each iteration's two fresh
// clusters: floor-pods/s, the creates alone with no scheduler; pods/s,
// from the first create until every pod is bound; and of-floor, the second
// over the first; and max-off-mean, the node farthest from the mean of 10
// pods. It fails unless every node ends within ±2 of the mean.
func BenchmarkSchedulerEndToEnd(b *testing.B) {
	var creating, scheduling time.Duration
	worst := 0
	for b.Loop() {
		b.StopTimer()
		floor := startBenchCluster(b, false)
		b.StartTimer()
		creating += floor.createPods(b)
		b.StopTimer()
		floor.stop()

		cl := startBenchCluster(b, true)
		b.StartTimer()
		scheduling += cl.createAndWaitBound(b)
		b.StopTimer()
		worst = max(worst, checkEvenSpread(b, cl.podsPerNode(b), benchNodes, benchPods))
		cl.stop()
		b.StartTimer()
	}
	floorRate, rate := podsPerSecond(b, creating), podsPerSecond(b, scheduling)
	b.ReportMetric(floorRate, "floor-pods/s")
	b.ReportMetric(rate, "pods/s")
	b.ReportMetric(rate/floorRate, "of-floor")
	b.ReportMetric(float64(worst), "max-off-mean")
}

// podsPerSecond is the rate over every iteration of b.
func podsPerSecond(b *testing.B, took time.Duration) float64 {
	return float64(benchPods) * float64(b.N) / took.Seconds()
}

// benchCluster is one cluster of the benchmark, and how to stop it.
type benchCluster struct {
	client kubernetes.Interface
	stop   func() // stops everything, in order; safe to call twice
}

// startBenchCluster starts etcd, the apiserver and 500 simulated nodes,
// and the scheduler if withScheduler, and returns once every part sees
// all the nodes.
func startBenchCluster(b *testing.B, withScheduler bool) *benchCluster {
	b.Helper()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	var stops []func() // in the order to run them
	var once sync.Once
	cl := &benchCluster{stop: func() {
		once.Do(func() {
			for _, stop := range stops {
				stop()
			}
		})
	}}
	b.Cleanup(cl.stop) // also when the benchmark fails half-way

	ctx, cancel := context.WithCancel(context.Background())
	var running sync.WaitGroup
	url, stopServer := startEtcdAndAPIServer(b, quiet)
	stops = append(stops, func() { cancel(); running.Wait() }, stopServer)
	config := &rest.Config{Host: url, QPS: -1} // no client-side rate limit
	cl.client = newBenchClient(b, config)

	sim, err := simnodes.New(newBenchClient(b, config), simnodes.Options{Count: benchNodes, Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	running.Go(func() {
		if err := sim.Run(ctx); err != nil {
			b.Errorf("the simulated nodes stopped: %v", err)
		}
	})
	waitFor(b, "the 500 simulated nodes to register", func() bool {
		nodes, err := cl.client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
		return err == nil && len(nodes.Items) == benchNodes
	})
	if withScheduler {
		client := newBenchClient(b, config)
		factory := informers.NewSharedInformerFactory(client, informers.FactoryOptions{Logger: quiet})
		s := New(client, factory, Options{Logger: quiet})
		running.Go(func() {
			defer factory.Shutdown() // its watches end before the apiserver stops
			if err := s.Run(ctx); err != nil && ctx.Err() == nil {
				b.Errorf("the scheduler stopped: %v", err)
			}
		})
		waitFor(b, "the scheduler to see the 500 nodes", func() bool { return s.cache.NodeCount() == benchNodes })
	}
	return cl
}

// startEtcdAndAPIServer starts an embedded etcd in a new temporary
// directory and the apiserver over it on a loopback port, and returns the
// apiserver's URL and a function that stops both and removes the directory.
func startEtcdAndAPIServer(b *testing.B, quiet *slog.Logger) (string, func()) {
	b.Helper()
	dir, err := os.MkdirTemp("", "sched-bench-")
	if err != nil {
		b.Fatal(err)
	}
	// etcd's loggers write to os.Stderr as they find it when they are made,
	// and they complain at every shutdown (a request cancelled, a listener
	// closed): those lines go to a file in dir, so that they do not break
	// the benchmark's result lines.
	etcdLog, stderr := redirectStderr(b, dir)
	ctx := context.Background()
	e, err := etcd3.StartEmbedded(ctx, etcd3.EmbeddedConfig{
		DataDir:   filepath.Join(dir, "etcd"),
		ClientURL: "http://" + freeLoopbackAddr(b),
		PeerURL:   "http://" + freeLoopbackAddr(b),
	})
	if err != nil {
		os.Stderr = stderr
		etcdLog.Close()
		os.RemoveAll(dir)
		b.Fatal(err)
	}
	store, err := etcd3.New(ctx, []string{e.ClientURL()}, 10*time.Second)
	stopStorage := func() {
		if store != nil {
			store.Close()
		}
		e.Close()
		os.Stderr = stderr
		etcdLog.Close()
		os.RemoveAll(dir)
	}
	if err != nil {
		stopStorage()
		b.Fatal(err)
	}
	srv, err := apiserver.New(apiserver.Config{Storage: store, Log: quiet})
	if err != nil {
		stopStorage()
		b.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		stopStorage()
		b.Fatal(err)
	}
	serveCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(serveCtx, l)
	}()
	stop := func() {
		cancel()
		<-done
		stopStorage()
	}
	if err := srv.Bootstrap(ctx, l.Addr().(*net.TCPAddr).Port); err != nil {
		stop()
		b.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	waitFor(b, "the apiserver to be ready", func() bool {
		resp, err := http.Get(url + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return url, stop
}

// redirectStderr points os.Stderr at dir/etcd.log, and returns the file
// and the os.Stderr to restore.
func redirectStderr(b *testing.B, dir string) (*os.File, *os.File) {
	f, err := os.Create(filepath.Join(dir, "etcd.log"))
	if err != nil {
		os.RemoveAll(dir)
		b.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = f
	return f, saved
}

// freeLoopbackAddr is a loopback address with a port nothing listens on.
func freeLoopbackAddr(b *testing.B) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// newBenchClient is a client with a connection pool of its own, as each
// component has in its own process.
//
// Over plain http, client-go gives every client http.DefaultTransport, one
// pool per process keeping 2 idle connections per host. In one process the
// creators, the scheduler's binds and the simulated nodes would all share
// it, and nearly every request would open a new TCP connection: in trial
// runs that halved the create floor. A clone is the pool each component
// has in its own process.
func newBenchClient(b *testing.B, config *rest.Config) kubernetes.Interface {
	config = rest.CopyConfig(config)
	config.Transport = http.DefaultTransport.(*http.Transport).Clone()
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		b.Fatal(err)
	}
	return client
}

// waitFor polls cond every 20ms, for up to a minute.
func waitFor(b *testing.B, what string, cond func() bool) {
	b.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			b.Fatalf("waited a minute for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// createPods creates the 5,000 pods from benchCreators clients at once and
// returns how long that took.
func (cl *benchCluster) createPods(b *testing.B) time.Duration {
	b.Helper()
	ctx := context.Background()
	pods := cl.client.CoreV1().Pods("default")
	next := make(chan int)
	var wg sync.WaitGroup
	var failed sync.Once
	var firstErr error
	for range benchCreators {
		wg.Go(func() {
			for i := range next {
				pod := benchPodFor(i)
				pod.UID = "" // the apiserver gives it one
				if _, err := pods.Create(ctx, pod, metav1.CreateOptions{}); err != nil {
					failed.Do(func() { firstErr = err })
				}
			}
		})
	}
	start := time.Now()
	for i := range benchPods {
		next <- i
	}
	close(next)
	wg.Wait()
	took := time.Since(start)
	if firstErr != nil {
		b.Fatalf("creating the pods: %v", firstErr)
	}
	return took
}

// createAndWaitBound creates the pods, and returns the time from the first
// create until a watch has seen every pod bound.
func (cl *benchCluster) createAndWaitBound(b *testing.B) time.Duration {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	pods := cl.client.CoreV1().Pods("default")
	list, err := pods.List(ctx, metav1.ListOptions{})
	if err != nil {
		b.Fatal(err)
	}
	w, err := pods.Watch(ctx, metav1.ListOptions{ResourceVersion: list.ResourceVersion})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Stop()
	allBound := make(chan error, 1)
	go func() { allBound <- waitBound(w, benchPods) }()

	start := time.Now()
	cl.createPods(b)
	if err := <-allBound; err != nil {
		b.Fatalf("after %v: %v", time.Since(start).Round(time.Millisecond), err)
	}
	return time.Since(start)
}

// waitBound reads w until it has seen want distinct pods with a node.
func waitBound(w watch.Interface, want int) error {
	bound := map[string]bool{}
	for ev := range w.ResultChan() {
		if ev.Type == watch.Error {
			return fmt.Errorf("the watch failed: %v", ev.Object)
		}
		if pod, ok := ev.Object.(*corev1.Pod); ok && pod.Spec.NodeName != "" {
			bound[pod.Name] = true
		}
		if len(bound) == want {
			return nil
		}
	}
	return errors.New("the watch ended before every pod was bound")
}

// podsPerNode counts the pods on each node, as the apiserver has them.
func (cl *benchCluster) podsPerNode(b *testing.B) map[string]int {
	b.Helper()
	list, err := cl.client.CoreV1().Pods("default").List(context.Background(), metav1.ListOptions{})
	if err != nil {
		b.Fatal(err)
	}
	perNode := map[string]int{}
	for _, pod := range list.Items {
		perNode[pod.Spec.NodeName]++
	}
	return perNode
}

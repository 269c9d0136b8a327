// Command informer-demo runs the course's informer (solutions/client/cache)
// and control loop (solutions/controller) against an apiserver, and prints
// what happens, one line each, so that chapter 03's labs can check it:
//
//	ADD default/nginx                 a handler's OnAdd
//	UPDATE default/nginx              OnUpdate
//	DELETE default/nginx              OnDelete (with " (final state unknown)" after a relist)
//	SYNCED 3                          the initial list (3 objects) has reached the handler
//	RECONCILE default/nginx           a worker synced the key (" (gone)" if no longer cached)
//
// and, on stderr, every request the informer makes, and every bookmark its
// watches bring:
//
//	LIST pods resourceVersion=42 items=3
//	LIST pods failed: <the error>
//	WATCH pods from resourceVersion=42
//	BOOKMARK pods resourceVersion=57
//
// A list read in pages prints one LIST line per page: "(more follow)" ends
// a page whose answer carried a continue token, and "continuing" marks a
// request that sent one:
//
//	LIST configmaps resourceVersion=42 items=500 (more follow)
//	LIST configmaps continuing resourceVersion=42 items=500 (more follow)
//	LIST configmaps continuing resourceVersion=42 items=200
//
// Usage:
//
//	informer-demo --kubeconfig FILE [--resource pods] [--namespace NS] [--selector app=web]
//	              [--workers 2] [--ready-file FILE] [--request-log FILE]
//	              [--until REGEXP] [--timeout 60s]
//
// --ready-file is written once SYNCED is printed, so a lab can wait for it.
// --request-log gets a copy of the stderr lines above as they happen, so a
// lab can wait for one (a failed list, a bookmark) while the demo runs.
// --until ends the demo (status 0) after printing a line that matches; with
// --timeout the demo gives up (status 1) if that line has not come.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"regexp"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/kubeling/kubeling/solutions/client/cache"
	"github.com/kubeling/kubeling/solutions/controller"
	"github.com/kubeling/kubeling/tools/internal/labcrash"
)

type options struct {
	kubeconfig string
	resource   string
	namespace  string
	selector   string
	workers    int
	readyFile  string
	requestLog string
	until      string
	timeout    time.Duration
}

func main() {
	labcrash.ReportTo()
	var o options
	flag.StringVar(&o.kubeconfig, "kubeconfig", os.Getenv("KUBECONFIG"), "kubeconfig of the apiserver")
	flag.StringVar(&o.resource, "resource", "pods", "resource to inform on: "+resourceNames())
	flag.StringVar(&o.namespace, "namespace", "", "namespace (empty: all)")
	flag.StringVar(&o.selector, "selector", "", "label selector")
	flag.IntVar(&o.workers, "workers", 0, "run a controller with this many workers, printing RECONCILE lines")
	flag.StringVar(&o.readyFile, "ready-file", "", "write this file once the initial list has reached the handler")
	flag.StringVar(&o.requestLog, "request-log", "", "append each LIST, WATCH and BOOKMARK line to this file too")
	flag.StringVar(&o.until, "until", "", "exit 0 after printing a line matching this regular expression")
	flag.DurationVar(&o.timeout, "timeout", 0, "give up after this long (0: never); an error if --until is set")
	flag.Parse()

	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "informer-demo:", err)
		os.Exit(1)
	}
}

// listerWatcherFor returns the ListerWatcher and example object of
// o.resource.
func listerWatcherFor(c kubernetes.Interface, o options) (cache.ListerWatcher, runtime.Object, error) {
	sel, ns := cache.Selectors{Label: o.selector}, o.namespace
	switch o.resource {
	case "pods":
		return cache.NewListWatch(c.CoreV1().Pods(ns), sel), &corev1.Pod{}, nil
	case "configmaps":
		return cache.NewListWatch(c.CoreV1().ConfigMaps(ns), sel), &corev1.ConfigMap{}, nil
	case "nodes":
		return cache.NewListWatch(c.CoreV1().Nodes(), sel), &corev1.Node{}, nil
	case "services":
		return cache.NewListWatch(c.CoreV1().Services(ns), sel), &corev1.Service{}, nil
	case "namespaces":
		return cache.NewListWatch(c.CoreV1().Namespaces(), sel), &corev1.Namespace{}, nil
	case "deployments":
		return cache.NewListWatch(c.AppsV1().Deployments(ns), sel), &appsv1.Deployment{}, nil
	case "replicasets":
		return cache.NewListWatch(c.AppsV1().ReplicaSets(ns), sel), &appsv1.ReplicaSet{}, nil
	case "replicationcontrollers":
		return cache.NewListWatch(c.CoreV1().ReplicationControllers(ns), sel), &corev1.ReplicationController{}, nil
	}
	return nil, nil, fmt.Errorf("unknown resource %q (known: %s)", o.resource, resourceNames())
}

func resourceNames() string {
	return "pods, configmaps, nodes, services, namespaces, deployments, replicasets, replicationcontrollers"
}

// printer writes whole lines to stdout and ends the demo when one matches
// --until. Safe for concurrent use.
type printer struct {
	mu    sync.Mutex
	out   io.Writer
	until *regexp.Regexp
	done  func() // called once a line matched
}

func (p *printer) println(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(p.out, line)
	if p.until != nil && p.until.MatchString(line) {
		p.done()
	}
}

func run(ctx context.Context, o options, stdout, stderr io.Writer) error {
	config, err := clientcmd.BuildConfigFromFlags("", o.kubeconfig)
	if err != nil {
		return fmt.Errorf("loading the kubeconfig: %w", err)
	}
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		return err
	}
	lw, example, err := listerWatcherFor(client, o)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	matched := false
	p := &printer{out: stdout, done: func() { matched = true; cancel() }}
	if o.until != "" {
		if p.until, err = regexp.Compile(o.until); err != nil {
			return fmt.Errorf("--until: %w", err)
		}
	}
	var timedOut atomic.Bool
	if o.timeout > 0 {
		t := time.AfterFunc(o.timeout, func() { timedOut.Store(true); cancel() })
		defer t.Stop()
	}

	requests := stderr
	if o.requestLog != "" {
		f, err := os.OpenFile(o.requestLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return fmt.Errorf("--request-log: %w", err)
		}
		defer f.Close()
		requests = io.MultiWriter(stderr, f)
	}
	informer := cache.NewSharedIndexInformer(&requestLogger{lw: lw, name: o.resource, out: requests}, example,
		cache.SharedInformerOptions{Name: o.resource})
	// The controller's queue is fed by the printing handler itself, after
	// it prints: a RECONCILE line therefore always follows the event line
	// that caused it, which keeps the labs' expectations free of races.
	var c *controller.Controller
	if o.workers > 0 {
		c = controller.New("informer-demo", func(_ context.Context, k string) error {
			if _, exists, _ := informer.GetIndexer().GetByKey(k); !exists {
				p.println("RECONCILE %s (gone)", k)
				return nil
			}
			p.println("RECONCILE %s", k)
			return nil
		}, controller.Options{})
	}
	enqueue := func(obj any) {
		if c != nil {
			c.Enqueue(key(obj))
		}
	}

	var initial atomic.Int64
	reg := informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj runtime.Object, isInInitialList bool) {
			if isInInitialList {
				initial.Add(1)
			}
			p.println("ADD %s", key(obj))
			enqueue(obj)
		},
		UpdateFunc: func(_, newObj runtime.Object) {
			p.println("UPDATE %s", key(newObj))
			enqueue(newObj)
		},
		DeleteFunc: func(obj any) {
			if _, ok := obj.(cache.DeletedFinalStateUnknown); ok {
				p.println("DELETE %s (final state unknown)", key(obj))
			} else {
				p.println("DELETE %s", key(obj))
			}
			enqueue(obj)
		},
	})

	var wg sync.WaitGroup
	wg.Go(func() { informer.Run(ctx) })
	wg.Go(func() {
		if !cache.WaitForCacheSync(ctx, reg.HasSynced) {
			return
		}
		n := initial.Load()
		p.println("SYNCED %d", n)
		if o.readyFile != "" {
			if err := os.WriteFile(o.readyFile, fmt.Appendf(nil, "SYNCED %d\n", n), 0o644); err != nil {
				slog.Error("writing the ready file", "err", err)
			}
		}
	})
	if c != nil {
		c.WaitFor(reg.HasSynced)
		wg.Go(func() {
			if err := c.Run(ctx, o.workers); err != nil && !errors.Is(err, context.Canceled) {
				slog.Error("controller", "err", err)
			}
		})
	}
	wg.Wait()

	p.mu.Lock()
	defer p.mu.Unlock()
	if timedOut.Load() && !matched && o.until != "" {
		return fmt.Errorf("timed out after %v waiting for a line matching %q", o.timeout, o.until)
	}
	return nil
}

func key(obj any) string {
	k, err := cache.MetaNamespaceKeyFunc(obj)
	if err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	return k
}

// requestLogger prints each list and watch the informer makes, and each
// bookmark, so that a lab can tell a resumed watch from a relist and see
// which resourceVersion a watch resumes from.
type requestLogger struct {
	lw   cache.ListerWatcher
	name string
	mu   sync.Mutex
	out  io.Writer
}

func (l *requestLogger) List(ctx context.Context, opts metav1.ListOptions) (runtime.Object, error) {
	list, err := l.lw.List(ctx, opts)
	if err != nil {
		l.printf("LIST %s failed: %v\n", l.name, err)
		return list, err
	}
	continuing, more := "", ""
	if opts.Continue != "" {
		continuing = " continuing"
	}
	rv := ""
	if m, err := meta.ListAccessor(list); err == nil {
		rv = m.GetResourceVersion()
		if m.GetContinue() != "" {
			more = " (more follow)"
		}
	}
	l.printf("LIST %s%s resourceVersion=%s items=%d%s\n", l.name, continuing, rv, meta.LenList(list), more)
	return list, nil
}

func (l *requestLogger) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	l.printf("WATCH %s from resourceVersion=%s\n", l.name, opts.ResourceVersion)
	w, err := l.lw.Watch(ctx, opts)
	if err != nil {
		return nil, err
	}
	// Filter hands on every event; its function runs before the informer
	// gets the event, and the events keep their order.
	return watch.Filter(w, func(ev watch.Event) (watch.Event, bool) {
		if ev.Type == watch.Bookmark {
			if m, err := meta.Accessor(ev.Object); err == nil {
				l.printf("BOOKMARK %s resourceVersion=%s\n", l.name, m.GetResourceVersion())
			}
		}
		return ev, true
	}), nil
}

func (l *requestLogger) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.out, format, args...)
}

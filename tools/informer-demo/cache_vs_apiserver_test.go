package main

// BenchmarkPodsOnANode puts a number on "controllers must read from the
// cache" (chapters/03-informers/README.md): the question the scheduler and
// the kubelet ask all the time, "which pods are on node-07?", asked of an
// informer's index and of the apiserver, over 10,000 pods on 20 nodes.

import (
	"context"
	"fmt"
	"sync"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubeling/kubeling/solutions/apiserver/apiservertest"
	"github.com/kubeling/kubeling/solutions/client/cache"
)

func BenchmarkPodsOnANode(b *testing.B) {
	const pods, nodes = 10000, 20
	srv := apiservertest.Start(b, apiservertest.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// Create the pods with 8 clients at a time.
	var wg sync.WaitGroup
	errs := make(chan error, pods)
	next := make(chan int)
	for range 8 {
		wg.Go(func() {
			for i := range next {
				p := testPod(fmt.Sprintf("web-%05d", i))
				p.Spec.NodeName = fmt.Sprintf("node-%02d", i%nodes)
				if _, err := srv.Client.CoreV1().Pods("default").Create(ctx, p, metav1.CreateOptions{}); err != nil {
					errs <- err
				}
			}
		})
	}
	for i := range pods {
		next <- i
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}

	factory := cache.NewSharedInformerFactory(srv.Client, cache.FactoryOptions{})
	informer := factory.Pods().Informer()
	if err := informer.AddIndexers(cache.Indexers{cache.PodNodeNameIndex: cache.PodNodeNameIndexFunc}); err != nil {
		b.Fatal(err)
	}
	factory.Start(ctx)
	if !factory.WaitForCacheSync(ctx) {
		b.Fatal("the pods informer did not sync")
	}
	const want = pods / nodes

	b.Run("cache", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			onNode, err := informer.GetIndexer().ByIndex(cache.PodNodeNameIndex, "node-07")
			if err != nil || len(onNode) != want {
				b.Fatalf("got %d pods, %v", len(onNode), err)
			}
		}
	})
	b.Run("apiserver", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			list, err := srv.Client.CoreV1().Pods("").List(ctx, metav1.ListOptions{FieldSelector: "spec.nodeName=node-07"})
			if err != nil || len(list.Items) != want {
				b.Fatalf("got %d pods, %v", len(list.Items), err)
			}
		}
	})
}

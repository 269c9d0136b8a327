package apiserver_test

// How fast is it? Each apiserver path beside the storage call it makes, in
// the same run, over one embedded etcd: the difference is what the HTTP,
// JSON and the apiserver's own work cost.
//
//	go test -run '^$' -bench . -benchtime 2s ./solutions/apiserver/

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubeling/kubeling/solutions/apiserver/apiservertest"
	"github.com/kubeling/kubeling/solutions/storage"
	"github.com/kubeling/kubeling/solutions/storage/etcd3"
)

func benchPod(name string) *corev1.Pod {
	return &corev1.Pod{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"app": "bench"}},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name: "nginx", Image: "nginx:1.27.0",
			Ports: []corev1.ContainerPort{{ContainerPort: 80}},
		}}},
	}
}

func startBenchEtcd(b *testing.B) storage.Interface {
	b.Helper()
	ports := make([]int, 2)
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		ports[i] = l.Addr().(*net.TCPAddr).Port
		l.Close()
	}
	ctx := context.Background()
	e, err := etcd3.StartEmbedded(ctx, etcd3.EmbeddedConfig{
		DataDir:   filepath.Join(b.TempDir(), "etcd"),
		ClientURL: fmt.Sprintf("http://127.0.0.1:%d", ports[0]),
		PeerURL:   fmt.Sprintf("http://127.0.0.1:%d", ports[1]),
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(e.Close)
	s, err := etcd3.New(ctx, []string{e.ClientURL()}, 10*time.Second)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func BenchmarkAPIServer(b *testing.B) {
	store := startBenchEtcd(b)
	srv := apiservertest.Start(b, apiservertest.Options{Storage: store})
	ctx := context.Background()
	podJSON, _ := json.Marshal(benchPod("floor"))
	namespace := func(b *testing.B, name string) {
		b.Helper()
		_, err := srv.Client.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{})
		if err != nil {
			b.Fatal(err)
		}
	}

	b.Run("Create/storage", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := store.Create(ctx, storage.Key("floorpods", "create", strconv.Itoa(i)), podJSON); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Create/apiserver", func(b *testing.B) {
		namespace(b, "create")
		pods := srv.Client.CoreV1().Pods("create")
		for i := 0; b.Loop(); i++ {
			if _, err := pods.Create(ctx, benchPod("p"+strconv.Itoa(i)), metav1.CreateOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("Get/storage", func(b *testing.B) {
		key := storage.Key("floorpods", "get", "p")
		if _, err := store.Create(ctx, key, podJSON); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := store.Get(ctx, key); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Get/apiserver", func(b *testing.B) {
		namespace(b, "get")
		pods := srv.Client.CoreV1().Pods("get")
		if _, err := pods.Create(ctx, benchPod("p"), metav1.CreateOptions{}); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := pods.Get(ctx, "p", metav1.GetOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("List1000/storage", func(b *testing.B) {
		for i := range 1000 {
			if _, err := store.Create(ctx, storage.Key("floorpods", "list", strconv.Itoa(i)), podJSON); err != nil {
				b.Fatal(err)
			}
		}
		for b.Loop() {
			list, err := store.List(ctx, storage.ListPrefix("floorpods", "list"), storage.ListOptions{})
			if err != nil || len(list.Items) != 1000 {
				b.Fatal(err, len(list.Items))
			}
		}
	})
	b.Run("List1000/apiserver", func(b *testing.B) {
		namespace(b, "list")
		pods := srv.Client.CoreV1().Pods("list")
		for i := range 1000 {
			if _, err := pods.Create(ctx, benchPod("p"+strconv.Itoa(i)), metav1.CreateOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		for b.Loop() {
			list, err := pods.List(ctx, metav1.ListOptions{})
			if err != nil || len(list.Items) != 1000 {
				b.Fatal(err)
			}
		}
	})

	// One write seen by 100 watchers: each iteration creates an object and
	// waits until every watcher has its event.
	const watchers = 100
	b.Run("WatchFanout100/storage", func(b *testing.B) {
		prefix := storage.ListPrefix("floorpods", "watch")
		var chans []<-chan storage.Event
		for range watchers {
			w, err := store.Watch(ctx, prefix, 0)
			if err != nil {
				b.Fatal(err)
			}
			defer w.Stop()
			chans = append(chans, w.ResultChan())
		}
		for i := 0; b.Loop(); i++ {
			if _, err := store.Create(ctx, prefix+strconv.Itoa(i), podJSON); err != nil {
				b.Fatal(err)
			}
			for _, ch := range chans {
				if ev := <-ch; ev.Type != storage.Added {
					b.Fatalf("got %v", ev.Type)
				}
			}
		}
	})
	b.Run("WatchFanout100/apiserver", func(b *testing.B) {
		namespace(b, "watch")
		pods := srv.Client.CoreV1().Pods("watch")
		list, err := pods.List(ctx, metav1.ListOptions{})
		if err != nil {
			b.Fatal(err)
		}
		var ws []watch.Interface
		for range watchers {
			w, err := pods.Watch(ctx, metav1.ListOptions{ResourceVersion: list.ResourceVersion})
			if err != nil {
				b.Fatal(err)
			}
			ws = append(ws, w)
		}
		defer func() {
			for _, w := range ws {
				w.Stop()
			}
		}()
		for i := 0; b.Loop(); i++ {
			if _, err := pods.Create(ctx, benchPod("p"+strconv.Itoa(i)), metav1.CreateOptions{}); err != nil {
				b.Fatal(err)
			}
			var wg sync.WaitGroup
			for _, w := range ws {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if ev := <-w.ResultChan(); ev.Type != watch.Added {
						b.Errorf("got %v", ev.Type)
					}
				}()
			}
			wg.Wait()
		}
	})
}

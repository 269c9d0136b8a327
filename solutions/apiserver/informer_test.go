package apiserver_test

// client-go's own informers, unchanged, list and watch the apiserver and
// see every change. With client-go v0.37 they use the watch-list protocol
// (sendInitialEvents and the initial-events-end bookmark).

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/tools/cache"

	"github.com/kubeling/kubeling/solutions/apiserver/apiservertest"
)

// recorder collects what an informer's handler was told, as strings.
type handlerLog struct {
	mu     sync.Mutex
	events []string
}

func (h *handlerLog) add(s string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events = append(h.events, s)
}

func (h *handlerLog) snapshot() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.events...)
}

func TestClientGoInformersSeeEveryPodChange(t *testing.T) {
	var audit syncBuffer
	srv := apiservertest.Start(t, apiservertest.Options{BookmarkInterval: 100 * time.Millisecond, AuditLog: &audit})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	pods := srv.Client.CoreV1().Pods("default")
	newPod := func(name string) *corev1.Pod {
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name},
			Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx"}}}}
	}
	_, err := pods.Create(ctx, newPod("before"), metav1.CreateOptions{})
	require.NoError(t, err)

	factory := informers.NewSharedInformerFactory(srv.Client, 0)
	informer := factory.Core().V1().Pods().Informer()
	var log handlerLog
	_, err = informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj any) { log.add("add " + obj.(*corev1.Pod).Name) },
		UpdateFunc: func(old, obj any) {
			o, n := old.(*corev1.Pod), obj.(*corev1.Pod)
			if o.ResourceVersion != n.ResourceVersion {
				log.add(fmt.Sprintf("update %s %s", n.Name, n.Spec.NodeName))
			}
		},
		DeleteFunc: func(obj any) {
			if tomb, ok := obj.(cache.DeletedFinalStateUnknown); ok {
				obj = tomb.Obj
			}
			log.add("delete " + obj.(*corev1.Pod).Name)
		},
	})
	require.NoError(t, err)
	factory.Start(ctx.Done())
	defer func() {
		cancel() // stops the informers, so that Shutdown returns
		factory.Shutdown()
	}()
	require.True(t, cache.WaitForCacheSync(ctx.Done(), informer.HasSynced))

	_, err = pods.Create(ctx, newPod("web"), metav1.CreateOptions{})
	require.NoError(t, err)
	require.NoError(t, pods.Bind(ctx, &corev1.Binding{ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Target: corev1.ObjectReference{Kind: "Node", Name: "node-01"}}, metav1.CreateOptions{}))
	require.NoError(t, pods.Delete(ctx, "before", metav1.DeleteOptions{}))
	require.NoError(t, pods.Delete(ctx, "web", metav1.DeleteOptions{GracePeriodSeconds: new(int64)}))

	want := []string{"add before", "add web", "update web node-01", "delete before", "delete web"}
	assert.Eventually(t, func() bool { return len(log.snapshot()) >= len(want) }, 10*time.Second, 10*time.Millisecond)
	assert.Equal(t, want, log.snapshot())

	// The informer streamed its initial list through a watch.
	assert.Contains(t, audit.String(), "sendInitialEvents=true")

	// The lister agrees with the apiserver.
	list, err := factory.Core().V1().Pods().Lister().List(everything())
	require.NoError(t, err)
	assert.Empty(t, list)
}

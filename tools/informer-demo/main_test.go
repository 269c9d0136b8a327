package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubeling/kubeling/solutions/apiserver/apiservertest"
)

// syncBuffer is a bytes.Buffer safe for the demo's goroutines and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func testPod(name string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.27.0"}}},
	}
}

// TestDemoAgainstTheRealAPIServer runs the course's informer and control
// loop against the course's apiserver (chapter 02) over real HTTP: the
// same path as the labs, without processes.
func TestDemoAgainstTheRealAPIServer(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	ctx := context.Background()
	pods := srv.Client.CoreV1().Pods("default")
	_, err := pods.Create(ctx, testPod("before"), metav1.CreateOptions{})
	require.NoError(t, err)

	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, options{kubeconfig: srv.Kubeconfig, resource: "pods", workers: 2,
			until: `^RECONCILE default/nginx \(gone\)$`, timeout: 30 * time.Second}, &stdout, &stderr)
	}()
	require.Eventually(t, func() bool { return strings.Contains(stdout.String(), "SYNCED 1\n") }, 10*time.Second, 5*time.Millisecond)

	p, err := pods.Create(ctx, testPod("nginx"), metav1.CreateOptions{})
	require.NoError(t, err)
	p.Labels = map[string]string{"tier": "web"}
	_, err = pods.Update(ctx, p, metav1.UpdateOptions{})
	require.NoError(t, err)
	require.NoError(t, pods.Delete(ctx, "nginx", metav1.DeleteOptions{}))

	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("the demo did not finish")
	}
	out := stdout.String()
	for _, line := range []string{"ADD default/before", "SYNCED 1", "ADD default/nginx", "UPDATE default/nginx",
		"DELETE default/nginx", "RECONCILE default/before", "RECONCILE default/nginx (gone)"} {
		assert.Contains(t, out, line+"\n")
	}
	assert.Equal(t, 1, strings.Count(out, "ADD default/nginx\n"), out)
	assert.Equal(t, 1, strings.Count(stderr.String(), "LIST pods "), stderr.String())
}

func TestDemoTimesOutWaitingForALineThatNeverComes(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	var stdout, stderr syncBuffer
	err := run(context.Background(), options{kubeconfig: srv.Kubeconfig, resource: "nodes",
		until: "never", timeout: 300 * time.Millisecond}, &stdout, &stderr)
	assert.ErrorContains(t, err, "timed out")
	assert.Contains(t, stdout.String(), "SYNCED 0\n")
}

// TestDemoLogsRequestsAndBookmarksToTheRequestLog checks what the chapter
// 03 labs wait on while the demo runs: the request log gets the same lines
// as stderr, bookmarks included, as they happen.
func TestDemoLogsRequestsAndBookmarksToTheRequestLog(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{BookmarkInterval: 10 * time.Millisecond})
	requestLog := filepath.Join(t.TempDir(), "requests")
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, options{kubeconfig: srv.Kubeconfig, resource: "pods", requestLog: requestLog}, &stdout, &stderr)
	}()
	require.Eventually(t, func() bool {
		b, _ := os.ReadFile(requestLog)
		return strings.Contains(string(b), "BOOKMARK pods resourceVersion=")
	}, 10*time.Second, 5*time.Millisecond, "no bookmark reached the request log")
	cancel()
	require.NoError(t, <-done)

	b, err := os.ReadFile(requestLog)
	require.NoError(t, err)
	assert.Regexp(t, `^LIST pods resourceVersion=[1-9][0-9]* items=0\nWATCH pods from resourceVersion=[1-9][0-9]*\nBOOKMARK pods resourceVersion=[1-9][0-9]*\n`, string(b))
	assert.Equal(t, stderr.String(), string(b), "the request log is a copy of stderr")
}

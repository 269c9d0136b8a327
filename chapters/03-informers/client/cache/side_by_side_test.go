package cache

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes/fake"
	cgcache "k8s.io/client-go/tools/cache"
)

// TestSameCacheAsClientGo runs client-go's own pod informer and ours on one
// fake clientset, makes the same random churn visible to both, and checks
// after every batch that both caches hold exactly the pods the clientset
// holds. client-go is the reference behaviour we are reproducing.
func TestSameCacheAsClientGo(t *testing.T) {
	client := fake.NewClientset()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	theirs := informers.NewSharedInformerFactory(client, 0)
	theirPods := theirs.Core().V1().Pods().Informer()
	ours := NewSharedInformerFactory(client, FactoryOptions{Logger: quiet})
	ourPods := ours.Pods().Informer()
	theirs.Start(ctx.Done())
	ours.Start(ctx)
	defer func() {
		cancel()
		theirs.Shutdown()
		ours.Shutdown()
	}()
	require.True(t, cgcache.WaitForCacheSync(ctx.Done(), theirPods.HasSynced))
	require.True(t, ours.WaitForCacheSync(ctx))

	rng := rand.New(rand.NewPCG(1, 2)) // fixed seed: the same churn every run
	live := map[string]*corev1.Pod{}
	for batch := range 6 {
		// The fake clientset's watch buffers 100 events and panics beyond,
		// so churn in batches and let both informers catch up in between.
		for range 50 {
			ns := []string{"default", "kube-system", "team-a"}[rng.IntN(3)]
			name := fmt.Sprintf("pod-%d", rng.IntN(40))
			pods := client.CoreV1().Pods(ns)
			key := ns + "/" + name
			var err error
			switch p, exists := live[key]; {
			case !exists:
				p = newPod(ns, name, "")
				_, err = pods.Create(ctx, p, metav1.CreateOptions{})
				live[key] = p
			case rng.IntN(3) == 0:
				err = pods.Delete(ctx, name, metav1.DeleteOptions{})
				delete(live, key)
			default:
				p = p.DeepCopy()
				p.Spec.NodeName = fmt.Sprintf("node-%02d", rng.IntN(5))
				p.Labels["generation"] = fmt.Sprint(batch)
				_, err = pods.Update(ctx, p, metav1.UpdateOptions{})
				live[key] = p
			}
			require.NoError(t, err)
		}

		want := sortedKeys(live)
		same := func() bool {
			if !slices.Equal(want, sortedKeysOf(theirPods.GetStore().ListKeys())) ||
				!slices.Equal(want, sortedKeysOf(ourPods.GetIndexer().ListKeys())) {
				return false
			}
			for _, key := range want {
				theirObj, _, _ := theirPods.GetStore().GetByKey(key)
				ourObj, _, _ := ourPods.GetIndexer().GetByKey(key)
				if !apiequality.Semantic.DeepEqual(theirObj, ourObj) ||
					!apiequality.Semantic.DeepEqual(live[key].Spec, ourObj.(*corev1.Pod).Spec) {
					return false
				}
			}
			return true
		}
		require.Eventually(t, same, waitFor, tick, "batch %d: the caches differ from the clientset or each other", batch)
	}
	assert.NotEmpty(t, live, "the churn should leave pods behind")
}

func sortedKeys(m map[string]*corev1.Pod) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func sortedKeysOf(keys []string) []string {
	keys = slices.Clone(keys)
	slices.Sort(keys)
	return keys
}

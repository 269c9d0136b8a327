package simnodes

import (
	"context"
	"net/netip"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clienttesting "k8s.io/client-go/testing"
)

// Nodes register as a kubelet registers them: labels a nodeSelector can
// use, the resources asked for, Ready, an address and a pod range each.
func TestNodesRegisterLikeKubelets(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client := newClient()
		startSimulator(t, client, Options{Count: 3, CPU: resource.MustParse("2"), Memory: resource.MustParse("8Gi"), Pods: 50})

		nodes, err := client.CoreV1().Nodes().List(context.Background(), metav1.ListOptions{})
		require.NoError(t, err)
		require.Len(t, nodes.Items, 3)
		cidrs := map[string]bool{}
		for i, node := range nodes.Items {
			name := []string{"node-01", "node-02", "node-03"}[i]
			assert.Equal(t, name, node.Name)
			assert.Equal(t, name, node.Labels["kubernetes.io/hostname"])
			assert.Equal(t, "linux", node.Labels["kubernetes.io/os"])
			assert.Equal(t, "amd64", node.Labels["kubernetes.io/arch"])
			assert.Equal(t, "2", node.Status.Allocatable.Cpu().String())
			assert.Equal(t, "8Gi", node.Status.Allocatable.Memory().String())
			assert.Equal(t, int64(50), node.Status.Allocatable.Pods().Value())
			assert.Equal(t, node.Status.Capacity, node.Status.Allocatable)
			assert.Equal(t, corev1.NodeInternalIP, node.Status.Addresses[0].Type)
			assert.True(t, netip.MustParseAddr(node.Status.Addresses[0].Address).IsLoopback())
			cidrs[node.Spec.PodCIDR] = true
			ready := node.Status.Conditions[len(node.Status.Conditions)-1]
			assert.Equal(t, corev1.NodeReady, ready.Type)
			assert.Equal(t, corev1.ConditionTrue, ready.Status)
			assert.Equal(t, "KubeletReady", ready.Reason)
		}
		assert.Len(t, cidrs, 3, "every node has a pod range of its own")
	})
}

// Each node holds its Lease in kube-node-lease and renews it every 10 s,
// or the node lifecycle controller would think it dead after 40 s.
func TestLeasesAreRenewedEveryTenSeconds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client := newClient()
		startSimulator(t, client, Options{Count: 2})
		first, err := client.CoordinationV1().Leases("kube-node-lease").Get(context.Background(), "node-02", metav1.GetOptions{})
		require.NoError(t, err)
		assert.Equal(t, "node-02", *first.Spec.HolderIdentity)
		assert.Equal(t, int32(40), *first.Spec.LeaseDurationSeconds)
		assert.Equal(t, "Node", first.OwnerReferences[0].Kind)

		time.Sleep(RenewInterval) // synctest's clock: no real time passes
		synctest.Wait()
		renewed, err := client.CoordinationV1().Leases("kube-node-lease").Get(context.Background(), "node-02", metav1.GetOptions{})
		require.NoError(t, err)
		assert.Equal(t, RenewInterval, renewed.Spec.RenewTime.Sub(first.Spec.RenewTime.Time))
	})
}

// A pod bound to a simulated node runs: phase Running, an address from
// its node's range, the kubelet's conditions and a running container.
func TestABoundPodRuns(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client := newClient()
		startSimulator(t, client, Options{Count: 2})
		_, err := client.CoreV1().Pods("default").Create(context.Background(), boundPod("nginx", "node-02"), metav1.CreateOptions{})
		require.NoError(t, err)
		synctest.Wait()

		pod := getPod(t, client, "nginx")
		node, err := client.CoreV1().Nodes().Get(context.Background(), "node-02", metav1.GetOptions{})
		require.NoError(t, err)
		assert.Equal(t, corev1.PodRunning, pod.Status.Phase)
		assert.True(t, netip.MustParsePrefix(node.Spec.PodCIDR).Contains(netip.MustParseAddr(pod.Status.PodIP)), pod.Status.PodIP)
		assert.Equal(t, pod.Status.PodIP, pod.Status.PodIPs[0].IP)
		assert.Equal(t, node.Status.Addresses[0].Address, pod.Status.HostIP)
		assert.NotNil(t, pod.Status.StartTime)
		var types []corev1.PodConditionType
		for _, c := range pod.Status.Conditions {
			types = append(types, c.Type)
			assert.Equal(t, corev1.ConditionTrue, c.Status, c.Type)
		}
		assert.Equal(t, []corev1.PodConditionType{"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"}, types)
		assert.Equal(t, metav1.Unix(1000, 0), pod.Status.Conditions[4].LastTransitionTime, "the scheduler's condition is kept")
		require.Len(t, pod.Status.ContainerStatuses, 1)
		c := pod.Status.ContainerStatuses[0]
		assert.True(t, c.Ready)
		assert.True(t, *c.Started)
		assert.NotNil(t, c.State.Running)
		assert.Equal(t, "docker.io/library/nginx:1.27.0", c.Image)
		assert.Regexp(t, `^docker.io/library/nginx@sha256:[0-9a-f]{64}$`, c.ImageID)
		assert.Regexp(t, `^containerd://[0-9a-f]{64}$`, c.ContainerID)
	})
}

// Pods that are not bound to a simulated node are left alone: pending
// pods are the scheduler's, pods of other nodes their kubelets'.
func TestOtherPodsAreLeftAlone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client := newClient()
		startSimulator(t, client, Options{Count: 1})
		for _, pod := range []*corev1.Pod{boundPod("pending", ""), boundPod("elsewhere", "real-node")} {
			_, err := client.CoreV1().Pods("default").Create(context.Background(), pod, metav1.CreateOptions{})
			require.NoError(t, err)
		}
		synctest.Wait()
		for _, action := range client.Actions() {
			assert.False(t, action.Matches("update", "pods"), "no pod's status is written: %v", action)
		}
		assert.Equal(t, corev1.PodPending, getPod(t, client, "pending").Status.Phase)
	})
}

// Two running pods never share an address, and a pod's address stays the
// same when the pod changes (a label) and after the Simulator restarts.
func TestAddressesAreUniqueAndKept(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client := newClient()
		ctx := context.Background()
		for _, name := range []string{"a", "b", "c"} {
			_, err := client.CoreV1().Pods("default").Create(ctx, boundPod(name, "node-01"), metav1.CreateOptions{})
			require.NoError(t, err)
		}
		stop := startSimulator(t, client, Options{Count: 1})
		before := map[string]string{}
		for _, name := range []string{"a", "b", "c"} {
			before[name] = getPod(t, client, name).Status.PodIP
		}
		assert.Len(t, map[string]bool{before["a"]: true, before["b"]: true, before["c"]: true}, 3)

		stop()
		// The restarted Simulator claims the addresses its pods show
		// before it hands out one to the new pod d.
		startSimulator(t, client, Options{Count: 1})
		_, err := client.CoreV1().Pods("default").Create(ctx, boundPod("d", "node-01"), metav1.CreateOptions{})
		require.NoError(t, err)
		settle()
		for name, ip := range before {
			assert.Equal(t, ip, getPod(t, client, name).Status.PodIP, name)
		}
		assert.NotContains(t, before, getPod(t, client, "d").Status.PodIP)
		for _, ip := range before {
			assert.NotEqual(t, ip, getPod(t, client, "d").Status.PodIP)
		}
	})
}

// A pod being deleted is deleted for good at once (grace period 0), and
// only that pod: the UID precondition protects a successor of its name.
func TestADeletedPodGoesAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		deleting := boundPod("going", "node-01")
		deleting.DeletionTimestamp = &metav1.Time{Time: time.Now()}
		client := newClient(deleting)
		startSimulator(t, client, Options{Count: 1})

		var deletes []clienttesting.DeleteActionImpl
		for _, action := range client.Actions() {
			if d, ok := action.(clienttesting.DeleteActionImpl); ok && action.GetResource().Resource == "pods" {
				deletes = append(deletes, d)
			}
		}
		require.Len(t, deletes, 1)
		assert.Equal(t, "going", deletes[0].Name)
		assert.Equal(t, int64(0), *deletes[0].DeleteOptions.GracePeriodSeconds)
		assert.Equal(t, "uid-going", string(*deletes[0].DeleteOptions.Preconditions.UID))
		_, err := client.CoreV1().Pods("default").Get(context.Background(), "going", metav1.GetOptions{})
		assert.True(t, err != nil, "the pod is gone")
	})
}

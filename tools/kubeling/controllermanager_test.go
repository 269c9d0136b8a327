package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"regexp"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8sruntime "k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	fakediscovery "k8s.io/client-go/discovery/fake"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/metadata"
	metadatafake "k8s.io/client-go/metadata/fake"
	clienttesting "k8s.io/client-go/testing"
	"k8s.io/utils/ptr"
)

// Each controller's requests must carry kube-controller-manager's user
// agent with the controller's client name after a "/", as rest.AddUserAgent
// builds it, so that the audit log reads as a real cluster's: a pod created
// by the ReplicaSet controller says ".../replicaset-controller".
func TestControllerManagerUserAgentEndsWithTheClientName(t *testing.T) {
	for _, c := range managedControllers() {
		ua := controllerManagerUserAgent(c.client)
		want := fmt.Sprintf(`^kube-controller-manager/v1\.37\.2 \(%s/%s\) kubernetes/([0-9a-f]{7}|unknown)/%s$`,
			runtime.GOOS, runtime.GOARCH, regexp.QuoteMeta(c.client))
		assert.Regexp(t, want, ua, "the %s controller's user agent", c.name)
	}
}

// The controllers' client names are Kubernetes' own (they also name the
// events' source), and no two controllers share one: the audit log could
// not tell them apart.
func TestEveryControllerHasAClientOfItsOwn(t *testing.T) {
	clients := map[string]string{}
	for _, c := range managedControllers() {
		clients[c.name] = c.client
	}
	assert.Equal(t, map[string]string{
		"replicaset":            "replicaset-controller",
		"replicationcontroller": "replication-controller",
		"garbagecollector":      "generic-garbage-collector",
	}, clients)
}

// --controllers reads as kube-controller-manager's: names run, "-name"
// leaves one out, "*" runs the rest; a typo is an error at once rather
// than a controller that silently never runs.
func TestControllersFlagPicksTheControllers(t *testing.T) {
	for _, c := range []struct {
		list    string
		want    []string
		wantErr string
	}{
		{list: "replicaset,replicationcontroller", want: []string{"replicaset", "replicationcontroller"}},
		{list: " replicationcontroller , replicaset ", want: []string{"replicaset", "replicationcontroller"}},
		{list: "replicaset", want: []string{"replicaset"}},
		{list: "*", want: []string{"replicaset", "replicationcontroller", "garbagecollector"}},
		{list: "*,-replicationcontroller", want: []string{"replicaset", "garbagecollector"}},
		{list: "garbagecollector", want: []string{"garbagecollector"}},
		{list: "-replicaset", wantErr: `--controllers "-replicaset" runs no controller (known: replicaset, replicationcontroller, garbagecollector)`},
		{list: "", wantErr: "runs no controller"},
		{list: "replicaset,deployment", wantErr: `unknown controller "deployment" (known: replicaset, replicationcontroller, garbagecollector)`},
	} {
		got, err := enabledControllers(c.list)
		if c.wantErr != "" {
			assert.ErrorContains(t, err, c.wantErr, "--controllers %q", c.list)
			continue
		}
		require.NoError(t, err, "--controllers %q", c.list)
		assert.Equal(t, c.want, namesOf(got), "--controllers %q", c.list)
	}
}

func namesOf(cs []managedController) []string {
	var names []string
	for _, c := range cs {
		names = append(names, c.name)
	}
	return names
}

// `kubeling up` starts the controller manager with the flags' defaults,
// passed as arguments: they must parse back to the same options, with
// Kubernetes' defaults (the three controllers, leader election on, 5
// workers each as --concurrent-replicaset-syncs and --concurrent_rc_syncs,
// 20 as --concurrent-gc-syncs).
func TestDefaultControllerManagerOptionsSurviveArgs(t *testing.T) {
	o := defaultControllerManagerOptions("/tmp/k/kubeconfig")
	assert.Equal(t, controllerManagerOptions{kubeconfig: "/tmp/k/kubeconfig",
		controllers: "replicaset,replicationcontroller,garbagecollector", leaderElect: true, rsSyncs: 5, rcSyncs: 5, gcSyncs: 20}, o)

	var parsed controllerManagerOptions
	flags := flag.NewFlagSet("controller-manager", flag.ContinueOnError)
	parsed.addFlags(flags)
	require.NoError(t, flags.Parse(o.args()))
	assert.Equal(t, o, parsed)
}

// servedResources is a discovery answer: apps/v1 with ReplicaSets and v1
// with pods but no ReplicationControllers, as kubeling's apiserver serves
// until ReplicationControllers are added.
func servedResources() []*metav1.APIResourceList {
	return []*metav1.APIResourceList{
		{GroupVersion: "v1", APIResources: []metav1.APIResource{{Name: "pods"}, {Name: "events"}}},
		{GroupVersion: "apps/v1", APIResources: []metav1.APIResource{{Name: "replicasets"}}},
	}
}

// captureLog sends slog's default logger to a buffer for the test.
func captureLog(t *testing.T) *bytes.Buffer {
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	return &buf
}

// A controller whose resource the apiserver does not serve is left out
// with a warning that says which and why, and the others are kept: started
// anyway, the ReplicationController informer would retry its first list
// forever and its controller would wait for it in silence.
func TestUnservedResourceLeavesOnlyItsControllerOut(t *testing.T) {
	for _, c := range []struct {
		what   string
		served []*metav1.APIResourceList
	}{
		{"v1 served without replicationcontrollers", servedResources()},
		{"the group version itself answers 404", servedResources()[1:]},
	} {
		log := captureLog(t)
		d := &fakediscovery.FakeDiscovery{Fake: &clienttesting.Fake{}}
		d.Resources = c.served
		got, err := servedControllers(d, managedControllers())
		require.NoError(t, err, c.what)
		assert.Equal(t, []string{"replicaset", "garbagecollector"}, namesOf(got), c.what+" (the garbage collector watches whatever is served)")
		assert.Contains(t, log.String(), "level=WARN", c.what)
		assert.Contains(t, log.String(), "not running the replicationcontroller controller: the apiserver does not serve v1 replicationcontrollers", c.what)
	}
}

// Discovery failing for another reason (the apiserver down, a 500) is an
// error, not a reason to run fewer controllers without saying so.
func TestDiscoveryErrorIsNotMistakenForAnUnservedResource(t *testing.T) {
	d := &fakediscovery.FakeDiscovery{Fake: &clienttesting.Fake{}}
	d.AddReactor("get", "resource", func(clienttesting.Action) (bool, k8sruntime.Object, error) {
		return true, nil, errors.NewInternalError(fmt.Errorf("etcd is down"))
	})
	_, err := servedControllers(d, managedControllers())
	assert.ErrorContains(t, err, "asking the apiserver whether it serves apps/v1 replicasets")
	assert.ErrorContains(t, err, "etcd is down")
}

// namedClients hands out one fake client per name, all over one fake
// apiserver, and remembers which name wrote what: "create pods by
// replicaset-controller" is what the audit log would show.
type namedClients struct {
	apiserver *fake.Clientset
	mu        sync.Mutex
	asked     []string
	writes    map[string][]string // client name → "create pods", ...
}

func newNamedClients() *namedClients {
	apiserver := fake.NewClientset()
	var n atomic.Int32
	apiserver.PrependReactor("create", "pods", func(action clienttesting.Action) (bool, k8sruntime.Object, error) {
		pod := action.(clienttesting.CreateAction).GetObject().(*corev1.Pod)
		if pod.Name == "" { // the fake does not generate names
			pod.Name = fmt.Sprintf("%s%05d", pod.GenerateName, n.Add(1))
			pod.UID = types.UID("uid-" + pod.Name)
		}
		return false, nil, nil
	})
	return &namedClients{apiserver: apiserver, writes: map[string][]string{}}
}

// metadata hands out a metadata-only client (over an empty fake
// apiserver of its own) and remembers the name.
func (n *namedClients) metadata(name string) (metadata.Interface, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.asked = append(n.asked, name+" (metadata)")
	scheme := metadatafake.NewTestScheme()
	if err := metav1.AddMetaToScheme(scheme); err != nil {
		return nil, err
	}
	return metadatafake.NewSimpleMetadataClient(scheme), nil
}

func (n *namedClients) client(name string) (kubernetes.Interface, error) {
	n.mu.Lock()
	n.asked = append(n.asked, name)
	n.mu.Unlock()
	c := fake.NewClientset()
	c.Resources = servedResources() // its discovery
	c.PrependReactor("*", "*", func(action clienttesting.Action) (bool, k8sruntime.Object, error) {
		if action.GetResource().Resource == "resource" {
			return false, nil, nil // discovery: answered by c.Resources
		}
		if v := action.GetVerb(); v != "get" && v != "list" {
			n.mu.Lock()
			n.writes[name] = append(n.writes[name], v+" "+action.GetResource().Resource)
			n.mu.Unlock()
		}
		obj, err := n.apiserver.Invokes(action, nil)
		return true, obj, err
	})
	c.PrependWatchReactor("*", func(action clienttesting.Action) (bool, watch.Interface, error) {
		w, err := n.apiserver.InvokesWatch(action)
		return true, w, err
	})
	return c, nil
}

// The controller manager, with ReplicationControllers not served, still
// runs the ReplicaSet controller: a ReplicaSet of 3 gets 3 pods, created
// through the replicaset-controller's own client (not the informers' or
// another controller's), and no client is made for the controller left
// out. Cancelling ends it without an error.
func TestRunControllersRunsTheServedOnesEachWithItsOwnClient(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		captureLog(t)
		clients := newNamedClients()
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error, 1)
		go func() {
			done <- runControllers(ctx, clients.client, clients.metadata, managedControllers(), defaultControllerManagerOptions(""))
		}()
		time.Sleep(time.Second) // the bubble's time: the caches sync
		synctest.Wait()

		_, err := clients.apiserver.AppsV1().ReplicaSets("default").Create(t.Context(), webReplicaSet(3), metav1.CreateOptions{})
		require.NoError(t, err)
		time.Sleep(time.Second)
		synctest.Wait()

		pods, err := clients.apiserver.CoreV1().Pods("default").List(t.Context(), metav1.ListOptions{})
		require.NoError(t, err)
		assert.Len(t, pods.Items, 3, "a ReplicaSet of 3 should get 3 pods")
		clients.mu.Lock()
		assert.ElementsMatch(t, []string{"controller-discovery", "shared-informers", "replicaset-controller",
			"generic-garbage-collector", "generic-garbage-collector (metadata)"}, clients.asked,
			"the clients made: one for discovery, one for the shared informers, one per controller that runs (two for the garbage collector)")
		assert.Equal(t, []string{"create pods", "create pods", "create pods"}, onlyPods(clients.writes["replicaset-controller"]),
			"the pods should be created by the replicaset-controller's client")
		assert.Empty(t, clients.writes["shared-informers"], "the informers' client only reads")
		clients.mu.Unlock()

		cancel()
		assert.NoError(t, <-done)
	})
}

func onlyPods(writes []string) []string {
	var out []string
	for _, w := range writes {
		if w == "create pods" {
			out = append(out, w)
		}
	}
	return out
}

func webReplicaSet(replicas int32) *appsv1.ReplicaSet {
	labels := map[string]string{"app": "web"}
	return &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "web", UID: "web-uid"},
		Spec: appsv1.ReplicaSetSpec{
			Replicas: ptr.To(replicas),
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "nginx"}}},
			},
		},
	}
}

// With nothing left to run (only replicationcontroller asked for, and not
// served) the controller manager stops with an error that says so, rather
// than hold the Lease and do nothing.
func TestNothingServedToRunIsAnError(t *testing.T) {
	captureLog(t)
	clients := newNamedClients()
	rcOnly, err := enabledControllers("replicationcontroller")
	require.NoError(t, err)
	err = runControllers(t.Context(), clients.client, clients.metadata, rcOnly, defaultControllerManagerOptions(""))
	assert.ErrorContains(t, err, "no controller to run: the apiserver serves none of their resources")
	assert.Equal(t, []string{"controller-discovery"}, clients.asked, "no informers or controller clients before there is a controller to run")
}

package garbagecollector

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/metadata/fake"
	clienttesting "k8s.io/client-go/testing"
	"k8s.io/utils/ptr"
)

// The tests run the whole collector (informers, graph, workers) over the
// fake metadata client inside a synctest bubble: settle returns when every
// goroutine is idle, so "the collector has done all it will do" needs no
// wall-clock sleep.

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

var (
	rsGVR  = schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "replicasets"}
	podGVR = schema.GroupVersionResource{Version: "v1", Resource: "pods"}
)

func testResources() ([]Resource, error) {
	return []Resource{{GVR: rsGVR, Kind: "ReplicaSet", Namespaced: true}, {GVR: podGVR, Kind: "Pod", Namespaced: true}}, nil
}

// replicaSet and pod return the metadata of one object in "default".
func replicaSet(name, uid string, finalizers ...string) *metav1.PartialObjectMetadata {
	rs := object("apps/v1", "ReplicaSet", name, uid)
	rs.Finalizers = finalizers
	if len(finalizers) > 0 { // marked for deletion, as the apiserver leaves it
		rs.DeletionTimestamp = ptr.To(metav1.Now())
	}
	return rs
}

func pod(name string, owners ...metav1.OwnerReference) *metav1.PartialObjectMetadata {
	p := object("v1", "Pod", name, "uid-"+name)
	p.OwnerReferences = owners
	return p
}

func object(apiVersion, kind, name, uid string) *metav1.PartialObjectMetadata {
	return &metav1.PartialObjectMetadata{
		TypeMeta:   metav1.TypeMeta{APIVersion: apiVersion, Kind: kind},
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name, UID: types.UID(uid)},
	}
}

// controlledBy is the reference the ReplicaSet controller puts on its pods.
func controlledBy(name, uid string) metav1.OwnerReference {
	return metav1.OwnerReference{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: name, UID: types.UID(uid),
		Controller: ptr.To(true), BlockOwnerDeletion: ptr.To(true)}
}

// running is a collector at work over a fake apiserver.
type running struct {
	client *fake.FakeMetadataClient
	stop   func()
}

// startCollector runs a collector over objs, with 2 workers a queue, and
// waits until it has done what they ask.
func startCollector(t *testing.T, objs ...runtime.Object) *running {
	return startCollectorHooked(t, func(*clienttesting.Fake, clienttesting.ObjectTracker) {}, objs...)
}

// startCollectorHooked is startCollector with reactors added by hook.
func startCollectorHooked(t *testing.T, hook func(*clienttesting.Fake, clienttesting.ObjectTracker), objs ...runtime.Object) *running {
	scheme := fake.NewTestScheme()
	require.NoError(t, metav1.AddMetaToScheme(scheme))
	client := fake.NewSimpleMetadataClient(scheme, objs...)
	hook(&client.Fake, client.Tracker())
	gc := New(client, testResources, Options{Logger: quiet})
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { assert.NoError(t, gc.Run(ctx, 2)) })
	settle() // the watches are open: the fake apiserver drops events sent before
	return &running{client: client, stop: func() { cancel(); wg.Wait() }}
}

// settle lets the bubble's time pass (queues back off, caches are polled)
// and returns when every goroutine is idle.
func settle() {
	time.Sleep(5 * time.Second)
	synctest.Wait()
}

// get returns an object's stored metadata, or nil if it is gone.
func (r *running) get(t *testing.T, gvr schema.GroupVersionResource, name string) *metav1.PartialObjectMetadata {
	obj, err := r.client.Tracker().Get(gvr, "default", name)
	if err != nil {
		return nil
	}
	return obj.(*metav1.PartialObjectMetadata)
}

// remove deletes an object from the fake apiserver, as a background
// DELETE does: the watch reports it gone.
func (r *running) remove(t *testing.T, gvr schema.GroupVersionResource, name string) {
	require.NoError(t, r.client.Tracker().Delete(gvr, "default", name))
}

// writes lists the collector's deletes and patches, in order, as
// "delete pods web-1" or "patch replicasets web".
func (r *running) writes() []string {
	var out []string
	for _, a := range r.client.Actions() {
		switch a := a.(type) {
		case clienttesting.DeleteAction:
			out = append(out, "delete "+a.GetResource().Resource+" "+a.GetName())
		case clienttesting.PatchAction:
			out = append(out, "patch "+a.GetResource().Resource+" "+a.GetName())
		}
	}
	return out
}

// deleteOptions returns the options of the collector's DELETE of name.
func (r *running) deleteOptions(name string) *metav1.DeleteOptions {
	for _, a := range r.client.Actions() {
		if d, ok := a.(clienttesting.DeleteActionImpl); ok && d.GetName() == name {
			return &d.DeleteOptions
		}
	}
	return nil
}

// This file teaches that one stored object can be served in two shapes.
// events.k8s.io/v1 Events are core/v1 Events with newer field names (note
// for message, regarding for involvedObject...): Kubernetes keeps one copy
// under /registry/events and converts on every read and write, so a client
// of either API sees the events the other wrote. The same mechanism serves
// every resource in several versions in real Kubernetes.

package registry

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/solutions/apiserver/eventconv"
)

// Conversion translates a resource's objects to and from the type they
// are stored as.
type Conversion struct {
	// StorageNew returns an empty object of the stored type.
	StorageNew func() runtime.Object
	ToStorage  func(obj runtime.Object) runtime.Object
	// FromStorage converts a stored object to the served type.
	FromStorage func(stored runtime.Object) runtime.Object
}

// eventsConversion stores events.k8s.io/v1 Events as core/v1 Events.
var eventsConversion = &Conversion{
	StorageNew:  func() runtime.Object { return &corev1.Event{} },
	ToStorage:   func(obj runtime.Object) runtime.Object { return eventconv.ToCore(obj.(*eventsv1.Event)) },
	FromStorage: func(stored runtime.Object) runtime.Object { return eventconv.ToEventsV1(stored.(*corev1.Event)) },
}

// eventsV1Fields are the fields of an events.k8s.io/v1 Event a selector
// may test: the core Event's, under the newer API's names
// (involvedObject.name is regarding.name, reportingComponent is
// reportingController). The deprecated source has no selector here, as in
// Kubernetes' field label conversion for events.k8s.io/v1.
func eventsV1Fields(obj runtime.Object) fields.Set {
	out := fields.Set{}
	for k, v := range eventFields(eventconv.ToCore(obj.(*eventsv1.Event))) {
		switch rest, regarding := strings.CutPrefix(k, "involvedObject."); {
		case regarding:
			out["regarding."+rest] = v
		case k == "reportingComponent":
			out["reportingController"] = v
		case k == "reason" || k == "type":
			out[k] = v
		}
	}
	return out
}

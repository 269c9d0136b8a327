// This file teaches Events, and that one stored object can be served in
// two shapes. events.k8s.io/v1 Events are core/v1 Events with newer field
// names (note for message, regarding for involvedObject...): Kubernetes
// keeps one copy under /registry/events and converts on every read and
// write, so a client of either API sees the events the other wrote. The
// same mechanism serves every resource in several versions in real
// Kubernetes. Each API has its own field selectors, as Kubernetes' field
// label conversion functions for the two give them.

package resources

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/solutions/apiserver/eventconv"
	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

func events() []*registry.Resource {
	return []*registry.Resource{
		{
			GroupVersion: corev1.SchemeGroupVersion, Name: "events", SingularName: "event", Kind: "Event", Namespaced: true,
			ShortNames: []string{"ev"}, AllowCreateOnUpdate: true,
			// Nothing owns an event's dependents: a DELETE never waits.
			DefaultGarbageCollectionPolicy: registry.Unsupported,
			New:                            func() runtime.Object { return &corev1.Event{} },
			NewList:                        func() runtime.Object { return &corev1.EventList{} },
			SelectableFields:               eventFields,
		},
		{
			// The same objects, seen through the newer schema: both live
			// under /registry/events.
			GroupVersion: eventsv1.SchemeGroupVersion, Name: "events", SingularName: "event", Kind: "Event", Namespaced: true,
			ShortNames: []string{"ev"}, AllowCreateOnUpdate: true,
			// Nothing owns an event's dependents: a DELETE never waits.
			DefaultGarbageCollectionPolicy: registry.Unsupported,
			New:                            func() runtime.Object { return &eventsv1.Event{} },
			NewList:                        func() runtime.Object { return &eventsv1.EventList{} },
			SelectableFields:               eventsV1Fields,
			Conversion:                     eventsConversion,
		},
	}
}

// eventFields: an Event written through events.k8s.io/v1 has no source
// component, only a reportingController; "source" then falls back to it,
// so that `source=kubelet` finds the kubelet's events whichever API wrote
// them (Kubernetes' ToSelectableFields does the same).
func eventFields(obj runtime.Object) fields.Set {
	ev := obj.(*corev1.Event)
	source := ev.Source.Component
	if source == "" {
		source = ev.ReportingController
	}
	return fields.Set{
		"involvedObject.kind":            ev.InvolvedObject.Kind,
		"involvedObject.namespace":       ev.InvolvedObject.Namespace,
		"involvedObject.name":            ev.InvolvedObject.Name,
		"involvedObject.uid":             string(ev.InvolvedObject.UID),
		"involvedObject.apiVersion":      ev.InvolvedObject.APIVersion,
		"involvedObject.resourceVersion": ev.InvolvedObject.ResourceVersion,
		"involvedObject.fieldPath":       ev.InvolvedObject.FieldPath,
		"reason":                         ev.Reason,
		"reportingComponent":             ev.ReportingController,
		"source":                         source,
		"type":                           ev.Type,
	}
}

// eventsConversion stores events.k8s.io/v1 Events as core/v1 Events.
var eventsConversion = &registry.Conversion{
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

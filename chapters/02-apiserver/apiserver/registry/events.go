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
	ToStorage:   func(obj runtime.Object) runtime.Object { return coreEventOf(obj.(*eventsv1.Event)) },
	FromStorage: func(stored runtime.Object) runtime.Object { return eventsEventOf(stored.(*corev1.Event)) },
}

func coreEventOf(e *eventsv1.Event) *corev1.Event {
	out := &corev1.Event{
		ObjectMeta:          e.ObjectMeta,
		InvolvedObject:      e.Regarding,
		Reason:              e.Reason,
		Message:             e.Note,
		Source:              e.DeprecatedSource,
		FirstTimestamp:      e.DeprecatedFirstTimestamp,
		LastTimestamp:       e.DeprecatedLastTimestamp,
		Count:               e.DeprecatedCount,
		Type:                e.Type,
		EventTime:           e.EventTime,
		Action:              e.Action,
		Related:             e.Related,
		ReportingController: e.ReportingController,
		ReportingInstance:   e.ReportingInstance,
	}
	if e.Series != nil {
		out.Series = &corev1.EventSeries{Count: e.Series.Count, LastObservedTime: e.Series.LastObservedTime}
	}
	out.APIVersion, out.Kind = "v1", "Event"
	return out
}

func eventsEventOf(e *corev1.Event) *eventsv1.Event {
	out := &eventsv1.Event{
		ObjectMeta:               e.ObjectMeta,
		EventTime:                e.EventTime,
		ReportingController:      e.ReportingController,
		ReportingInstance:        e.ReportingInstance,
		Action:                   e.Action,
		Reason:                   e.Reason,
		Regarding:                e.InvolvedObject,
		Related:                  e.Related,
		Note:                     e.Message,
		Type:                     e.Type,
		DeprecatedSource:         e.Source,
		DeprecatedFirstTimestamp: e.FirstTimestamp,
		DeprecatedLastTimestamp:  e.LastTimestamp,
		DeprecatedCount:          e.Count,
	}
	if e.Series != nil {
		out.Series = &eventsv1.EventSeries{Count: e.Series.Count, LastObservedTime: e.Series.LastObservedTime}
	}
	out.APIVersion, out.Kind = eventsv1.SchemeGroupVersion.String(), "Event"
	return out
}

// eventsV1Fields are the fields of an events.k8s.io/v1 Event a selector
// may test: the core Event's, under the newer API's names
// (involvedObject.name is regarding.name, reportingComponent is
// reportingController). The deprecated source has no selector here, as in
// Kubernetes' field label conversion for events.k8s.io/v1.
func eventsV1Fields(obj runtime.Object) fields.Set {
	out := fields.Set{}
	for k, v := range eventFields(coreEventOf(obj.(*eventsv1.Event))) {
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

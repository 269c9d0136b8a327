// This file teaches how events are checked, which depends on the API they
// arrive through. Through core/v1 (what kubectl and most components have
// long used) almost anything goes, so old clients keep working: only the
// namespace must agree with the object the event is about. Through
// events.k8s.io/v1 an event must be complete — who reported it, what
// action, when — and may not use the old count and timestamp fields. It
// mirrors ValidateEventCreate and ValidateEventUpdate in Kubernetes v1.37
// pkg/apis/core/validation/events.go, and the common metadata checks that
// staging/src/k8s.io/apiserver/pkg/registry/rest/create.go adds.

package resources

import (
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// eventAPI is the API version an event was written through.
type eventAPI int

const (
	coreEvents eventAPI = iota // core/v1
	eventsAPI                  // events.k8s.io/v1
)

// Length limits of an event's fields.
const (
	maxReportingInstanceLength = 128
	maxActionLength            = 128
	maxReasonLength            = 128
	maxNoteLength              = 1024
)

func validateEventCreate(e *corev1.Event, api eventAPI) field.ErrorList {
	allErrs := legacyEventChecks(e, api)
	if api == coreEvents {
		if len(allErrs) == 0 {
			// Core events skip the usual name rules; the apiserver still
			// needs a name it can put in a URL.
			allErrs = genericObjectMeta(&e.ObjectMeta, true, pathSegmentName, field.NewPath("metadata"))
		}
		return allErrs
	}

	allErrs = append(allErrs, ValidateObjectMeta(&e.ObjectMeta, true, DNSSubdomainName, field.NewPath("metadata"))...)
	allErrs = append(allErrs, eventSeries(e)...)
	if e.EventTime.IsZero() {
		allErrs = append(allErrs, field.Required(field.NewPath("eventTime"), ""))
	}
	if e.Type != corev1.EventTypeNormal && e.Type != corev1.EventTypeWarning {
		allErrs = append(allErrs, field.Invalid(field.NewPath("type"), "", fmt.Sprintf("has invalid value: %v", e.Type)))
	}
	if !e.FirstTimestamp.IsZero() {
		allErrs = append(allErrs, field.Invalid(field.NewPath("firstTimestamp"), "", "needs to be unset"))
	}
	if !e.LastTimestamp.IsZero() {
		allErrs = append(allErrs, field.Invalid(field.NewPath("lastTimestamp"), "", "needs to be unset"))
	}
	if e.Count != 0 {
		allErrs = append(allErrs, field.Invalid(field.NewPath("count"), "", "needs to be unset"))
	}
	if e.Source.Component != "" || e.Source.Host != "" {
		allErrs = append(allErrs, field.Invalid(field.NewPath("source"), "", "needs to be unset"))
	}
	return allErrs
}

func validateEventUpdate(e, old *corev1.Event, api eventAPI) field.ErrorList {
	allErrs := legacyEventChecks(e, api)
	if api == coreEvents {
		return allErrs
	}

	allErrs = append(allErrs, ValidateObjectMetaUpdate(&e.ObjectMeta, &old.ObjectMeta, field.NewPath("metadata"))...)
	if !apiequality.Semantic.DeepEqual(e.Series, old.Series) {
		allErrs = append(allErrs, eventSeries(e)...)
	}
	// An event is a record: only its series (how often it recurred) moves.
	for _, f := range []struct {
		name     string
		new, old interface{}
	}{
		{"involvedObject", e.InvolvedObject, old.InvolvedObject},
		{"reason", e.Reason, old.Reason},
		{"message", e.Message, old.Message},
		{"source", e.Source, old.Source},
		{"firstTimestamp", e.FirstTimestamp, old.FirstTimestamp},
		{"lastTimestamp", e.LastTimestamp, old.LastTimestamp},
		{"count", e.Count, old.Count},
		{"reason", e.Reason, old.Reason},
		{"type", e.Type, old.Type},
	} {
		allErrs = append(allErrs, Immutable(f.new, f.old, field.NewPath(f.name))...)
	}
	if !e.EventTime.Truncate(time.Microsecond).Equal(old.EventTime.Truncate(time.Microsecond)) {
		allErrs = append(allErrs, Immutable(e.EventTime, old.EventTime, field.NewPath("eventTime"))...)
	}
	allErrs = append(allErrs, Immutable(e.Action, old.Action, field.NewPath("action"))...)
	allErrs = append(allErrs, Immutable(e.Related, old.Related, field.NewPath("related"))...)
	allErrs = append(allErrs, Immutable(e.ReportingController, old.ReportingController, field.NewPath("reportingController"))...)
	allErrs = append(allErrs, Immutable(e.ReportingInstance, old.ReportingInstance, field.NewPath("reportingInstance"))...)
	return allErrs
}

func eventSeries(e *corev1.Event) field.ErrorList {
	var allErrs field.ErrorList
	if e.Series != nil {
		if e.Series.Count < 2 {
			allErrs = append(allErrs, field.Invalid(field.NewPath("series.count"), "", "should be at least 2"))
		}
		if e.Series.LastObservedTime.IsZero() {
			allErrs = append(allErrs, field.Required(field.NewPath("series.lastObservedTime"), ""))
		}
	}
	return allErrs
}

// legacyEventChecks apply to every event. An old-style event (no eventTime)
// must be in the namespace of its object; a new-style one must say who
// reported it and what happened.
func legacyEventChecks(e *corev1.Event, api eventAPI) field.ErrorList {
	var allErrs field.ErrorList
	// core/v1 calls reportingController reportingComponent.
	controllerField := "reportingController"
	if api == coreEvents {
		controllerField = "reportingComponent"
	}
	nsPath := field.NewPath("involvedObject", "namespace")

	if e.EventTime.IsZero() {
		if e.InvolvedObject.Namespace == "" {
			// Events about cluster-scoped objects live in "default" (or
			// nowhere, for old clients).
			if e.Namespace != metav1.NamespaceNone && e.Namespace != metav1.NamespaceDefault {
				allErrs = append(allErrs, field.Invalid(nsPath, e.InvolvedObject.Namespace, "does not match event.namespace"))
			}
		} else if e.Namespace != e.InvolvedObject.Namespace {
			allErrs = append(allErrs, field.Invalid(nsPath, e.InvolvedObject.Namespace, "does not match event.namespace"))
		}
		return allErrs
	}

	if e.InvolvedObject.Namespace == "" && e.Namespace != metav1.NamespaceDefault && e.Namespace != metav1.NamespaceSystem {
		allErrs = append(allErrs, field.Invalid(nsPath, e.InvolvedObject.Namespace, "does not match event.namespace"))
	}
	if e.ReportingController == "" {
		allErrs = append(allErrs, field.Required(field.NewPath(controllerField), ""))
	}
	allErrs = append(allErrs, qualifiedName(e.ReportingController, field.NewPath(controllerField))...)
	if e.ReportingInstance == "" {
		allErrs = append(allErrs, field.Required(field.NewPath("reportingInstance"), ""))
	}
	if len(e.ReportingInstance) > maxReportingInstanceLength {
		allErrs = append(allErrs, field.Invalid(field.NewPath("reportingInstance"), "", fmt.Sprintf("can have at most %v characters", maxReportingInstanceLength)))
	}
	if e.Action == "" {
		allErrs = append(allErrs, field.Required(field.NewPath("action"), ""))
	}
	if len(e.Action) > maxActionLength {
		allErrs = append(allErrs, field.Invalid(field.NewPath("action"), "", fmt.Sprintf("can have at most %v characters", maxActionLength)))
	}
	if e.Reason == "" {
		allErrs = append(allErrs, field.Required(field.NewPath("reason"), ""))
	}
	if len(e.Reason) > maxReasonLength {
		allErrs = append(allErrs, field.Invalid(field.NewPath("reason"), "", fmt.Sprintf("can have at most %v characters", maxReasonLength)))
	}
	if len(e.Message) > maxNoteLength {
		allErrs = append(allErrs, field.Invalid(field.NewPath("message"), "", fmt.Sprintf("can have at most %v characters", maxNoteLength)))
	}
	return allErrs
}

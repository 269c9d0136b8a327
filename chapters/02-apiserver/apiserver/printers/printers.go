// This file teaches how the apiserver chooses columns: one printer per kind,
// chosen by the object's Go type, with a plain fallback for the rest. It
// mirrors AddHandlers in pkg/printers/internalversion/printers.go (which
// registers a handler per internal type) and the default table convertor in
// staging/src/k8s.io/apiserver/pkg/registry/rest/table.go.

package printers

import (
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/duration"
)

// printerFor returns the printer for obj's kind; a list gets its items'.
func printerFor(obj runtime.Object) printer {
	switch obj.(type) {
	case *corev1.Pod, *corev1.PodList:
		return printer{podColumns(), printPod}
	case *appsv1.Deployment, *appsv1.DeploymentList:
		return printer{deploymentColumns(), printDeployment}
	case *appsv1.ReplicaSet, *appsv1.ReplicaSetList:
		return printer{replicaSetColumns(), printReplicaSet}
	case *autoscalingv1.Scale:
		return printer{scaleColumns(), printScale}
	case *corev1.Service, *corev1.ServiceList:
		return printer{serviceColumns(), printService}
	case *corev1.Endpoints, *corev1.EndpointsList:
		return printer{endpointsColumns(), printEndpoints}
	case *corev1.Node, *corev1.NodeList:
		return printer{nodeColumns(), printNode}
	case *corev1.Event, *corev1.EventList, *eventsv1.Event, *eventsv1.EventList:
		return printer{eventColumns(), printEvent}
	case *corev1.Namespace, *corev1.NamespaceList:
		return printer{namespaceColumns(), printNamespace}
	case *corev1.ConfigMap, *corev1.ConfigMapList:
		return printer{configMapColumns(), printConfigMap}
	case *corev1.Secret, *corev1.SecretList:
		return printer{secretColumns(), printSecret}
	case *coordinationv1.Lease, *coordinationv1.LeaseList:
		return printer{leaseColumns(), printLease}
	}
	return printer{defaultColumns(), printDefault}
}

// objectMetaDoc holds the API documentation of metadata fields, which
// Kubernetes uses as the description of the NAME and AGE columns.
func objectMetaDoc(field string) string {
	return metav1.ObjectMeta{}.SwaggerDoc()[field]
}

func nameColumn() metav1.TableColumnDefinition {
	return metav1.TableColumnDefinition{Name: "Name", Type: "string", Format: "name", Description: objectMetaDoc("name")}
}

func ageColumn() metav1.TableColumnDefinition {
	return metav1.TableColumnDefinition{Name: "Age", Type: "string", Description: objectMetaDoc("creationTimestamp")}
}

// age is the AGE column: how long before now t was, in Kubernetes' short
// human form ("5s", "3m2s", "4h", "2d3h").
func age(t metav1.Time, now time.Time) string {
	if t.IsZero() {
		return "<unknown>"
	}
	return duration.HumanDuration(now.Sub(t.Time))
}

// microAge is age for the microsecond timestamps of events.
func microAge(t metav1.MicroTime, now time.Time) string {
	if t.IsZero() {
		return "<unknown>"
	}
	return duration.HumanDuration(now.Sub(t.Time))
}

// defaultColumns are what the apiserver prints for a kind that has no
// printer of its own: the name and the creation time as a date.
func defaultColumns() []metav1.TableColumnDefinition {
	return []metav1.TableColumnDefinition{
		nameColumn(),
		{Name: "Created At", Type: "date", Description: objectMetaDoc("creationTimestamp")},
	}
}

func printDefault(obj runtime.Object, _ Options) (metav1.TableRow, error) {
	m, err := meta.Accessor(obj)
	if err != nil {
		return metav1.TableRow{}, notAcceptable(obj)
	}
	created := m.GetCreationTimestamp().UTC().Format(time.RFC3339)
	return metav1.TableRow{Cells: []interface{}{m.GetName(), created}}, nil
}

// This file holds the printers of the kinds package printers does not
// print itself, chosen by the object's Go type, and the cells every
// printer shares: NAME and AGE. It mirrors AddHandlers in Kubernetes v1.37
// pkg/printers/internalversion/printers.go, which registers a handler per
// internal type.

package resources

import (
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/duration"
)

// Printer prints one kind of object.
type Printer struct {
	// Columns are every column of the kind, wide ones included.
	Columns []metav1.TableColumnDefinition
	// Row returns one row with a cell for every column in Columns; ages are
	// measured from now, and wide says whether the wide columns will be
	// shown (a Service's EXTERNAL-IP is shortened when they are not).
	Row func(obj runtime.Object, now time.Time, wide bool) (metav1.TableRow, error)
}

// For returns the printer of obj's kind (a list gets its items'), or false
// for a kind this package does not print.
func For(obj runtime.Object) (Printer, bool) {
	switch obj.(type) {
	case *appsv1.Deployment, *appsv1.DeploymentList:
		return Printer{deploymentColumns(), printDeployment}, true
	case *appsv1.ReplicaSet, *appsv1.ReplicaSetList:
		return Printer{replicaSetColumns(), printReplicaSet}, true
	case *corev1.ReplicationController, *corev1.ReplicationControllerList:
		return Printer{replicationControllerColumns(), printReplicationController}, true
	case *autoscalingv1.Scale:
		return Printer{scaleColumns(), printScale}, true
	case *corev1.Service, *corev1.ServiceList:
		return Printer{serviceColumns(), printService}, true
	case *corev1.Endpoints, *corev1.EndpointsList:
		return Printer{endpointsColumns(), printEndpoints}, true
	case *corev1.Node, *corev1.NodeList:
		return Printer{nodeColumns(), printNode}, true
	case *corev1.Event, *corev1.EventList, *eventsv1.Event, *eventsv1.EventList:
		return Printer{eventColumns(), printEvent}, true
	case *corev1.Namespace, *corev1.NamespaceList:
		return Printer{namespaceColumns(), printNamespace}, true
	case *corev1.ConfigMap, *corev1.ConfigMapList:
		return Printer{configMapColumns(), printConfigMap}, true
	case *corev1.Secret, *corev1.SecretList:
		return Printer{secretColumns(), printSecret}, true
	case *coordinationv1.Lease, *coordinationv1.LeaseList:
		return Printer{leaseColumns(), printLease}, true
	}
	return Printer{}, false
}

// ObjectMetaDoc holds the API documentation of metadata fields, which
// Kubernetes uses as the description of the NAME and AGE columns.
func ObjectMetaDoc(field string) string {
	return metav1.ObjectMeta{}.SwaggerDoc()[field]
}

// NameColumn is the NAME column every kind has.
func NameColumn() metav1.TableColumnDefinition {
	return metav1.TableColumnDefinition{Name: "Name", Type: "string", Format: "name", Description: ObjectMetaDoc("name")}
}

// AgeColumn is the AGE column: how old the object is.
func AgeColumn() metav1.TableColumnDefinition {
	return metav1.TableColumnDefinition{Name: "Age", Type: "string", Description: ObjectMetaDoc("creationTimestamp")}
}

// Age is the AGE cell: how long before now t was, in Kubernetes' short
// human form ("5s", "3m2s", "4h", "2d3h").
func Age(t metav1.Time, now time.Time) string {
	if t.IsZero() {
		return "<unknown>"
	}
	return duration.HumanDuration(now.Sub(t.Time))
}

// microAge is Age for the microsecond timestamps of events.
func microAge(t metav1.MicroTime, now time.Time) string {
	if t.IsZero() {
		return "<unknown>"
	}
	return duration.HumanDuration(now.Sub(t.Time))
}

// OrNone is how a table shows an empty cell.
func OrNone(s string) string {
	if s == "" {
		return "<none>"
	}
	return s
}

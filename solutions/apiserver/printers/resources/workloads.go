// This file teaches the rows of the workload controllers: a Deployment's
// READY is "ready/desired", a ReplicaSet (and its forerunner, the core/v1
// ReplicationController) shows DESIRED, CURRENT and READY as numbers, and
// -o wide adds the pod template's containers, images and the selector. It
// mirrors printDeployment, printReplicaSet, printReplicationController and
// printScale in Kubernetes v1.37 pkg/printers/internalversion/printers.go.

package resources

import (
	"fmt"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
)

func containersColumn() metav1.TableColumnDefinition {
	return metav1.TableColumnDefinition{Name: "Containers", Type: "string", Priority: 1, Description: "Names of each container in the template."}
}

func imagesColumn() metav1.TableColumnDefinition {
	return metav1.TableColumnDefinition{Name: "Images", Type: "string", Priority: 1, Description: "Images referenced by each container in the template."}
}

func deploymentColumns() []metav1.TableColumnDefinition {
	return []metav1.TableColumnDefinition{
		NameColumn(),
		{Name: "Ready", Type: "string", Description: "Number of the pod with ready state"},
		{Name: "Up-to-date", Type: "string", Description: appsv1.DeploymentStatus{}.SwaggerDoc()["updatedReplicas"]},
		{Name: "Available", Type: "string", Description: appsv1.DeploymentStatus{}.SwaggerDoc()["availableReplicas"]},
		AgeColumn(),
		containersColumn(),
		imagesColumn(),
		{Name: "Selector", Type: "string", Priority: 1, Description: appsv1.DeploymentSpec{}.SwaggerDoc()["selector"]},
	}
}

func printDeployment(obj runtime.Object, now time.Time, wide bool) (metav1.TableRow, error) {
	d := obj.(*appsv1.Deployment)
	names, images := containerCells(d.Spec.Template.Spec.Containers)
	selector := "<invalid>"
	if s, err := metav1.LabelSelectorAsSelector(d.Spec.Selector); err == nil {
		selector = s.String()
	}
	// UP-TO-DATE and AVAILABLE are declared as strings but sent as numbers,
	// exactly as Kubernetes does.
	return metav1.TableRow{Cells: []interface{}{
		d.Name,
		fmt.Sprintf("%d/%d", d.Status.ReadyReplicas, replicas(d.Spec.Replicas)),
		int64(d.Status.UpdatedReplicas),
		int64(d.Status.AvailableReplicas),
		Age(d.CreationTimestamp, now),
		names,
		images,
		selector,
	}}, nil
}

func replicaSetColumns() []metav1.TableColumnDefinition {
	return []metav1.TableColumnDefinition{
		NameColumn(),
		{Name: "Desired", Type: "integer", Description: appsv1.ReplicaSetSpec{}.SwaggerDoc()["replicas"]},
		{Name: "Current", Type: "integer", Description: appsv1.ReplicaSetStatus{}.SwaggerDoc()["replicas"]},
		{Name: "Ready", Type: "integer", Description: appsv1.ReplicaSetStatus{}.SwaggerDoc()["readyReplicas"]},
		AgeColumn(),
		containersColumn(),
		imagesColumn(),
		{Name: "Selector", Type: "string", Priority: 1, Description: appsv1.ReplicaSetSpec{}.SwaggerDoc()["selector"]},
	}
}

func printReplicaSet(obj runtime.Object, now time.Time, wide bool) (metav1.TableRow, error) {
	rs := obj.(*appsv1.ReplicaSet)
	names, images := containerCells(rs.Spec.Template.Spec.Containers)
	return metav1.TableRow{Cells: []interface{}{
		rs.Name,
		int64(replicas(rs.Spec.Replicas)),
		int64(rs.Status.Replicas),
		int64(rs.Status.ReadyReplicas),
		Age(rs.CreationTimestamp, now),
		names,
		images,
		metav1.FormatLabelSelector(rs.Spec.Selector),
	}}, nil
}

func replicationControllerColumns() []metav1.TableColumnDefinition {
	return []metav1.TableColumnDefinition{
		NameColumn(),
		{Name: "Desired", Type: "integer", Description: corev1.ReplicationControllerSpec{}.SwaggerDoc()["replicas"]},
		{Name: "Current", Type: "integer", Description: corev1.ReplicationControllerStatus{}.SwaggerDoc()["replicas"]},
		{Name: "Ready", Type: "integer", Description: corev1.ReplicationControllerStatus{}.SwaggerDoc()["readyReplicas"]},
		AgeColumn(),
		containersColumn(),
		imagesColumn(),
		{Name: "Selector", Type: "string", Priority: 1, Description: corev1.ReplicationControllerSpec{}.SwaggerDoc()["selector"]},
	}
}

// printReplicationController is printReplicaSet's row for the older kind:
// its template may be missing (no containers then), and its selector is a
// plain map of labels, printed as "app=nginx" or "<none>".
func printReplicationController(obj runtime.Object, now time.Time, wide bool) (metav1.TableRow, error) {
	rc := obj.(*corev1.ReplicationController)
	var containers []corev1.Container
	if rc.Spec.Template != nil {
		containers = rc.Spec.Template.Spec.Containers
	}
	names, images := containerCells(containers)
	return metav1.TableRow{Cells: []interface{}{
		rc.Name,
		int64(replicas(rc.Spec.Replicas)),
		int64(rc.Status.Replicas),
		int64(rc.Status.ReadyReplicas),
		Age(rc.CreationTimestamp, now),
		names,
		images,
		labels.FormatLabels(rc.Spec.Selector),
	}}, nil
}

func scaleColumns() []metav1.TableColumnDefinition {
	return []metav1.TableColumnDefinition{
		// Kubernetes gives this Name column no "name" format.
		{Name: "Name", Type: "string", Description: ObjectMetaDoc("name")},
		{Name: "Desired", Type: "integer", Description: autoscalingv1.ScaleSpec{}.SwaggerDoc()["replicas"]},
		{Name: "Available", Type: "integer", Description: autoscalingv1.ScaleStatus{}.SwaggerDoc()["replicas"]},
		AgeColumn(),
	}
}

func printScale(obj runtime.Object, now time.Time, wide bool) (metav1.TableRow, error) {
	s := obj.(*autoscalingv1.Scale)
	return metav1.TableRow{Cells: []interface{}{
		s.Name, int64(s.Spec.Replicas), int64(s.Status.Replicas), Age(s.CreationTimestamp, now),
	}}, nil
}

// replicas reads an optional replica count; unset counts as 0, as it does
// once Kubernetes converts the object to its internal form.
func replicas(r *int32) int32 {
	if r == nil {
		return 0
	}
	return *r
}

// containerCells are the CONTAINERS and IMAGES cells: comma-separated, in
// the template's order.
func containerCells(containers []corev1.Container) (names, images string) {
	n := make([]string, 0, len(containers))
	i := make([]string, 0, len(containers))
	for _, c := range containers {
		n = append(n, c.Name)
		i = append(i, c.Image)
	}
	return strings.Join(n, ","), strings.Join(i, ",")
}

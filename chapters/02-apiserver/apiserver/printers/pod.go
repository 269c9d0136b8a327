// This file teaches the most-read line of Kubernetes output: a pod's row in
// `kubectl get pods`. READY counts ready containers, RESTARTS adds up restart
// counts, and STATUS folds the pod's phase and every container's state into
// one word — ContainerCreating, ErrImagePull, CrashLoopBackOff, Init:0/1,
// Completed, Terminating. It mirrors printPod in Kubernetes v1.37
// pkg/printers/internalversion/printers.go.

package printers

import (
	"fmt"
	"time"

	"github.com/kubeling/kubeling/solutions/apiserver/printers/resources"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// nodeLostReason is the pod reason the node lifecycle controller sets when a
// pod's node stops answering (NodeUnreachablePodReason in Kubernetes).
const nodeLostReason = "NodeLost"

func podColumns() []metav1.TableColumnDefinition {
	return []metav1.TableColumnDefinition{
		resources.NameColumn(),
		{Name: "Ready", Type: "string", Description: "The aggregate readiness state of this pod for accepting traffic."},
		{Name: "Status", Type: "string", Description: "The aggregate status of the containers in this pod."},
		{Name: "Restarts", Type: "string", Description: "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."},
		resources.AgeColumn(),
		{Name: "IP", Type: "string", Priority: 1, Description: corev1.PodStatus{}.SwaggerDoc()["podIP"]},
		{Name: "Node", Type: "string", Priority: 1, Description: corev1.PodSpec{}.SwaggerDoc()["nodeName"]},
		{Name: "Nominated Node", Type: "string", Priority: 1, Description: corev1.PodStatus{}.SwaggerDoc()["nominatedNodeName"]},
		{Name: "Readiness Gates", Type: "string", Priority: 1, Description: corev1.PodSpec{}.SwaggerDoc()["readinessGates"]},
	}
}

func printPod(obj runtime.Object, opts Options) (metav1.TableRow, error) {
	pod := obj.(*corev1.Pod)
	ready, total := podReadyCount(pod)

	row := metav1.TableRow{Cells: []interface{}{
		pod.Name,
		fmt.Sprintf("%d/%d", ready, total),
		podStatus(pod),
		podRestarts(pod, opts.Now),
		resources.Age(pod.CreationTimestamp, opts.Now),
		resources.OrNone(podIP(pod)),
		resources.OrNone(pod.Spec.NodeName),
		resources.OrNone(pod.Status.NominatedNodeName),
		readinessGates(pod),
	}}
	// kubectl greys out finished pods using these row conditions.
	switch pod.Status.Phase {
	case corev1.PodSucceeded:
		row.Conditions = []metav1.TableRowCondition{{Type: metav1.RowCompleted, Status: metav1.ConditionTrue,
			Reason: string(corev1.PodSucceeded), Message: "The pod has completed successfully."}}
	case corev1.PodFailed:
		row.Conditions = []metav1.TableRowCondition{{Type: metav1.RowCompleted, Status: metav1.ConditionTrue,
			Reason: string(corev1.PodFailed), Message: "The pod failed."}}
	}
	return row, nil
}

// podStatus is the STATUS column.
func podStatus(pod *corev1.Pod) string {
	// TODO(chapter 2): write pod-status.
	// Hint: STATUS is Kubernetes' one word for a pod, chosen by precedence. The phase (or the
	// Hint: kubelet's status.reason) is the default. While an init container has not finished the
	// Hint: pod is still initialising and says why: that container's reason, exit code or signal, or
	// Hint: how many are done (pendingInitContainer finds it). Once initialised, a container's
	// Hint: waiting or terminated reason says more than the phase, and the first container's wins. A
	// Hint: container that exited 0 does not make the pod Completed while another still runs. Being
	// Hint: deleted says most, unless the pod had already finished.
	panic("TODO(chapter 2): pod-status is not written yet (see chapters/02-apiserver/README.md)")
}

// pendingInitContainer returns the index in status.initContainerStatuses of
// the first init container that holds the pod back, or -1 when none does.
// An init container is done when it exited 0; a sidecar (an init container
// with restartPolicy Always) is done once it has started.
func pendingInitContainer(pod *corev1.Pod) int {
	for i, c := range pod.Status.InitContainerStatuses {
		if c.State.Terminated != nil && c.State.Terminated.ExitCode == 0 {
			continue
		}
		if isSidecar(pod, c.Name) && c.Started != nil && *c.Started {
			continue
		}
		return i
	}
	return -1
}

// isSidecar reports whether the named init container keeps running beside
// the app containers (restartPolicy: Always).
func isSidecar(pod *corev1.Pod, name string) bool {
	for _, c := range pod.Spec.InitContainers {
		if c.Name == name {
			return c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
		}
	}
	return false
}

// podInitialized reports whether the kubelet marked the pod Initialized.
func podInitialized(pod *corev1.Pod) bool {
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodInitialized {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

func podConditionTrue(pod *corev1.Pod, t corev1.PodConditionType) bool {
	for _, c := range pod.Status.Conditions {
		if c.Type == t && c.Status == corev1.ConditionTrue {
			return true
		}
	}
	return false
}

// initStatusesSeen is how many init container statuses Kubernetes' printer
// looks at: all of them, or up to and including the pending one.
func initStatusesSeen(pod *corev1.Pod) int {
	if pending := pendingInitContainer(pod); pending >= 0 {
		return pending + 1
	}
	return len(pod.Status.InitContainerStatuses)
}

// podReadyCount is the READY column: ready containers out of app
// containers plus sidecars.
func podReadyCount(pod *corev1.Pod) (ready, total int) {
	total = len(pod.Spec.Containers)
	for _, c := range pod.Spec.InitContainers {
		if c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways {
			total++
		}
	}
	for _, c := range pod.Status.InitContainerStatuses[:initStatusesSeen(pod)] {
		exitedZero := c.State.Terminated != nil && c.State.Terminated.ExitCode == 0
		if !exitedZero && isSidecar(pod, c.Name) && c.Started != nil && *c.Started && c.Ready {
			ready++
		}
	}
	if pendingInitContainer(pod) < 0 || podInitialized(pod) {
		for _, c := range pod.Status.ContainerStatuses {
			if c.Ready && c.State.Running != nil && (c.State.Waiting == nil || c.State.Waiting.Reason == "") && c.State.Terminated == nil {
				ready++
			}
		}
	}
	return ready, total
}

// podRestarts is the RESTARTS column: the sum of restart counts, and how
// long ago the last restart was when the kubelet recorded it ("3 (5m ago)").
// While init containers run it counts theirs; afterwards it counts the app
// containers' and the sidecars'.
func podRestarts(pod *corev1.Pod, now time.Time) string {
	restarts := 0
	var last metav1.Time
	later := func(s corev1.ContainerStatus) {
		if t := s.LastTerminationState.Terminated; t != nil && last.Before(&t.FinishedAt) {
			last = t.FinishedAt
		}
	}

	initStatuses := pod.Status.InitContainerStatuses[:initStatusesSeen(pod)]
	if pendingInitContainer(pod) >= 0 && !podInitialized(pod) {
		for _, s := range initStatuses {
			restarts += int(s.RestartCount)
			later(s)
		}
	} else {
		for _, s := range initStatuses {
			if isSidecar(pod, s.Name) {
				restarts += int(s.RestartCount)
				later(s)
			}
		}
		for _, s := range pod.Status.ContainerStatuses {
			restarts += int(s.RestartCount)
			later(s)
		}
	}

	if restarts != 0 && !last.IsZero() {
		return fmt.Sprintf("%d (%s ago)", restarts, resources.Age(last, now))
	}
	return fmt.Sprintf("%d", restarts)
}

// podIP is the pod's primary IP.
func podIP(pod *corev1.Pod) string {
	if len(pod.Status.PodIPs) > 0 {
		return pod.Status.PodIPs[0].IP
	}
	return pod.Status.PodIP
}

// readinessGates is the READINESS GATES column: how many of the pod's
// readiness gates have a true condition, e.g. "1/2".
func readinessGates(pod *corev1.Pod) string {
	if len(pod.Spec.ReadinessGates) == 0 {
		return "<none>"
	}
	trueConditions := 0
	for _, gate := range pod.Spec.ReadinessGates {
		for _, c := range pod.Status.Conditions {
			if c.Type == gate.ConditionType {
				if c.Status == corev1.ConditionTrue {
					trueConditions++
				}
				break
			}
		}
	}
	return fmt.Sprintf("%d/%d", trueConditions, len(pod.Spec.ReadinessGates))
}

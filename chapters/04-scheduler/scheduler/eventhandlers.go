// This file teaches how informer events reach the scheduler: an unbound
// pod of ours goes to the queue; a bound pod goes to the cache (confirming
// it if we assumed it); and the events that can make a waiting pod fit (a
// node added or changed in a way that matters, a placed pod gone) move the
// unschedulable pods back. It mirrors eventhandlers.go in kube-scheduler.

package scheduler

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/runtime"

	informers "github.com/kubeling/kubeling/solutions/client/cache"
)

func (s *Scheduler) addEventHandlers() {
	s.informers.Pods().Informer().AddEventHandler(informers.ResourceEventHandlerFuncs{
		AddFunc:    func(obj runtime.Object, _ bool) { s.onPodAdd(obj.(*corev1.Pod)) },
		UpdateFunc: func(oldObj, newObj runtime.Object) { s.onPodUpdate(oldObj.(*corev1.Pod), newObj.(*corev1.Pod)) },
		DeleteFunc: func(obj any) {
			if pod, ok := unwrap(obj).(*corev1.Pod); ok {
				s.onPodDelete(pod)
			}
		},
	})
	s.informers.Nodes().Informer().AddEventHandler(informers.ResourceEventHandlerFuncs{
		AddFunc:    func(obj runtime.Object, _ bool) { s.onNodeAdd(obj.(*corev1.Node)) },
		UpdateFunc: func(oldObj, newObj runtime.Object) { s.onNodeUpdate(oldObj.(*corev1.Node), newObj.(*corev1.Node)) },
		DeleteFunc: func(obj any) {
			if node, ok := unwrap(obj).(*corev1.Node); ok {
				s.cache.RemoveNode(node)
			}
		},
	})
}

// unwrap returns the object a delete carries, also when the informer found
// the deletion by relisting.
func unwrap(obj any) any {
	if d, ok := obj.(informers.DeletedFinalStateUnknown); ok {
		return d.Obj
	}
	return obj
}

// assigned: the pod is bound (or was created bound) to a node.
func assigned(pod *corev1.Pod) bool { return pod.Spec.NodeName != "" }

// terminal pods hold no resources on their node.
func terminal(pod *corev1.Pod) bool {
	return pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed
}

// responsibleFor: a pod this scheduler should place.
func (s *Scheduler) responsibleFor(pod *corev1.Pod) bool {
	return !assigned(pod) && pod.Spec.SchedulerName == s.name && pod.DeletionTimestamp == nil
}

func (s *Scheduler) onPodAdd(pod *corev1.Pod) {
	switch {
	case assigned(pod) && !terminal(pod):
		s.cache.AddPod(pod)
	case s.responsibleFor(pod):
		s.queue.Add(pod)
	}
}

func (s *Scheduler) onPodUpdate(oldPod, newPod *corev1.Pod) {
	switch {
	case assigned(newPod) && terminal(newPod):
		s.onPodDelete(newPod)
	case assigned(newPod):
		if !assigned(oldPod) {
			s.queue.Delete(newPod) // it was bound: no longer waiting
		}
		s.cache.AddPod(newPod)
	case s.responsibleFor(newPod):
		s.queue.Update(newPod)
	default:
		s.queue.Delete(newPod) // being deleted
	}
}

func (s *Scheduler) onPodDelete(pod *corev1.Pod) {
	if !assigned(pod) {
		s.queue.Delete(pod)
		return
	}
	s.cache.RemovePod(pod)
	s.queue.MoveAllToActiveOrBackoffQueue("AssignedPodDelete")
}

func (s *Scheduler) onNodeAdd(node *corev1.Node) {
	s.cache.AddNode(node)
	s.queue.MoveAllToActiveOrBackoffQueue("NodeAdd")
}

func (s *Scheduler) onNodeUpdate(oldNode, newNode *corev1.Node) {
	s.cache.UpdateNode(oldNode, newNode)
	if nodeSchedulingPropertiesChanged(oldNode, newNode) {
		s.queue.MoveAllToActiveOrBackoffQueue("NodeUpdate")
	}
}

// nodeSchedulingPropertiesChanged: only what a filter reads. A node's
// heartbeat (a new lastHeartbeatTime every 10 s per node) must not wake
// every waiting pod, or 500 nodes would keep the scheduler busy failing.
func nodeSchedulingPropertiesChanged(oldNode, newNode *corev1.Node) bool {
	return oldNode.Spec.Unschedulable != newNode.Spec.Unschedulable ||
		!equality.Semantic.DeepEqual(oldNode.Labels, newNode.Labels) ||
		!equality.Semantic.DeepEqual(oldNode.Spec.Taints, newNode.Spec.Taints) ||
		!equality.Semantic.DeepEqual(oldNode.Status.Allocatable, newNode.Status.Allocatable) ||
		readyStatus(oldNode) != readyStatus(newNode)
}

func readyStatus(node *corev1.Node) corev1.ConditionStatus {
	for _, c := range node.Status.Conditions {
		if c.Type == corev1.NodeReady {
			return c.Status
		}
	}
	return ""
}

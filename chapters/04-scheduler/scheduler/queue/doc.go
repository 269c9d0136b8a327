// Package queue is the scheduler's queue of pods waiting for a node. It
// mirrors kube-scheduler's PriorityQueue
// (pkg/scheduler/backend/queue/scheduling_queue.go), which has three parts:
//
//	activeQ        pods to try now, highest priority first, then oldest first
//	backoffQ       pods that failed, waiting out their backoff (1s doubling to 10s)
//	unschedulable  pods that fit nowhere, waiting for the cluster to change
//
// The queue promises:
//
//   - One place per pod: a pod is in at most one of the three, or in
//     flight (popped and being scheduled or bound), never two.
//   - No hot loop: a pod that fits nowhere is not retried until an event
//     that could make it fit (a node added or changed, a placed pod
//     deleted), and then only after its backoff; at the latest after 5
//     minutes in unschedulable (kube-scheduler's
//     podMaxInUnschedulablePodsDuration), in case an event was missed.
//   - No lost events: if such an event comes while a pod is in flight,
//     that pod goes to backoffQ rather than unschedulable when it fails, so
//     the change it might have needed is not slept through.
//   - Newest spec: an update of a queued pod replaces it in place; an
//     update of a pod in unschedulable moves it (the change may be what it
//     needed).
//   - An injected clock (k8s.io/utils/clock): tests step time instead of
//     sleeping. All methods are safe for concurrent use.
package queue

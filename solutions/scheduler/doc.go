// Package scheduler is the teaching cluster's kube-scheduler: it watches
// for pods with no node whose schedulerName is ours, picks a node for each,
// and writes the choice back through the pods/binding subresource. One
// cycle, one pod:
//
//	queue.Pop → snapshot → filter every node → score the rest → select host
//	          → assume (cache) → bind (async, through the apiserver)
//	                             └─ failed: forget, requeue with backoff
//	fits nowhere → FailedScheduling event, PodScheduled=False, wait in unschedulable
//
// It mirrors kube-scheduler (k8s.io/kubernetes/pkg/scheduler): schedule_one.go,
// eventhandlers.go, the default profile's plugins. The scheduler promises:
//
//   - Ours only: pods whose spec.schedulerName is another scheduler's,
//     whose spec.nodeName is set, or that are being deleted, are never
//     queued.
//   - One decision at a time: pods are scheduled one after another by one
//     goroutine, each seeing the previous ones assumed on their nodes; only
//     binds run concurrently.
//   - Deterministic: the same nodes and pods give the same placement. The
//     best-scoring node wins; a tie goes to the tied node that comes next,
//     in name order, after the node picked last (wrapping round), so
//     identical pods on identical nodes go round-robin.
//   - Never overbooks by its own doing: a pod assumed onto a node counts
//     there before its bind, and is forgotten if the bind fails.
//   - Tells the truth: Scheduled and FailedScheduling events and the
//     PodScheduled condition are worded as kube-scheduler v1.37 words them.
//   - Survives refusals: a bind refused is forgotten at once (its room on
//     the node wakes the pods waiting for it) and, on a 404, a 500 or
//     anything else, retried after its backoff, never a crash; a 409 says
//     the pod is bound already, and it is dropped, as is a pod deleted
//     meanwhile.
//
// Tests: the package's own run the whole scheduler (informers, queue,
// cache, plugins, binds) over client-go's fake clientset in a synctest
// bubble; the subpackages test their parts; labs/04-scheduler run it as
// `kubeling scheduler` against the real apiserver and simulated nodes.
package scheduler

// Package cache is the scheduler's picture of what is placed on each node:
// the pods the informer reports bound, and the pods the scheduler has
// assumed onto a node but whose bind the apiserver has not yet confirmed.
// It mirrors kube-scheduler's cache (pkg/scheduler/backend/cache).
//
// A pod in the cache goes through these states:
//
//	          AssumePod         FinishBinding           informer Add
//	(none) ───────────▶ assumed ─────────────▶ assumed, ─────────────▶ added
//	                       │                   expiring        ▲
//	                       │ ForgetPod            │ TTL over   │ informer Add
//	                       ▼ (bind failed)        ▼            │ (bound elsewhere
//	                    (none)                 (none)           │  or not by us)
//
// The cache promises:
//
//   - Assumed pods count: the next pod is judged with the previous one
//     already placed, even though its bind is still on the wire. Without
//     this, 50 pods popped in a row would all see the same empty node.
//   - Confirmed once: the informer's Add of an assumed pod confirms it
//     (and moves it if it was bound to another node) without counting it
//     twice.
//   - Never leaks: an assumed pod is forgotten when its bind fails, and
//     expires if its binding finished but no confirmation came within the
//     TTL.
//   - Cheap snapshots: UpdateSnapshot copies only the nodes that changed
//     since the last call (a generation number per node).
//   - Safe for concurrent use; an injected clock for the TTL.
package cache

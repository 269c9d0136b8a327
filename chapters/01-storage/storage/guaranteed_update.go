// This file teaches optimistic concurrency from the caller's side: read,
// compute, write with a precondition, and on Conflict read again. It mirrors
// GuaranteedUpdate in k8s.io/apiserver's etcd3 store, which every apiserver
// update goes through.

package storage

import (
	"context"
)

// UpdateFunc computes a new value from the current one. It may be called
// several times (once per attempt), so it must not have side effects. Return
// an error to give up; GuaranteedUpdate returns it unchanged.
type UpdateFunc func(current KeyValue) ([]byte, error)

// GuaranteedUpdate applies tryUpdate to the value under key until the write
// lands without a Conflict. No update is lost however many goroutines (or
// processes) race on the same key: each loser rereads and recomputes.
func GuaranteedUpdate(ctx context.Context, s Interface, key string, tryUpdate UpdateFunc) (KeyValue, error) {
	// TODO(chapter 1): write guaranteed-update.
	// Hint: Read, compute the new value, write it naming the version read. A Conflict means someone
	// Hint: wrote in between and the computation is stale: read again and recompute, as often as it
	// Hint: takes, so that no writer's change is lost. Any other error is final. A caller that gave
	// Hint: up (its context is done) must get that error back promptly, not a loop that never ends.
	panic("TODO(chapter 1): guaranteed-update is not written yet (see chapters/01-storage/README.md)")
}

// This file teaches the rule every controller follows at start-up: do not
// act before the caches are filled, or a controller that sees no pods yet
// would create a ReplicaSet's pods a second time. It mirrors
// WaitForCacheSync in client-go.

package cache

import (
	"context"
	"time"
)

// InformerSynced reports whether a cache (or a handler) has caught up with
// the first list: SharedIndexInformer.HasSynced or Registration.HasSynced.
type InformerSynced func() bool

// syncPollInterval is how often WaitForCacheSync checks. Syncing takes at
// least one round trip to the apiserver, so 10ms adds little.
const syncPollInterval = 10 * time.Millisecond

// WaitForCacheSync waits until every synced function reports true, and
// reports whether they did before ctx was done.
func WaitForCacheSync(ctx context.Context, synced ...InformerSynced) bool {
	ticker := time.NewTicker(syncPollInterval)
	defer ticker.Stop()
	for {
		all := true
		for _, f := range synced {
			if !f() {
				all = false
				break
			}
		}
		if all {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-ticker.C:
		}
	}
}

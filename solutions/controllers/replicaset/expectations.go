// This file teaches why a controller must remember what it has just done.
// The controller reads pods from its informer's cache, but the pods it
// creates reach that cache only when their ADDED events come back through
// the watch, some milliseconds later. A sync that ran in between would see
// too few pods and create them again. So before each batch of writes the
// controller records how many creations (and which deletions) it expects to
// observe, and it does not act on a ReplicaSet again until the informer has
// shown them all, or five minutes have passed. It mirrors
// ControllerExpectations and UIDTrackingControllerExpectations in
// Kubernetes' pkg/controller/controller_utils.go.

package replicaset

import (
	"sync"
	"time"

	"k8s.io/utils/clock"
)

// ExpectationsTimeout is how long expectations are trusted. A watch event
// that never arrives (a dropped watch whose relist missed it, or a create
// that the apiserver accepted but then failed) must not freeze the
// ReplicaSet for ever; after 5 minutes, as in Kubernetes, the controller
// acts on what the cache shows.
const ExpectationsTimeout = 5 * time.Minute

// expectation is what one ReplicaSet is still waiting to observe.
type expectation struct {
	adds      int             // pod creations not yet seen in the cache
	deletions map[string]bool // keys of pods whose deletion is not yet seen
	setAt     time.Time       // when the writes were made, for the timeout
}

func (e *expectation) fulfilled() bool { return e.adds <= 0 && len(e.deletions) == 0 }

// ControllerExpectations records, per ReplicaSet key ("default/nginx"), the
// creations and deletions the controller has made and not yet observed.
// Workers call Expect* before writing and sync reads SatisfiedExpectations;
// the informer's handlers call *Observed. Safe for concurrent use.
type ControllerExpectations struct {
	clock clock.PassiveClock

	mu      sync.Mutex
	records map[string]*expectation
}

// NewControllerExpectations returns empty expectations timed by clk.
func NewControllerExpectations(clk clock.PassiveClock) *ControllerExpectations {
	return &ControllerExpectations{clock: clk, records: map[string]*expectation{}}
}

// SatisfiedExpectations reports whether the controller may act on key: it
// has nothing outstanding, has never written for it, or its expectations
// are older than ExpectationsTimeout.
func (e *ControllerExpectations) SatisfiedExpectations(key string) bool {
	// lab:begin satisfied-expectations
	// hint: the records map is shared with the informer's handlers: hold e.mu while you read it
	// hint: a key the controller never wrote for has nothing to wait for: a new ReplicaSet must get its pods at once
	// hint: a record is done when no creation and no deletion is outstanding (expectation has a method for that)
	// hint: an outstanding record older than ExpectationsTimeout is trusted no longer (an event may never come): measure its age with e.clock, never time.Now
	e.mu.Lock()
	defer e.mu.Unlock()
	record, ok := e.records[key]
	if !ok {
		return true
	}
	return record.fulfilled() || e.clock.Since(record.setAt) > ExpectationsTimeout
	// lab:end
}

// ExpectCreations replaces key's expectations with n creations to observe.
func (e *ControllerExpectations) ExpectCreations(key string, n int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.records[key] = &expectation{adds: n, deletions: map[string]bool{}, setAt: e.clock.Now()}
}

// ExpectDeletions replaces key's expectations with the deletions of the
// pods podKeys. Deletions are tracked by pod, not counted: a pod that is
// deleted by someone else, or whose deletion is seen twice (marked, then
// gone), must lower them only once.
func (e *ControllerExpectations) ExpectDeletions(key string, podKeys []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	record := &expectation{deletions: map[string]bool{}, setAt: e.clock.Now()}
	for _, podKey := range podKeys {
		record.deletions[podKey] = true
	}
	e.records[key] = record
}

// CreationObserved lowers key's outstanding creations by one: the informer
// showed a new pod that key controls, or a create failed and will never
// be shown.
func (e *ControllerExpectations) CreationObserved(key string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if record, ok := e.records[key]; ok {
		record.adds--
	}
}

// DeletionObserved marks the deletion of podKey as seen for key.
func (e *ControllerExpectations) DeletionObserved(key, podKey string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if record, ok := e.records[key]; ok {
		delete(record.deletions, podKey)
	}
}

// DeleteExpectations forgets key: its ReplicaSet is gone.
func (e *ControllerExpectations) DeleteExpectations(key string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.records, key)
}

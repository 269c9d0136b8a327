// Package storagetest is the conformance suite every storage.Interface must
// pass: the etcd backend, the SQLite backend, and the learner's copies of
// both (`make check CHAPTER=1` runs the chapter's tests, which run this
// suite). It states the package storage guarantees as tests.
//
// The suite is shared, not copied, so that "passes the same tests" means the
// same tests.
package storagetest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kubeling/kubeling/chapters/01-storage/storage"
)

// NewStore returns a store for one test. Stores may share a server, so each
// test writes only under its own prefix.
type NewStore func(t *testing.T) storage.Interface

// eventTimeout bounds how long a test waits for a watch event that must come.
// Events arrive in milliseconds; 10s only guards against a hang.
const eventTimeout = 10 * time.Second

// Run runs every conformance test against stores made by newStore.
func Run(t *testing.T, newStore NewStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s storage.Interface, prefix string)
	}{
		{"RevisionIsNeverZero", testRevisionIsNeverZero},
		{"CreateThenGet", testCreateThenGet},
		{"CreateRefusesExistingKey", testCreateRefusesExistingKey},
		{"ConcurrentCreatesHaveOneWinner", testConcurrentCreatesHaveOneWinner},
		{"GetMissingKey", testGetMissingKey},
		{"UpdateWithStaleVersionConflicts", testUpdateWithStaleVersionConflicts},
		{"UpdateMissingKey", testUpdateMissingKey},
		{"UpdateDeletedKey", testUpdateDeletedKey},
		{"DeleteWithPrecondition", testDeleteWithPrecondition},
		{"ListUnderPrefix", testListUnderPrefix},
		{"ListPagesShareOneSnapshot", testListPagesShareOneSnapshot},
		{"ListRefusesForeignContinueToken", testListRefusesForeignContinueToken},
		{"ListResumesAtLatest", testListResumesAtLatest},
		{"ConcurrentGuaranteedUpdatesLoseNothing", testConcurrentGuaranteedUpdatesLoseNothing},
		{"WatchSeesEveryChangeInOrder", testWatchSeesEveryChangeInOrder},
		{"WatchFromPastVersionReplays", testWatchFromPastVersionReplays},
		{"WatchResumeHasNoGapsOrDuplicates", testWatchResumeHasNoGapsOrDuplicates},
		{"WatchIgnoresOtherPrefixes", testWatchIgnoresOtherPrefixes},
		{"WatchStopClosesChannel", testWatchStopClosesChannel},
		{"CurrentResourceVersionFollowsWrites", testCurrentResourceVersionFollowsWrites},
		// Compaction discards history for the whole store, so it runs last.
		{"CompactKeepsCurrentValues", testCompactKeepsCurrentValues},
		{"WatchFromCompactedVersionIsTooOld", testWatchFromCompactedVersionIsTooOld},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			prefix := fmt.Sprintf("/registry/conformance-%d-%d/", time.Now().UnixNano(), i)
			tc.fn(t, s, prefix)
		})
	}
}

func ctxFor(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// testRevisionIsNeverZero: a watch from 0 means "from now", so a store whose
// revision could be 0 would make "list, then watch from the list's version"
// miss the writes in between.
func testRevisionIsNeverZero(t *testing.T, s storage.Interface, prefix string) {
	cur, err := s.CurrentResourceVersion(ctxFor(t))
	require.NoError(t, err)
	assert.Positive(t, cur)
}

func testCreateThenGet(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	rv, err := s.Create(ctx, prefix+"a", []byte("one"))
	require.NoError(t, err)
	require.Positive(t, rv, "a write must get a resourceVersion")

	got, err := s.Get(ctx, prefix+"a")
	require.NoError(t, err)
	assert.Equal(t, storage.KeyValue{Key: prefix + "a", Value: []byte("one"), ResourceVersion: rv}, got)

	rv2, err := s.Create(ctx, prefix+"b", []byte("two"))
	require.NoError(t, err)
	assert.Greater(t, rv2, rv, "resourceVersions grow with every write")
}

func testCreateRefusesExistingKey(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	_, err := s.Create(ctx, prefix+"a", []byte("first"))
	require.NoError(t, err)
	_, err = s.Create(ctx, prefix+"a", []byte("second"))
	require.True(t, storage.IsKeyExists(err), "want KeyExists, got %v", err)

	got, err := s.Get(ctx, prefix+"a")
	require.NoError(t, err)
	assert.Equal(t, "first", string(got.Value), "a refused create must not change the value")
}

// testConcurrentCreatesHaveOneWinner: two controllers creating the same
// object at once must not both succeed, or one of them has lost its write
// without knowing. Only a check and a write in one step guarantees that.
func testConcurrentCreatesHaveOneWinner(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	const keys, writers = 5, 8
	for k := range keys {
		key := prefix + strconv.Itoa(k)
		var wins atomic.Int32
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				_, err := s.Create(ctx, key, []byte(strconv.Itoa(w)))
				switch {
				case err == nil:
					wins.Add(1)
				case !storage.IsKeyExists(err):
					t.Errorf("create %s: want success or KeyExists, got %v", key, err)
				}
			})
		}
		wg.Wait()
		assert.Equal(t, int32(1), wins.Load(), "%d writers created %s at once: exactly one must win", writers, key)
	}
}

func testGetMissingKey(t *testing.T, s storage.Interface, prefix string) {
	_, err := s.Get(ctxFor(t), prefix+"nothing-here")
	assert.True(t, storage.IsNotFound(err), "want KeyNotFound, got %v", err)
}

func testUpdateWithStaleVersionConflicts(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	key := prefix + "a"
	rv1, err := s.Create(ctx, key, []byte("v1"))
	require.NoError(t, err)
	rv2, err := s.Update(ctx, key, []byte("v2"), rv1)
	require.NoError(t, err)
	require.Greater(t, rv2, rv1)

	// A second writer that read v1 must not overwrite v2.
	_, err = s.Update(ctx, key, []byte("lost update"), rv1)
	require.True(t, storage.IsConflict(err), "want Conflict, got %v", err)
	var serr *storage.StorageError
	require.ErrorAs(t, err, &serr)
	assert.Equal(t, rv2, serr.ResourceVersion, "a Conflict reports the stored resourceVersion")

	got, err := s.Get(ctx, key)
	require.NoError(t, err)
	assert.Equal(t, "v2", string(got.Value))
	assert.Equal(t, rv2, got.ResourceVersion)
}

func testUpdateMissingKey(t *testing.T, s storage.Interface, prefix string) {
	_, err := s.Update(ctxFor(t), prefix+"ghost", []byte("x"), 1)
	assert.True(t, storage.IsNotFound(err), "want KeyNotFound, got %v", err)
}

// testUpdateDeletedKey: a deleted key is missing, whatever resourceVersion
// the writer holds; an update must not bring it back.
func testUpdateDeletedKey(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	key := prefix + "a"
	rv, err := s.Create(ctx, key, []byte("v1"))
	require.NoError(t, err)
	deleted, err := s.Delete(ctx, key, 0)
	require.NoError(t, err)
	for _, held := range []int64{rv, deleted.ResourceVersion} {
		_, err = s.Update(ctx, key, []byte("zombie"), held)
		assert.True(t, storage.IsNotFound(err), "update of a deleted key at resourceVersion %d: want KeyNotFound, got %v", held, err)
	}
	_, err = s.Get(ctx, key)
	assert.True(t, storage.IsNotFound(err), "the deleted key stays deleted, got %v", err)
}

func testDeleteWithPrecondition(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	key := prefix + "a"
	rv1, err := s.Create(ctx, key, []byte("v1"))
	require.NoError(t, err)
	rv2, err := s.Update(ctx, key, []byte("v2"), rv1)
	require.NoError(t, err)

	_, err = s.Delete(ctx, key, rv1)
	require.True(t, storage.IsConflict(err), "a delete with a stale precondition must conflict, got %v", err)
	_, err = s.Get(ctx, key)
	require.NoError(t, err, "a refused delete must leave the key")

	last, err := s.Delete(ctx, key, rv2)
	require.NoError(t, err)
	assert.Equal(t, "v2", string(last.Value), "Delete returns the last value")
	assert.Greater(t, last.ResourceVersion, rv2, "a delete is a write with its own resourceVersion")

	_, err = s.Get(ctx, key)
	assert.True(t, storage.IsNotFound(err), "want KeyNotFound after delete, got %v", err)
	_, err = s.Delete(ctx, key, 0)
	assert.True(t, storage.IsNotFound(err), "deleting a missing key: want KeyNotFound, got %v", err)

	// Without a precondition a delete always succeeds.
	_, err = s.Create(ctx, key, []byte("again"))
	require.NoError(t, err, "a deleted key can be created again")
	_, err = s.Delete(ctx, key, 0)
	require.NoError(t, err)
}

func testListUnderPrefix(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	// "ns" and "ns-2" share a string prefix; a list of ns/ must not see ns-2/.
	for _, key := range []string{"ns/c", "ns/a", "ns/b", "ns-2/a"} {
		_, err := s.Create(ctx, prefix+key, []byte(key))
		require.NoError(t, err)
	}
	last, err := s.Update(ctx, prefix+"ns/b", []byte("ns/b v2"), mustGet(t, s, prefix+"ns/b").ResourceVersion)
	require.NoError(t, err)
	_, err = s.Delete(ctx, prefix+"ns/c", 0)
	require.NoError(t, err)

	list, err := s.List(ctx, prefix+"ns/", storage.ListOptions{})
	require.NoError(t, err)
	require.Len(t, list.Items, 2, "a deleted key is not listed")
	assert.Equal(t, prefix+"ns/a", list.Items[0].Key, "items come sorted by key")
	assert.Equal(t, prefix+"ns/b", list.Items[1].Key)
	assert.Equal(t, "ns/b v2", string(list.Items[1].Value), "a list shows the latest value")
	assert.Equal(t, last, list.Items[1].ResourceVersion)
	assert.Greater(t, list.ResourceVersion, last, "the list's resourceVersion is the store's revision, here the delete's")
	assert.Empty(t, list.Continue)

	empty, err := s.List(ctx, prefix+"nothing/", storage.ListOptions{})
	require.NoError(t, err)
	assert.Empty(t, empty.Items)
	assert.Positive(t, empty.ResourceVersion, "even an empty list has a resourceVersion to watch from")
}

func testListPagesShareOneSnapshot(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	for i := range 25 {
		_, err := s.Create(ctx, fmt.Sprintf("%sk%02d", prefix, i), []byte(strconv.Itoa(i)))
		require.NoError(t, err)
	}
	first, err := s.List(ctx, prefix, storage.ListOptions{Limit: 10})
	require.NoError(t, err)
	require.Len(t, first.Items, 10)
	require.NotEmpty(t, first.Continue, "more items remain, so the page carries a continue token")

	// Writes between pages must not show in later pages: they belong to a
	// newer snapshot than the one the client started reading.
	_, err = s.Create(ctx, prefix+"k99", []byte("late"))
	require.NoError(t, err)
	_, err = s.Delete(ctx, prefix+"k20", 0)
	require.NoError(t, err)

	var keys []string
	for _, kv := range first.Items {
		keys = append(keys, kv.Key)
	}
	page := first
	for page.Continue != "" {
		page, err = s.List(ctx, prefix, storage.ListOptions{Limit: 10, Continue: page.Continue})
		require.NoError(t, err)
		assert.Equal(t, first.ResourceVersion, page.ResourceVersion, "every page is read at the first page's revision")
		for _, kv := range page.Items {
			keys = append(keys, kv.Key)
		}
	}
	require.Len(t, keys, 25)
	for i, key := range keys {
		assert.Equal(t, fmt.Sprintf("%sk%02d", prefix, i), key)
	}
}

func testListRefusesForeignContinueToken(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	token := storage.EncodeContinue("/registry/secrets/kube-system/a", 1)
	_, err := s.List(ctx, prefix, storage.ListOptions{Continue: token})
	assert.True(t, storage.IsInvalid(err), "a token for another prefix must be refused, got %v", err)
	_, err = s.List(ctx, prefix, storage.ListOptions{Continue: "not base64!"})
	assert.True(t, storage.IsInvalid(err), "a malformed token must be refused, got %v", err)
}

// testListResumesAtLatest: the token the apiserver offers with a 410 for an
// expired page reads the rest of the list at the current revision, so it
// sees a write made after the first page.
func testListResumesAtLatest(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	for i := range 4 {
		_, err := s.Create(ctx, fmt.Sprintf("%sk%02d", prefix, i), []byte(strconv.Itoa(i)))
		require.NoError(t, err)
	}
	first, err := s.List(ctx, prefix, storage.ListOptions{Limit: 2})
	require.NoError(t, err)
	late, err := s.Create(ctx, prefix+"k99", []byte("late"))
	require.NoError(t, err)

	resume, err := storage.ResumeAtLatest(first.Continue, prefix)
	require.NoError(t, err)
	rest, err := s.List(ctx, prefix, storage.ListOptions{Limit: 10, Continue: resume})
	require.NoError(t, err)
	var keys []string
	for _, kv := range rest.Items {
		keys = append(keys, strings.TrimPrefix(kv.Key, prefix))
	}
	assert.Equal(t, []string{"k02", "k03", "k99"}, keys, "the rest of the list, as it is now")
	assert.Equal(t, late, rest.ResourceVersion, "read at the current revision")
	assert.Empty(t, rest.Continue)
}

// testConcurrentGuaranteedUpdatesLoseNothing is the classic lost-update
// check: every goroutine reads the counter, adds one and writes back with a
// precondition. Without compare-and-swap, increments would vanish.
func testConcurrentGuaranteedUpdatesLoseNothing(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	const goroutines, increments = 10, 20
	key := prefix + "counter"
	_, err := s.Create(ctx, key, []byte("0"))
	require.NoError(t, err)

	var wg sync.WaitGroup
	var failures atomic.Int64
	for range goroutines {
		wg.Go(func() {
			for range increments {
				_, err := storage.GuaranteedUpdate(ctx, s, key, func(cur storage.KeyValue) ([]byte, error) {
					n, err := strconv.Atoi(string(cur.Value))
					return []byte(strconv.Itoa(n + 1)), err
				})
				if err != nil {
					failures.Add(1)
					t.Errorf("increment: %v", err)
				}
			}
		})
	}
	wg.Wait()
	require.Zero(t, failures.Load())
	assert.Equal(t, strconv.Itoa(goroutines*increments), string(mustGet(t, s, key).Value), "no increment may be lost")
}

func testWatchSeesEveryChangeInOrder(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	start, err := s.CurrentResourceVersion(ctx)
	require.NoError(t, err)
	w, err := s.Watch(ctx, prefix, start)
	require.NoError(t, err)
	defer w.Stop()

	want := writeStory(t, s, prefix)
	assertEvents(t, want, collect(t, w, len(want)))
}

func testWatchFromPastVersionReplays(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	start, err := s.CurrentResourceVersion(ctx)
	require.NoError(t, err)
	want := writeStory(t, s, prefix)

	// The watch starts after the writes but asks for history from before.
	w, err := s.Watch(ctx, prefix, start)
	require.NoError(t, err)
	defer w.Stop()
	assertEvents(t, want, collect(t, w, len(want)))

	// From the resourceVersion of the third change, only the later ones.
	w2, err := s.Watch(ctx, prefix, want[2].ResourceVersion)
	require.NoError(t, err)
	defer w2.Stop()
	assertEvents(t, want[3:], collect(t, w2, len(want)-3))
}

// testWatchResumeHasNoGapsOrDuplicates is what an informer does when its
// connection breaks: it watches again from the last resourceVersion it saw.
func testWatchResumeHasNoGapsOrDuplicates(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	start, err := s.CurrentResourceVersion(ctx)
	require.NoError(t, err)
	w, err := s.Watch(ctx, prefix, start)
	require.NoError(t, err)

	want := writeStory(t, s, prefix)
	firstPart := collect(t, w, 3)
	w.Stop() // the connection breaks

	// More changes happen while nobody watches.
	for i := range 3 {
		rv, err := s.Create(ctx, fmt.Sprintf("%swhile-down-%d", prefix, i), []byte("x"))
		require.NoError(t, err)
		want = append(want, storage.Event{Type: storage.Added, Key: fmt.Sprintf("%swhile-down-%d", prefix, i), Value: []byte("x"), ResourceVersion: rv})
	}

	resumed, err := s.Watch(ctx, prefix, firstPart[len(firstPart)-1].ResourceVersion)
	require.NoError(t, err)
	defer resumed.Stop()
	rest := collect(t, resumed, len(want)-3)
	assertEvents(t, want, append(firstPart, rest...))
	assertNoMoreEvents(t, s, resumed, prefix)
}

func testWatchIgnoresOtherPrefixes(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	start, err := s.CurrentResourceVersion(ctx)
	require.NoError(t, err)
	w, err := s.Watch(ctx, prefix+"pods/", start)
	require.NoError(t, err)
	defer w.Stop()

	_, err = s.Create(ctx, prefix+"services/a", []byte("svc"))
	require.NoError(t, err)
	rv, err := s.Create(ctx, prefix+"pods/a", []byte("pod"))
	require.NoError(t, err)
	got := collect(t, w, 1)
	assertEvents(t, []storage.Event{{Type: storage.Added, Key: prefix + "pods/a", Value: []byte("pod"), ResourceVersion: rv}}, got)
}

func testWatchStopClosesChannel(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	w, err := s.Watch(ctx, prefix, 0)
	require.NoError(t, err)
	w.Stop()
	w.Stop() // twice is allowed
	select {
	case _, open := <-drain(w.ResultChan()):
		assert.False(t, open)
	case <-time.After(eventTimeout):
		t.Fatal("the result channel was not closed after Stop")
	}
}

func testCurrentResourceVersionFollowsWrites(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	rv, err := s.Create(ctx, prefix+"a", []byte("x"))
	require.NoError(t, err)
	cur, err := s.CurrentResourceVersion(ctx)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, cur, rv)
}

func testCompactKeepsCurrentValues(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	key := prefix + "a"
	rv, err := s.Create(ctx, key, []byte("v1"))
	require.NoError(t, err)
	for i := 2; i <= 5; i++ {
		rv, err = s.Update(ctx, key, []byte("v"+strconv.Itoa(i)), rv)
		require.NoError(t, err)
	}
	_, err = s.Create(ctx, prefix+"b", []byte("untouched"))
	require.NoError(t, err)
	gone, err := s.Create(ctx, prefix+"c", []byte("deleted"))
	require.NoError(t, err)
	_, err = s.Delete(ctx, prefix+"c", gone)
	require.NoError(t, err)

	cur, err := s.CurrentResourceVersion(ctx)
	require.NoError(t, err)
	require.NoError(t, s.Compact(ctx, cur))
	require.NoError(t, s.Compact(ctx, cur), "compacting twice to the same revision is harmless")

	got := mustGet(t, s, key)
	assert.Equal(t, "v5", string(got.Value))
	assert.Equal(t, rv, got.ResourceVersion, "compaction does not change resourceVersions")
	list, err := s.List(ctx, prefix, storage.ListOptions{})
	require.NoError(t, err)
	require.Len(t, list.Items, 2, "compaction neither loses live keys nor resurrects deleted ones")

	// Writing after compaction continues the same revision sequence.
	next, err := s.Update(ctx, key, []byte("v6"), rv)
	require.NoError(t, err)
	assert.Greater(t, next, cur)
}

func testWatchFromCompactedVersionIsTooOld(t *testing.T, s storage.Interface, prefix string) {
	ctx := ctxFor(t)
	old, err := s.Create(ctx, prefix+"a", []byte("v1"))
	require.NoError(t, err)
	rv, err := s.Update(ctx, prefix+"a", []byte("v2"), old)
	require.NoError(t, err)
	_, err = s.Update(ctx, prefix+"a", []byte("v3"), rv)
	require.NoError(t, err)
	cur, err := s.CurrentResourceVersion(ctx)
	require.NoError(t, err)
	require.NoError(t, s.Compact(ctx, cur))

	w, err := s.Watch(ctx, prefix, old)
	require.NoError(t, err)
	defer w.Stop()
	events := collect(t, w, 1)
	require.Equal(t, storage.Error, events[0].Type, "a watch from a compacted revision must end with an Error event")
	assert.True(t, storage.IsTooOld(events[0].Err), "want ResourceVersionTooOld, got %v", events[0].Err)
	select {
	case _, open := <-w.ResultChan():
		assert.False(t, open, "no event may follow an Error event")
	case <-time.After(eventTimeout):
		t.Fatal("the result channel was not closed after the Error event")
	}

	// A watch from just before the compacted revision needs only revisions
	// from cur on, which compaction keeps (as etcd does): it replays cur.
	w1, err := s.Watch(ctx, prefix, cur-1)
	require.NoError(t, err)
	defer w1.Stop()
	first := collect(t, w1, 1)
	assert.Equal(t, cur, first[0].ResourceVersion, "the write at the compacted revision is still served (err: %v)", first[0].Err)

	// Watching from the compacted revision itself is allowed too.
	w2, err := s.Watch(ctx, prefix, cur)
	require.NoError(t, err)
	defer w2.Stop()
	next, err := s.Create(ctx, prefix+"b", []byte("after"))
	require.NoError(t, err)
	assertEvents(t, []storage.Event{{Type: storage.Added, Key: prefix + "b", Value: []byte("after"), ResourceVersion: next}}, collect(t, w2, 1))
}

// writeStory makes one of each kind of change and returns the events a
// watcher must see for them.
func writeStory(t *testing.T, s storage.Interface, prefix string) []storage.Event {
	ctx := ctxFor(t)
	var want []storage.Event
	rvA, err := s.Create(ctx, prefix+"a", []byte("a1"))
	require.NoError(t, err)
	want = append(want, storage.Event{Type: storage.Added, Key: prefix + "a", Value: []byte("a1"), ResourceVersion: rvA})
	rvB, err := s.Create(ctx, prefix+"b", []byte("b1"))
	require.NoError(t, err)
	want = append(want, storage.Event{Type: storage.Added, Key: prefix + "b", Value: []byte("b1"), ResourceVersion: rvB})
	rvA, err = s.Update(ctx, prefix+"a", []byte("a2"), rvA)
	require.NoError(t, err)
	want = append(want, storage.Event{Type: storage.Modified, Key: prefix + "a", Value: []byte("a2"), ResourceVersion: rvA})
	del, err := s.Delete(ctx, prefix+"b", rvB)
	require.NoError(t, err)
	want = append(want, storage.Event{Type: storage.Deleted, Key: prefix + "b", Value: []byte("b1"), ResourceVersion: del.ResourceVersion})
	rvA, err = s.Update(ctx, prefix+"a", []byte("a3"), rvA)
	require.NoError(t, err)
	want = append(want, storage.Event{Type: storage.Modified, Key: prefix + "a", Value: []byte("a3"), ResourceVersion: rvA})
	return want
}

func collect(t *testing.T, w storage.Watcher, n int) []storage.Event {
	t.Helper()
	var got []storage.Event
	timeout := time.After(eventTimeout)
	for len(got) < n {
		select {
		case ev, ok := <-w.ResultChan():
			if !ok {
				t.Fatalf("watch closed after %d of %d events: %v", len(got), n, got)
			}
			got = append(got, ev)
			if ev.Type == storage.Error {
				return got
			}
		case <-timeout:
			t.Fatalf("got %d of %d events before timeout: %v", len(got), n, got)
		}
	}
	return got
}

// assertNoMoreEvents writes one more key under prefix and checks that its
// event is the next one. A watch delivers in resourceVersion order, so a
// duplicate or a stray event would come before it: no waiting on time.
func assertNoMoreEvents(t *testing.T, s storage.Interface, w storage.Watcher, prefix string) {
	t.Helper()
	rv, err := s.Create(ctxFor(t), prefix+"last", []byte("last"))
	require.NoError(t, err)
	want := []storage.Event{{Type: storage.Added, Key: prefix + "last", Value: []byte("last"), ResourceVersion: rv}}
	assertEvents(t, want, collect(t, w, 1))
}

func assertEvents(t *testing.T, want, got []storage.Event) {
	t.Helper()
	require.Len(t, got, len(want), "event count")
	for i := range want {
		assert.Equal(t, want[i].Type, got[i].Type, "event %d type", i)
		assert.Equal(t, want[i].Key, got[i].Key, "event %d key", i)
		assert.Equal(t, string(want[i].Value), string(got[i].Value), "event %d value", i)
		assert.Equal(t, want[i].ResourceVersion, got[i].ResourceVersion, "event %d resourceVersion", i)
	}
}

func mustGet(t *testing.T, s storage.Interface, key string) storage.KeyValue {
	t.Helper()
	kv, err := s.Get(ctxFor(t), key)
	require.NoError(t, err)
	return kv
}

// drain discards events until the channel closes, then reports the close.
func drain(ch <-chan storage.Event) <-chan storage.Event {
	out := make(chan storage.Event)
	go func() {
		for range ch {
		}
		close(out)
	}()
	return out
}

// This file teaches how the storage verbs map onto etcd transactions. It
// mirrors the etcd3 store in k8s.io/apiserver/pkg/storage/etcd3: Create is
// "put if CreateRevision == 0", Update is "put if ModRevision == expected",
// and a List reports the revision it was read at.

package etcd3

import (
	"context"
	"fmt"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/kubeling/kubeling/chapters/01-storage/storage"
)

// Store is storage.Interface on an etcd v3 client. It is safe for concurrent
// use; the client multiplexes every call over one gRPC connection.
type Store struct {
	client *clientv3.Client
}

// New connects to etcd at endpoints (for instance "http://127.0.0.1:2379").
// It fails if no endpoint answers within dialTimeout.
func New(ctx context.Context, endpoints []string, dialTimeout time.Duration) (*Store, error) {
	client, err := clientv3.New(clientv3.Config{
		Endpoints:   endpoints,
		DialTimeout: dialTimeout,
		Context:     ctx,
	})
	if err != nil {
		return nil, fmt.Errorf("connecting to etcd at %v: %w", endpoints, err)
	}
	// clientv3.New does not wait for a connection; ask for the status of the
	// first endpoint so that a wrong address fails here, not on first use.
	statusCtx, cancel := context.WithTimeout(ctx, dialTimeout)
	defer cancel()
	if _, err := client.Status(statusCtx, endpoints[0]); err != nil {
		client.Close()
		return nil, fmt.Errorf("connecting to etcd at %v: %w", endpoints, err)
	}
	return &Store{client: client}, nil
}

// Client returns the underlying etcd client, for benchmarks and tools.
func (s *Store) Client() *clientv3.Client { return s.client }

func (s *Store) Close() error { return s.client.Close() }

func (s *Store) Create(ctx context.Context, key string, value []byte) (int64, error) {
	// TODO(chapter 1): write etcd-create.
	// Hint: Creating must never overwrite: "the key is absent" and the write must be one etcd
	// Hint: transaction, or two clients creating the same object at once would both succeed and one
	// Hint: object would vanish. A refused create is KeyExists (the apiserver's 409 AlreadyExists).
	// Hint: The object's resourceVersion is the revision etcd gave this write.
	panic("TODO(chapter 1): etcd-create is not written yet (see chapters/01-storage/README.md)")
}

func (s *Store) Get(ctx context.Context, key string) (storage.KeyValue, error) {
	// TODO(chapter 1): write etcd-get.
	// Hint: A missing key is NotFound (the apiserver's 404), not an empty value. A value's
	// Hint: resourceVersion is the revision that last changed that key, not the store's current
	// Hint: revision, which every other key's writes move on.
	panic("TODO(chapter 1): etcd-get is not written yet (see chapters/01-storage/README.md)")
}

func (s *Store) Update(ctx context.Context, key string, value []byte, expectedRV int64) (int64, error) {
	// TODO(chapter 1): write etcd-update.
	// Hint: Optimistic concurrency: the write may land only if the key is still at the revision the
	// Hint: caller read, checked and written in one transaction, so that no change computed from a
	// Hint: stale read overwrites a newer one. When the check fails the caller needs to know why,
	// Hint: and only the same transaction can tell without a race: the key is gone (NotFound) or was
	// Hint: changed (a Conflict that names the stored revision).
	panic("TODO(chapter 1): etcd-update is not written yet (see chapters/01-storage/README.md)")
}

func (s *Store) Delete(ctx context.Context, key string, expectedRV int64) (storage.KeyValue, error) {
	// TODO(chapter 1): write etcd-delete.
	// Hint: A delete with a precondition is a compare-and-delete, like Update; one without still
	// Hint: fails with NotFound for a key that is not there. The caller (and a watch's DELETED
	// Hint: event) needs the object's last state, so etcd must hand back the deleted value in the
	// Hint: same transaction: reading it first would race with another writer.
	panic("TODO(chapter 1): etcd-delete is not written yet (see chapters/01-storage/README.md)")
}

// whyCompareFailed reads the Else branch (an OpGet of key) of a transaction
// whose comparison failed: the key is either gone or at another revision.
func whyCompareFailed(key string, resp *clientv3.TxnResponse) error {
	kvs := resp.Responses[0].GetResponseRange().Kvs
	if len(kvs) == 0 {
		return storage.NewNotFound(key)
	}
	return storage.NewConflict(key, kvs[0].ModRevision)
}

func (s *Store) List(ctx context.Context, prefix string, opts storage.ListOptions) (storage.ListResult, error) {
	// TODO(chapter 1): write etcd-list.
	// Hint: One list is one snapshot. The first page is read at the store's current revision; a
	// Hint: later page starts where its continue token says and is read at the revision the token
	// Hint: carries, a read in the past, or the pages would mix two moments. Every page reports that
	// Hint: first revision as its resourceVersion, so that a watch from it misses nothing: a
	// Hint: response header always names the current revision, even for a read in the past. Hand out
	// Hint: a token only when etcd says it cut the range short; a full page is no proof that more
	// Hint: keys follow.
	panic("TODO(chapter 1): etcd-list is not written yet (see chapters/01-storage/README.md)")
}

func (s *Store) CurrentResourceVersion(ctx context.Context) (int64, error) {
	// Any read returns the store's current revision in its header; ask for a
	// key that cannot exist so that nothing else is sent back.
	resp, err := s.client.Get(ctx, "\x00", clientv3.WithCountOnly())
	if err != nil {
		return 0, fmt.Errorf("reading current revision: %w", err)
	}
	return resp.Header.Revision, nil
}

func (s *Store) Compact(ctx context.Context, rv int64) error {
	_, err := s.client.Compact(ctx, rv, clientv3.WithCompactPhysical())
	if err != nil && !isCompacted(err) { // compacting twice to the same place is fine
		return fmt.Errorf("compacting to revision %d: %w", rv, err)
	}
	return nil
}

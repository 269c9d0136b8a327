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

	"github.com/kubeling/kubeling/solutions/storage"
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
	// lab:begin etcd-create
	// hint: Creating must never overwrite: "the key is absent" and the write must be one etcd
	// hint: transaction, or two clients creating the same object at once would both succeed and one
	// hint: object would vanish. A refused create is KeyExists (the apiserver's 409 AlreadyExists).
	// hint: The object's resourceVersion is the revision etcd gave this write.
	resp, err := s.client.Txn(ctx).
		If(clientv3.Compare(clientv3.CreateRevision(key), "=", 0)).
		Then(clientv3.OpPut(key, string(value))).
		Commit()
	if err != nil {
		return 0, fmt.Errorf("creating %s: %w", key, err)
	}
	if !resp.Succeeded {
		return 0, storage.NewKeyExists(key)
	}
	return resp.Header.Revision, nil
	// lab:end
}

func (s *Store) Get(ctx context.Context, key string) (storage.KeyValue, error) {
	// lab:begin etcd-get
	// hint: A missing key is NotFound (the apiserver's 404), not an empty value. A value's
	// hint: resourceVersion is the revision that last changed that key, not the store's current
	// hint: revision, which every other key's writes move on.
	resp, err := s.client.Get(ctx, key)
	if err != nil {
		return storage.KeyValue{}, fmt.Errorf("getting %s: %w", key, err)
	}
	if len(resp.Kvs) == 0 {
		return storage.KeyValue{}, storage.NewNotFound(key)
	}
	kv := resp.Kvs[0]
	return storage.KeyValue{Key: key, Value: kv.Value, ResourceVersion: kv.ModRevision}, nil
	// lab:end
}

func (s *Store) Update(ctx context.Context, key string, value []byte, expectedRV int64) (int64, error) {
	// lab:begin etcd-update
	// hint: Optimistic concurrency: the write may land only if the key is still at the revision the
	// hint: caller read, checked and written in one transaction, so that no change computed from a
	// hint: stale read overwrites a newer one. When the check fails the caller needs to know why,
	// hint: and only the same transaction can tell without a race: the key is gone (NotFound) or was
	// hint: changed (a Conflict that names the stored revision).
	resp, err := s.client.Txn(ctx).
		If(clientv3.Compare(clientv3.ModRevision(key), "=", expectedRV)).
		Then(clientv3.OpPut(key, string(value))).
		Else(clientv3.OpGet(key)).
		Commit()
	if err != nil {
		return 0, fmt.Errorf("updating %s: %w", key, err)
	}
	if !resp.Succeeded {
		return 0, whyCompareFailed(key, resp)
	}
	return resp.Header.Revision, nil
	// lab:end
}

func (s *Store) Delete(ctx context.Context, key string, expectedRV int64) (storage.KeyValue, error) {
	// lab:begin etcd-delete
	// hint: A delete with a precondition is a compare-and-delete, like Update; one without still
	// hint: fails with NotFound for a key that is not there. The caller (and a watch's DELETED
	// hint: event) needs the object's last state, so etcd must hand back the deleted value in the
	// hint: same transaction: reading it first would race with another writer.
	cmp := clientv3.Compare(clientv3.CreateRevision(key), ">", 0)
	if expectedRV > 0 {
		cmp = clientv3.Compare(clientv3.ModRevision(key), "=", expectedRV)
	}
	resp, err := s.client.Txn(ctx).
		If(cmp).
		Then(clientv3.OpDelete(key, clientv3.WithPrevKV())).
		Else(clientv3.OpGet(key)).
		Commit()
	if err != nil {
		return storage.KeyValue{}, fmt.Errorf("deleting %s: %w", key, err)
	}
	if !resp.Succeeded {
		return storage.KeyValue{}, whyCompareFailed(key, resp)
	}
	deleted := resp.Responses[0].GetResponseDeleteRange()
	if len(deleted.PrevKvs) == 0 {
		// Someone deleted it between our compare and our delete: impossible
		// inside one transaction, but say so rather than index out of range.
		return storage.KeyValue{}, storage.NewNotFound(key)
	}
	return storage.KeyValue{Key: key, Value: deleted.PrevKvs[0].Value, ResourceVersion: resp.Header.Revision}, nil
	// lab:end
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
	// lab:begin etcd-list
	// hint: One list is one snapshot. The first page is read at the store's current revision; a
	// hint: later page starts where its continue token says and is read at the revision the token
	// hint: carries, a read in the past, or the pages would mix two moments. Every page reports that
	// hint: first revision as its resourceVersion, so that a watch from it misses nothing: a
	// hint: response header always names the current revision, even for a read in the past. Hand out
	// hint: a token only when etcd says it cut the range short; a full page is no proof that more
	// hint: keys follow.
	start, rev := prefix, int64(0)
	if opts.Continue != "" {
		var err error
		start, rev, err = storage.DecodeContinue(opts.Continue, prefix)
		if err != nil {
			return storage.ListResult{}, err
		}
	}
	getOpts := []clientv3.OpOption{clientv3.WithRange(clientv3.GetPrefixRangeEnd(prefix))}
	if rev > 0 {
		getOpts = append(getOpts, clientv3.WithRev(rev))
	}
	if opts.Limit > 0 {
		getOpts = append(getOpts, clientv3.WithLimit(opts.Limit))
	}
	resp, err := s.client.Get(ctx, start, getOpts...)
	if err != nil {
		if isCompacted(err) {
			return storage.ListResult{}, storage.NewTooOld(rev, 0)
		}
		return storage.ListResult{}, fmt.Errorf("listing %s: %w", prefix, err)
	}
	result := storage.ListResult{ResourceVersion: resp.Header.Revision}
	if rev > 0 {
		result.ResourceVersion = rev
	}
	for _, kv := range resp.Kvs {
		result.Items = append(result.Items, storage.KeyValue{Key: string(kv.Key), Value: kv.Value, ResourceVersion: kv.ModRevision})
	}
	if resp.More && len(resp.Kvs) > 0 {
		last := string(resp.Kvs[len(resp.Kvs)-1].Key)
		result.Continue = storage.EncodeContinue(last, result.ResourceVersion)
	}
	return result, nil
	// lab:end
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

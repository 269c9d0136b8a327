// This file teaches how the storage verbs become SQL on a revision log:
// every write appends a row in an IMMEDIATE transaction, and every read
// looks for the newest row of each key. It mirrors kine's generic SQL driver.

package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver

	"github.com/kubeling/kubeling/solutions/storage"
)

// DefaultPollInterval is how soon a watcher sees a write made by another
// process. Writes made through the same Store wake watchers at once.
const DefaultPollInterval = 100 * time.Millisecond

// Store is storage.Interface on one SQLite file. It is safe for concurrent
// use, and several processes may open the same file.
type Store struct {
	// writer has a single connection whose transactions start IMMEDIATE:
	// SQLite takes the write lock at BEGIN, so a read-then-insert cannot be
	// interleaved with another writer's.
	writer *sql.DB
	// reader has several connections for Get, List and watch polling; in WAL
	// mode they read a consistent snapshot while a write is under way.
	reader       *sql.DB
	pollInterval time.Duration

	mu sync.Mutex
	// written is closed (and replaced) after every write through this Store,
	// waking every watcher at once. Guarded by mu.
	written chan struct{}
}

// Open opens (creating if needed) the database file at path. pollInterval
// of 0 means DefaultPollInterval.
func Open(path string, pollInterval time.Duration) (*Store, error) {
	if pollInterval == 0 {
		pollInterval = DefaultPollInterval
	}
	// busy_timeout: wait up to 10s for another process's write lock instead
	// of failing at once with "database is locked".
	dsn := "file:" + path + "?_journal_mode=WAL&_busy_timeout=10000&_synchronous=NORMAL"
	writer, err := sql.Open("sqlite3", dsn+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	if _, err := writer.Exec(schema); err != nil {
		writer.Close()
		return nil, fmt.Errorf("creating schema in %s: %w", path, err)
	}
	// Start the revision counter at 1, as etcd does, so that a fresh store's
	// revision is never 0: a watch from 0 means "from now", and a client that
	// listed an empty store must still be able to watch from its list.
	if _, err := writer.Exec(`INSERT INTO sqlite_sequence (name, seq)
		SELECT 'kine', 1 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'kine')`); err != nil {
		writer.Close()
		return nil, fmt.Errorf("starting the revision counter in %s: %w", path, err)
	}
	reader, err := sql.Open("sqlite3", dsn+"&mode=ro")
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	return &Store{writer: writer, reader: reader, pollInterval: pollInterval, written: make(chan struct{})}, nil
}

func (s *Store) Close() error {
	return errors.Join(s.reader.Close(), s.writer.Close())
}

// row is one entry of the revision log.
type row struct {
	id      int64
	name    string
	created bool
	deleted bool
	value   []byte
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// latest returns the newest row of key, or ok == false if the key never
// existed (or compaction removed its tombstone).
func latest(ctx context.Context, q querier, key string) (r row, ok bool, err error) {
	err = q.QueryRowContext(ctx,
		`SELECT id, deleted, value FROM kine WHERE name = ? ORDER BY id DESC LIMIT 1`, key).
		Scan(&r.id, &r.deleted, &r.value)
	if errors.Is(err, sql.ErrNoRows) {
		return row{}, false, nil
	}
	r.name = key
	return r, err == nil, err
}

// appendRow inserts a row and returns its id, the write's revision.
func appendRow(ctx context.Context, tx *sql.Tx, r row, prevRevision int64) (int64, error) {
	res, err := tx.ExecContext(ctx,
		`INSERT INTO kine (name, created, deleted, prev_revision, value) VALUES (?, ?, ?, ?, ?)`,
		r.name, r.created, r.deleted, prevRevision, r.value)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// write runs fn in one IMMEDIATE transaction and wakes watchers if it
// committed.
func (s *Store) write(ctx context.Context, what string, fn func(tx *sql.Tx) error) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback() // a no-op after Commit
	if err := fn(tx); err != nil {
		var serr *storage.StorageError
		if errors.As(err, &serr) {
			return err
		}
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	s.wakeWatchers()
	return nil
}

func (s *Store) wakeWatchers() {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.written)
	s.written = make(chan struct{})
}

// writeSignal returns a channel closed by the next write through s.
func (s *Store) writeSignal() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.written
}

func (s *Store) Create(ctx context.Context, key string, value []byte) (int64, error) {
	var rv int64
	err := s.write(ctx, "creating "+key, func(tx *sql.Tx) error {
		// lab:begin sqlite-create
		// hint: The log is never overwritten: a create appends a row. It is refused (KeyExists) while
		// hint: the key's latest row is live; after a tombstone the key may be created again. Reading
		// hint: the latest row and appending must be one transaction, or two creators could both see
		// hint: "absent". The row records that it created its key (watchers report ADDED) and which row
		// hint: it follows, if any.
		cur, ok, err := latest(ctx, tx, key)
		if err != nil {
			return err
		}
		if ok && !cur.deleted {
			return storage.NewKeyExists(key)
		}
		rv, err = appendRow(ctx, tx, row{name: key, created: true, value: value}, cur.id)
		return err
		// lab:end
	})
	return rv, err
}

func (s *Store) Get(ctx context.Context, key string) (storage.KeyValue, error) {
	cur, ok, err := latest(ctx, s.reader, key)
	if err != nil {
		return storage.KeyValue{}, fmt.Errorf("getting %s: %w", key, err)
	}
	if !ok || cur.deleted {
		return storage.KeyValue{}, storage.NewNotFound(key)
	}
	return storage.KeyValue{Key: key, Value: cur.value, ResourceVersion: cur.id}, nil
}

func (s *Store) Update(ctx context.Context, key string, value []byte, expectedRV int64) (int64, error) {
	var rv int64
	err := s.write(ctx, "updating "+key, func(tx *sql.Tx) error {
		// lab:begin sqlite-update
		// hint: The same compare-and-swap as etcd's, in one transaction: a missing key or a tombstone is
		// hint: NotFound; a latest row other than the one the caller read is a Conflict naming the
		// hint: stored revision (the caller's read is stale); otherwise the new value is a new row.
		cur, ok, err := latest(ctx, tx, key)
		if err != nil {
			return err
		}
		if !ok || cur.deleted {
			return storage.NewNotFound(key)
		}
		if cur.id != expectedRV {
			return storage.NewConflict(key, cur.id)
		}
		rv, err = appendRow(ctx, tx, row{name: key, value: value}, cur.id)
		return err
		// lab:end
	})
	return rv, err
}

func (s *Store) Delete(ctx context.Context, key string, expectedRV int64) (storage.KeyValue, error) {
	var deleted storage.KeyValue
	err := s.write(ctx, "deleting "+key, func(tx *sql.Tx) error {
		cur, ok, err := latest(ctx, tx, key)
		if err != nil {
			return err
		}
		if !ok || cur.deleted {
			return storage.NewNotFound(key)
		}
		if expectedRV > 0 && cur.id != expectedRV {
			return storage.NewConflict(key, cur.id)
		}
		// The tombstone keeps the last value: a watcher's DELETED event
		// carries it, as etcd's prev_kv does.
		rv, err := appendRow(ctx, tx, row{name: key, deleted: true, value: cur.value}, cur.id)
		deleted = storage.KeyValue{Key: key, Value: cur.value, ResourceVersion: rv}
		return err
	})
	return deleted, err
}

// currentRevision reads the revision of the latest write. It asks SQLite's
// AUTOINCREMENT counter rather than MAX(id): compaction may delete the row
// with the highest id (a tombstone), but the counter never goes back.
func currentRevision(ctx context.Context, q querier) (int64, error) {
	var rev int64
	err := q.QueryRowContext(ctx, `SELECT seq FROM sqlite_sequence WHERE name = 'kine'`).Scan(&rev)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil // nothing written yet
	}
	return rev, err
}

func compactedRevision(ctx context.Context, q querier) (int64, error) {
	var rev int64
	err := q.QueryRowContext(ctx, `SELECT value FROM kine_meta WHERE key = ?`, compactKey).Scan(&rev)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return rev, err
}

func (s *Store) CurrentResourceVersion(ctx context.Context) (int64, error) {
	rev, err := currentRevision(ctx, s.reader)
	if err != nil {
		return 0, fmt.Errorf("reading current revision: %w", err)
	}
	return rev, nil
}

// Package sqlite keeps the teaching cluster's state in one SQLite file, the
// way kine (k3s's etcd shim) keeps it in SQL databases. It passes the same
// conformance suite as the etcd backend.
//
// The idea is a revision log: the table never updates a row, it appends one.
//
//   - Every write (create, update, delete) inserts a row; the row's
//     AUTOINCREMENT id is the write's revision, so revisions grow by one
//     write at a time, store-wide, exactly as etcd's do.
//   - The current value of a key is its row with the highest id; a delete
//     appends a tombstone row that keeps the last value for watchers.
//   - Compare-and-swap is a read of the latest row and an insert inside one
//     IMMEDIATE transaction, which SQLite runs one at a time.
//   - Watch reads the rows with an id above the last one it sent. Writers in
//     this process wake watchers at once; writes from other processes are
//     seen within one poll interval.
//   - Compaction deletes rows that a newer row has replaced, and remembers
//     the revision it compacted to, below which watches are refused.
package sqlite

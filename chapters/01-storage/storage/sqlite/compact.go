// This file teaches compaction: history is what makes watch-from-revision
// possible, and also what makes the log grow forever. Compacting to R keeps
// revision R and everything after it, as etcd does: it drops every row that
// a newer row (at or below R) has replaced, and every tombstone below R;
// current values always survive. The Kubernetes
// apiserver asks etcd to compact every five minutes; kine compacts itself.

package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

func (s *Store) Compact(ctx context.Context, rv int64) error {
	return s.write(ctx, fmt.Sprintf("compacting to revision %d", rv), func(tx *sql.Tx) error {
		compacted, err := compactedRevision(ctx, tx)
		if err != nil {
			return err
		}
		if rv <= compacted {
			return nil // already compacted this far
		}
		current, err := currentRevision(ctx, tx)
		if err != nil {
			return err
		}
		if rv > current {
			return fmt.Errorf("revision %d is in the future (current is %d)", rv, current)
		}
		// Rows replaced by a newer row of the same key, both at or below rv.
		if _, err := tx.ExecContext(ctx, `
			DELETE FROM kine WHERE id <= ? AND id NOT IN (
				SELECT MAX(id) FROM kine WHERE id <= ? GROUP BY name)`, rv, rv); err != nil {
			return err
		}
		// Tombstones below rv: the key is gone, and nobody may watch from
		// before rv-1 any more, so nobody needs to hear of the delete. A
		// tombstone at rv itself stays: a watch from rv-1 still sees it.
		if _, err := tx.ExecContext(ctx, `DELETE FROM kine WHERE deleted = 1 AND id < ?`, rv); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx,
			`INSERT INTO kine_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
			compactKey, rv)
		return err
	})
}

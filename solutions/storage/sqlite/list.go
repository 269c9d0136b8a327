// This file teaches how a revision log answers "what is there now?" and
// "what was there at revision R?": for each key, take its newest row at or
// below R, and drop the keys whose newest row is a tombstone.

package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/kubeling/kubeling/solutions/storage"
)

// prefixEnd returns the smallest string greater than every string starting
// with prefix, so that "name >= prefix AND name < end" selects the prefix
// without LIKE (whose % and _ would need escaping in keys).
func prefixEnd(prefix string) string {
	end := []byte(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return string(end[:i+1])
		}
	}
	return "\xff" // prefix was all 0xff bytes: no key is greater
}

func (s *Store) List(ctx context.Context, prefix string, opts storage.ListOptions) (storage.ListResult, error) {
	start, rev := prefix, int64(0)
	if opts.Continue != "" {
		var err error
		if start, rev, err = storage.DecodeContinue(opts.Continue, prefix); err != nil {
			return storage.ListResult{}, err
		}
	}
	// One read transaction: the revision, the compaction mark and the rows
	// all come from the same snapshot.
	tx, err := s.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return storage.ListResult{}, fmt.Errorf("listing %s: %w", prefix, err)
	}
	defer tx.Rollback()

	if rev <= 0 { // a first page, or a token that resumes at the current revision
		if rev, err = currentRevision(ctx, tx); err != nil {
			return storage.ListResult{}, fmt.Errorf("listing %s: %w", prefix, err)
		}
	} else {
		// An older page can be served only if compaction has not removed
		// the rows that were current at its revision.
		compacted, err := compactedRevision(ctx, tx)
		if err != nil {
			return storage.ListResult{}, fmt.Errorf("listing %s: %w", prefix, err)
		}
		if rev < compacted {
			return storage.ListResult{}, storage.NewTooOld(rev, compacted)
		}
	}

	return listAt(ctx, tx, prefix, start, rev, opts.Limit)
}

// listAt reads one page of the keys in [start, prefixEnd(prefix)) as they
// were at revision rev. limit 0 means no limit.
func listAt(ctx context.Context, tx *sql.Tx, prefix, start string, rev, limit int64) (storage.ListResult, error) {
	// lab:begin sqlite-list
	// hint: "As the store was at revision rev" means, for each key, its newest row at or below rev;
	// hint: a key whose newest such row is a tombstone did not exist then, and an older, live row
	// hint: must not stand in for it. Pages come in key order. Whether another page exists is known
	// hint: without a second query by reading one row more than asked; the token names the last key
	// hint: returned and rev, so that later pages read the same snapshot.
	sqlLimit := int64(-1) // SQLite: no limit
	if limit > 0 {
		sqlLimit = limit + 1 // one more than asked tells us whether another page exists
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT k.name, k.id, k.value
		FROM kine AS k
		JOIN (SELECT MAX(id) AS id FROM kine
		      WHERE name >= ? AND name < ? AND id <= ?
		      GROUP BY name) AS newest ON k.id = newest.id
		WHERE k.deleted = 0
		ORDER BY k.name
		LIMIT ?`, start, prefixEnd(prefix), rev, sqlLimit)
	if err != nil {
		return storage.ListResult{}, fmt.Errorf("listing %s: %w", prefix, err)
	}
	defer rows.Close()
	result := storage.ListResult{ResourceVersion: rev}
	for rows.Next() {
		var kv storage.KeyValue
		if err := rows.Scan(&kv.Key, &kv.ResourceVersion, &kv.Value); err != nil {
			return storage.ListResult{}, fmt.Errorf("listing %s: %w", prefix, err)
		}
		result.Items = append(result.Items, kv)
	}
	if err := rows.Err(); err != nil {
		return storage.ListResult{}, fmt.Errorf("listing %s: %w", prefix, err)
	}
	if limit > 0 && int64(len(result.Items)) > limit {
		result.Items = result.Items[:limit]
		result.Continue = storage.EncodeContinue(result.Items[len(result.Items)-1].Key, rev)
	}
	return result, nil
	// lab:end
}

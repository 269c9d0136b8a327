// This file teaches the revision-log table that the SQLite backend is built
// on. It mirrors kine's schema, without the columns kine keeps for leases.

package sqlite

const schema = `
CREATE TABLE IF NOT EXISTS kine (
	id            INTEGER PRIMARY KEY AUTOINCREMENT, -- the revision of this write
	name          TEXT    NOT NULL,                  -- the key
	created       INTEGER NOT NULL,                  -- 1: this write created the key
	deleted       INTEGER NOT NULL,                  -- 1: this write deleted it (a tombstone)
	prev_revision INTEGER NOT NULL,                  -- id of the key's previous row, 0 if none
	value         BLOB                               -- the value; for a tombstone, the last value
);
-- "the latest row of a key" is the query every verb makes.
CREATE INDEX IF NOT EXISTS kine_name_id ON kine (name, id);

CREATE TABLE IF NOT EXISTS kine_meta (
	key   TEXT PRIMARY KEY,
	value INTEGER NOT NULL
);
`

// compactKey names the kine_meta row holding the revision compacted to.
const compactKey = "compact_revision"

package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kubeling/kubeling/chapters/01-storage/storage"
	"github.com/kubeling/kubeling/chapters/01-storage/storage/sqlite"
	"github.com/kubeling/kubeling/chapters/01-storage/storage/storagetest"
)

func open(tb testing.TB, path string) *sqlite.Store {
	s, err := sqlite.Open(path, 10*time.Millisecond)
	require.NoError(tb, err)
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storage.Interface {
		return open(t, filepath.Join(t.TempDir(), "kine.db"))
	})
}

// TestWatchSeesWritesOfAnotherStore is the multi-process case: two Stores on
// one file share no memory, so the watcher must find the write by polling.
func TestWatchSeesWritesOfAnotherStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kine.db")
	watching, writing := open(t, path), open(t, path)

	w, err := watching.Watch(ctx, "/registry/pods/", 0)
	require.NoError(t, err)
	defer w.Stop()
	rv, err := writing.Create(ctx, "/registry/pods/default/a", []byte("pod"))
	require.NoError(t, err)
	select {
	case ev := <-w.ResultChan():
		require.Equal(t, storage.Added, ev.Type)
		require.Equal(t, rv, ev.ResourceVersion)
	case <-time.After(10 * time.Second):
		t.Fatal("the watcher never saw the other store's write")
	}
}

func TestPrefixEndHandlesSpecialCharacters(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "kine.db"))
	// % and _ are LIKE wildcards; a range query must treat them literally.
	for _, key := range []string{"/registry/a%/x", "/registry/a_/x", "/registry/ab/x"} {
		_, err := s.Create(ctx, key, []byte("v"))
		require.NoError(t, err)
	}
	list, err := s.List(ctx, "/registry/a%/", storage.ListOptions{})
	require.NoError(t, err)
	require.Len(t, list.Items, 1)
	require.Equal(t, "/registry/a%/x", list.Items[0].Key)
}

func BenchmarkSQLite(b *testing.B) {
	storagetest.Bench(b, open(b, filepath.Join(b.TempDir(), "kine.db")))
}

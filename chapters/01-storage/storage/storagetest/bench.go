// This file holds the storage benchmarks that both backends run, so that
// their figures are comparable line by line.

package storagetest

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/kubeling/kubeling/chapters/01-storage/storage"
)

// podSized is about the size of a small stored Pod (1 KiB), so the figures
// say something about the real cluster rather than about empty values.
var podSized = make([]byte, 1024)

// Bench runs the hot-path benchmarks against one store.
func Bench(b *testing.B, s storage.Interface) {
	ctx := context.Background()
	prefix := fmt.Sprintf("/registry/bench-%d/", time.Now().UnixNano())

	b.Run("Create", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := s.Create(ctx, prefix+"create/"+strconv.Itoa(i), podSized); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Update", func(b *testing.B) {
		key := prefix + "update"
		rv, err := s.Create(ctx, key, podSized)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if rv, err = s.Update(ctx, key, podSized, rv); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Get", func(b *testing.B) {
		key := prefix + "get"
		if _, err := s.Create(ctx, key, podSized); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := s.Get(ctx, key); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("List1000", func(b *testing.B) {
		listPrefix := prefix + "list/"
		for i := range 1000 {
			if _, err := s.Create(ctx, listPrefix+strconv.Itoa(i), podSized); err != nil {
				b.Fatal(err)
			}
		}
		for b.Loop() {
			list, err := s.List(ctx, listPrefix, storage.ListOptions{})
			if err != nil || len(list.Items) != 1000 {
				b.Fatalf("list: %d items, %v", len(list.Items), err)
			}
		}
	})
	// WatchLatency is the time from an Update returning to its event
	// arriving at a watcher: what a controller waits to hear of a change.
	b.Run("WatchLatency", func(b *testing.B) {
		key := prefix + "watched"
		rv, err := s.Create(ctx, key, podSized)
		if err != nil {
			b.Fatal(err)
		}
		w, err := s.Watch(ctx, key, rv)
		if err != nil {
			b.Fatal(err)
		}
		defer w.Stop()
		var total time.Duration
		for b.Loop() {
			if rv, err = s.Update(ctx, key, podSized, rv); err != nil {
				b.Fatal(err)
			}
			written := time.Now()
			ev := <-w.ResultChan()
			total += time.Since(written)
			if ev.ResourceVersion != rv {
				b.Fatalf("event for %d, want %d (%v)", ev.ResourceVersion, rv, ev.Err)
			}
		}
		b.ReportMetric(float64(total.Microseconds())/float64(b.N), "µs-after-write/op")
	})
}

// Command storectl drives the storage layer of chapter 01 from a shell, so
// that the labs (and a curious learner) can create, read, update, delete,
// list and watch keys through storage.Interface on either backend:
//
//	storectl --store etcd://127.0.0.1:2379 create /registry/pods/default/a '{"v":1}'
//	storectl --store sqlite:///tmp/kine.db watch --from 5 /registry/pods/
//
// The store defaults to $KUBELING_STORE. It is a teaching tool: the
// apiserver of chapter 02 is the only real client of the storage layer.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kubeling/kubeling/solutions/storage"
	"github.com/kubeling/kubeling/solutions/storage/etcd3"
	"github.com/kubeling/kubeling/solutions/storage/sqlite"
	"github.com/kubeling/kubeling/tools/internal/labcrash"
)

const usage = `usage: storectl [--store URL] <command> [flags] [args]

The store URL is etcd://HOST:PORT[,HOST:PORT...] or sqlite://PATH
(default: $KUBELING_STORE).

commands:
  create KEY VALUE                      create a key (fails if it exists)
  get KEY                               print a key's value and resourceVersion
  update --rv N KEY VALUE               replace a value if its resourceVersion is still N
  delete [--rv N] KEY                   delete a key (if its resourceVersion is N)
  list [--limit N] [--continue T | --cursor FILE] PREFIX
                                        list the keys under PREFIX; --cursor keeps
                                        the continue token in FILE between runs:
                                        read it (if the file exists), then write
                                        the next page's token back (empty at the end)
  watch [--from N] [--count K] [--timeout D] PREFIX
                                        print changes after resourceVersion N
  compact [N]                           discard history before N (default: now)
  rev                                   print the current resourceVersion
  increment [--workers W] [--times T] KEY
                                        W goroutines each add 1 to KEY T times
                                        with GuaranteedUpdate; print the result
  fill [--count N] [--workers W] KEYPREFIX VALUE
                                        create N keys KEYPREFIX0001 ... KEYPREFIXNNNN
                                        (W writers at once); "{{name}}" in VALUE
                                        becomes the key's last segment, so that a
                                        lab can store a long list of objects
`

func main() {
	labcrash.ReportTo()
	flags := flag.NewFlagSet("storectl", flag.ContinueOnError)
	flags.Usage = func() { fmt.Fprint(os.Stderr, usage) }
	storeURL := flags.String("store", os.Getenv("KUBELING_STORE"), "etcd://HOST:PORT or sqlite://PATH")
	if err := flags.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	if flags.NArg() == 0 {
		flags.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	s, err := open(ctx, *storeURL)
	if err != nil {
		fail(err)
	}
	defer s.Close()
	if err := run(ctx, s, flags.Arg(0), flags.Args()[1:]); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(1)
}

// open connects to the store a URL names.
func open(ctx context.Context, rawURL string) (storage.Interface, error) {
	switch {
	case strings.HasPrefix(rawURL, "etcd://"):
		var endpoints []string
		for _, hostPort := range strings.Split(strings.TrimPrefix(rawURL, "etcd://"), ",") {
			endpoints = append(endpoints, "http://"+hostPort)
		}
		return etcd3.New(ctx, endpoints, 5*time.Second)
	case strings.HasPrefix(rawURL, "sqlite://"):
		return sqlite.Open(strings.TrimPrefix(rawURL, "sqlite://"), 0)
	case rawURL == "":
		return nil, errors.New("no store given: pass --store or set KUBELING_STORE")
	}
	return nil, fmt.Errorf("unknown store %q: want etcd://HOST:PORT or sqlite://PATH", rawURL)
}

func run(ctx context.Context, s storage.Interface, command string, args []string) error {
	flags := flag.NewFlagSet(command, flag.ContinueOnError)
	rv := flags.Int64("rv", 0, "expected resourceVersion")
	from := flags.Int64("from", 0, "watch changes after this resourceVersion (0: from now)")
	count := flags.Int("count", 0, "watch: stop after this many events (0: never); fill: how many keys")
	timeout := flags.Duration("timeout", 0, "give up after this long (0: never)")
	limit := flags.Int64("limit", 0, "page size (0: everything)")
	continueToken := flags.String("continue", "", "continue token of the previous page")
	cursor := flags.String("cursor", "", "file that holds the continue token between pages")
	workers := flags.Int("workers", 10, "concurrent writers")
	times := flags.Int("times", 20, "increments per writer")
	if err := flags.Parse(args); err != nil {
		return err
	}
	args = flags.Args()
	need := func(n int) error {
		if len(args) != n {
			return fmt.Errorf("%s takes %d argument(s), got %d (see storectl --help)", command, n, len(args))
		}
		return nil
	}

	switch command {
	case "create":
		if err := need(2); err != nil {
			return err
		}
		got, err := s.Create(ctx, args[0], []byte(args[1]))
		if err != nil {
			return err
		}
		fmt.Printf("created %s at resourceVersion %d\n", args[0], got)
	case "get":
		if err := need(1); err != nil {
			return err
		}
		kv, err := s.Get(ctx, args[0])
		if err != nil {
			return err
		}
		printKV(kv)
	case "update":
		if err := need(2); err != nil {
			return err
		}
		got, err := s.Update(ctx, args[0], []byte(args[1]), *rv)
		if err != nil {
			return err
		}
		fmt.Printf("updated %s to resourceVersion %d\n", args[0], got)
	case "delete":
		if err := need(1); err != nil {
			return err
		}
		last, err := s.Delete(ctx, args[0], *rv)
		if err != nil {
			return err
		}
		fmt.Printf("deleted %s at resourceVersion %d (last value %s)\n", args[0], last.ResourceVersion, last.Value)
	case "list":
		if err := need(1); err != nil {
			return err
		}
		if *cursor != "" {
			token, err := readCursor(*cursor)
			if err != nil {
				return err
			}
			*continueToken = token
		}
		list, err := s.List(ctx, args[0], storage.ListOptions{Limit: *limit, Continue: *continueToken})
		if err != nil {
			return err
		}
		if *cursor != "" {
			if err := os.WriteFile(*cursor, []byte(list.Continue), 0o644); err != nil {
				return fmt.Errorf("saving the continue token: %w", err)
			}
		}
		for _, kv := range list.Items {
			printKV(kv)
		}
		fmt.Printf("listed %d keys at resourceVersion %d\n", len(list.Items), list.ResourceVersion)
		if list.Continue != "" && *cursor == "" { // with --cursor the token is in the file
			fmt.Printf("continue: %s\n", list.Continue)
		}
	case "watch":
		if err := need(1); err != nil {
			return err
		}
		return watch(ctx, s, args[0], *from, *count, *timeout)
	case "compact":
		target := int64(0)
		if len(args) == 1 {
			n, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return fmt.Errorf("compact: %q is not a resourceVersion", args[0])
			}
			target = n
		} else {
			cur, err := s.CurrentResourceVersion(ctx)
			if err != nil {
				return err
			}
			target = cur
		}
		if err := s.Compact(ctx, target); err != nil {
			return err
		}
		fmt.Printf("compacted to resourceVersion %d\n", target)
	case "rev":
		cur, err := s.CurrentResourceVersion(ctx)
		if err != nil {
			return err
		}
		fmt.Println(cur)
	case "increment":
		if err := need(1); err != nil {
			return err
		}
		return increment(ctx, s, args[0], *workers, *times)
	case "fill":
		if err := need(2); err != nil {
			return err
		}
		return fill(ctx, s, args[0], args[1], *count, *workers)
	default:
		return fmt.Errorf("unknown command %q (see storectl --help)", command)
	}
	return nil
}

// readCursor returns the continue token a previous `list --cursor` saved in
// path, or "" (the first page) when there is no such file yet.
func readCursor(path string) (string, error) {
	token, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading the continue token: %w", err)
	}
	return strings.TrimSpace(string(token)), nil
}

func printKV(kv storage.KeyValue) {
	fmt.Printf("%s rv=%d %s\n", kv.Key, kv.ResourceVersion, kv.Value)
}

// watch prints one line per event until count events, the timeout, an Error
// event (exit status 1), or Ctrl-C.
func watch(ctx context.Context, s storage.Interface, prefix string, from int64, count int, timeout time.Duration) error {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	w, err := s.Watch(ctx, prefix, from)
	if err != nil {
		return err
	}
	defer w.Stop()
	seen := 0
	for {
		select {
		case ev, ok := <-w.ResultChan():
			if !ok {
				return fmt.Errorf("the watch ended after %d events", seen)
			}
			if ev.Type == storage.Error {
				fmt.Printf("ERROR %v\n", ev.Err)
				return ev.Err
			}
			fmt.Printf("%s %s rv=%d %s\n", ev.Type, ev.Key, ev.ResourceVersion, ev.Value)
			seen++
			if count > 0 && seen == count {
				return nil
			}
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("timed out after %s with %d events", timeout, seen)
			}
			return nil
		}
	}
}

// increment races writers on one counter. With compare-and-swap every
// increment lands; the final value is exactly workers*times more.
func increment(ctx context.Context, s storage.Interface, key string, workers, times int) error {
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Go(func() {
			for range times {
				_, err := storage.GuaranteedUpdate(ctx, s, key, func(cur storage.KeyValue) ([]byte, error) {
					n, err := strconv.Atoi(string(cur.Value))
					if err != nil {
						return nil, fmt.Errorf("%s holds %q, not a number", key, cur.Value)
					}
					return []byte(strconv.Itoa(n + 1)), nil
				})
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	kv, err := s.Get(ctx, key)
	if err != nil {
		return err
	}
	fmt.Printf("%s = %s after %d increments by %d writers\n", key, kv.Value, workers*times, workers)
	return nil
}

// fill creates count keys named prefix plus a zero-padded number, workers
// at a time, each holding value with "{{name}}" replaced by the key's last
// path segment. It prints how many it created and the revision reached.
func fill(ctx context.Context, s storage.Interface, prefix, value string, count, workers int) error {
	width := len(strconv.Itoa(count))
	keys := make(chan string)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(func() {
			for key := range keys {
				name := key[strings.LastIndex(key, "/")+1:]
				if _, err := s.Create(ctx, key, []byte(strings.ReplaceAll(value, "{{name}}", name))); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	go func() {
		defer close(keys)
		for i := 1; i <= count; i++ {
			select {
			case keys <- fmt.Sprintf("%s%0*d", prefix, width, i):
			case <-ctx.Done():
				return
			}
		}
	}()
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	cur, err := s.CurrentResourceVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("created %d keys under %s, now at resourceVersion %d\n", count, prefix, cur)
	return nil
}

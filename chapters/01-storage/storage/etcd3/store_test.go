package etcd3_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kubeling/kubeling/chapters/01-storage/storage"
	"github.com/kubeling/kubeling/chapters/01-storage/storage/etcd3"
	"github.com/kubeling/kubeling/chapters/01-storage/storage/storagetest"
)

// startEtcd starts one embedded etcd for the whole test binary; each test
// gets its own client and writes under its own prefix.
func startEtcd(tb testing.TB) string {
	tb.Helper()
	e, err := etcd3.StartEmbedded(context.Background(), etcd3.EmbeddedConfig{
		DataDir:   tb.TempDir(),
		ClientURL: "http://" + freeAddr(tb),
		PeerURL:   "http://" + freeAddr(tb),
	})
	require.NoError(tb, err)
	tb.Cleanup(e.Close)
	return e.ClientURL()
}

func newStore(tb testing.TB, endpoint string) *etcd3.Store {
	s, err := etcd3.New(context.Background(), []string{endpoint}, 5*time.Second)
	require.NoError(tb, err)
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	endpoint := startEtcd(t)
	storagetest.Run(t, func(t *testing.T) storage.Interface { return newStore(t, endpoint) })
}

// TestSurvivesRestart is why the embedded etcd keeps a data directory: a
// restarted cluster finds its objects, at the same resourceVersions.
func TestSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cfg := etcd3.EmbeddedConfig{DataDir: dir, ClientURL: "http://" + freeAddr(t), PeerURL: "http://" + freeAddr(t)}
	e, err := etcd3.StartEmbedded(ctx, cfg)
	require.NoError(t, err)
	s, err := etcd3.New(ctx, []string{e.ClientURL()}, 5*time.Second)
	require.NoError(t, err)
	rv, err := s.Create(ctx, "/registry/pods/default/nginx", []byte("pod"))
	require.NoError(t, err)
	s.Close()
	e.Close()

	e, err = etcd3.StartEmbedded(ctx, cfg)
	require.NoError(t, err)
	defer e.Close()
	s = newStore(t, e.ClientURL())
	got, err := s.Get(ctx, "/registry/pods/default/nginx")
	require.NoError(t, err)
	require.Equal(t, "pod", string(got.Value))
	require.Equal(t, rv, got.ResourceVersion)
}

func TestNewFailsFastOnWrongAddress(t *testing.T) {
	start := time.Now()
	_, err := etcd3.New(context.Background(), []string{"http://" + freeAddr(t)}, time.Second)
	require.Error(t, err)
	require.Less(t, time.Since(start), 10*time.Second)
}

func BenchmarkEtcd(b *testing.B) {
	storagetest.Bench(b, newStore(b, startEtcd(b)))
}

// BenchmarkRawEtcdPut is the floor under the Store: one plain put through the
// same client, with no transaction and no comparison.
func BenchmarkRawEtcdPut(b *testing.B) {
	s := newStore(b, startEtcd(b))
	value := string(make([]byte, 1024))
	for i := 0; b.Loop(); i++ {
		if _, err := s.Client().Put(context.Background(), fmt.Sprintf("/raw/%d", i), value); err != nil {
			b.Fatal(err)
		}
	}
}

// freeAddr returns a loopback address with a port nobody listens on now.
func freeAddr(tb testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(tb, err)
	defer l.Close()
	return l.Addr().String()
}

func TestMain(m *testing.M) { os.Exit(m.Run()) }

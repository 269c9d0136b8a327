package storage_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kubeling/kubeling/chapters/01-storage/storage"
)

func TestKeysFollowKubernetesLayout(t *testing.T) {
	assert.Equal(t, "/registry/pods/default/nginx", storage.Key("pods", "default", "nginx"))
	assert.Equal(t, "/registry/nodes/node-02", storage.Key("nodes", "", "node-02"))
	assert.Equal(t, "/registry/pods/default/", storage.ListPrefix("pods", "default"))
	assert.Equal(t, "/registry/pods/", storage.ListPrefix("pods", ""))
	assert.False(t, storage.HasPrefix("/registry/pods/default-2/a", storage.ListPrefix("pods", "default")),
		"a namespace's prefix must not match a namespace whose name extends it")
}

func TestContinueTokenRoundTrip(t *testing.T) {
	token := storage.EncodeContinue("/registry/pods/default/a", 42)
	start, rv, err := storage.DecodeContinue(token, "/registry/pods/")
	require.NoError(t, err)
	assert.Equal(t, "/registry/pods/default/a\x00", start, "the next page starts just after the last key")
	assert.Equal(t, int64(42), rv)

	_, _, err = storage.DecodeContinue(token, "/registry/secrets/")
	assert.True(t, storage.IsInvalid(err), "a token must not read outside the prefix it was made for")
}

// A forged token is refused in Kubernetes' words, which the apiserver sends
// as the message of its 400 (k8s.io/apiserver's storage.DecodeContinue).
func TestForgedContinueTokenSaysWhatKubernetesSays(t *testing.T) {
	_, _, err := storage.DecodeContinue("not-a-token!", "/registry/configmaps/")
	var storageErr *storage.StorageError
	require.ErrorAs(t, err, &storageErr)
	assert.Equal(t, storage.InvalidArgument, storageErr.Code)
	assert.Equal(t, "invalid continue token: continue key is not valid: illegal base64 data at input byte 11", storageErr.Message)
}

func TestErrorsSurviveWrapping(t *testing.T) {
	err := fmt.Errorf("updating pod: %w", storage.NewConflict("/registry/pods/default/a", 7))
	assert.True(t, storage.IsConflict(err))
	assert.False(t, storage.IsNotFound(err))
	var serr *storage.StorageError
	require.True(t, errors.As(err, &serr))
	assert.Equal(t, int64(7), serr.ResourceVersion)
	assert.True(t, storage.IsTooOld(storage.NewTooOld(1, 5)))
	assert.Contains(t, storage.NewTooOld(1, 5).Error(), "resourceVersion 1 was compacted (oldest kept is 5)")
}

// flakyStore conflicts a set number of times before letting an update land,
// as a store does when other writers keep winning the race. After
// maxAttempts updates it fails with an error of its own, so that a retry
// loop that never stops fails the test instead of hanging it.
type flakyStore struct {
	storage.Interface // only Get and Update are called
	value             []byte
	rv                int64
	conflictsLeft     int
	updates           int
}

func (s *flakyStore) Get(context.Context, string) (storage.KeyValue, error) {
	return storage.KeyValue{Key: "k", Value: s.value, ResourceVersion: s.rv}, nil
}

const maxAttempts = 100

func (s *flakyStore) Update(_ context.Context, key string, value []byte, expectedRV int64) (int64, error) {
	s.updates++
	if s.updates > maxAttempts {
		return 0, fmt.Errorf("GuaranteedUpdate is still retrying after %d attempts", maxAttempts)
	}
	if s.conflictsLeft > 0 {
		s.conflictsLeft--
		s.rv++ // someone else wrote
		return 0, storage.NewConflict(key, s.rv)
	}
	if expectedRV != s.rv {
		return 0, storage.NewConflict(key, s.rv)
	}
	s.value, s.rv = value, s.rv+1
	return s.rv, nil
}

// TestGuaranteedUpdateRetriesOnConflictOnly drives the retry loop against a
// store whose other writers win a few races.
//
// hint: a Conflict means someone wrote in between: read again, recompute, retry.
// hint: Every other error, and a cancelled context, ends the loop: retrying cannot help.
func TestGuaranteedUpdateRetriesOnConflictOnly(t *testing.T) {
	s := &flakyStore{value: []byte("a"), rv: 1, conflictsLeft: 3}
	calls := 0
	kv, err := storage.GuaranteedUpdate(context.Background(), s, "k", func(cur storage.KeyValue) ([]byte, error) {
		calls++
		return append(cur.Value, 'b'), nil
	})
	require.NoError(t, err)
	assert.Equal(t, 4, calls, "tryUpdate runs once per attempt: three conflicts, one success")
	assert.Equal(t, "ab", string(kv.Value))
	assert.Equal(t, s.rv, kv.ResourceVersion)

	giveUp := errors.New("not a number")
	_, err = storage.GuaranteedUpdate(context.Background(), s, "k", func(storage.KeyValue) ([]byte, error) { return nil, giveUp })
	assert.ErrorIs(t, err, giveUp, "an error from tryUpdate is returned, not retried")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	endless := &flakyStore{rv: 1, conflictsLeft: maxAttempts}
	_, err = storage.GuaranteedUpdate(ctx, endless, "k", func(cur storage.KeyValue) ([]byte, error) { return cur.Value, nil })
	assert.ErrorIs(t, err, context.Canceled, "a cancelled context stops the retries")
}

package cache

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/apimachinery/pkg/runtime"
)

func newPodIndexer() Indexer {
	return NewIndexer(Indexers{NamespaceIndex: MetaNamespaceIndexFunc, PodNodeNameIndex: PodNodeNameIndexFunc})
}

func indexKeys(t *testing.T, s Indexer, index, value string) []string {
	t.Helper()
	keys, err := s.IndexKeys(index, value)
	require.NoError(t, err)
	return keys
}

func TestIndexerFindsPodsByNamespaceAndNode(t *testing.T) {
	s := newPodIndexer()
	require.NoError(t, s.Add(newPod("default", "a", "node-01")))
	require.NoError(t, s.Add(newPod("default", "b", "node-02")))
	require.NoError(t, s.Add(newPod("kube-system", "c", "node-01")))
	require.NoError(t, s.Add(newPod("default", "pending", "")))

	assert.ElementsMatch(t, []string{"default/a", "default/b", "default/pending"}, indexKeys(t, s, NamespaceIndex, "default"))
	assert.ElementsMatch(t, []string{"default/a", "kube-system/c"}, indexKeys(t, s, PodNodeNameIndex, "node-01"))
	assert.Empty(t, indexKeys(t, s, PodNodeNameIndex, ""), "an unscheduled pod is on no node")

	objs, err := s.ByIndex(PodNodeNameIndex, "node-02")
	require.NoError(t, err)
	require.Len(t, objs, 1)
	assert.Equal(t, "b", objs[0].(interface{ GetName() string }).GetName())

	_, err = s.ByIndex("no-such-index", "x")
	assert.Error(t, err)
}

func TestIndexerMovesAKeyWhenItsIndexedValueChanges(t *testing.T) {
	s := newPodIndexer()
	require.NoError(t, s.Add(newPod("default", "a", "node-01")))
	require.NoError(t, s.Update(newPod("default", "a", "node-02")))

	assert.Empty(t, indexKeys(t, s, PodNodeNameIndex, "node-01"), "a pod that moved must not be found on its old node")
	assert.Equal(t, []string{"default/a"}, indexKeys(t, s, PodNodeNameIndex, "node-02"))

	require.NoError(t, s.Delete(newPod("default", "a", "node-02")))
	assert.Empty(t, indexKeys(t, s, PodNodeNameIndex, "node-02"))
	assert.Empty(t, indexKeys(t, s, NamespaceIndex, "default"))
	assert.Empty(t, s.List())
	ts := s.(*threadSafeStore)
	assert.Empty(t, ts.indices[PodNodeNameIndex], "empty index values must be dropped, or the index only grows")
}

func TestIndexerReplaceRebuildsEveryIndex(t *testing.T) {
	s := newPodIndexer()
	require.NoError(t, s.Add(newPod("default", "old", "node-01")))
	require.NoError(t, s.Replace([]runtime.Object{newPod("default", "new", "node-02")}))

	assert.Equal(t, []string{"default/new"}, s.ListKeys())
	assert.Empty(t, indexKeys(t, s, PodNodeNameIndex, "node-01"))
	assert.Equal(t, []string{"default/new"}, indexKeys(t, s, PodNodeNameIndex, "node-02"))
	_, exists, _ := s.GetByKey("default/old")
	assert.False(t, exists)
}

func TestAddIndexersIndexesWhatIsAlreadyStored(t *testing.T) {
	s := NewIndexer(Indexers{NamespaceIndex: MetaNamespaceIndexFunc})
	require.NoError(t, s.Add(newPod("default", "a", "node-01")))
	require.NoError(t, s.AddIndexers(Indexers{PodNodeNameIndex: PodNodeNameIndexFunc}))

	assert.Equal(t, []string{"default/a"}, indexKeys(t, s, PodNodeNameIndex, "node-01"))
	assert.Equal(t, []string{"default/a"}, indexKeys(t, s, NamespaceIndex, "default"), "existing indexes must be unchanged")
	assert.Error(t, s.AddIndexers(Indexers{NamespaceIndex: MetaNamespaceIndexFunc}), "an index name is used once")
}

// This file teaches the data structure under activeQ and backoffQ: a heap
// that also finds a pod by key, so that an update or delete of a queued
// pod costs O(log n) rather than a scan. It mirrors the heap in
// kube-scheduler's backend/heap.

package queue

import "container/heap"

// podHeap orders pods by less and indexes them by key. Not safe for
// concurrent use: the queue's lock guards it.
type podHeap struct {
	items []*QueuedPodInfo
	index map[string]int // key → position in items
	less  func(a, b *QueuedPodInfo) bool
}

func newPodHeap(less func(a, b *QueuedPodInfo) bool) *podHeap {
	return &podHeap{index: map[string]int{}, less: less}
}

// container/heap's interface.
func (h *podHeap) Len() int           { return len(h.items) }
func (h *podHeap) Less(i, j int) bool { return h.less(h.items[i], h.items[j]) }
func (h *podHeap) Swap(i, j int) {
	h.items[i], h.items[j] = h.items[j], h.items[i]
	h.index[h.items[i].key] = i
	h.index[h.items[j].key] = j
}
func (h *podHeap) Push(x any) {
	p := x.(*QueuedPodInfo)
	h.index[p.key] = len(h.items)
	h.items = append(h.items, p)
}
func (h *podHeap) Pop() any {
	p := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	delete(h.index, p.key)
	return p
}

// get returns the pod queued under key.
func (h *podHeap) get(key string) (*QueuedPodInfo, bool) {
	i, ok := h.index[key]
	if !ok {
		return nil, false
	}
	return h.items[i], true
}

// addOrUpdate queues p, replacing what was queued under its key.
func (h *podHeap) addOrUpdate(p *QueuedPodInfo) {
	if i, ok := h.index[p.key]; ok {
		h.items[i] = p
		heap.Fix(h, i)
		return
	}
	heap.Push(h, p)
}

// remove takes key's pod out, if queued.
func (h *podHeap) remove(key string) {
	if i, ok := h.index[key]; ok {
		heap.Remove(h, i)
	}
}

// peek returns the first pod without removing it.
func (h *podHeap) peek() (*QueuedPodInfo, bool) {
	if len(h.items) == 0 {
		return nil, false
	}
	return h.items[0], true
}

// pop removes and returns the first pod.
func (h *podHeap) pop() *QueuedPodInfo { return heap.Pop(h).(*QueuedPodInfo) }

// This file teaches pod IP address management on a node: each pod gets an
// address of its node's podCIDR that no other pod holds, and gives it back
// when it is gone. Like the CNI host-local plugin, it hands addresses out
// round-robin (.2, .3, ... then from .2 again), so that a freed address is
// not reused at once while something may still be sending to it; .1 is
// the bridge's, as on a real node.

package simnodes

import (
	"fmt"
	"net/netip"
	"sync"

	"k8s.io/apimachinery/pkg/types"
)

// podIPs hands out pod addresses on every node of a Simulator. Safe for
// concurrent use.
type podIPs struct {
	mu     sync.Mutex
	byPod  map[string]assignment     // pod key → its address
	byNode map[string]*nodeAddresses // node name → its range
}

// assignment is the address a pod (this UID: a pod deleted and created
// again under the same name is another pod) holds on a node.
type assignment struct {
	uid  types.UID
	node string
	ip   netip.Addr
}

// nodeAddresses is one node's range and who holds what.
type nodeAddresses struct {
	prefix netip.Prefix
	holder map[netip.Addr]string // address → pod key
	last   netip.Addr            // the last address handed out
}

func newPodIPs(nodes []*simNode) *podIPs {
	p := &podIPs{byPod: map[string]assignment{}, byNode: map[string]*nodeAddresses{}}
	for _, n := range nodes {
		gateway := n.podCIDR.Addr().Next()
		p.byNode[n.name] = &nodeAddresses{prefix: n.podCIDR, holder: map[netip.Addr]string{}, last: gateway}
	}
	return p
}

// assign returns the address of pod key (uid) on node, handing out a
// free one if it has none there yet.
func (p *podIPs) assign(key string, uid types.UID, node string) (netip.Addr, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if a, ok := p.byPod[key]; ok && a.uid == uid && a.node == node {
		return a.ip, nil
	}
	p.releaseLocked(key)
	r := p.byNode[node]
	for ip, tried := r.last, 0; tried < 256; tried++ {
		ip = r.nextLocked(ip)
		if _, held := r.holder[ip]; !held {
			r.holder[ip], r.last = key, ip
			p.byPod[key] = assignment{uid: uid, node: node, ip: ip}
			return ip, nil
		}
	}
	return netip.Addr{}, fmt.Errorf("node %s has no free pod address in %s", node, r.prefix)
}

// nextLocked is the address after ip in r's range, skipping the network,
// gateway and broadcast addresses.
func (r *nodeAddresses) nextLocked(ip netip.Addr) netip.Addr {
	ip = ip.Next()
	if !r.prefix.Contains(ip) || ip.As4()[3] == 255 {
		return r.prefix.Addr().Next().Next() // .2
	}
	return ip
}

// claim records that pod key (uid) already shows ip on node (a Simulator
// restarted, and its pods kept their addresses). It reports false if ip
// is not node's to give or another pod holds it.
func (p *podIPs) claim(key string, uid types.UID, node string, ip netip.Addr) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.byNode[node]
	if r == nil || !r.prefix.Contains(ip) {
		return false
	}
	if holder, held := r.holder[ip]; held && holder != key {
		return false
	}
	p.releaseLocked(key)
	r.holder[ip] = key
	p.byPod[key] = assignment{uid: uid, node: node, ip: ip}
	return true
}

// release gives back pod key's address, if it holds one.
func (p *podIPs) release(key string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.releaseLocked(key)
}

func (p *podIPs) releaseLocked(key string) {
	a, ok := p.byPod[key]
	if !ok {
		return
	}
	delete(p.byPod, key)
	if r := p.byNode[a.node]; r != nil && r.holder[a.ip] == key {
		delete(r.holder, a.ip)
	}
}

// held reports how many addresses are held on node (for tests and logs).
func (p *podIPs) held(node string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.byNode[node].holder)
}

// Package simnodes runs simulated nodes, as kwok does: Nodes that register,
// renew their Lease and report Ready like a kubelet, and turn every pod
// bound to them into a Running pod, without a container behind it. They let
// the scheduler's labs and benchmarks place thousands of pods on hundreds
// of nodes on a 2-core machine. It is not a chapter of the course: it is
// the stand-in for the kubelets of chapter 07.
//
// A Simulator promises:
//
//   - Registered like kubelets: N Nodes named <prefix>01, <prefix>02, ...
//     with the capacity and allocatable of its Options, the labels a kubelet
//     sets (kubernetes.io/hostname, kubernetes.io/os=linux,
//     kubernetes.io/arch=amd64), an InternalIP on loopback (127.1.x.y, never
//     a routed address), and a spec.podCIDR of its own (10.244.x.0/24, the
//     /24s of 10.244.0.0/14, so up to 1,023 nodes). A node that already
//     exists keeps its podCIDR, labels, taints and cordon; its status is
//     reported afresh.
//   - Alive: each node's Lease in kube-node-lease is renewed every 10 s and
//     its conditions (Ready True; MemoryPressure, DiskPressure, PIDPressure
//     False) are reported again every 5 minutes, as a kubelet does.
//   - Pods run at once: a pod bound to one of its nodes is given, through
//     pods/status, phase Running, a podIP from its node's podCIDR (no two
//     pods share one while both exist), the kubelet's five True conditions
//     and running, ready containerStatuses. A restarted Simulator keeps
//     the IPs its pods already show.
//   - Deletes finish at once: a pod of its nodes with a deletionTimestamp
//     is deleted with grace period 0, as a kubelet does once the
//     containers have stopped (there are none to stop).
//   - Only through the apiserver: it reads pods from an informer and
//     writes Nodes, Leases and pod status with its client; nothing else.
package simnodes

// This file says what a Simulator can be asked for, and refuses what it
// cannot do with a clear error: more nodes than its pod range has /24s, or
// more pods per node than a /24 has addresses.

package simnodes

import (
	"fmt"
	"log/slog"
	"strconv"

	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/utils/clock"
)

const (
	// maxNodes is the number of /24s in 10.244.0.0/14 after the first,
	// which is left unused as the cluster's own (see node.go).
	maxNodes = 1023
	// maxPodsPerNode is a /24 less its network, gateway (.1) and
	// broadcast addresses, as a CNI bridge plugin hands them out.
	maxPodsPerNode = 253
)

// Options configure a Simulator. Count is required; New fills in the
// other zero values with the defaults of `kubeling simnodes`.
type Options struct {
	Count  int    // how many nodes
	Prefix string // names are Prefix + a number: "node-" gives node-01, node-02, ...
	CPU    resource.Quantity
	Memory resource.Quantity
	Pods   int // the most pods a node holds (a kubelet's --max-pods)
	// Workers sync pods in parallel; status writes wait on the network,
	// so more workers than cores pay off.
	Workers int
	Clock   clock.WithTicker
	Logger  *slog.Logger
}

// withDefaults returns o with its zero values replaced by the defaults.
func (o Options) withDefaults() Options {
	if o.Prefix == "" {
		o.Prefix = "node-"
	}
	if o.CPU.IsZero() {
		o.CPU = resource.MustParse("4")
	}
	if o.Memory.IsZero() {
		o.Memory = resource.MustParse("16Gi")
	}
	if o.Pods == 0 {
		o.Pods = 110 // the kubelet's default --max-pods
	}
	if o.Workers == 0 {
		o.Workers = 16
	}
	if o.Clock == nil {
		o.Clock = clock.RealClock{}
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// Validate explains what is wrong with o, once defaulted, or returns nil.
func (o Options) Validate() error { return o.withDefaults().validate() }

// validate explains what is wrong with o, a defaulted Options.
func (o Options) validate() error {
	switch {
	case o.Count < 1 || o.Count > maxNodes:
		return fmt.Errorf("the node count must be between 1 and %d (one /24 of 10.244.0.0/14 each), not %d", maxNodes, o.Count)
	case o.CPU.Sign() <= 0:
		return fmt.Errorf("the CPU of a node must be positive, not %s", o.CPU.String())
	case o.Memory.Sign() <= 0:
		return fmt.Errorf("the memory of a node must be positive, not %s", o.Memory.String())
	case o.Pods < 1 || o.Pods > maxPodsPerNode:
		return fmt.Errorf("the pods of a node must be between 1 and %d (the addresses of its /24), not %d", maxPodsPerNode, o.Pods)
	case o.Workers < 1:
		return fmt.Errorf("workers must be at least 1, not %d", o.Workers)
	}
	last := nodeName(o.Prefix, o.Count, o.Count)
	if errs := validation.IsDNS1123Subdomain(last); len(errs) > 0 {
		return fmt.Errorf("the prefix %q makes node names such as %q, which are not valid: %s", o.Prefix, last, errs[0])
	}
	return nil
}

// nodeName is the name of node i (from 1) of count: numbers are padded to
// the same width, at least two digits, so that names sort as numbers do
// (node-01 ... node-10; node-001 ... node-500).
func nodeName(prefix string, i, count int) string {
	width := max(2, len(strconv.Itoa(count)))
	return fmt.Sprintf("%s%0*d", prefix, width, i)
}

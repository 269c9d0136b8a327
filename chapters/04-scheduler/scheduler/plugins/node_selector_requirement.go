// This file teaches the six operators of a node selector requirement:
// In, NotIn, Exists, DoesNotExist, Gt and Lt. It mirrors
// nodeSelectorRequirementsAsSelector in k8s.io/component-helpers.

package plugins

import (
	"slices"
	"strconv"

	corev1 "k8s.io/api/core/v1"
)

// requirementHolds reports whether labels satisfy req.
func requirementHolds(req *corev1.NodeSelectorRequirement, labels map[string]string) bool {
	value, present := labels[req.Key]
	switch req.Operator {
	case corev1.NodeSelectorOpIn:
		return present && slices.Contains(req.Values, value)
	case corev1.NodeSelectorOpNotIn:
		return !present || !slices.Contains(req.Values, value)
	case corev1.NodeSelectorOpExists:
		return present
	case corev1.NodeSelectorOpDoesNotExist:
		return !present
	case corev1.NodeSelectorOpGt, corev1.NodeSelectorOpLt:
		return present && compareInts(req, value)
	}
	return false // an unknown operator matches nothing
}

// compareInts is Gt and Lt: both the label and the single value must be
// integers.
func compareInts(req *corev1.NodeSelectorRequirement, value string) bool {
	if len(req.Values) != 1 {
		return false
	}
	have, err1 := strconv.ParseInt(value, 10, 64)
	want, err2 := strconv.ParseInt(req.Values[0], 10, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	if req.Operator == corev1.NodeSelectorOpGt {
		return have > want
	}
	return have < want
}

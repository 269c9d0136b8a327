// This file teaches label and field selectors: the query language of every
// list and watch. A Predicate holds both; an object passes when its labels
// match the label selector and its selectable fields match the field
// selector. It mirrors storage.SelectionPredicate in k8s.io/apiserver.

package registry

import (
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
)

// Predicate selects objects by labels and fields. The zero value is not
// usable; build one with Store.NewPredicate.
type Predicate struct {
	Label labels.Selector
	Field fields.Selector
	// fieldsOf returns the selectable fields of an object.
	fieldsOf func(obj runtime.Object) (fields.Set, error)
}

// NewPredicate parses the labelSelector and fieldSelector query parameters.
// A field the resource does not support is a 400 Bad Request, as in
// Kubernetes: "field label not supported: spec.foo".
func (s *Store) NewPredicate(labelSelector, fieldSelector string) (Predicate, error) {
	label, err := labels.Parse(labelSelector)
	if err != nil {
		// The parser's message already reads "unable to parse requirement: ...".
		return Predicate{}, apierrors.NewBadRequest(err.Error())
	}
	field, err := fields.ParseSelector(fieldSelector)
	if err != nil {
		return Predicate{}, apierrors.NewBadRequest(fmt.Sprintf("invalid field selector: %v", err))
	}
	supported, _ := s.selectableFields(s.resource.New())
	for _, req := range field.Requirements() {
		if _, ok := supported[req.Field]; !ok {
			return Predicate{}, apierrors.NewBadRequest(fmt.Sprintf("field label not supported: %s", req.Field))
		}
	}
	return Predicate{Label: label, Field: field, fieldsOf: s.selectableFields}, nil
}

// Empty reports whether the predicate selects everything.
func (p Predicate) Empty() bool {
	return p.Label.Empty() && p.Field.Empty()
}

// Matches reports whether obj passes both selectors.
func (p Predicate) Matches(obj runtime.Object) (bool, error) {
	// lab:begin predicate-matches
	// hint: Lists and watches share one filter. An empty predicate selects everything; otherwise
	// hint: both selectors must match: the label selector on the object's labels, the field selector
	// hint: on the fields the resource declares selectable (such as a pod's spec.nodeName), which
	// hint: only the resource knows how to read.
	if p.Empty() {
		return true, nil
	}
	accessor, err := meta.Accessor(obj)
	if err != nil {
		return false, err
	}
	if !p.Label.Matches(labels.Set(accessor.GetLabels())) {
		return false, nil
	}
	if p.Field.Empty() {
		return true, nil
	}
	set, err := p.fieldsOf(obj)
	if err != nil {
		return false, err
	}
	return p.Field.Matches(set), nil
	// lab:end
}

// selectableFields returns metadata.name, metadata.namespace and whatever
// else the resource lets clients select on.
func (s *Store) selectableFields(obj runtime.Object) (fields.Set, error) {
	accessor, err := meta.Accessor(obj)
	if err != nil {
		return nil, err
	}
	set := fields.Set{}
	if s.resource.SelectableFields != nil {
		set = s.resource.SelectableFields(obj)
	}
	set["metadata.name"] = accessor.GetName()
	if s.resource.Namespaced {
		set["metadata.namespace"] = accessor.GetNamespace()
	}
	return set, nil
}

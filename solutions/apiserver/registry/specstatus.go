// This file teaches the spec/status split that every Kubernetes object
// follows: spec is what a user wants, status is what the system observed.
// Users write spec through the main resource; controllers and the kubelet
// write status through the status subresource; neither can overwrite the
// other's half by accident. Every built-in type names the two halves Spec
// and Status, so one small piece of reflection serves all of them.

package registry

import (
	"reflect"

	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/runtime"
)

// structField returns obj's exported struct field called name, or an invalid
// Value when the type has none (a ConfigMap has neither Spec nor Status).
func structField(obj runtime.Object, name string) reflect.Value {
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return v.Elem().FieldByName(name)
}

// copyStatus sets dst's status to src's. Both are the same type.
func copyStatus(dst, src runtime.Object) {
	d, s := structField(dst, "Status"), structField(src, "Status")
	if d.IsValid() && s.IsValid() {
		d.Set(s)
	}
}

// copySpec sets dst's spec to src's. Both are the same type.
func copySpec(dst, src runtime.Object) {
	d, s := structField(dst, "Spec"), structField(src, "Spec")
	if d.IsValid() && s.IsValid() {
		d.Set(s)
	}
}

// specChanged reports whether the spec differs between two objects of one
// type, comparing as Kubernetes does (a nil and an empty list are equal).
func specChanged(a, b runtime.Object) bool {
	x, y := structField(a, "Spec"), structField(b, "Spec")
	if !x.IsValid() || !y.IsValid() {
		return false
	}
	return !equality.Semantic.DeepEqual(x.Interface(), y.Interface())
}

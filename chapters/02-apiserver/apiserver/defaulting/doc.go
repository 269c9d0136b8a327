// Package defaulting fills in the fields a client left out, the way the
// Kubernetes apiserver does before it validates and stores an object:
// `kubectl run nginx --image=nginx` sends a few lines, and
// `kubectl get pod nginx -o yaml` shows restartPolicy: Always,
// dnsPolicy: ClusterFirst, imagePullPolicy: Always and a dozen more.
//
// This package holds the defaults the lesson teaches (a pod's policies and
// imagePullPolicy, a Deployment's replicas and rolling update); package
// defaulting/resources, reference code outside the chapter, holds the rest.
// Together they mirror Kubernetes v1.37: the versioned defaulters
// (pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go and their
// zz_generated.defaults.go), plus the few defaults that the apiserver sets
// elsewhere and that every object of the teaching cluster shows: a new
// namespace's "kubernetes" finalizer (pkg/registry/core/namespace), a
// service's IP family (pkg/registry/core/service/storage/alloc.go) and a
// pod's priority and default tolerations (the Priority and
// DefaultTolerationSeconds admission plugins).
//
// Default promises:
//
//   - Only empty fields are filled: a value the client set is never changed,
//     with Kubernetes' own two exceptions: a negative pod
//     terminationGracePeriodSeconds becomes 1, and a secret's write-only
//     stringData moves into data.
//   - Idempotent: defaulting a defaulted object changes nothing, so the
//     apiserver may call it on every create and update.
//   - Unknown types are left untouched.
package defaulting

// Package printers turns API objects into meta.k8s.io/v1 Tables: the rows and
// columns that `kubectl get` prints. kubectl asks the apiserver for a Table
// (Accept: application/json;as=Table;g=meta.k8s.io;v=v1) and prints whatever
// columns come back; a server that cannot answer gets only NAME and AGE.
// PartialObjectMetadata is the other reduced form a client may ask for:
// metadata only.
//
// It mirrors the server-side printers of Kubernetes v1.37
// (pkg/printers/internalversion/printers.go and
// staging/src/k8s.io/apiserver/pkg/registry/rest/table.go), written again for
// the versioned types of k8s.io/api. The pod's printer is here; the other
// kinds' are package printers/resources'.
//
// ToTable promises:
//
//   - Same columns: names, types, formats and priorities as Kubernetes; a
//     column with priority 1 is one that kubectl shows only with -o wide.
//   - Same cells: each cell is computed by Kubernetes' rules (a pod's STATUS,
//     a service's PORT(S), a node's ROLES) and has the same Go type (string or
//     int64), so the JSON on the wire is identical.
//   - Deterministic: ages are computed from Options.Now, never from the clock
//     when Now is set, so a test gets the same table every time.
//   - Pure: obj is never modified; rows point at obj's items only in the
//     PartialObjectMetadata they carry (which shares maps with obj).
package printers

// Command etcdctl is the real etcdctl, built from go.etcd.io/etcd/etcdctl/v3.
//
// Like kubectl, etcdctl's module carries replace directives, so `go install`
// refuses it; this thin main builds the genuine command inside the course
// module. Learners use it to look at the keys the teaching cluster stores.
package main

import (
	"go.etcd.io/etcd/etcdctl/v3/ctlv3"
)

func main() {
	ctlv3.MustStart()
}

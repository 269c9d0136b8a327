// Command kubectl is the real kubectl, built from k8s.io/kubectl.
//
// `go install k8s.io/kubernetes/cmd/kubectl` does not work outside the
// Kubernetes repository (its go.mod has replace directives), so the course
// builds the same command from this thin main. Nothing here changes how
// kubectl behaves: the teaching cluster is judged by the genuine client.
package main

import (
	"os"

	"k8s.io/component-base/cli"
	"k8s.io/kubectl/pkg/cmd"
)

func main() {
	os.Exit(cli.Run(cmd.NewDefaultKubectlCommand()))
}

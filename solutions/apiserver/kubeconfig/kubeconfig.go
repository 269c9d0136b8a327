// Package kubeconfig writes the file through which kubectl and client-go
// find the teaching cluster: one cluster (the apiserver's URL), one user
// (with no credentials: the apiserver authenticates everyone as
// system:anonymous for now) and one context joining them, made current.
// It uses client-go's own kubeconfig types and writer, so the file is
// exactly what every Kubernetes client reads.
package kubeconfig

import (
	"fmt"
	"os"
	"path/filepath"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// Name is the name of the cluster, user and context in the file.
const Name = "kubeling"

// Config returns a kubeconfig for the apiserver at server (a URL such as
// http://127.0.0.1:6443).
func Config(server string) *clientcmdapi.Config {
	c := clientcmdapi.NewConfig()
	c.Clusters[Name] = &clientcmdapi.Cluster{Server: server}
	c.AuthInfos[Name] = &clientcmdapi.AuthInfo{}
	c.Contexts[Name] = &clientcmdapi.Context{Cluster: Name, AuthInfo: Name, Namespace: "default"}
	c.CurrentContext = Name
	return c
}

// Write writes the kubeconfig for server to path, creating its directory.
func Write(path, server string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("creating the directory of %s: %w", path, err)
	}
	if err := clientcmd.WriteToFile(*Config(server), path); err != nil {
		return fmt.Errorf("writing kubeconfig %s: %w", path, err)
	}
	return nil
}

// This file teaches /version and the health checks. kubectl version prints
// the server's version, and client tools compare it with their own; the
// health checks are what a supervisor (or `kubeling up`) polls before it
// sends traffic: /livez "the process works", /readyz "it can serve, storage
// included", /healthz the older name of both.

package discovery

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"time"

	"k8s.io/apimachinery/pkg/version"
)

// The Kubernetes version the teaching cluster speaks: its kubectl is built
// from k8s.io/kubectl v0.37.2 and reports v1.37.2.
const (
	GitVersion = "v1.37.2"
	Major      = "1"
	Minor      = "37"
)

// VersionInfo returns the body of /version.
func VersionInfo() version.Info {
	return version.Info{
		Major: Major, Minor: Minor, EmulationMajor: Major, EmulationMinor: Minor,
		GitVersion: GitVersion, GitTreeState: "clean", BuildDate: "1970-01-01T00:00:00Z",
		GoVersion: runtime.Version(), Compiler: runtime.Compiler, Platform: runtime.GOOS + "/" + runtime.GOARCH,
	}
}

// VersionHandler serves /version.
func VersionHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, "application/json", VersionInfo())
	})
}

// Check is one readiness check: nil means healthy.
type Check func(ctx context.Context) error

// HealthHandler answers "ok" when every check passes within a few seconds,
// and 500 listing the failures otherwise.
func HealthHandler(checks map[string]Check) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		failed := ""
		for name, check := range checks {
			if err := check(ctx); err != nil {
				failed += fmt.Sprintf("[-]%s failed: %v\n", name, err)
			}
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if failed != "" {
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, failed+"healthz check failed\n")
			return
		}
		fmt.Fprint(w, "ok")
	})
}

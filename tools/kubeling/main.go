// Command kubeling launches the teaching cluster and its parts:
//
//	kubeling up                 the whole cluster, as far as the course has built it
//	kubeling etcd               an embedded etcd alone (labs start one per lab)
//	kubeling apiserver          the apiserver over a running etcd
//	kubeling simnodes           simulated nodes (kwok-style) that run pods bound to them
//	kubeling scheduler          the scheduler: places unbound pods on nodes
//	kubeling controller-manager the controllers: keeps ReplicaSets' pods at their count
//
// Each subcommand lives in its own file. `make up` runs `kubeling up`.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/kubeling/kubeling/tools/internal/labcrash"
)

// subcommand is one verb of the launcher. run gets the arguments after the
// verb and a context cancelled on Ctrl-C or SIGTERM.
type subcommand struct {
	summary string
	run     func(ctx context.Context, args []string) error
}

func subcommands() map[string]subcommand {
	return map[string]subcommand{
		"up":                 {"start the teaching cluster and print how to use it", runUp},
		"etcd":               {"run an embedded etcd", runEtcd},
		"apiserver":          {"run the apiserver over a running etcd", runAPIServer},
		"simnodes":           {"run simulated nodes that run every pod bound to them", runSimNodes},
		"scheduler":          {"run the scheduler: place unbound pods on nodes", runScheduler},
		"controller-manager": {"run the controllers: keep every ReplicaSet's pods at its count", runControllerManager},
	}
}

func main() {
	labcrash.ReportTo()
	cmds := subcommands()
	if len(os.Args) < 2 || cmds[os.Args[1]].run == nil {
		fmt.Fprintln(os.Stderr, "usage: kubeling <command> [flags]\n\ncommands:")
		var names []string
		for name := range cmds {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			fmt.Fprintf(os.Stderr, "  %-18s %s\n", name, cmds[name].summary)
		}
		os.Exit(2)
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := cmds[os.Args[1]].run(ctx, os.Args[2:]); err != nil {
		fmt.Fprintf(os.Stderr, "kubeling %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

# kubeling: build a small, real Kubernetes, one component per chapter.
#
#   make up                 start the teaching cluster and print how to use it
#   make test               every unit test, conformance suite and lab
#   make check CHAPTER=n    grade your chapter n (CHAPTER=all: all your code)
#
# Everything the course needs (kubectl, etcdctl, runc) is built from the Go
# module proxy into bin/ on first use and reused afterwards.

SHELL := /bin/bash
GO ?= go
CHAPTER ?=
USE ?= learner
KUBE_VERSION := v1.37.2
# Stamp the version kubectl reports, and the one its User-Agent carries into
# the apiserver's audit log (kubectl/v1.37.2 rather than kubectl/v0.0.0).
KUBE_LDFLAGS := -X k8s.io/component-base/version.gitVersion=$(KUBE_VERSION) \
	-X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=37 \
	-X k8s.io/client-go/pkg/version.gitVersion=$(KUBE_VERSION) \
	-X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=37
RUNC_VERSION := v1.5.2
UNAME := $(shell uname -s)

# Course sources: any change rebuilds the course's own commands.
GO_SOURCES := $(shell find solutions tools chapters -name '*.go' 2>/dev/null) go.mod go.sum

.PHONY: all tools up test unit vet starter starter-check labs regions check conformance golden bench clean help

all: tools

help:
	@sed -n '2,9p' Makefile | sed 's/^# \{0,1\}//'

## tools: the real kubectl and etcdctl, runc on Linux, and the course's commands
TOOLS := bin/kubectl bin/etcdctl bin/kubeling bin/storectl bin/grade
ifeq ($(UNAME),Linux)
TOOLS += bin/runc
endif
tools: $(TOOLS)

# kubectl and etcdctl cannot be `go install`ed (their modules carry replace
# directives); tools/kubectl and tools/etcdctl are thin mains over them.
bin/kubectl: tools/kubectl/main.go go.mod go.sum
	$(GO) build -ldflags "$(KUBE_LDFLAGS)" -o $@ ./tools/kubectl

bin/etcdctl: tools/etcdctl/main.go go.mod go.sum
	$(GO) build -o $@ ./tools/etcdctl

bin/runc:
	GOBIN=$(CURDIR)/bin $(GO) install github.com/opencontainers/runc@$(RUNC_VERSION)

bin/kubeling bin/storectl bin/grade: $(GO_SOURCES)
	$(GO) build -o bin/ ./tools/kubeling ./tools/storectl ./tools/grade

## up: the teaching cluster, as far as the course has built it
up: tools
	bin/kubeling up

## test: vet, starter freshness, unit tests, then every lab both ways
test: vet starter-check tools unit labs
	@echo "make test: all passed"

vet:
	$(GO) vet ./...

starter:
	$(GO) run ./tools/starter

starter-check:
	$(GO) run ./tools/starter -check

# The learner's starter code (chapters/) is left out: it fails by design.
unit:
	$(GO) test -race -count=1 ./solutions/... ./tools/...
	cd tools/conformance && $(GO) test -race -count=1 .

# Each chapter's tests and labs must pass on the reference and fail on the
# untouched starter code of that chapter alone: an item that passes on the
# starter proves nothing.
labs: tools
	@set -e; for n in $$(bin/grade -list); do \
		bin/grade -chapter $$n -use solutions; \
		bin/grade -chapter $$n -use starter -expect fail; \
	done

# Finer still: write each lab region wrongly (its panic, a zero-value stub,
# the mistakes in solutions/wrong/), one at a time; some test or lab must
# fail for each. It builds and tests once per variant, so it runs in CI
# (.ci/run) rather than make test. REGION=name checks one region.
regions: tools
ifdef REGION
	bin/grade -chapter all -each-region -region $(REGION)
else
	@set -e; for n in $$(bin/grade -list); do bin/grade -chapter $$n -each-region; done
endif

## check: grade a chapter, e.g. make check CHAPTER=1 (USE=solutions for the reference)
check: tools
	@if [ -z "$(CHAPTER)" ]; then echo "usage: make check CHAPTER=n|all [USE=learner|solutions|starter]"; exit 2; fi
	bin/grade -chapter $(CHAPTER) -use $(USE) -json .kubeling/reports/chapter-$(CHAPTER).json

## conformance: Kubernetes' own e2e conformance tests (tools/conformance/tests.txt)
# The e2e binary comes from k8s.io/kubernetes v1.37.2, built in its own module
# (tools/conformance) so the course module stays light. With CHAPTER=n the
# cluster is built from your chapter-n code, as make check builds it.
CONFORMANCE_BIN := $(if $(CHAPTER),.kubeling/conformance-bin,bin)
conformance: tools bin/e2e.test bin/conformance
	@if [ -n "$(CHAPTER)" ]; then bin/grade -chapter $(CHAPTER) -use $(USE) -build $(CONFORMANCE_BIN); fi
	bin/conformance -kubeling $(CONFORMANCE_BIN)/kubeling -bin bin -list tools/conformance/tests.txt

bin/e2e.test: tools/conformance/go.mod tools/conformance/go.sum
	cd tools/conformance && $(GO) test -c -o ../../bin/e2e.test k8s.io/kubernetes/test/e2e

bin/conformance: $(wildcard tools/conformance/*.go) tools/conformance/go.mod
	cd tools/conformance && $(GO) build -o ../../bin/conformance .

## golden: re-record the apiserver's golden files from real Kubernetes v1.37.2
# tools/oracle runs Kubernetes' own printers, defaulters and validation on the
# test inputs. Maintainers only; make test never builds it.
golden:
	cd tools/oracle && $(GO) build -o ../../bin/oracle .
	bin/oracle print solutions/apiserver/printers/testdata/tables
	bin/oracle default solutions/apiserver/defaulting/testdata
	bin/oracle validate solutions/apiserver/validation/testdata
	bin/oracle print solutions/apiserver/printers/resources/testdata/tables
	bin/oracle default solutions/apiserver/defaulting/resources/testdata
	bin/oracle validate solutions/apiserver/validation/resources/testdata

## bench: the benchmarks quoted in each chapter's "How fast is it?"
bench:
	$(GO) test -run '^$$' -bench . -benchtime 2s ./solutions/storage/...
	$(GO) test -run '^$$' -bench BenchmarkAPIServer -benchtime 2s ./solutions/apiserver/
	$(GO) test -run '^$$' -bench Informer -benchtime 10x ./solutions/client/cache/
	$(GO) test -run '^$$' -bench PodsOnANode -benchtime 2s ./tools/informer-demo/
	$(GO) test -run '^$$' -bench ScheduleAlgorithm -benchtime 5x -count 3 ./solutions/scheduler/
	$(GO) test -run '^$$' -bench SchedulerEndToEnd -benchtime 1x -count 3 ./solutions/scheduler/

clean:
	rm -rf bin .kubeling

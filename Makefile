# SPDX-License-Identifier: MIT
#
# vscmi top-level build.  `make run` and `make test` are the two commands the
# README gives; each installs what it needs first (make deps: Debian packages,
# mk/deps.sh).  Every other target assumes that has been done once.
# Each concern owns a fragment in mk/:
#   mk/host.mk      mediator core on the host: unit tests, freestanding check,
#                   fuzzing, benchmark, demo
#   mk/platform.mk  QEMU platform: pinned inputs, TF-A, Xen, guest images,
#                   scenarios, the exported Xen series
#   mk/linux.mk     the Linux guest driver (tools/linux/)
#   mk/agent.mk     the bare-metal test agent (tests/agent/)

.DEFAULT_GOAL := help
SHELL := /bin/bash
TOP := $(CURDIR)
BUILD ?= $(TOP)/build
export TOP BUILD

.PHONY: help deps run test
help:
	@echo "make run    boot the QEMU platform and show the virtual SCMI mailboxes at work"
	@echo "make test   install what is needed and run every test (unit, fuzz smoke, QEMU)"
	@echo "make demo | check | fetch-test | harness-test | fuzz-smoke | fuzz FUZZ_SECONDS=N | bench | qemu-test"
	@echo "make platform | platform-tools | qemu-shell S=<name> | update-inputs | xen-series   (docs/qemu.md)"

deps:
	@$(TOP)/mk/deps.sh

# The main job: the QEMU platform with the mailboxes at work.
run: deps
	@$(MAKE) --no-print-directory qemu-run

# Everything: unit tests, freestanding build of the core, tests of the input
# fetch and of the harness's grants parser, fuzz smoke run, every QEMU scenario; then the two benchmark reports
# (measurements, not pass/fail: build/bench/core.txt and, from the bench
# scenarios' logs, build/bench/qemu.txt).  Each step prints its own progress
# and summary.
TEST_LOGS := $(BUILD)/test
test: deps
	@rm -rf $(TEST_LOGS) && mkdir -p $(TEST_LOGS)
	@set -o pipefail; $(MAKE) --no-print-directory check 2>&1 | tee $(TEST_LOGS)/1-unit.log
	@$(MAKE) --no-print-directory core-lib
	@set -o pipefail; $(MAKE) --no-print-directory fetch-test 2>&1 | tee $(TEST_LOGS)/2-fetch.log
	@set -o pipefail; $(MAKE) --no-print-directory harness-test 2>&1 | tee $(TEST_LOGS)/3-harness.log
	@set -o pipefail; $(MAKE) --no-print-directory fuzz-smoke 2>&1 | tee $(TEST_LOGS)/4-fuzz.log
	@$(MAKE) --no-print-directory bench
	@set -o pipefail; $(MAKE) --no-print-directory qemu-test 2>&1 | tee $(TEST_LOGS)/5-qemu.log
	@python3 $(TOP)/tests/bench/qemu-report.py
	@$(TOP)/tests/summary.sh $(TEST_LOGS)

include $(sort $(wildcard mk/*.mk))

# SPDX-License-Identifier: MIT
#
# vscmi top-level build.  Each concern owns a fragment in mk/:
#   mk/host.mk      mediator core: unit tests, fuzzing, benchmarks, host demo
#   mk/platform.mk  QEMU platform: Xen, TF-A, Linux, device trees, scenarios
#
# `make run` and `make test` are the two commands the README gives.

.DEFAULT_GOAL := help
SHELL := /bin/bash
TOP := $(CURDIR)
BUILD ?= $(TOP)/build
export TOP BUILD

.PHONY: help deps run test
help:
	@echo "make run    boot the QEMU platform and show the virtual SCMI mailboxes at work"
	@echo "make test   install what is needed and run every test (unit, fuzz smoke, QEMU)"
	@echo "make demo | check | fuzz-smoke | fuzz FUZZ_SECONDS=N | bench | qemu-test"

deps:
	@$(TOP)/tools/deps.sh

# The main job: the QEMU platform with the mailboxes at work.
run: deps
	@$(MAKE) --no-print-directory qemu-run

# Everything: unit tests, freestanding build of the core, fuzz smoke run,
# every QEMU scenario; then the two benchmark reports (measurements, not
# pass/fail: build/bench/core.txt and, from the bench scenarios' logs,
# build/bench/qemu.txt).  Each step prints its own progress and summary.
test: deps
	@$(MAKE) --no-print-directory check
	@$(MAKE) --no-print-directory core-lib
	@$(MAKE) --no-print-directory fuzz-smoke
	@$(MAKE) --no-print-directory bench
	@$(MAKE) --no-print-directory qemu-test
	@python3 $(TOP)/tools/guest/bench-report.py

include $(sort $(wildcard mk/*.mk))

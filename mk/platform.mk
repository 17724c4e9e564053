# SPDX-License-Identifier: MIT
#
# QEMU Arm platform (docs/qemu.md): TF-A + SCMI server, Xen 4.20 (upstream and
# vscmi trees), Debian Linux guests, device trees and the boot harness.
# Every step is a script that decides for itself what is up to date (content
# stamps under build/), so these targets are cheap to re-run.
#
#   make platform                 fetch + build everything the scenarios need
#   make fetch-test               tests of the input fetch (tests/fetch/run.sh)
#   make update-inputs            pin tools/fetch/inputs.lock to the index's
#                                 current versions once they fetch and build
#   make qemu-test                boot every tests/qemu/*.scenario
#   make qemu-run                 boot $(QEMU_RUN_SCENARIO) and summarise it
#   make qemu-scenario S=<name>   boot one scenario (summary + check)
#   make xen-series               build/xen-series/: the Xen patch series

QEMU_RUN_SCENARIO ?= mediated
QEMU_HARNESS := $(TOP)/tools/qemu/vscmi-qemu.py

.PHONY: platform platform-fetch platform-firmware platform-xen-upstream \
        platform-xen-vscmi platform-guests qemu-test qemu-run qemu-scenario \
        qemu-list xen-series fetch-test update-inputs

platform-fetch: deps
	@$(TOP)/tools/fetch/fetch.sh

fetch-test: deps
	@$(TOP)/tests/fetch/run.sh

# The new lock is built with (platform, module, guest agent) before it
# replaces the old one; an input whose current files are not served keeps
# its pin (fetch.sh --current says which).
update-inputs: deps
	@mkdir -p $(BUILD)
	@$(TOP)/tools/fetch/fetch.sh --current > $(BUILD)/inputs.lock.new
	@VSCMI_LOCK=$(BUILD)/inputs.lock.new $(MAKE) --no-print-directory platform linux-module guest-agent
	@cp $(BUILD)/inputs.lock.new $(TOP)/tools/fetch/inputs.lock
	@echo "update-inputs: tools/fetch/inputs.lock rewritten (what moved: the 'fetch: <input>: <old> -> <new>' lines above); run make test before committing it"

platform-firmware: platform-fetch
	@$(TOP)/tools/firmware/build.sh

platform-xen-upstream: platform-fetch
	@$(TOP)/tools/xen/build.sh upstream

platform-xen-vscmi: platform-fetch
	@$(TOP)/tools/xen/build.sh vscmi

platform-guests: platform-fetch
	@$(TOP)/tools/initramfs/build.sh

platform: deps platform-firmware platform-xen-upstream platform-xen-vscmi platform-guests

qemu-test: deps platform
	@python3 $(QEMU_HARNESS) test

qemu-run: deps platform
	@python3 $(QEMU_HARNESS) run $(QEMU_RUN_SCENARIO) --summary

qemu-scenario: deps platform
	@test -n "$(S)" || { echo "usage: make qemu-scenario S=<name>  (see: make qemu-list)"; exit 2; }
	@python3 $(QEMU_HARNESS) run $(S) --summary

qemu-list:
	@python3 $(QEMU_HARNESS) list

xen-series: deps platform-fetch
	@$(TOP)/tools/xen/export-series.sh

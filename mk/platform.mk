# SPDX-License-Identifier: MIT
#
# QEMU Arm platform (tests/platform/, docs/qemu.md): TF-A + SCMI server, Xen
# 4.20 (upstream and vscmi trees), Debian Linux guests and their initramfs
# images, device trees and the boot harness.  Every step is a script that
# decides for itself what is up to date (content stamps under build/), so
# these targets are cheap to re-run.
#
#   make platform                 fetch + build everything the scenarios need
#   make platform-fetch           the pinned inputs only (tests/platform/fetch/)
#   make fetch-test               tests of the input fetch
#   make harness-test             unit tests of the harness's grants parser
#                                 and check hooks
#   make update-inputs            pin tests/platform/fetch/inputs.lock to the
#                                 index's current versions once they build
#   make qemu-test                boot every tests/qemu/*.scenario
#   make qemu-run                 boot $(QEMU_RUN_SCENARIO) and summarise it
#   make qemu-scenario S=<name>   boot one scenario (summary + check)
#   make qemu-shell S=<name>      boot one scenario on this terminal, with a
#                                 shell in dom0 once its script is done
#                                 (NO_SCRIPT=1: at once), e.g. xl by hand in
#                                 S=xl-lifecycle
#   make qemu-list                the scenarios
#   make xen-series               build/xen-series/: the Xen patch series
#   make xen-series-check         build the hypervisor at each of its steps

QEMU_RUN_SCENARIO ?= xl-mixed
QEMU_HARNESS := $(TOP)/tests/platform/harness/vscmi-qemu.py
LOCK         := tests/platform/fetch/inputs.lock

.PHONY: platform platform-fetch platform-firmware platform-xen-upstream \
        platform-xen-vscmi platform-tools platform-guests qemu-test qemu-run \
        qemu-scenario qemu-shell qemu-list xen-series xen-series-check fetch-test harness-test \
        update-inputs

platform-fetch:
	@$(TOP)/tests/platform/fetch/fetch.sh

fetch-test:
	@$(TOP)/tests/platform/fetch/test.sh

harness-test:
	@cd $(TOP)/tests/platform/harness && python3 -B -c 'import sys, unittest; \
		s = unittest.defaultTestLoader.loadTestsFromNames(["test_grants", "test_hooks"]); \
		r = unittest.TextTestRunner().run(s); \
		bad = len(r.failures) + len(r.errors); \
		print("%d passed, %d failed" % (r.testsRun - bad, bad)); sys.exit(bad > 0)'

# The new lock is built with (platform, module, guest agent) before it
# replaces the old one; an input whose current files are not served keeps
# its pin (fetch.sh --current says which).
update-inputs:
	@mkdir -p $(BUILD)
	@$(TOP)/tests/platform/fetch/fetch.sh --current > $(BUILD)/inputs.lock.new
	@VSCMI_LOCK=$(BUILD)/inputs.lock.new $(MAKE) --no-print-directory platform guest-agent
	@cp $(BUILD)/inputs.lock.new $(TOP)/$(LOCK)
	@echo "update-inputs: $(LOCK) rewritten (what moved: the 'fetch: <input>: <old> -> <new>' lines above); run make test before committing it"

platform-firmware: platform-fetch
	@$(TOP)/tests/platform/firmware/build.sh

platform-xen-upstream: platform-fetch
	@$(TOP)/tests/platform/xen/build.sh upstream

platform-xen-vscmi: platform-fetch
	@$(TOP)/tests/platform/xen/build.sh vscmi

# xl, libxl, xenstored, xenconsoled ... for arm64, against a sysroot of
# pinned Debian packages (tests/platform/xen/tools.sh)
platform-tools: platform-fetch
	@$(TOP)/tests/platform/xen/tools.sh

# the guest images: kernel Image, busybox initramfs images, the ones that
# load the guest driver with it, the xl-capable dom0's with the toolstack
# and the guests xl creates (the agent among them)
platform-guests: platform-fetch linux-module platform-tools guest-agent
	@$(TOP)/tests/platform/initramfs/build.sh

platform: platform-firmware platform-xen-upstream platform-xen-vscmi platform-tools platform-guests

qemu-test: platform guest-agent
	@python3 $(QEMU_HARNESS) test

qemu-run: platform guest-agent
	@python3 $(QEMU_HARNESS) run $(QEMU_RUN_SCENARIO) --summary

qemu-scenario: platform guest-agent
	@test -n "$(S)" || { echo "usage: make qemu-scenario S=<name>  (see: make qemu-list)"; exit 2; }
	@python3 $(QEMU_HARNESS) run $(S) --summary

qemu-shell: platform guest-agent
	@test -n "$(S)" || { echo "usage: make qemu-shell S=<name>  (see: make qemu-list)"; exit 2; }
	@python3 $(QEMU_HARNESS) shell $(S) $(if $(NO_SCRIPT),--no-script)

qemu-list:
	@python3 $(QEMU_HARNESS) list

xen-series: platform-fetch
	@$(TOP)/xen-patches/export-series.sh

xen-series-check: xen-series
	@$(TOP)/xen-patches/check-series.sh

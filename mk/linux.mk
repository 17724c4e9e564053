# SPDX-License-Identifier: GPL-2.0
#
# The guest-side Linux driver for the arm,smc-mbox binding (tools/linux/,
# docs/linux-module.md):
#   make linux-module   build/guest/linux/arm-smc-mbox.ko for the Debian arm64
#                       kernel the platform boots (the initramfs images whose
#                       init loads it carry it: make platform-guests)

.PHONY: linux-module

linux-module: platform-fetch
	@$(TOP)/tools/linux/build.sh

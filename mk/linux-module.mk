# SPDX-License-Identifier: GPL-2.0
#
# Out-of-tree Linux guest driver for the arm,smc-mbox binding
# (docs/linux-module.md):
#   make linux-module          build/guest/linux/arm-smc-mbox.ko for the
#                              Debian arm64 kernel the platform boots
#   make linux-module-initramfs  guest initramfs variants that load it
# The QEMU scenarios tests/qemu/linux-mbox*.scenario need both.

.PHONY: linux-module linux-module-initramfs

linux-module: deps platform-fetch
	@$(TOP)/tools/guest/linux/build.sh

linux-module-initramfs: linux-module platform-guests
	@$(TOP)/tools/guest/linux/initramfs.sh

# the boot scenarios use the initramfs with the module
qemu-test qemu-run qemu-scenario: linux-module-initramfs

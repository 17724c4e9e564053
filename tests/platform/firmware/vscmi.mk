# SPDX-License-Identifier: BSD-3-Clause
#
# vscmi: SCMI server for PLAT=qemu, included from plat/qemu/qemu/platform.mk
# by tfa-vscmi.patch.  The glue lives in plat/qemu/vscmi/ of the TF-A tree.

BL31_SOURCES	+=	drivers/scmi-msg/base.c			\
			drivers/scmi-msg/clock.c		\
			drivers/scmi-msg/entry.c		\
			drivers/scmi-msg/power_domain.c		\
			drivers/scmi-msg/reset_domain.c		\
			drivers/scmi-msg/sensor.c		\
			drivers/scmi-msg/smt.c			\
			plat/qemu/vscmi/vscmi_qemu_scmi.c

# the SMT pages in non-secure DRAM are mapped at run time by the SiP service
BL31_CFLAGS	+=	-DPLAT_XLAT_TABLES_DYNAMIC=1

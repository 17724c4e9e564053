# SPDX-License-Identifier: MIT
#
# vscmi bare-metal guest agent (tests/agent/, docs/security.md):
#   make guest-agent    build/guest/agent.Image (arm64 Image, dom0 or domU kernel)
# libfdt comes from the pinned device-tree-compiler source (tests/agent/libfdt.sh).
# The QEMU scenarios that boot the agent need the image (mk/platform.mk).

GUEST_DIR   := $(TOP)/tests/agent
GUEST_OUT   := $(BUILD)/guest
GUEST_CROSS ?= aarch64-linux-gnu-
GUEST_CC    := $(GUEST_CROSS)gcc
GUEST_LD    := $(GUEST_CROSS)ld
GUEST_OBJCOPY := $(GUEST_CROSS)objcopy
GUEST_LIBFDT := $(GUEST_OUT)/libfdt
# the cross compiler is asked only when a guest object is built (lazy '=')
GUEST_CC_INCLUDE = $(shell $(GUEST_CC) -print-file-name=include)
GUEST_CFLAGS = -O2 -g -std=gnu11 -ffreestanding -nostdinc -nostdlib -mgeneral-regs-only \
	-mstrict-align -fpie -fno-plt -fno-stack-protector -fno-tree-loop-distribute-patterns \
	-fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	-isystem $(GUEST_CC_INCLUDE) \
	-I$(GUEST_DIR)/include -I$(GUEST_DIR) -I$(GUEST_LIBFDT)
GUEST_SRCS  := start.S main.c scmi.c suite.c suite_conformance.c suite_policy.c \
	suite_malformed.c suite_race.c suite_flood.c suite_conduit.c faults.c \
	race.c bench.c lifecycle.c libc.c
GUEST_HDRS  := $(GUEST_DIR)/agent.h $(GUEST_DIR)/suite.h
GUEST_FDT   := fdt.c fdt_ro.c fdt_rw.c fdt_strerror.c fdt_addresses.c
GUEST_OBJS  := $(addprefix $(GUEST_OUT)/obj/,$(addsuffix .o,$(basename $(GUEST_SRCS)))) \
	$(addprefix $(GUEST_OUT)/obj/fdt/,$(GUEST_FDT:.c=.o))

.PHONY: guest-agent
guest-agent: $(GUEST_OUT)/agent.Image $(GUEST_OUT)/agent-b.Image

# A second file of the same image for scenarios with two agent domUs: the
# harness loads each distinct kernel file once per domU (same file twice
# would overlap as ROM regions).
$(GUEST_OUT)/agent-b.Image: $(GUEST_OUT)/agent.Image
	@cp $< $@

# The script rewrites the stamp only when the pinned tarball changes, so the
# objects are rebuilt only then.
.PHONY: guest-libfdt
$(GUEST_LIBFDT)/.stamp: guest-libfdt
guest-libfdt: platform-fetch
	@$(GUEST_DIR)/libfdt.sh

$(GUEST_OUT)/obj/%.o: $(GUEST_DIR)/%.c $(GUEST_HDRS) $(GUEST_LIBFDT)/.stamp
	@mkdir -p $(@D)
	@echo "  CC      guest/$*.c"
	@$(GUEST_CC) $(GUEST_CFLAGS) -c $< -o $@

$(GUEST_OUT)/obj/%.o: $(GUEST_DIR)/%.S
	@mkdir -p $(@D)
	@echo "  AS      guest/$*.S"
	@$(GUEST_CC) $(GUEST_CFLAGS) -c $< -o $@

$(GUEST_OUT)/obj/fdt/%.o: $(GUEST_LIBFDT)/.stamp
	@mkdir -p $(@D)
	@$(GUEST_CC) $(GUEST_CFLAGS) -Wno-error -c $(GUEST_LIBFDT)/$*.c -o $@

$(GUEST_OUT)/agent.elf: $(GUEST_OBJS) $(GUEST_DIR)/agent.ld
	@echo "  LD      $(@F)"
	@$(GUEST_LD) -pie -static --no-dynamic-linker -z norelro --no-warn-rwx-segments --gc-sections \
		-T $(GUEST_DIR)/agent.ld -o $@ $(GUEST_OBJS) \
		$$($(GUEST_CC) -print-libgcc-file-name)

$(GUEST_OUT)/agent.Image: $(GUEST_OUT)/agent.elf
	@$(GUEST_OBJCOPY) -O binary $< $@.tmp && mv $@.tmp $@
	@echo "guest: $(@:$(TOP)/%=%) ($$(stat -c %s $@) bytes)"

# In-guest benchmark (docs/performance.md): boot the five bench scenarios,
# then write build/bench/qemu.txt.  `make qemu-test` boots them too; this
# target also writes the report.
GUEST_BENCH_SCENARIOS := bench-dom0-upstream bench-dom0-vscmi bench-domu bench-flood bench-teardown
.PHONY: guest-bench
guest-bench: platform guest-agent
	@python3 $(QEMU_HARNESS) test $(GUEST_BENCH_SCENARIOS)
	@python3 $(TOP)/tests/bench/qemu-report.py

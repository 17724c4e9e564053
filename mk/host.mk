# SPDX-License-Identifier: MIT
#
# Host builds of the mediator core: unit tests, fuzzing, benchmarks, demo.

HOST_CC      ?= gcc
HOST_BUILD   := $(BUILD)/host
CORE_SRCS    := $(sort $(filter-out common/os-host.c,$(wildcard common/*.c)))
SUPPORT_SRCS := common/os-host.c $(sort $(wildcard tests/host/*.c))
HOST_INC     := -Icommon/include -Icommon -Itests/host
HOST_WARN    := -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
                -Wstrict-prototypes -Wmissing-prototypes -Wshadow -Wvla
SAN_FLAGS    := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer

UNIT_SRCS    := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS    := $(patsubst tests/unit/%.c,$(HOST_BUILD)/unit/%,$(UNIT_SRCS))
UNIT_COMMON  := $(sort $(wildcard tests/unit/fixture*.c))

# Each source is compiled once per flavour; tests link against the objects.
SAN_OBJDIR   := $(HOST_BUILD)/san
SAN_LIB_OBJS := $(patsubst %.c,$(SAN_OBJDIR)/%.o,$(CORE_SRCS) $(SUPPORT_SRCS) $(UNIT_COMMON))

$(SAN_OBJDIR)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(HOST_CC) $(HOST_WARN) $(SAN_FLAGS) $(HOST_INC) -MMD -MP -c -o $@ $<

$(HOST_BUILD)/unit/%: $(SAN_OBJDIR)/tests/unit/%.o $(SAN_LIB_OBJS)
	@mkdir -p $(@D)
	@$(HOST_CC) $(SAN_FLAGS) -o $@ $^ -lcmocka

.PRECIOUS: $(SAN_OBJDIR)/%.o
-include $(shell find $(SAN_OBJDIR) -name '*.d' 2>/dev/null)

.PHONY: check core-lib unit-build
unit-build: $(UNIT_BINS)

# Unit tests, under AddressSanitizer and UndefinedBehaviorSanitizer.
check: deps
	@$(MAKE) --no-print-directory -j$$(nproc) unit-build
	@tests/unit/run.sh $(UNIT_BINS)

# Freestanding check: common/ must build with no libc headers at all.
core-lib: deps
	@mkdir -p $(HOST_BUILD)/freestanding
	@for f in $(CORE_SRCS); do \
		$(HOST_CC) $(HOST_WARN) -ffreestanding -nostdinc \
			-isystem $$($(HOST_CC) -print-file-name=include) \
			-Icommon/include -Icommon -c $$f \
			-o $(HOST_BUILD)/freestanding/$$(basename $$f .c).o || exit 1; \
	done
	@echo "core-lib: common/ builds freestanding ($(words $(CORE_SRCS)) files)"

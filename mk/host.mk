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
HOST_DEPS    := $(CORE_SRCS) $(SUPPORT_SRCS) $(wildcard common/*.h common/include/vscmi/*.h tests/host/*.h tests/unit/*.h)

.PHONY: check demo core-lib
$(HOST_BUILD)/unit/%: tests/unit/%.c $(UNIT_COMMON) $(HOST_DEPS)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_WARN) $(SAN_FLAGS) $(HOST_INC) -o $@ $< $(UNIT_COMMON) \
		$(CORE_SRCS) $(SUPPORT_SRCS) -lcmocka

# Unit tests, under AddressSanitizer and UndefinedBehaviorSanitizer.
check: deps $(UNIT_BINS)
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

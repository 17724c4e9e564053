# SPDX-License-Identifier: MIT
#
# Host builds of the mediator core (common/) with the host test library
# (tests/host/: OS shim, simulated firmware in tests/host/simfw/, agent), one
# flag set for all:
#   make check                  unit tests under ASan + UBSan (tests/unit/)
#   make core-lib               common/ builds freestanding (no libc headers)
#   make fuzz-smoke             60 s of libFuzzer from the seed corpus
#   make fuzz FUZZ_SECONDS=N    N s, corpus kept in build/fuzz/long
#   make fuzz-corpus            regenerate the checked-in seed corpus
#   make bench                  callgrind instruction counts -> build/bench/core.txt
#   make demo                   two domains through the mediator to the simulated firmware

HOST_CC      ?= gcc
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 600
HOST_BUILD   := $(BUILD)/host
CORE_SRCS    := $(sort $(wildcard common/*.c))
HOSTLIB_SRCS := $(sort $(wildcard tests/host/*.c tests/host/simfw/*.c))
HOST_INC     := -Icommon/include -Icommon -Itests/host
HOST_WARN    := -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
                -Wstrict-prototypes -Wmissing-prototypes -Wshadow -Wvla
HOST_DEPS    := $(CORE_SRCS) $(HOSTLIB_SRCS) \
                $(wildcard common/*.h common/include/vscmi/*.h tests/host/*.h \
                  tests/host/simfw/*.h)
SAN_FLAGS    := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer

# ---- unit tests: each source compiled once, the tests link the objects
UNIT_SRCS    := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS    := $(patsubst tests/unit/%.c,$(HOST_BUILD)/unit/%,$(UNIT_SRCS))
UNIT_COMMON  := $(sort $(wildcard tests/unit/fixture*.c))
SAN_OBJDIR   := $(HOST_BUILD)/san
SAN_LIB_OBJS := $(patsubst %.c,$(SAN_OBJDIR)/%.o,$(CORE_SRCS) $(HOSTLIB_SRCS) $(UNIT_COMMON))

$(SAN_OBJDIR)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(HOST_CC) $(HOST_WARN) $(SAN_FLAGS) $(HOST_INC) -MMD -MP -c -o $@ $<

$(HOST_BUILD)/unit/%: $(SAN_OBJDIR)/tests/unit/%.o $(SAN_LIB_OBJS)
	@mkdir -p $(@D)
	@$(HOST_CC) $(SAN_FLAGS) -o $@ $^ -lcmocka

.PRECIOUS: $(SAN_OBJDIR)/%.o
-include $(shell find $(SAN_OBJDIR) -name '*.d' 2>/dev/null)

.PHONY: check core-lib unit-build fuzz-smoke fuzz fuzz-corpus bench demo
unit-build: $(UNIT_BINS)

check:
	@$(MAKE) --no-print-directory -j$$(nproc) unit-build
	@tests/unit/run.sh $(UNIT_BINS)

core-lib:
	@mkdir -p $(HOST_BUILD)/freestanding
	@for f in $(CORE_SRCS); do \
		$(HOST_CC) $(HOST_WARN) -ffreestanding -nostdinc \
			-isystem $$($(HOST_CC) -print-file-name=include) \
			-Icommon/include -Icommon -c $$f \
			-o $(HOST_BUILD)/freestanding/$$(basename $$f .c).o || exit 1; \
	done
	@echo "core-lib: common/ builds freestanding ($(words $(CORE_SRCS)) files)"

# ---- fuzzer, benchmark, demo: the core and the host library in one binary
FUZZ_BIN     := $(BUILD)/fuzz/fuzz_mediator
BENCH_BIN    := $(BUILD)/bench/bench_core
DEMO_BIN     := $(BUILD)/demo/vscmi_demo

$(FUZZ_BIN): tests/fuzz/fuzz_mediator.c $(HOST_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(FUZZ_CC) $(HOST_WARN) -g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all $(HOST_INC) -o $@ $< $(CORE_SRCS) $(HOSTLIB_SRCS)

$(BENCH_BIN): tests/bench/bench_core.c $(HOST_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(HOST_CC) $(HOST_WARN) -O2 -g $(HOST_INC) -o $@ $< $(CORE_SRCS) $(HOSTLIB_SRCS)

$(DEMO_BIN): tests/demo/demo.c $(HOST_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(HOST_CC) $(HOST_WARN) -O1 -g $(HOST_INC) -o $@ $< $(CORE_SRCS) $(HOSTLIB_SRCS)

fuzz-smoke: $(FUZZ_BIN)
	@tests/fuzz/run.sh $(FUZZ_BIN) 60 $(BUILD)/fuzz/smoke fresh

fuzz: $(FUZZ_BIN)
	@tests/fuzz/run.sh $(FUZZ_BIN) $(FUZZ_SECONDS) $(BUILD)/fuzz/long

fuzz-corpus:
	@python3 tests/fuzz/gen_corpus.py tests/fuzz/corpus

bench: $(BENCH_BIN)
	@tests/bench/run.sh $(BENCH_BIN) $(BUILD)/bench

demo: $(DEMO_BIN)
	@$(DEMO_BIN)

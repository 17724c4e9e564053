# SPDX-License-Identifier: MIT
#
# Tooling around the mediator core: fuzzing, benchmarks, host demo.
#   make fuzz-smoke             60 s of libFuzzer from the seed corpus
#   make fuzz FUZZ_SECONDS=N    N s, corpus kept in build/fuzz/corpus
#   make bench                  callgrind instruction counts -> build/bench/core.txt
#   make demo                   two domains through the mediator to simfw

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 600
TOOLS_CORE   := $(sort $(wildcard common/*.c))
TOOLS_INC    := -Icommon/include -Icommon -Itests/host
TOOLS_WARN   := -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
                -Wmissing-prototypes -Wshadow -Wvla
TOOLS_DEPS   := $(TOOLS_CORE) tests/host/simfw.c tests/host/agent.c \
                $(wildcard common/*.h common/include/vscmi/*.h tests/host/*.h)

FUZZ_BIN     := $(BUILD)/fuzz/fuzz_mediator
BENCH_BIN    := $(BUILD)/bench/bench_core
DEMO_BIN     := $(BUILD)/demo/vscmi_demo

.PHONY: fuzz-smoke fuzz bench demo fuzz-corpus

$(FUZZ_BIN): tests/fuzz/fuzz_mediator.c $(TOOLS_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(FUZZ_CC) $(TOOLS_WARN) -g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all $(TOOLS_INC) -o $@ $< $(TOOLS_CORE) \
		tests/host/simfw.c

fuzz-smoke: deps $(FUZZ_BIN)
	@tests/fuzz/run.sh $(FUZZ_BIN) 60 $(BUILD)/fuzz/smoke fresh

fuzz: deps $(FUZZ_BIN)
	@tests/fuzz/run.sh $(FUZZ_BIN) $(FUZZ_SECONDS) $(BUILD)/fuzz/long

# Regenerate the checked-in seed corpus (deterministic).
fuzz-corpus:
	@python3 tests/fuzz/gen_corpus.py tests/fuzz/corpus

$(BENCH_BIN): tests/bench/bench_core.c $(TOOLS_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(HOST_CC) $(TOOLS_WARN) -O2 -g $(TOOLS_INC) -o $@ $< $(TOOLS_CORE) \
		tests/host/simfw.c

bench: deps $(BENCH_BIN)
	@tests/bench/run.sh $(BENCH_BIN) $(BUILD)/bench

$(DEMO_BIN): tools/demo/demo.c $(TOOLS_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(HOST_CC) $(TOOLS_WARN) -O1 -g $(TOOLS_INC) -o $@ $< $(TOOLS_CORE) \
		tests/host/simfw.c tests/host/agent.c

demo: deps $(DEMO_BIN)
	@$(DEMO_BIN)

# concbench-trace - build, test, demo, bench, install.
# As root (or prefix with sudo):  make demo   |   make test
SHELL    := /bin/bash
PREFIX   ?= /usr/local
BUILD    := build
ARCH     := $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/aarch64/arm64/')
CC       ?= cc
CLANG    ?= clang
BPFTOOL  ?= bpftool
VERSION  := 0.1.0

DEB_PKGS := build-essential clang libbpf-dev bpftool libelf-dev zlib1g-dev libcmocka-dev \
            pkg-config linux-libc-dev python3 procps util-linux
# Only the tests need these: a headless browser renders the HTML report (test_e2e_html).
TEST_PKGS := chromium

CFLAGS   ?= -O2 -g
# Our flags come after the user's (make CFLAGS=-O0 keeps them); LDFLAGS is honoured.
override CFLAGS += -std=gnu11 -Wall -Wextra -D_GNU_SOURCE -DCBT_VERSION=\"$(VERSION)\" \
            -DCBT_DATADIR=\"$(PREFIX)/share/concbench-trace\" -Iinclude -Isrc -I$(BUILD) \
            -MMD -MP
LDLIBS   += $(shell pkg-config --libs libbpf 2>/dev/null || echo -lbpf) -lelf -lz -lpthread -lm

# src/<part>/*.c -> build/obj/<part>/*.o; headers are tracked by -MMD (build/obj/**/*.d).
SRCS     := $(wildcard src/*.c src/*/*.c)
ASMS     := $(wildcard src/*/*.S)
OBJS     := $(SRCS:src/%.c=$(BUILD)/obj/%.o) $(ASMS:src/%.S=$(BUILD)/obj/%.o) \
            $(BUILD)/obj/syscall_names.o
LIBOBJS  := $(filter-out $(BUILD)/obj/main.o,$(OBJS))
BPFSRCS  := $(wildcard bpf/*.bpf.c)
SKELS    := $(BPFSRCS:bpf/%.bpf.c=$(BUILD)/%.skel.h)
TESTS    := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
BIN      := $(BUILD)/concbench-trace

.PHONY: all deps test-deps install-pkgs demo test unit-test e2e-test bench install clean format check-arrows \
        asan-build fuzz
all: $(BIN)

# Installs the Debian packages the build and the tests need (idempotent; needs root).
deps:
	@$(MAKE) --no-print-directory install-pkgs PKGS="$(DEB_PKGS)"

test-deps: deps
	@$(MAKE) --no-print-directory install-pkgs PKGS="$(TEST_PKGS)"

install-pkgs:
	@missing=""; for p in $(PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

$(BUILD):
	mkdir -p $(BUILD) $(BUILD)/tests

$(BUILD)/vmlinux.h: | $(BUILD)
	$(BPFTOOL) btf dump file /sys/kernel/btf/vmlinux format c > $@.tmp && mv $@.tmp $@

$(BUILD)/%.bpf.o: bpf/%.bpf.c bpf/*.h include/*.h $(BUILD)/vmlinux.h
	$(CLANG) -g -O2 -target bpf -D__TARGET_ARCH_$(ARCH) -Iinclude -I$(BUILD) -c $< -o $@

$(BUILD)/%.skel.h: $(BUILD)/%.bpf.o
	$(BPFTOOL) gen skeleton $< > $@.tmp && mv $@.tmp $@

# The syscall name table comes from the kernel's own table for this architecture (asm/unistd).
$(BUILD)/syscall_names.c: tools/gen_syscall_names.sh | $(BUILD)
	sh tools/gen_syscall_names.sh > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/syscall_names.o: $(BUILD)/syscall_names.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

# Every object waits for the skeletons (generated headers); -MMD then records what it includes.
$(BUILD)/obj/%.o: src/%.c $(SKELS) | $(BUILD)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: src/%.S | $(BUILD)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(BIN): $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/%.c $(LIBOBJS) $(BIN)
	$(CC) $(CFLAGS) -Itests $(LDFLAGS) -o $@ $< $(LIBOBJS) $(LDLIBS) -lcmocka

# The parts include each other one way only (docs/architecture.md); a wrong-way include fails.
check-arrows:
	@sh tools/check_arrows.sh

# The whole suite: the include arrows, unit tests, then end-to-end tests against the real binary.
test: test-deps check-arrows
	$(MAKE) --no-print-directory all $(TESTS)
	$(MAKE) --no-print-directory asan-build
	sh tools/check_manual.sh $(BIN)
	@fail=0; log=$$(mktemp); \
	for t in $(TESTS); do echo "== $$t"; CBT_BIN=$(abspath $(BIN)) $$t 2>&1 | tee -a $$log; \
		[ $${PIPESTATUS[0]:-0} -eq 0 ] || fail=1; done; \
	$(ASAN_RUN) \
	p=$$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' $$log | awk '{s+=$$1} END {print s+0}'); \
	f=$$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' $$log | awk '{s+=$$1} END {print s+0}'); \
	rm -f $$log; echo "tests: $$p passed, $$f failed"; \
	if [ $$fail -ne 0 ]; then echo "SOME TESTS FAILED"; exit 1; fi; echo "ALL TESTS PASSED"

# --- Sanitizers ---------------------------------------------------------------------------
# make test runs the tests a second time against a tree built with ASan + UBSan (build/asan:
# the tool, its objects and the test binaries; the BPF objects are built as always, they are
# not C the sanitizers can see). Every sanitizer report of every process (the tool, run
# leaders, tasks) goes to a file in build/asan/reports; one report fails the suite.
ASAN_BUILD   := $(BUILD)/asan
ASAN_CFLAGS  := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined \
                -fno-omit-frame-pointer
ASAN_LDFLAGS := -fsanitize=address,undefined
# Every test, unit and end-to-end. The three once skipped here (their assertions broke under the
# sanitizers' slowdown) now assert what holds at any speed: test_tracer compares the spinning
# leader with perf while it is alive (perf's task clock stops before an exiting task frees its
# memory, larger under ASan) and bounds run-queue waits by the kernel's record at the final
# switch-out; test_e2e_matrix and test_answer say in their comments what load changes.
ASAN_SKIP    :=
ASAN_TESTS   ?= $(filter-out $(ASAN_SKIP),$(notdir $(TESTS)))
ASAN_REPORTS := $(abspath $(ASAN_BUILD))/reports
ASAN_RUN     = rm -rf $(ASAN_REPORTS); mkdir -p $(ASAN_REPORTS); \
	for t in $(ASAN_TESTS); do echo "== asan $$t"; \
		ASAN_OPTIONS=log_path=$(ASAN_REPORTS)/asan:detect_leaks=1 \
		UBSAN_OPTIONS=log_path=$(ASAN_REPORTS)/ubsan:print_stacktrace=1 \
		CBT_PYTHON_SCRIPT=$(abspath examples/python/cbt_bench.py) CBT_SANITIZED=address,undefined \
		CBT_BIN=$(abspath $(ASAN_BUILD))/concbench-trace $(ASAN_BUILD)/tests/$$t 2>&1 | \
		tee -a $$log; [ $${PIPESTATUS[0]:-0} -eq 0 ] || fail=1; done; \
	if [ -n "$$(ls -A $(ASAN_REPORTS))" ]; then cat $(ASAN_REPORTS)/*; \
		echo "[  FAILED  ] 1 test(s): sanitizer reports in $(ASAN_REPORTS)" | tee -a $$log; \
		fail=1; fi;

asan-build:
	$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) CFLAGS="$(ASAN_CFLAGS)" \
		LDFLAGS="$(ASAN_LDFLAGS)" all $(addprefix $(ASAN_BUILD)/tests/,$(ASAN_TESTS))

# --- Fuzzing ------------------------------------------------------------------------------
# libFuzzer harnesses: fuzz_cli (the command-line parser) and fuzz_json (a saved document read
# back by compare). make fuzz FUZZ_SECONDS=N runs each for N seconds. The committed seeds are in
# fuzz/corpus/NAME (read only); what the fuzzer finds goes to build/fuzz/corpus/NAME.
FUZZ_SECONDS ?= 60
FUZZERS      := cli json
FUZZ_SRCS    := $(filter-out src/main.c,$(SRCS)) $(ASMS) $(BUILD)/syscall_names.c
FUZZ_FLAGS   := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
                -std=gnu11 -Wall -Wextra -D_GNU_SOURCE -DCBT_VERSION=\"$(VERSION)\" \
                -DCBT_DATADIR=\"$(PREFIX)/share/concbench-trace\" -Iinclude -Isrc -I$(BUILD)

$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_SRCS) $(SKELS)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_SRCS) $(LDLIBS)

fuzz: $(FUZZERS:%=$(BUILD)/fuzz/fuzz_%)
	@for f in $(FUZZERS); do mkdir -p $(BUILD)/fuzz/corpus/$$f; echo "== fuzz_$$f"; \
		$(BUILD)/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			$(BUILD)/fuzz/corpus/$$f fuzz/corpus/$$f 2>&1 | \
			grep -E '^(Done|stat::number_of_executed_units|==[0-9]+==|SUMMARY)' ; \
		[ $${PIPESTATUS[0]} -eq 0 ] || exit 1; done

# The main job: why is a loop of sleep(0) slow under threads and not under processes?
# Natively, behind an emulated interpreter lock, and on real CPython; 1/5 of the seeds'
# iterations so it takes about two minutes (drop --iterations for the full size).
DEMO_ARGS ?= --workload yield-loop --runtime c,python \
             --backend serial,threads,gil-threads,processes,coroutines --iterations 2000
demo: deps
	$(MAKE) --no-print-directory all
	$(BIN) $(DEMO_ARGS)

# The anchors (perf sched record, bpftrace) are installed when missing; the bench runs without them.
bench: deps
	@for p in bpftrace linux-perf; do dpkg -s $$p >/dev/null 2>&1 || \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$p || true; done
	$(MAKE) --no-print-directory all
	bash tools/bench.sh $(BIN)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/concbench-trace/docs
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/concbench-trace
	install -m 0644 docs/*.md README.md $(DESTDIR)$(PREFIX)/share/concbench-trace/docs/
	install -d $(DESTDIR)$(PREFIX)/share/concbench-trace/python
	install -m 0644 examples/python/cbt_bench.py $(DESTDIR)$(PREFIX)/share/concbench-trace/python/
	install -d $(DESTDIR)$(PREFIX)/share/man/man8 $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 0644 docs/concbench-trace.8 $(DESTDIR)$(PREFIX)/share/man/man8/
	install -m 0644 tools/completion/concbench-trace \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/concbench-trace

format:
	clang-format -i src/*.c src/*/*.c src/*/*.h include/*.h bpf/*.bpf.c tests/*.c tests/*.h fuzz/*.c

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name "*.d" 2>/dev/null)

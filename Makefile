# factcheck -- build, test, demo, bench, install.
#
#   make          build build/factcheck and build/libfactcheck.a
#   make test     install missing Debian packages (as root), build, run all tests
#   make demo     build and run factcheck on the sample corpus in facts/
#   make asan     run the tests under AddressSanitizer and UBSan
#   make hostile  the catalogue of bad input (FC_HOSTILE_BIG=1: full size)
#   make stress   kills during a load, concurrent loads and checks, full size
#   make bench    benchmarks, each beside a baseline measured in the same run
#   make fuzz     libFuzzer targets, FUZZ_SECONDS each (default 60)
#   make valgrind the end-to-end cases under valgrind's memcheck
#   make install  PREFIX=/usr/local (DESTDIR honoured)
#   make clean

CC      ?= cc
PREFIX  ?= /usr/local
BUILD   ?= build
PKGS     = jansson sqlite3 libpcre2-8
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wpointer-arith -Wformat=2 -Wvla
OPT     ?= -O2 -g
# Lazily expanded, so that 'make test' can install pkg-config first.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lstemmer -lm
CMOCKA_LIBS = $(shell pkg-config --libs cmocka)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(OPT) $(PKG_CFLAGS) \
             -Iengine -DFC_DATADIR='"$(PREFIX)/share/factcheck"' $(CFLAGS) $(EXTRA_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

LIB_SRC = $(filter-out engine/cli%.c,$(wildcard engine/*.c))
CLI_SRC = $(wildcard engine/cli*.c)
LIB_OBJ = $(LIB_SRC:engine/%.c=$(BUILD)/obj/%.o)
CLI_OBJ = $(CLI_SRC:engine/%.c=$(BUILD)/obj/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC = $(wildcard bench/*.c)
BENCH_BIN = $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

.PHONY: all deps test check unit e2e hostile stress stress-check demo asan \
        bench install \
        uninstall clean install-check \
        eval seeds seeds-check reports-check browser-check \
        fuzz fuzz-build valgrind

all: $(BUILD)/factcheck

deps:
	@sh tools/deps.sh

# Quiet by default; 'make V=1' shows the commands.
Q = $(if $(V),,@)

$(BUILD)/obj/%.o: engine/%.c
	@mkdir -p $(@D)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libfactcheck.a: $(LIB_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(BUILD)/factcheck: $(CLI_OBJ) $(BUILD)/libfactcheck.a
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libfactcheck.a $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libfactcheck.a
	@mkdir -p $(@D)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes $(shell pkg-config --cflags cmocka) \
	    -MMD -MP $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libfactcheck.a $(PKG_LIBS) $(CMOCKA_LIBS)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libfactcheck.a
	@mkdir -p $(@D)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libfactcheck.a $(PKG_LIBS)

$(BUILD)/eval: tests/eval/eval.c $(BUILD)/libfactcheck.a
	@mkdir -p $(@D)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libfactcheck.a $(PKG_LIBS)

$(BUILD)/checkeval: tests/eval/checkeval.c $(BUILD)/libfactcheck.a
	@mkdir -p $(@D)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libfactcheck.a $(PKG_LIBS)

SEEDS_DIR ?= ../shared/seeds

# Extraction accuracy: precision and recall per field against hand-made gold
# files (tests/eval/README.md).  Fails when the seeds or the real-text set
# miss their targets.  'make check' scores the real-text set with
# REALTEXT_MODE=--report-only: its misses are printed, not fatal, until the
# extractor reaches them.
SEED_TARGETS = --target value=0.97 --target unit=0.97 --target metric=0.9 \
	--target basis=0.9 --target period=0.9 --target status=0.9
REALTEXT_DIR ?= ../shared/realtext
REALTEXT_TARGETS = --target value=0.97 --target unit=0.97 --target role=0.9 \
	--target period=0.9 --target pairs.precision=0.95 --target pairs.recall=0.85
# The check on real text: pairs of real-text figures that must be flagged,
# and pairs that must not be errors (tests/eval/realtext.findings.json),
# checked together with the seeds.
CHECK_TARGETS = --target found=0.90 --target precision=0.95 \
	--target wrong_errors=0

eval: $(BUILD)/eval $(BUILD)/checkeval
	@$(BUILD)/eval seeds facts/seeds/manifest.json $(SEEDS_DIR) \
	    tests/eval/seeds.gold.jsonl rules $(SEED_TARGETS)
	@$(BUILD)/eval unseen tests/eval/unseen/manifest.json tests/eval/unseen \
	    tests/eval/unseen/unseen.gold.jsonl rules
	@$(BUILD)/eval unseen2 tests/eval/unseen2/manifest.json tests/eval/unseen2 \
	    tests/eval/unseen2/unseen2.gold.jsonl rules
	@$(BUILD)/eval realtext $(REALTEXT_DIR)/manifest.json $(REALTEXT_DIR) \
	    tests/eval/realtext.gold.jsonl rules $(REALTEXT_TARGETS) $(REALTEXT_MODE)
	@$(BUILD)/checkeval tests/eval/realtext.findings.json rules \
	    $(REALTEXT_DIR)/manifest.json $(REALTEXT_DIR) tests/eval/realtext.gold.jsonl \
	    facts/seeds/manifest.json $(SEEDS_DIR) tests/eval/seeds.gold.jsonl \
	    $(CHECK_TARGETS) $(REALTEXT_MODE)
	@$(BUILD)/eval sample facts/sample/manifest.json facts/sample \
	    facts/sample/facts.jsonl rules

# The seed dataset: facts/seeds/facts.jsonl is what extraction makes of the
# seeds; 'make seeds' regenerates it, 'make test' compares it.
seeds: $(BUILD)/factcheck
	$(BUILD)/factcheck extract --manifest facts/seeds/manifest.json \
	    --docs $(SEEDS_DIR) -o facts/seeds/facts.jsonl

seeds-check: $(BUILD)/factcheck
	@$(BUILD)/factcheck extract --manifest facts/seeds/manifest.json \
	    --docs $(SEEDS_DIR) -o $(BUILD)/seeds.jsonl
	@if diff -u facts/seeds/facts.jsonl $(BUILD)/seeds.jsonl > $(BUILD)/seeds.diff; then \
	    echo "seeds: facts/seeds/facts.jsonl is what extraction makes of the seeds"; \
	else \
	    head -60 $(BUILD)/seeds.diff; \
	    echo "seeds: extraction changed; review the diff and run 'make seeds'"; \
	    exit 1; \
	fi

# The README's commands install what is missing, then recurse so that
# pkg-config answers with the packages in place.
test:
	@sh tools/deps.sh
	@$(MAKE) --no-print-directory check

check: $(BUILD)/factcheck $(UNIT_BIN) $(BUILD)/eval
	@$(MAKE) --no-print-directory unit e2e hostile stress-check seeds-check \
	    reports-check browser-check install-check
	@$(MAKE) --no-print-directory eval REALTEXT_MODE=--report-only

# The JSON and SARIF reports validated against their schemas.
reports-check: $(BUILD)/factcheck
	@FACTCHECK=$(BUILD)/factcheck sh tests/reports/validate.sh

# The HTML report opened in headless Chromium (installed when missing).
browser-check: $(BUILD)/factcheck
	@sh tests/browser/run.sh $(BUILD)/factcheck

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

e2e: $(BUILD)/factcheck
	@FACTCHECK=$(BUILD)/factcheck sh tests/e2e/run.sh

# The catalogue of hostile input: every front end fed malformed, huge,
# binary or impossible input must exit 2 with a positioned message and
# leave the database as it was.  FC_HOSTILE_BIG=1 makes its long lines
# 200 MB instead of 2 MB.
hostile: $(BUILD)/factcheck
	@FACTCHECK=$(BUILD)/factcheck sh tests/hostile/run.sh

# Kills during a load and concurrent loads and checks (tests/stress):
# scaled down in make check; 'make stress' runs them at full size.
stress-check: $(BUILD)/factcheck
	@FACTCHECK=$(BUILD)/factcheck sh tests/stress/run.sh

stress: $(BUILD)/factcheck
	@FC_STRESS_FULL=1 FACTCHECK=$(BUILD)/factcheck sh tests/stress/run.sh

demo:
	@sh tools/deps.sh
	@$(MAKE) --no-print-directory $(BUILD)/factcheck
	@sh tools/demo.sh $(BUILD)/factcheck

asan:
	@sh tools/deps.sh
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	    EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	    EXTRA_LDFLAGS="-fsanitize=address,undefined" check

# Fuzzing: the library built with clang under libFuzzer's coverage,
# AddressSanitizer and UBSan into build-fuzz/, one target per reader
# (tests/fuzz/fuzz_*.c), each run FUZZ_SECONDS on seeds made from the
# tests (tests/fuzz/seeds.sh).  Fails when a target crashes, leaks or hangs.
# clang's -Wformat=2 also flags the va_list formatters gcc accepts, hence
# -Wno-format-nonliteral there.
FUZZ_SECONDS ?= 60
FUZZ_BUILD ?= build-fuzz
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)

fuzz:
	@sh tools/deps.sh
	@sh tools/fuzz-deps.sh
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang \
	    OPT="-O1 -g -fno-omit-frame-pointer" \
	    EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -Wno-format-nonliteral" \
	    fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

fuzz-build: $(FUZZ_BIN)

$(BUILD)/fuzz/fuzz.o: tests/fuzz/fuzz.c tests/fuzz/fuzz.h
	@mkdir -p $(@D)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h engine/factcheck.h \
	    $(BUILD)/fuzz/fuzz.o $(BUILD)/libfactcheck.a
	@mkdir -p $(@D)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(ALL_LDFLAGS) -o $@ $< \
	    $(BUILD)/fuzz/fuzz.o $(BUILD)/libfactcheck.a $(PKG_LIBS)

# The end-to-end cases with every command run under valgrind's memcheck:
# any error, or a leak of definitely lost memory, fails its case.  Memcheck
# flags jumps inside the code PCRE2's JIT compiles (Debian's PCRE2 is built
# without its valgrind support), in frames that belong to no object file;
# those, and only those (obj:???), are suppressed.
valgrind: $(BUILD)/factcheck
	@command -v valgrind >/dev/null || { echo "valgrind: not installed; run: apt-get install -y valgrind" >&2; exit 1; }
	@mkdir -p $(BUILD)/valgrind
	@printf '%s\n' '{' '   pcre2-jit-code' '   Memcheck:Cond' '   obj:???' '}' \
	    '{' '   pcre2-jit-code-value' '   Memcheck:Value8' '   obj:???' '}' \
	    > $(BUILD)/valgrind/pcre2-jit.supp
	@printf '%s\n' '#!/bin/sh' \
	    'exec valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite -q --suppressions="$$FC_VALGRIND_SUPP" "$$FC_VALGRIND_BIN" "$$@"' \
	    > $(BUILD)/valgrind/factcheck
	@chmod +x $(BUILD)/valgrind/factcheck
	@FC_VALGRIND_BIN=$(CURDIR)/$(BUILD)/factcheck \
	    FC_VALGRIND_SUPP=$(CURDIR)/$(BUILD)/valgrind/pcre2-jit.supp \
	    FACTCHECK=$(BUILD)/valgrind/factcheck sh tests/e2e/run.sh

bench:
	@sh tools/deps.sh
	@$(MAKE) --no-print-directory $(BUILD)/factcheck $(BENCH_BIN)
	@sh bench/run.sh $(BUILD)

# The man page and the bash completion come from the option tables that
# --help prints, so they cannot drift from it.
$(BUILD)/factcheck.1: $(BUILD)/factcheck
	$(Q)$(BUILD)/factcheck help --man > $@.tmp && mv $@.tmp $@

$(BUILD)/factcheck.bash: $(BUILD)/factcheck
	$(Q)$(BUILD)/factcheck help --completion > $@.tmp && mv $@.tmp $@

$(BUILD)/factcheck.pc: Makefile engine/factcheck.h
	$(Q)v=$$(sed -n 's/^#define FC_VERSION "\(.*\)"/\1/p' engine/factcheck.h); \
	printf '%s\n' "prefix=$(PREFIX)" 'libdir=$${prefix}/lib' \
	    'includedir=$${prefix}/include' '' 'Name: factcheck' \
	    'Description: a fact-checking consistency engine' "Version: $$v" \
	    'Requires.private: $(PKGS)' 'Libs: -L$${libdir} -lfactcheck' \
	    'Libs.private: -lstemmer -lm' 'Cflags: -I$${includedir}' > $@

install: $(BUILD)/factcheck $(BUILD)/factcheck.1 $(BUILD)/factcheck.bash \
	    $(BUILD)/factcheck.pc
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib \
	    $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/factcheck/rules \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(BUILD)/factcheck $(DESTDIR)$(PREFIX)/bin/factcheck
	install -m 644 $(BUILD)/libfactcheck.a $(DESTDIR)$(PREFIX)/lib/libfactcheck.a
	install -m 644 engine/factcheck.h $(DESTDIR)$(PREFIX)/include/factcheck.h
	install -m 644 $(BUILD)/factcheck.1 $(DESTDIR)$(PREFIX)/share/man/man1/factcheck.1
	install -m 644 $(BUILD)/factcheck.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/factcheck.pc
	install -m 644 $(BUILD)/factcheck.bash \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/factcheck
	cp -R rules/. $(DESTDIR)$(PREFIX)/share/factcheck/rules/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/factcheck $(DESTDIR)$(PREFIX)/lib/libfactcheck.a \
	    $(DESTDIR)$(PREFIX)/include/factcheck.h \
	    $(DESTDIR)$(PREFIX)/share/man/man1/factcheck.1 \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig/factcheck.pc \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/factcheck
	rm -rf $(DESTDIR)$(PREFIX)/share/factcheck

# make install and make uninstall into a scratch DESTDIR: every file in
# place, the installed command finds its rules, pkg-config knows the
# library, and nothing is left behind.
install-check: $(BUILD)/factcheck
	@sh tests/install/check.sh $(MAKE) $(BUILD)

clean:
	rm -rf build build-asan

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/tests/*.d $(BUILD)/bench/*.d)

# boardpack — see README.md. `make` installs what is missing, builds and
# renders the sample packs into out/; `make check` runs every test.

SHELL := /bin/bash
CC ?= cc
BUILD ?= build
PKG_MODULES := libxml-2.0 cairo pangocairo pango fontconfig libqpdf zlib
OPT ?= -O2
CFLAGS_BASE := -std=c17 -g -Wall -Wextra -Werror -Wshadow -Wvla -D_GNU_SOURCE
EXTRA_CFLAGS ?=
EXTRA_LDFLAGS ?=

# Everything that needs the system packages runs in a sub-make started after
# tools/install-deps.sh, so pkg-config is only asked once they are there.
.PHONY: all deps build samples check test build-asan build-valgrind asan leakcheck fuzz format \
	schema clean bench install install-only

all: deps
	@$(MAKE) --no-print-directory build samples

deps:
	@tools/install-deps.sh

JOBS := $(shell nproc 2>/dev/null || echo 2)

check: deps
	@$(MAKE) --no-print-directory -j$(JOBS) build
	@tests/check-all.sh

# The plain suite only: what to run while working.
test: deps
	@$(MAKE) --no-print-directory -j$(JOBS) build
	@tests/run.sh

ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
build-asan:
	@$(MAKE) --no-print-directory -j$(JOBS) build BUILD=build/asan OPT=-O1 \
	  EXTRA_CFLAGS="$(ASAN_FLAGS)" EXTRA_LDFLAGS="-fsanitize=address,undefined"

build-valgrind:
	@$(MAKE) --no-print-directory -j$(JOBS) build BUILD=build/valgrind OPT=-O1

# fast_unwind keeps the suite quick; allocations made inside cairo cannot be
# traced back through it then, so tests/lsan.supp leaves cairo's to
# valgrind, which unwinds fully.
asan: deps
	@$(MAKE) --no-print-directory build-asan
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  BOARDPACK_BUILD=build/asan tests/run.sh

leakcheck: deps
	@$(MAKE) --no-print-directory build-valgrind
	@BOARDPACK_BUILD=build/valgrind \
	  BOARDPACK_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --suppressions=$(CURDIR)/tests/valgrind.supp" \
	  tests/run.sh

# Times and memory of builds of the sample plans and of generated plans of
# 100 to 10,000 actions, as a table (tools/bench.sh; docs/performance.md).
bench: deps
	@$(MAKE) --no-print-directory build
	@tools/bench.sh

format:
	@clang-format -i $$(find src tests tools -name '*.[ch]')

# docs/plan.rng is generated from docs/plan.rnc (needs trang) and committed.
schema:
	trang -I rnc -O rng docs/plan.rnc docs/plan.rng

clean:
	rm -rf build boardpack out/*

ifneq ($(filter build samples install install-only bench,$(MAKECMDGOALS)),)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKG_MODULES))
PKG_LIBS := $(shell pkg-config --libs $(PKG_MODULES))
endif

ALL_CFLAGS = $(CFLAGS_BASE) $(OPT) $(EXTRA_CFLAGS) $(CFLAGS) -Isrc -I$(BUILD)/gen $(PKG_CFLAGS)
LIBS = $(PKG_LIBS) -lm

SRCS := $(shell find src -name '*.c' | LC_ALL=C sort)
LIB_SRCS := $(filter-out src/main.c,$(SRCS))
GEN_SRCS := $(BUILD)/gen/embedded.c
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
UNIT_SRCS := $(shell find tests/unit -name 'test_*.c' 2>/dev/null | LC_ALL=C sort)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
EMBEDDED := docs/plan.rng docs/template.rng $(wildcard templates/*.xml) $(wildcard src/*/*.rng)

build: boardpack-bin $(UNIT_BINS) $(BUILD)/tools/genplan $(BUILD)/tests/faultinject.so

boardpack-bin: $(BUILD)/boardpack
	@if [ "$(BUILD)" = build ]; then cp -f $(BUILD)/boardpack boardpack; fi

$(BUILD)/boardpack: $(BUILD)/src/main.o $(BUILD)/libboardpack.a
	@echo "  LINK    $@"
	@$(CC) $(EXTRA_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/libboardpack.a: $(LIB_OBJS)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/gen/embedded.c: $(BUILD)/tools/embed $(EMBEDDED)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $(EMBEDDED) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/tools/genplan: tools/genplan.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(OPT) -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libboardpack.a $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) -Itests/unit $(EXTRA_LDFLAGS) -o $@ $< $(BUILD)/libboardpack.a $(LIBS)

SAMPLE_PLANS := $(wildcard sample-plans/*.xml)
SAMPLE_TEMPLATES := improvement-board,cabinet-appendix,ofsted-evidence,lead-updates
samples: boardpack-bin
	@mkdir -p out
	./boardpack build -q -o out --template $(SAMPLE_TEMPLATES) $(SAMPLE_PLANS)

# make install PREFIX=DIR: the binary, its templates, fonts and man page.
# The installed binary finds DIR/share/boardpack/{templates,fonts} from its
# own place. install-only copies what an earlier build made.
PREFIX ?= /usr/local
DESTDIR ?=
install: deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory install-only
install-only:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/boardpack/templates \
	  $(DESTDIR)$(PREFIX)/share/boardpack/fonts $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/boardpack $(DESTDIR)$(PREFIX)/bin/boardpack
	install -m 644 templates/*.xml $(DESTDIR)$(PREFIX)/share/boardpack/templates/
	install -m 644 fonts/*.ttf fonts/fonts.conf fonts/LICENSE* $(DESTDIR)$(PREFIX)/share/boardpack/fonts/
	install -m 644 doc/boardpack.1 $(DESTDIR)$(PREFIX)/share/man/man1/boardpack.1

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# ---- fuzzing (clang's libFuzzer) ---------------------------------------
FUZZ_SECONDS ?= 60
FUZZ_BUILD := build/fuzz
fuzz: deps
	@$(MAKE) --no-print-directory $(FUZZ_BUILD)/fuzz_plan
	@mkdir -p $(FUZZ_BUILD)/corpus
	@cp -n sample-plans/*.xml tests/bad/*.xml $(FUZZ_BUILD)/corpus/ 2>/dev/null || true
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp $(FUZZ_BUILD)/fuzz_plan -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048 \
	  -timeout=10 -artifact_prefix=$(FUZZ_BUILD)/ $(FUZZ_BUILD)/corpus tests/fuzz/regressions

FUZZ_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
$(FUZZ_BUILD)/fuzz_plan: tests/fuzz/fuzz_plan.c $(SRCS) $(EMBEDDED) tools/embed.c
	@$(MAKE) --no-print-directory $(FUZZ_BUILD)/libboardpack.a BUILD=$(FUZZ_BUILD) CC=clang OPT=-O1 \
	  EXTRA_CFLAGS="$(FUZZ_FLAGS)" PKG_CFLAGS="$$(pkg-config --cflags $(PKG_MODULES))"
	clang $(CFLAGS_BASE) -O1 -fsanitize=fuzzer,address,undefined -Isrc $$(pkg-config --cflags $(PKG_MODULES)) \
	  -o $@ tests/fuzz/fuzz_plan.c $(FUZZ_BUILD)/libboardpack.a $$(pkg-config --libs $(PKG_MODULES)) -lm

$(BUILD)/tests/faultinject.so: tests/faultinject.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -g -Wall -Wextra -Werror -fPIC -shared -o $@ $< -ldl

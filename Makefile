# socklab - build, run, test, install.
#
#   make              build everything into build/
#   make run          install missing Debian packages, build, open lab 1 in the viewer
#   make test         install missing Debian packages, build, run the whole suite
#   make check        the suite again, built with AddressSanitizer + UBSan
#   make bench        socklab against strace, tcpdump and jq, measured in one run
#   make fuzz         the fuzz targets, FUZZ_SECONDS each
#   make format       lay every C file out with clang-format (format-check: only say)
#   make install      PREFIX=/usr/local DESTDIR= ; the command, the tracer, labs, man page
#
# The build tree has the layout of an installation, so build/bin/socklab
# finds its tracer and labs exactly as an installed one does:
#   build/bin/socklab
#   build/lib/socklab/libsocklab-preload.so   the call tracer (LD_PRELOAD)
#   build/lib/socklab/labs/NN-name/PROGRAM    the labs' programs
#   build/lib/socklab/grade/PROGRAM           the grader's clients and servers
#   build/share/socklab/labs/NN-name/         the labs' sheets and sources
# Objects and test programs live in build/obj and build/tests.

BUILD      ?= build
# A build folder remembers the flags it was made with (make check writes
# them), so a later `make BUILD=build/san install` builds the same way.
-include $(BUILD)/flags.mk
PREFIX     ?= /usr/local
DESTDIR    ?=
PKG_CONFIG ?= pkg-config
PKGS       := ncursesw libpcap jansson libseccomp
FUZZ_SECONDS ?= 30

# Before building, the libraries of PKGS must be there: on a fresh machine
# one line says which Debian packages are missing and how to get them,
# rather than pkg-config's errors on every compile. The goals that install
# them first (deps, run, test, ...) are not held back; their inner make is.
DEB_ncursesw := libncurses-dev
DEB_libpcap  := libpcap-dev
DEB_jansson  := libjansson-dev
DEB_libseccomp := libseccomp-dev
DEB_libcrypto := libssl-dev
DEB_msgfmt   := gettext
# What the build needs besides socklab's own libraries: libcrypto for lab
# 20's programs, msgfmt for the translations.
BUILD_PKGS   := $(PKGS) libcrypto
NO_PKG_GOALS := deps run test check bench fuzz format format-check clean
ifneq ($(filter-out $(NO_PKG_GOALS),$(or $(MAKECMDGOALS),all)),)
PKG_MISSING := $(shell command -v $(PKG_CONFIG) >/dev/null 2>&1 || echo pkg-config; \
	command -v msgfmt >/dev/null 2>&1 || echo msgfmt; \
	for p in $(BUILD_PKGS); do $(PKG_CONFIG) --exists $$p 2>/dev/null || echo $$p; done)
ifneq ($(PKG_MISSING),)
$(error socklab cannot be built: missing Debian packages $(sort $(foreach p,$(PKG_MISSING),$(or $(DEB_$(p)),$(p)))); `make deps` installs them (`make run` and `make test` do so first))
endif
endif

CFLAGS   ?= -O2 -g
# Flags we always need, whatever CFLAGS the caller gives.
XCFLAGS  := -std=gnu11 -Wall -Wextra -MMD -MP
# Includes name their folder: "session/event.h" (lib/), "viewer/model.h" (.).
CPPFLAGS += -D_GNU_SOURCE -Ilib -I. -I$(BUILD)/gen
# Evaluated when a recipe runs, so `make run` can install pkg-config first.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS))
# The tracer goes into other people's programs: built alone, with only
# UBSan in a sanitizer build (ASan must be the first library a program
# loads, which a preloaded library cannot promise).
PRELOAD_CFLAGS ?= $(CFLAGS)

OBJ := $(BUILD)/obj

# lib/ is folders along the data flow (docs/HACKING.md). What is compiled
# into the tracer is lib/tracer/ and lib/wire/, whose files socklab links
# too: tracer.h's rules hold in both.
LIB_SRC     := $(sort $(shell find lib -name '*.c' ! -path 'lib/tracer/*'))
PRELOAD_SRC := $(wildcard lib/tracer/*.c lib/wire/*.c)
VIEWER_SRC  := $(wildcard viewer/*.c)
CLI_SRC     := $(wildcard cli/*.c)
GRADE_SRC   := $(wildcard grade/*.c)
# The grader's own clients and servers (drivers), each a program.
DRIVER_SRC  := $(wildcard grade/drivers/*.c)
LAB_DIRS    := $(patsubst %/,%,$(sort $(dir $(wildcard labs/[0-9][0-9]-*/LAB.md))))
SCENARIO_SRC := $(wildcard $(addsuffix /scenario.c,$(LAB_DIRS)))
# Every other .c file in a lab's folder is a program of its own.
LAB_PROG_SRC := $(filter-out %/scenario.c,$(wildcard $(addsuffix /*.c,$(LAB_DIRS))))
UNIT_SRC    := $(sort $(shell find tests/unit -name 'test_*.c'))
CONFORM_SRC := $(wildcard tests/conformance/*.c)
TESTPROG_SRC := $(wildcard tests/progs/*.c)
BENCH_SRC   := $(wildcard tests/bench/*.c)

LIB_OBJ      := $(LIB_SRC:%.c=$(OBJ)/%.o)
PRELOAD_OBJ  := $(PRELOAD_SRC:%.c=$(OBJ)/pic/%.o)
SOCKLAB_OBJ  := $(CLI_SRC:%.c=$(OBJ)/%.o) $(VIEWER_SRC:%.c=$(OBJ)/%.o) \
                $(GRADE_SRC:%.c=$(OBJ)/%.o) $(SCENARIO_SRC:%.c=$(OBJ)/%.o) \
                $(OBJ)/gen/labs_table.o

SOCKLAB   := $(BUILD)/bin/socklab
PRELOAD   := $(BUILD)/lib/socklab/libsocklab-preload.so
LIBSOCKLAB := $(OBJ)/libsocklab.a
LAB_PROGS := $(patsubst labs/%.c,$(BUILD)/lib/socklab/labs/%,$(LAB_PROG_SRC))
DRIVERS   := $(patsubst grade/drivers/%.c,$(BUILD)/lib/socklab/grade/%,$(DRIVER_SRC))
LAB_SHARE := $(patsubst labs/%,$(BUILD)/share/socklab/labs/%,$(wildcard $(addsuffix /*,$(LAB_DIRS))))
UNIT_BIN  := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(UNIT_SRC))
CONFORM_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(CONFORM_SRC))
TESTPROG_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TESTPROG_SRC))
BENCH_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(BENCH_SRC))
# Translations: po/LANG.po -> build/share/locale/LANG/LC_MESSAGES/socklab.mo
PO_FILES  := $(wildcard po/*.po)
MO_FILES  := $(patsubst po/%.po,$(BUILD)/share/locale/%/LC_MESSAGES/socklab.mo,$(PO_FILES))
I18N_SRC  := $(sort $(LIB_SRC) $(CLI_SRC) $(VIEWER_SRC) $(GRADE_SRC) $(SCENARIO_SRC) \
		$(wildcard lib/*/*.h lib/*/*/*.h cli/*.h viewer/*.h grade/*.h))

.PHONY: all deps run test check bench fuzz install clean format format-check pot po-update
.DEFAULT_GOAL := all

all: $(SOCKLAB) $(PRELOAD) $(LAB_PROGS) $(LAB_SHARE) $(DRIVERS) $(MO_FILES)

# ---- the two commands of the README ----------------------------------

deps:
	@scripts/install-deps.sh

# Lab 1 in the viewer (on a terminal; without one, its report).
run: deps
	@$(MAKE) --no-print-directory all
	@$(SOCKLAB) run 1

test: deps
	@$(MAKE) --no-print-directory all tests
	@BUILD=$(BUILD) tests/run.sh

tests: all $(UNIT_BIN) $(CONFORM_BIN) $(TESTPROG_BIN) $(BENCH_BIN)

# The same suite with every socklab object built under the sanitizers, in
# a build tree of its own.
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
check: deps
	@mkdir -p build/san
	@printf 'CFLAGS := -O1 -g %s\nLDFLAGS := %s\nPRELOAD_CFLAGS := -O1 -g -fsanitize=undefined\n' \
		"$(SAN)" "$(SAN)" > build/san/flags.mk
	@$(MAKE) --no-print-directory BUILD=build/san tests
	@BUILD=build/san SOCKLAB_SANITIZED=1 tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory all tests
	@BUILD=$(BUILD) scripts/bench.sh

fuzz: deps
	@$(MAKE) --no-print-directory -f scripts/fuzz.mk BUILD=$(BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS)

# ---- socklab itself --------------------------------------------------

$(SOCKLAB): $(SOCKLAB_OBJ) $(LIBSOCKLAB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lpthread -lm

$(LIBSOCKLAB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

# The table of labs: one entry per labs/NN-name/scenario.c, each of which
# defines `const struct lab lab_NN`.
$(BUILD)/gen/labs_table.c: $(SCENARIO_SRC) Makefile scripts/gen-labs-table.sh
	@mkdir -p $(dir $@)
	@scripts/gen-labs-table.sh $(SCENARIO_SRC) > $@

$(OBJ)/gen/labs_table.o: $(BUILD)/gen/labs_table.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

# ---- the call tracer -------------------------------------------------

$(PRELOAD): $(PRELOAD_OBJ)
	@mkdir -p $(dir $@)
	$(CC) -shared -o $@ $^ $(filter -fsanitize=%,$(PRELOAD_CFLAGS)) -ldl -lpthread

$(OBJ)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(PRELOAD_CFLAGS) -fPIC -fvisibility=hidden \
		-fno-stack-protector -c -o $@ $<

# ---- labs and the grader's drivers: plain C programs, built as a student's -

LAB_CFLAGS := -std=gnu11 -Wall -Wextra -O2 -g

$(BUILD)/lib/socklab/labs/%: labs/%.c
	@mkdir -p $(dir $@)
	$(CC) $(LAB_CFLAGS) -o $@ $< -lpthread $(LAB_LIBS)

# Lab 20's file server and client send and check a file's SHA-256 with
# libcrypto (libssl-dev); they alone are linked with it. All three of its
# programs share the protocol's header.
LAB_CRYPTO := $(addprefix $(BUILD)/lib/socklab/labs/20-protocol/,file_server file_client)
$(LAB_CRYPTO): LAB_LIBS += -lcrypto
$(LAB_CRYPTO) $(BUILD)/lib/socklab/labs/20-protocol/liar: labs/20-protocol/proto.h

# Built with ThreadSanitizer, whose report of a data race is what lab 12's
# chat server without its mutex shows (a race that rarely shows otherwise).
LAB_TSAN := $(BUILD)/lib/socklab/labs/12-threads/chat_serv
$(LAB_TSAN): LAB_CFLAGS += -fsanitize=thread

$(BUILD)/share/socklab/labs/%: labs/%
	@mkdir -p $(dir $@)
	cp $< $@

$(BUILD)/lib/socklab/grade/%: grade/drivers/%.c
	@mkdir -p $(dir $@)
	$(CC) $(LAB_CFLAGS) -o $@ $<

# ---- tests -----------------------------------------------------------

# Linked with socklab's objects too, so it is rebuilt when one changes.
UNIT_OBJ := $(filter-out $(OBJ)/cli/main.o,$(SOCKLAB_OBJ))
$(BUILD)/tests/unit/%: tests/unit/%.c $(UNIT_OBJ) $(LIBSOCKLAB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) $(PKG_CFLAGS) $(LDFLAGS) -o $@ $< \
		$(UNIT_OBJ) $(LIBSOCKLAB) $(PKG_LIBS) -lcriterion -lpthread -lm

# Benchmark drivers that use socklab's library directly.
$(BUILD)/tests/bench/%: tests/bench/%.c $(LIBSOCKLAB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) $(PKG_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBSOCKLAB) \
		$(PKG_LIBS) -lpthread -lm

# Small programs the tests trace: built plainly, like a student's.
$(BUILD)/tests/%: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(LAB_CFLAGS) -o $@ $< -lpthread

# ---- formatting: Debian's clang-format, with .clang-format ----------

# Every C file of ours (the fixtures are other people's bytes).
FORMAT_SRC = $(shell git ls-files --cached --others --exclude-standard '*.c' '*.h' 2>/dev/null | grep -v '^tests/fixtures/')

format: deps
	@clang-format -i $(FORMAT_SRC)

# Fails, naming the files and lines, when one is not as clang-format lays
# it out (`make format` fixes them). .ci/run calls it.
format-check: deps
	@clang-format --dry-run --Werror $(FORMAT_SRC)

# ---- translations ----------------------------------------------------

# msgfmt --check refuses a translation whose format directives (%s, %d)
# differ from its message's: a wrong one would crash printf.
$(BUILD)/share/locale/%/LC_MESSAGES/socklab.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# The messages of the sources (_() and N_()), for translators: `make
# po-update` brings every po/LANG.po up to date with them (new messages
# untranslated, changed ones fuzzy), for tests/cmd/i18n.sh to find.
pot:
	@mkdir -p $(BUILD)/po
	xgettext --from-code=UTF-8 --language=C --no-location --keyword=_ --keyword=N_ \
		--keyword=P_:1,2 --add-comments=TRANSLATORS: --package-name=socklab \
		--msgid-bugs-address=socklab -o $(BUILD)/po/socklab.pot $(I18N_SRC)

po-update: pot
	for po in $(PO_FILES); do \
		msgmerge --quiet --update --backup=none $$po $(BUILD)/po/socklab.pot || exit 1; \
	done

# ---- install ---------------------------------------------------------

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/socklab \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(SOCKLAB) $(DESTDIR)$(PREFIX)/bin/socklab
	install -m 644 $(PRELOAD) $(DESTDIR)$(PREFIX)/lib/socklab/
	[ ! -d $(BUILD)/lib/socklab/labs ] || cp -R $(BUILD)/lib/socklab/labs $(DESTDIR)$(PREFIX)/lib/socklab/
	[ ! -d $(BUILD)/lib/socklab/grade ] || cp -R $(BUILD)/lib/socklab/grade $(DESTDIR)$(PREFIX)/lib/socklab/
	install -d $(DESTDIR)$(PREFIX)/share/socklab
	[ ! -d $(BUILD)/share/socklab/labs ] || cp -R $(BUILD)/share/socklab/labs $(DESTDIR)$(PREFIX)/share/socklab/
	install -m 644 docs/socklab.1 $(DESTDIR)$(PREFIX)/share/man/man1/socklab.1
	[ ! -d $(BUILD)/share/locale ] || cp -R $(BUILD)/share/locale $(DESTDIR)$(PREFIX)/share/

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# scripts/fuzz.mk - `make fuzz`: the libFuzzer targets, FUZZ_SECONDS each.
#
#   make fuzz FUZZ_SECONDS=30
#
# Each target is tests/fuzz/fuzz_NAME.c with the library files it reads,
# built with clang under ASan and UBSan, and run from a copy of its seed
# corpus (tests/fuzz/NAME/, committed), so what the fuzzer finds new stays
# in build/. A crash, leak or sanitizer report fails the target and leaves
# the input that caused it in $(BUILD)/fuzz/ (crash-*, leak-*).

BUILD        ?= build
FUZZ_SECONDS ?= 30
FUZZ_CC      ?= clang
FUZZ         := $(BUILD)/fuzz
FUZZ_FLAGS   := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
                -D_GNU_SOURCE -Ilib -I. $(shell pkg-config --cflags jansson libpcap)
FUZZ_LIBS    := $(shell pkg-config --libs jansson libpcap) -lpthread

# Each target and the library files it needs.
decode_SRC  := lib/sources/pkt/decode.c lib/sources/pkt/pktevent.c lib/sources/pkt/tcpseq.c \
               lib/sources/pkt/tcpanalysis.c lib/wire/tcp.c lib/wire/hexbytes.c lib/base/array.c \
               lib/base/strpool.c lib/base/ptrmap.c
session_SRC := lib/session/session.c lib/session/event.c lib/session/event_jansson.c \
               lib/session/evstore.c lib/session/evfields.c lib/session/describe.c \
               lib/base/errmsg.c \
               lib/session/sessionfile.c lib/base/array.c lib/base/jscan.c \
               lib/base/jscan_read.c lib/base/jobj.c lib/wire/tcp.c lib/base/strpool.c \
               lib/base/text.c
record_SRC  := lib/base/jscan.c lib/base/jscan_read.c
names_SRC   :=
text_SRC    := lib/base/text.c
ring_SRC    := lib/wire/ring.c lib/wire/ringrec.c lib/wire/names.c lib/wire/hexbytes.c \
               lib/wire/endpoint.c \
               lib/base/jscan.c lib/base/jscan_read.c
frame_SRC   := viewer/frame_layers.c
witline_SRC := lib/sources/sys/witline.c

TARGETS := decode session record names text ring frame witline

.PHONY: all
.PRECIOUS: $(FUZZ)/fuzz_%
all: $(addprefix run-,$(TARGETS))

$(FUZZ)/fuzz_%: tests/fuzz/fuzz_%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $($*_SRC) $(FUZZ_LIBS)

.SECONDEXPANSION:
$(FUZZ)/fuzz_%: $$($$*_SRC)

run-%: $(FUZZ)/fuzz_%
	@rm -rf $(FUZZ)/corpus-$*
	@mkdir -p $(FUZZ)/corpus-$*
	@cp tests/fuzz/$*/* $(FUZZ)/corpus-$*/
	@echo "fuzz: $* for $(FUZZ_SECONDS) s"
	@cd $(FUZZ) && ./fuzz_$* -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-artifact_prefix=./ corpus-$* 2>fuzz_$*.log || \
		{ tail -n 40 fuzz_$*.log; echo "fuzz: $* FAILED (the input is in $(FUZZ))"; exit 1; }
	@grep -E "stat::number_of_executed_units|stat::new_units_added" $(FUZZ)/fuzz_$*.log | \
		sed 's/^/fuzz: $* /'

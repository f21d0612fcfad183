# The two entry commands: `make run` and `make test` (README). Each installs what is missing first.

BUILD_DIR ?= build
# A second build with clang, for its warnings (the -Werror= ones fail it) and libFuzzer.
CLANG_BUILD_DIR ?= build-clang
DEB_PACKAGES = meson ninja-build pkg-config gcc libc6-dev libglib2.0-dev libglib2.0-bin libjson-glib-dev \
	libsqlite3-dev libpq-dev postgresql sqlite3 \
	libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev libxml2-utils adwaita-icon-theme librsvg2-common libgl1-mesa-dri \
	fonts-cantarell fonts-dejavu-core \
	libgraphviz-dev graphviz libpg-query-dev poppler-utils clang libclang-rt-14-dev \
	xvfb xauth xdotool imagemagick desktop-file-utils appstream
# GUI tests get their own X server with a full-HD screen.
XVFB_RUN = xvfb-run -a -s "-screen 0 1920x1080x24 -noreset"

SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

define install_missing
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

define build
	@[ -f $(BUILD_DIR)/build.ninja ] || meson setup $(BUILD_DIR)
	meson compile -C $(BUILD_DIR)
endef

.PHONY: run test

# The designer on the blog example. GSETTINGS_SCHEMA_DIR: the schema compiled in the build tree.
run:
	$(install_missing)
	$(build)
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "make run: there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window can't open."; \
	  echo "Run it from a desktop session, or on a virtual X server: xvfb-run -a make run"; \
	  echo "Without a display the command line works: $(BUILD_DIR)/app/cardinal-cli ddl data/examples/blog.cardinal"; \
	  exit 1; \
	fi
	GSETTINGS_SCHEMA_DIR=$(BUILD_DIR)/data $(BUILD_DIR)/app/cardinal data/examples/blog.cardinal

# Every suite, the GUI ones on a virtual X server; the closing line counts TAP
# subtests across every test executable. The clang build is compiled, not
# tested again: what it adds is the compiler's view (tests/fuzz/README.md).
test:
	$(install_missing)
	$(build)
	@[ -f $(CLANG_BUILD_DIR)/build.ninja ] || CC=clang meson setup --werror $(CLANG_BUILD_DIR)
	meson compile -C $(CLANG_BUILD_DIR)
	@status=0; $(XVFB_RUN) meson test -C $(BUILD_DIR) --print-errorlogs --num-processes 2 || status=$$?; \
	log=$(BUILD_DIR)/meson-logs/testlog.json; \
	passed=$$(grep -o '\\nok [0-9]*' $$log | wc -l); \
	failed=$$(grep -o '\\nnot ok [0-9]*' $$log | wc -l); \
	[ $$status -eq 0 ] || [ $$failed -gt 0 ] || failed=1; \
	echo "subtests: $$passed passed, $$failed failed"; \
	exit $$status

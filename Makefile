# The two entry commands: `make run` and `make test` (README). Each installs what is missing first.

BUILD_DIR ?= build
DEB_PACKAGES = meson ninja-build pkg-config gcc libc6-dev libglib2.0-dev libjson-glib-dev \
	libsqlite3-dev libpq-dev postgresql sqlite3

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

run:
	$(install_missing)
	$(build)
	./$(BUILD_DIR)/app/cardinal-cli ddl --dialect postgresql data/examples/blog.cardinal

# The closing line counts TAP subtests across every test executable.
test:
	$(install_missing)
	$(build)
	@status=0; meson test -C $(BUILD_DIR) --print-errorlogs --num-processes 2 || status=$$?; \
	log=$(BUILD_DIR)/meson-logs/testlog.json; \
	passed=$$(grep -o '\\nok [0-9]*' $$log | wc -l); \
	failed=$$(grep -o '\\nnot ok [0-9]*' $$log | wc -l); \
	[ $$status -eq 0 ] || [ $$failed -gt 0 ] || failed=1; \
	echo "subtests: $$passed passed, $$failed failed"; \
	exit $$status

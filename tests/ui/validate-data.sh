#!/bin/sh
# validate-data.sh: the desktop file, AppStream metainfo and GSettings schema pass their validators (TAP).
# Usage: validate-data.sh DESKTOP METAINFO SCHEMA_DIR
desktop=$1 metainfo=$2 schema_dir=$3
n=0 failed=0

check () {
  n=$((n + 1))
  description=$1; shift
  if output=$("$@" 2>&1); then
    echo "ok $n - $description"
  else
    failed=1
    echo "not ok $n - $description"
    printf '%s\n' "$output" | sed 's/^/# /'
  fi
}

skip () {
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2 is not installed"
}

echo "1..3"
if command -v desktop-file-validate >/dev/null; then
  check "desktop-file-validate $(basename "$desktop")" desktop-file-validate "$desktop"
else
  skip "desktop-file-validate" desktop-file-validate
fi
if command -v appstreamcli >/dev/null; then
  check "appstreamcli validate $(basename "$metainfo")" appstreamcli validate --no-net "$metainfo"
else
  skip "appstreamcli validate" appstreamcli
fi
check "glib-compile-schemas --strict" glib-compile-schemas --strict --dry-run "$schema_dir"
exit $failed

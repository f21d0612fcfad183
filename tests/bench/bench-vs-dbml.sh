#!/bin/sh
# bench-vs-dbml.sh: times `cardinal-cli ddl` against dbml2sql (@dbml/cli) on the same generated schema.
#
# Usage: tests/bench/bench-vs-dbml.sh [BUILD_DIR] [N] [RUNS]
#   BUILD_DIR  meson build directory (default: build)
#   N          number of entities (default: 2000)
#   RUNS       runs of each tool; best and median are printed (default: 5)
# dbml2sql is taken from $DBML2SQL, then PATH, then /tmp/dbml (where
# `npm install --prefix /tmp/dbml @dbml/cli` puts it). Not part of `make test`.
set -eu

build_dir=${1:-build}
n=${2:-2000}
runs=${3:-5}

if [ ! -d "$build_dir" ]; then
  echo "bench-vs-dbml: no build directory $build_dir" >&2
  exit 2
fi
build_dir=$(cd "$build_dir" && pwd)
cli="$build_dir/app/cardinal-cli"
generate="$build_dir/tests/bench/cardinal-generate"
for tool in "$cli" "$generate"; do
  if [ ! -x "$tool" ]; then
    echo "bench-vs-dbml: $tool not found; build first (meson compile -C $build_dir)" >&2
    exit 2
  fi
done

dbml2sql=${DBML2SQL:-}
if [ -z "$dbml2sql" ]; then
  if command -v dbml2sql >/dev/null 2>&1; then
    dbml2sql=$(command -v dbml2sql)
  elif [ -x /tmp/dbml/node_modules/.bin/dbml2sql ]; then
    dbml2sql=/tmp/dbml/node_modules/.bin/dbml2sql
  else
    echo "bench-vs-dbml: dbml2sql not found; npm install --prefix /tmp/dbml @dbml/cli, or set DBML2SQL" >&2
    exit 2
  fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cardinal-vs-dbml-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
# dbml2sql leaves a dbml-error.log in the current directory.
cd "$work"

"$generate" "$n" --hub -o "$work/model.cardinal" --dbml "$work/model.dbml"

now_ns () {
  date +%s%N
}

# Runs "$@" $runs times with all output discarded and prints "best median" in ms.
time_runs () {
  times=""
  i=0
  while [ "$i" -lt "$runs" ]; do
    start=$(now_ns)
    if ! "$@" >/dev/null 2>&1; then
      echo "bench-vs-dbml: failed: $*" >&2
      exit 1
    fi
    end=$(now_ns)
    times="$times$(( (end - start) / 1000 ))
"
    i=$((i + 1))
  done
  printf '%s' "$times" | sort -n | awk '
    { t[NR] = $1 }
    END { printf "%.1f %.1f\n", t[1] / 1000, t[int((NR + 1) / 2)] / 1000 }'
}

tables=$("$cli" ddl "$work/model.cardinal" | grep -c '^CREATE TABLE')
echo "schema: $n entities -> $tables tables ($(wc -c < "$work/model.cardinal") bytes .cardinal, $(wc -c < "$work/model.dbml") bytes .dbml)"

result=$(time_runs "$cli" ddl --dialect postgresql -o "$work/cardinal.sql" "$work/model.cardinal")
cardinal_best=${result% *}
cardinal_median=${result#* }
result=$(time_runs "$dbml2sql" --postgres "$work/model.dbml" -o "$work/dbml.sql")
dbml_best=${result% *}
dbml_median=${result#* }

printf '%-28s %12s %12s\n' "tool ($runs runs)" "best ms" "median ms"
printf '%-28s %12s %12s\n' "cardinal-cli ddl" "$cardinal_best" "$cardinal_median"
printf '%-28s %12s %12s\n' "dbml2sql --postgres" "$dbml_best" "$dbml_median"
awk -v a="$dbml_best" -v b="$cardinal_best" 'BEGIN { printf "speed-up (best): %.1fx\n", a / b }'

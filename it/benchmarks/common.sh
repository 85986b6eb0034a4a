# Shared by the benchmark scripts: the plugin's classpath and a median helper.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${BENCH_DIR:-/tmp/firmware-bench}"
mkdir -p "$WORK"

plugin_classpath() {
  # Compiles the plugin (no install) and asks Maven for its runtime classpath.
  (cd "$REPO" && mvn -B -q -pl maven-plugin compile dependency:build-classpath \
      -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=runtime >/dev/null)
  echo "$REPO/maven-plugin/target/classes:$(cat "$WORK/cp.txt")"
}

# seconds as a float for one command
time_it() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@"
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

median3() {
  printf '%s\n' "$@" | sort -g | sed -n 2p
}

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

# The plugin's classes, test classes and test classpath, compiled in REPO (default: this checkout).
# dependency:build-classpath needs plugin dependencies that an offline machine may lack; the
# compiler's own testPath, which mvn -X prints, is the same list.
plugin_test_classpath() { # [REPO]
  local repo="${1:-$REPO}" out="$WORK/cp-test.$$"
  if (cd "$repo" && mvn -B -q -o -pl maven-plugin test-compile dependency:build-classpath \
      -Dmdep.outputFile="$out" >/dev/null 2>&1); then
    echo "$repo/maven-plugin/target/classes:$repo/maven-plugin/target/test-classes:$(cat "$out")"
  else
    (cd "$repo" && mvn -B -o -X -pl maven-plugin test-compile 2>/dev/null) \
      | sed -n '/(f) testPath = \[/{s/.*testPath = \[//;s/\]$//;s/, /:/g;p}' > "$out"
    [ -s "$out" ] || { echo "could not get the plugin's test classpath from $repo" >&2; return 1; }
    cat "$out"
  fi
  rm -f "$out"
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

# Serves DIR on 127.0.0.1 with Python's http.server; sets SERVER (its pid) and PORT, and waits
# until FILE answers. The caller's trap kills $SERVER.
serve_dir() { # DIR FILE
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  python3 -m http.server --bind 127.0.0.1 --directory "$1" "$PORT" >/dev/null 2>&1 &
  SERVER=$!
  for _ in $(seq 50); do curl -sfI "http://127.0.0.1:$PORT/$2" >/dev/null && break; sleep 0.1; done
}

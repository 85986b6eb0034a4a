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

# Serves DIR on 127.0.0.1 with Python's http.server; sets SERVER (its pid) and PORT, and waits
# until FILE answers. The caller's trap kills $SERVER.
serve_dir() { # DIR FILE
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  python3 -m http.server --bind 127.0.0.1 --directory "$1" "$PORT" >/dev/null 2>&1 &
  SERVER=$!
  for _ in $(seq 50); do curl -sfI "http://127.0.0.1:$PORT/$2" >/dev/null && break; sleep 0.1; done
}

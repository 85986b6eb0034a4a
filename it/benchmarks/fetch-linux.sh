#!/usr/bin/env bash
# Fetch + verify + extract of the Linux .tar.xz from a server on 127.0.0.1: the plugin's core
# (FetchBenchmark, a JVM per run, as a build would pay) against
#   curl -o f URL && sha256sum f && tar xJf f
# Median of 3 interleaved runs each; prints the ratio (target <= 1.2).
# Usage: it/benchmarks/fetch-linux.sh [TARBALL] [hostXz: true|false]
set -euo pipefail
cd "$(dirname "$0")/../.."
source it/benchmarks/common.sh
MIRROR="${HOME}/.cache/firmware-maven-plugin/debian-mirror"
TARBALL="${1:-$(ls "$MIRROR"/linux_6.1.*.orig.tar.xz "$MIRROR"/sources/linux_6.1.*.orig.tar.xz 2>/dev/null | head -n1 || true)}"
HOST_XZ="${2:-true}"
[ -f "$TARBALL" ] || { echo "no Linux tarball (run it/fill-mirror.sh first, or pass its path)" >&2; exit 2; }
RUNS="${RUNS:-3}"
WORK="$(mktemp -d /var/tmp/fetch-bench.XXXXXX)"
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT

mvn -B -q -o -pl maven-plugin test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="maven-plugin/target/classes:maven-plugin/target/test-classes:$(cat "$WORK/cp.txt")"
SHA="$(sha256sum "$TARBALL" | cut -d' ' -f1)"
NAME="$(basename "$TARBALL")"
serve_dir "$(dirname "$TARBALL")" "$NAME"
URL="http://127.0.0.1:$PORT/$NAME"

now() { date +%s.%N; }
plugin_run() {
  local d="$WORK/p$1"; rm -rf "$d"; mkdir -p "$d"
  local t0; t0=$(now)
  java -cp "$CP" io.github.firmwaremaven.fetching.FetchBenchmark "$URL" "$SHA" "$d" "$HOST_XZ" >"$d.log"
  echo "$(now) - $t0" | bc
}
baseline_run() {
  local d="$WORK/b$1"; rm -rf "$d"; mkdir -p "$d"
  local t0; t0=$(now)
  (cd "$d" && curl -s -o f "$URL" && sha256sum f >/dev/null && tar xJf f)
  echo "$(now) - $t0" | bc
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

P=(); B=()
for i in $(seq $RUNS); do
  sync; B+=("$(baseline_run "$i")"); rm -rf "$WORK/b$i"
  sync; P+=("$(plugin_run "$i")"); cat "$WORK/p$i.log" | tail -n1; rm -rf "$WORK/p$i"
done
PM=$(median "${P[@]}"); BM=$(median "${B[@]}")
echo "tarball:  $NAME ($(du -m "$TARBALL" | cut -f1) MB), hostXz=$HOST_XZ"
echo "plugin:   ${P[*]} s  -> median $PM s"
echo "baseline: ${B[*]} s  -> median $BM s"
echo "ratio:    $(echo "scale=3; $PM / $BM" | bc)  (target <= 1.2)"

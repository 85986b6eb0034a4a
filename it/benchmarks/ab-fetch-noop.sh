#!/usr/bin/env bash
# A/B of two commits in one interleaved run (median of RUNS, default 7):
#   fetch: FetchBenchmark (download + verify + extract of the Linux .tar.xz from 127.0.0.1) on each
#          commit's classes, a fresh JVM per run;
#   no-op: `mvn -o package` of the qemu-x86_64 e2e board that each checkout's CI run left under
#          it/target/e2e/e2e-qemu-x86_64/board, with that run's own ITs repository and build cache.
# The order inside a round alternates so neither side always runs on a warmer page cache.
# Usage: it/benchmarks/ab-fetch-noop.sh BASE_CHECKOUT HEAD_CHECKOUT [BASE_OVERRIDES] [HEAD_OVERRIDES]
#   ONLY=noop skips the fetch half (ONLY=fetch the no-op half); BOARD=e2e-qemu-x86-coreboot (or any
#   e2e board both checkouts have) times that board's no-op instead.
#   each checkout must have run `bash .ci/run` (or at least the x86_64 e2e board); the overrides
#   files default to the mirror's (a commit that predates a new overrides key needs its own copy).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
BASE=$(cd "$1" && pwd); HEAD=$(cd "$2" && pwd)
MIRROR="${HOME}/.cache/firmware-maven-plugin/debian-mirror"
BASE_OVR="${3:-$MIRROR/overrides.properties}"; HEAD_OVR="${4:-$MIRROR/overrides.properties}"
RUNS="${RUNS:-7}"
TARBALL="$(ls "$MIRROR"/sources/linux_6.1.*.orig.tar.xz | head -n1)"
WORK="$(mktemp -d /var/tmp/ab-bench.XXXXXX)"
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT

cp_of() {
  (cd "$1" && mvn -B -q -o -pl maven-plugin test-compile dependency:build-classpath \
      -Dmdep.outputFile="$WORK/cp-$2.txt" >/dev/null)
  echo "$1/maven-plugin/target/classes:$1/maven-plugin/target/test-classes:$(cat "$WORK/cp-$2.txt")"
}
CP_BASE=$(cp_of "$BASE" base); CP_HEAD=$(cp_of "$HEAD" head)
SHA="$(sha256sum "$TARBALL" | cut -d' ' -f1)"; NAME="$(basename "$TARBALL")"
serve_dir "$(dirname "$TARBALL")" "$NAME"
URL="http://127.0.0.1:$PORT/$NAME"

now() { date +%s.%N; }
fetch_run() { # side classpath
  local d="$WORK/f-$1"; rm -rf "$d"; mkdir -p "$d"; sync
  local t0; t0=$(now)
  java -cp "$2" io.github.firmwaremaven.fetching.FetchBenchmark "$URL" "$SHA" "$d" true >"$d.log"
  local t; t=$(echo "$(now) - $t0" | bc); rm -rf "$d"; echo "$t"
}
noop_run() { # checkout overrides
  local board="$1/it/target/e2e/${BOARD:-e2e-qemu-x86_64}/board"
  local t0; t0=$(now)
  (cd "$board" && mvn -B -q -o -Dstyle.color=never -Dmaven.repo.local="$1/it/target/local-repo" \
      -Dfirmware.cacheDir="$1/it/target/firmware-cache" -Dfirmware.sourceOverrides="$2" package >/dev/null)
  echo "$(now) - $t0" | bc
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Warm-up: one no-op each (the first run after a CI build may still write stamps).
noop_run "$BASE" "$BASE_OVR" >/dev/null; noop_run "$HEAD" "$HEAD_OVR" >/dev/null
FB=(); FH=(); NB=(); NH=()
for i in $(seq "$RUNS"); do
  if (( i % 2 )); then
    if [ "${ONLY:-}" != noop ]; then FB+=("$(fetch_run base "$CP_BASE")"); FH+=("$(fetch_run head "$CP_HEAD")"); fi
    if [ "${ONLY:-}" != fetch ]; then NB+=("$(noop_run "$BASE" "$BASE_OVR")"); NH+=("$(noop_run "$HEAD" "$HEAD_OVR")"); fi
  else
    if [ "${ONLY:-}" != noop ]; then FH+=("$(fetch_run head "$CP_HEAD")"); FB+=("$(fetch_run base "$CP_BASE")"); fi
    if [ "${ONLY:-}" != fetch ]; then NH+=("$(noop_run "$HEAD" "$HEAD_OVR")"); NB+=("$(noop_run "$BASE" "$BASE_OVR")"); fi
  fi
done
report() { # label base... -- head...
  local label=$1; shift; local b=() h=(); while [ "$1" != -- ]; do b+=("$1"); shift; done; shift; h=("$@")
  local mb mh; mb=$(median "${b[@]}"); mh=$(median "${h[@]}")
  echo "$label base: ${b[*]} -> median $mb s"
  echo "$label head: ${h[*]} -> median $mh s"
  echo "$label head/base: $(echo "scale=3; $mh / $mb" | bc) (target <= 1.05)"
}
echo "tarball: $NAME ($(du -m "$TARBALL" | cut -f1) MB); base $(git -C "$BASE" rev-parse --short HEAD), head $(git -C "$HEAD" rev-parse --short HEAD)"
[ "${ONLY:-}" = noop ] || report "fetch-linux" "${FB[@]}" -- "${FH[@]}"
[ "${ONLY:-}" = fetch ] || report "no-op ${BOARD:-e2e-qemu-x86_64}" "${NB[@]}" -- "${NH[@]}"

#!/usr/bin/env bash
# The cost of checking the extracted Linux tree in the build cache against its manifest:
#   full:  mvn firmware:verify-cache over a cache holding only that entry (Maven's start included)
#          against  find TREE -type f -print0 | xargs -0 -P2 sha256sum   (target: at most 1.5 x)
#   cheap: the check a build makes before a step that reads the tree runs (kernel-config and
#          kernel-build after a one-symbol change), its first call in a fresh JVM (target: +0.5 s)
# Median of RUNS (default 5) interleaved runs, warm page cache (one warm-up of each first).
# Usage: it/benchmarks/verify-cache.sh [TARBALL] [LOCAL_REPO]
#   The tree is made fresh by the plugin's core (FetchBenchmark, from a server on 127.0.0.1) in a
#   cache of its own, so its manifest is new. Never hard-link an entry for such a test: a new link
#   moves the change time of every file, and the cheap check then, rightly, sees the tree as changed.
#   LOCAL_REPO: where the plugin is installed for the mvn run (default it/target/local-repo).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
MIRROR="${HOME}/.cache/firmware-maven-plugin/debian-mirror"
TARBALL="${1:-$(ls "$MIRROR"/sources/linux_6.1.*.orig.tar.xz | head -n1)}"
LOCAL="${2:-$REPO/it/target/local-repo}"
RUNS="${RUNS:-5}"
ONLY="$WORK/verify-cache"; rm -rf "$ONLY"; mkdir -p "$ONLY"
trap 'kill "${SERVER:-}" 2>/dev/null || true; rm -rf "$ONLY"' EXIT
VERSION=$(grep -m1 -oP "(?<=<version>)[^<]+" "$REPO/pom.xml")
CP=$(plugin_test_classpath)
NAME=$(basename "$TARBALL")
serve_dir "$(dirname "$TARBALL")" "$NAME"
java -cp "$CP" io.github.firmwaremaven.fetching.FetchBenchmark "http://127.0.0.1:$PORT/$NAME" \
    "$(sha256sum "$TARBALL" | cut -d' ' -f1)" "$ONLY" true >/dev/null
ENTRY=$(ls -d "$ONLY"/build/sources/v2-source-linux-* | grep -v '\.' | head -n1)
[ -f "$ENTRY/manifest" ] || { echo "FetchBenchmark made no tree with a manifest under $ONLY/build" >&2; exit 2; }

full_plugin() { (cd "$WORK" && mvn -B -q -o -Dmaven.repo.local="$LOCAL" -Dfirmware.cacheDir="$ONLY" \
    "io.github.firmwaremaven:firmware-maven-plugin:$VERSION:verify-cache" >/dev/null); }
full_shell() { find "$ENTRY/tree" -type f -print0 | xargs -0 -P2 sha256sum >/dev/null; }
cheap() { java -cp "$CP" io.github.firmwaremaven.steps.ManifestBenchmark "$ENTRY"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

full_plugin; full_shell; cheap >/dev/null
P=(); S=(); C=()
for i in $(seq "$RUNS"); do
  if (( i % 2 )); then P+=("$(time_it full_plugin)"); S+=("$(time_it full_shell)")
  else S+=("$(time_it full_shell)"); P+=("$(time_it full_plugin)"); fi
  C+=("$(cheap)")
done
mp=$(median "${P[@]}"); ms=$(median "${S[@]}"); mc=$(median "${C[@]}")
files=$(find "$ENTRY/tree" -type f | wc -l)
echo "entry: $(basename "$ENTRY") ($files files, $(du -sm "$ENTRY/tree" | cut -f1) MB)"
echo "verify-cache (mvn):        ${P[*]} -> median $mp s"
echo "find | xargs -P2 sha256sum: ${S[*]} -> median $ms s"
echo "ratio: $(echo "scale=3; $mp / $ms" | bc) (target <= 1.5)"
echo "cheap check, fresh JVM:    ${C[*]} ms -> median $mc ms (target <= 500)"

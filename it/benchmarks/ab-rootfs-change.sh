#!/usr/bin/env bash
# A/B of two commits in one interleaved run (median of RUNS, default 7): one rootfs file changed ->
# new initramfs -> (coreboot boards) new ROM -> boot to the marker, i.e. `mvn -o verify` of an e2e
# board that each checkout's CI run left under it/target/e2e/<BOARD>/board, with that run's own ITs
# repository and build cache. The file is written into the board's overlay before each changed run
# and removed at the end (one more build puts the board back as it was).
# Usage: it/benchmarks/ab-rootfs-change.sh BASE_CHECKOUT HEAD_CHECKOUT [BOARD] [BASE_OVERRIDES] [HEAD_OVERRIDES]
#   BOARD defaults to e2e-qemu-x86-coreboot; each checkout must have run `bash .ci/run`. The overrides
#   files default to the mirror's (a commit that predates a new overrides key needs its own copy).
set -euo pipefail
BASE=$(cd "$1" && pwd); HEAD=$(cd "$2" && pwd); BOARD=${3:-e2e-qemu-x86-coreboot}
RUNS="${RUNS:-7}"
MIRROR="${FIRMWARE_MIRROR_DIR:-$HOME/.cache/firmware-maven-plugin/debian-mirror}"
BASE_OVR="${4:-$MIRROR/overrides.properties}"; HEAD_OVR="${5:-$MIRROR/overrides.properties}"
now() { date +%s.%N; }
board_of() { echo "$1/it/target/e2e/$BOARD/board"; }
build() { # checkout
  local ovr="$HEAD_OVR"; [ "$1" = "$BASE" ] && ovr="$BASE_OVR"
  (cd "$(board_of "$1")" && mvn -B -q -o -Dstyle.color=never -Dmaven.repo.local="$1/it/target/local-repo" \
      -Dfirmware.cacheDir="$1/it/target/firmware-cache" \
      -Dfirmware.sourceOverrides="$ovr" verify >/dev/null 2>&1)
}
changed_run() { # checkout
  local stamp; stamp="$(board_of "$1")/src/main/rootfs/etc/bench-stamp"
  mkdir -p "$(dirname "$stamp")"; date +%s%N > "$stamp"
  local t0; t0=$(now); build "$1" || { echo failed; return; }; echo "$(now) - $t0" | bc
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for side in "$BASE" "$HEAD"; do
  [ -d "$(board_of "$side")" ] || { echo "no $(board_of "$side"): run bash .ci/run there first" >&2; exit 2; }
  build "$side" || { echo "$(board_of "$side") does not build as it is" >&2; exit 2; }
done
B=(); H=()
for i in $(seq "$RUNS"); do
  if (( i % 2 )); then B+=("$(changed_run "$BASE")"); H+=("$(changed_run "$HEAD")")
  else H+=("$(changed_run "$HEAD")"); B+=("$(changed_run "$BASE")"); fi
done
for side in "$BASE" "$HEAD"; do rm -f "$(board_of "$side")/src/main/rootfs/etc/bench-stamp"; build "$side" || true; done
case " ${B[*]} ${H[*]} " in *" failed "*) echo "a changed build failed: base ${B[*]}, head ${H[*]}" >&2; exit 1;; esac
mb=$(median "${B[@]}"); mh=$(median "${H[@]}")
echo "board: $BOARD; base $(git -C "$BASE" rev-parse --short HEAD), head $(git -C "$HEAD" rev-parse --short HEAD); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rootfs change -> boot, base: ${B[*]} -> median $mb s"
echo "rootfs change -> boot, head: ${H[*]} -> median $mh s"
echo "head - base: $(echo "$mh - $mb" | bc) s, head/base: $(echo "scale=3; $mh / $mb" | bc) (target: within +0.1 s or 5 %)"

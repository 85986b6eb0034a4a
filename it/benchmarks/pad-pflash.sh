#!/bin/bash
# Pads a 2 MB image to 64 MiB: our padder (JVM start included) against the dd recipe.
source "$(dirname "$0")/common.sh"
head -c 2000000 /dev/urandom > "$WORK/code.fd"
CP=$(plugin_classpath)

ours() {
  java -Xmx128m -cp "$CP" io.github.firmwaremaven.pflash.PadPflashMain aarch64-virt "$WORK/code.fd" "$WORK/ours.fd"
}
dd_recipe() {
  dd if=/dev/zero of="$WORK/dd.fd" bs=1M count=64 status=none
  dd if="$WORK/code.fd" of="$WORK/dd.fd" conv=notrunc status=none
}
O=(); D=()
for i in 1 2 3; do
  D+=("$(time_it dd_recipe)")
  O+=("$(time_it ours)")
done
cmp "$WORK/ours.fd" "$WORK/dd.fd" && echo "identical to dd's output"
printf 'ours: runs %s median %.3f s\ndd:   runs %s median %.3f s\nratio (dd / ours): %.2f\n' \
  "${O[*]}" "$(median3 "${O[@]}")" "${D[*]}" "$(median3 "${D[@]}")" \
  "$(echo "$(median3 "${D[@]}") / $(median3 "${O[@]}")" | bc -l)"

#!/bin/bash
# Packs a generated tree of 50,000 files / ~300 MB with gzip: our packer (-Xmx128m) against
# `find . | sort | cpio -o -H newc | gzip -6`. Median of 3 interleaved runs; prints the ratio.
source "$(dirname "$0")/common.sh"
FILES=${FILES:-50000}
TOTAL_MB=${TOTAL_MB:-300}
TREE="$WORK/tree"

if [ ! -f "$WORK/tree.done-$FILES-$TOTAL_MB" ]; then
  rm -rf "$TREE"
  echo "generating $FILES files, $TOTAL_MB MB in $TREE ..."
  python3 - "$TREE" "$FILES" "$TOTAL_MB" <<'PY'
import os, random, sys
root, n, mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(1)
avg = mb * 1024 * 1024 // n
words = [bytes(rnd.choice(b"abcdefghijklmnopqrstuvwxyz_") for _ in range(rnd.randint(3, 12))) for _ in range(4000)]
noise = os.urandom(1 << 22)
for i in range(n):
    d = os.path.join(root, "d%03d" % (i // 100), "s%d" % (i % 7))
    os.makedirs(d, exist_ok=True)
    size = rnd.randint(avg // 4, avg * 7 // 4)
    # Roughly like a rootfs: half text-like (compresses well), half binary-like (barely).
    if i % 2:
        out = bytearray()
        while len(out) < size:
            out += rnd.choice(words) + b" "
        data = bytes(out[:size])
    else:
        off = rnd.randrange(0, len(noise) - size)
        data = noise[off:off + size]
    with open(os.path.join(d, "f%05d" % i), "wb") as f:
        f.write(data)
PY
  touch "$WORK/tree.done-$FILES-$TOTAL_MB"
fi
du -sh "$TREE"
CP=$(plugin_classpath)

ours() {
  java -Xmx128m -cp "$CP" io.github.firmwaremaven.initramfs.PackInitramfsMain \
      --tree "$TREE" --compression gzip --timestamp 1700000000 --out "$WORK/ours.cpio.gz" >/dev/null
}
reference() {
  (cd "$TREE" && find . | sort | cpio -o -H newc --quiet | gzip -6 > "$WORK/ref.cpio.gz")
}

O=(); R=()
for i in 1 2 3; do
  R+=("$(time_it reference)")
  O+=("$(time_it ours)")
done
mo=$(median3 "${O[@]}"); mr=$(median3 "${R[@]}")
printf 'ours (java -Xmx128m, gzip):      runs %s  median %.2f s  size %s bytes\n' "${O[*]}" "$mo" "$(stat -c %s "$WORK/ours.cpio.gz")"
printf 'find|sort|cpio|gzip -6:          runs %s  median %.2f s  size %s bytes\n' "${R[*]}" "$mr" "$(stat -c %s "$WORK/ref.cpio.gz")"
printf 'speed-up (reference / ours): %.2fx\n' "$(echo "$mr / $mo" | bc -l)"
gzip -t "$WORK/ours.cpio.gz" && echo "our archive passes gzip -t"
# The ratio needs two free cores; on a shared machine say how busy it was.
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg)"

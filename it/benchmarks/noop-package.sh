#!/usr/bin/env bash
# No-op cost: `mvn package` of a board whose steps are all up to date, minus Maven's own start-up
# (the same Maven running `validate` on a pom-packaged project with no plugins), median of N runs.
# Usage: it/benchmarks/noop-package.sh [board-dir] [runs]
# Without a board dir it builds the empty board from it/src/it/empty-board-install.
# Needs the plugin installed in ~/.m2: mvn -B -ntp install -DskipTests -Dinvoker.skip -Darchetype.test.skip
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(cd "$here/../.." && mvn -q -B -Dstyle.color=never help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null | tr -d "\033" | sed "s/\[[0-9;]*m//g")
if [ -n "${1:-}" ]; then
  board=$1
else
  board=$work/board
  cp -r "$here/../src/it/empty-board-install" "$board"
  sed -i "s/@project.groupId@/io.github.firmwaremaven/; s/@project.version@/$version/" "$board/pom.xml"
fi
mkdir -p "$work/baseline"
cat > "$work/baseline/pom.xml" <<POM
<project><modelVersion>4.0.0</modelVersion><groupId>b</groupId><artifactId>b</artifactId>
<version>1</version><packaging>pom</packaging></project>
POM
(cd "$board" && mvn -B -q -o -Dstyle.color=never package >/dev/null)   # warm: steps done once
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
t() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
b=(); p=()
for i in $(seq 1 "$runs"); do
  b+=("$(cd "$work/baseline" && t mvn -B -q -o -Dstyle.color=never validate)")
  p+=("$(cd "$board" && t mvn -B -q -o -Dstyle.color=never package)")
done
mb=$(printf '%s\n' "${b[@]}" | median); mp=$(printf '%s\n' "${p[@]}" | median)
echo "maven start-up (validate, pom project): median ${mb} ms  runs: ${b[*]}"
echo "board no-op mvn package:                median ${mp} ms  runs: ${p[*]}"
echo "overhead beyond Maven start-up:         $(( mp - mb )) ms (target <= 1000 ms)"

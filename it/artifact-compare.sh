#!/usr/bin/env bash
# Maven-level reproducibility, checked by the peer tool (maven-artifact-plugin's artifact:compare):
#   A: a copy of the board's sources (no target/) installs into its own repository with the warm build
#      cache CACHE_DIR, so its steps are restored from the cache, not found up to date;
#   B: a copy of the board's sources (no target/) in a longer directory, with its own empty build cache,
#      its own local repository, umask 077, TZ=Pacific/Kiritimati and LANG=de_DE.UTF-8, runs
#      `verify artifact:compare` against A's repository: no install in B, no shared cache, no ignore list.
# Usage: it/artifact-compare.sh BOARD_DIR LOCAL_REPO CACHE_DIR
#   LOCAL_REPO: a repository holding the plugin and Maven's plugins (an IT run's it/target/local-repo);
#   it is copied twice, once per side. CACHE_DIR: A's build cache (warm). Sources re-pin to the mirror;
#   B is not offline (-o refuses even the file:// mirror for an empty download cache), with -nsu and a
#   repository that already holds every plugin, so it asks no server.
set -euo pipefail
board=$(cd "$1" && pwd); repo=$(cd "$2" && pwd); cache=$(cd "$3" && pwd)
mirror="${FIRMWARE_MIRROR_DIR:-$HOME/.cache/firmware-maven-plugin/debian-mirror}"
work=/var/tmp/artifact-compare-B-$(date +%s)-a-longer-directory-name
mkdir -p "$work"
a_repo=$work/repo-A; b_repo=$work/repo-B
# Each side's repository without the board's own artifacts, so only A's install can provide them.
group=$(cd "$board" && mvn -B -q -o -Dmaven.repo.local="$repo" help:evaluate -Dexpression=project.groupId -DforceStdout 2>/dev/null || true)
for r in "$a_repo" "$b_repo"; do
  cp -a "$repo" "$r"
  [ -n "$group" ] && rm -rf "$r/$(echo "$group" | tr . /)"
done
overrides="-Dfirmware.fetch-sources.sourceOverrides=$mirror/overrides.properties"

copy_board() { # into DIR: the sources without target/, and the parent pom an e2e board has
  mkdir -p "$1/board"
  (cd "$board" && tar --exclude=./target -cf - .) | (cd "$1/board" && tar xf -)
  [ -f "$board/../pom.xml" ] && cp "$board/../pom.xml" "$1/pom.xml"
  return 0
}
copy_board "$work/A"
echo "A: install in $work/A/board (warm build cache $cache)"
(cd "$work/A/board" && mvn -B -o -ntp -Dmaven.repo.local="$a_repo" -Dfirmware.cacheDir="$cache" "$overrides" install \
    > "$work/A.log" 2>&1) || { tail -40 "$work/A.log"; exit 1; }
grep -E "restored|reusing the outputs|up to date|running|matches its manifest" "$work/A.log" | sed 's/^/  A: /' | head -40

echo "B: verify artifact:compare in $work/board (empty build cache, umask 077, TZ=Pacific/Kiritimati, LANG=de_DE.UTF-8)"
copy_board "$work"
(cd "$work/board" && umask 077 && TZ=Pacific/Kiritimati LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 \
    mvn -B -nsu -ntp -Dmaven.repo.local="$b_repo" -Dfirmware.cacheDir="$work/cache-B" "$overrides" \
    -Dreference.repo="file://$a_repo" verify \
    org.apache.maven.plugins:maven-artifact-plugin:3.6.0:compare > "$work/B.log" 2>&1) \
    || { tail -60 "$work/B.log"; exit 1; }
sed -n '/maven-artifact-plugin.*compare/,$p' "$work/B.log" | grep -vE '^\[INFO\] *$' | head -60
echo "logs: $work/A.log $work/B.log"

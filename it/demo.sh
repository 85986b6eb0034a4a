#!/usr/bin/env bash
# Builds a demo board from a fresh clone: host packages, the local source mirror, the plugin and
# archetype into ~/.m2, a board generated from the archetype under target/demo/, then `mvn verify`.
# Usage: bash it/demo.sh [preset]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
preset=${1:-empty}
bash it/host-packages.sh
bash it/fill-mirror.sh
mvn -B -ntp install -DskipTests -Dinvoker.skip -Darchetype.test.skip
version=$(mvn -q -B -Dstyle.color=never help:evaluate -Dexpression=project.version -DforceStdout | sed 's/\x1b\[[0-9;]*m//g')
demo=$root/target/demo
rm -rf "$demo/$preset-board"
mkdir -p "$demo"
(cd "$demo" && mvn -B -ntp org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate -DinteractiveMode=false \
  -DarchetypeGroupId=io.github.firmwaremaven -DarchetypeArtifactId=firmware-archetype \
  -DarchetypeVersion="$version" -DgroupId=org.example.boards -DartifactId="$preset-board" \
  -Dversion=1.0.0-SNAPSHOT -Dboard="$preset" -DpluginVersion="$version")
cd "$demo/$preset-board"
mvn -B -ntp install
echo "Demo board built in $demo/$preset-board; outputs under target/firmware/"

#!/usr/bin/env bash
# Renders a built board's firmware report to PNG in headless Chromium (Debian's chromium package).
#
#   bash it/site-screenshots.sh BOARD_DIR [OUT_DIR] [-- extra mvn arguments]
#
# BOARD_DIR is a board project on which mvn verify (or package) has already run: the report only reads
# target/firmware. Runs mvn site there, then writes OUT_DIR/firmware-report.png (default:
# BOARD_DIR/target/site-screenshots). Installs chromium with apt-get if it is missing (root or sudo).
# MVN picks the Maven binary (default: mvn on PATH); arguments after -- go to it, e.g.
# -o -Dmaven.repo.local=... to use a plugin installed in another local repository.
set -euo pipefail

if [ $# -lt 1 ]; then
    sed -n '2,11p' "$0" >&2
    exit 2
fi
board=$(cd "$1" && pwd)
shift
out="$board/target/site-screenshots"
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
    out=$1
    shift
fi
[ "${1:-}" = "--" ] && shift
mkdir -p "$out"
out=$(cd "$out" && pwd)

if [ ! -d "$board/target/firmware" ]; then
    echo "$board/target/firmware does not exist: build the board first (mvn verify)" >&2
    exit 1
fi

if ! command -v chromium >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
fi

(cd "$board" && ${MVN:-mvn} -B -q site "$@")
page="$board/target/site/firmware-report.html"
if [ ! -f "$page" ]; then
    echo "mvn site wrote no $page: does the board's pom list the firmware-report report in <reporting>?" >&2
    exit 1
fi

# A fresh profile per run and no network services: the page is a local file and needs nothing else.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
    --screenshot="$out/firmware-report.png" --window-size=1280,1600 "file://$page" 2>"$out/chromium.log" || {
    cat "$out/chromium.log" >&2
    exit 1
}
[ -s "$out/firmware-report.png" ] || { cat "$out/chromium.log" >&2; exit 1; }
echo "$out/firmware-report.png"

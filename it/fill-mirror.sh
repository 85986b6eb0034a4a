#!/usr/bin/env bash
# Fills a local mirror of upstream source tarballs from Debian's source packages, plus an amd64
# kernel for the boot tests, and writes overrides.properties that re-pins the plugin's sources to it.
# Idempotent: a package whose Debian version has not changed is only re-hashed, not downloaded.
# Usage: it/fill-mirror.sh            (mirror dir: $FIRMWARE_MIRROR_DIR or ~/.cache/...)
set -euo pipefail

MIRROR="${FIRMWARE_MIRROR_DIR:-$HOME/.cache/firmware-maven-plugin/debian-mirror}"
DEB_SOURCES=/etc/apt/sources.list.d/debian.sources
SRC_SOURCES=/etc/apt/sources.list.d/firmware-deb-src.sources
# Debian source package -> name of the source in the plugin.
PACKAGES=(linux busybox kexec-tools coreboot edk2 musl binutils gcc-12)
KERNEL_META=linux-image-amd64
# What Debian does not package, beside the repository: <name>/<name>.bundle (git history) and SHA256SUMS.
SHARED_MIRROR="${FIRMWARE_SHARED_MIRROR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/../shared/mirror}"
GIT_BUNDLES=(kvmtool)

log() { printf '[fill-mirror] %s\n' "$*" >&2; }
die() { printf '[fill-mirror] ERROR: %s\n' "$*" >&2; exit 1; }

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "run as root or install sudo"
    SUDO=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive

plugin_name() {
    case "$1" in
        gcc-*) echo gcc ;;
        *) echo "$1" ;;
    esac
}

# Debian version -> upstream version: no epoch, no Debian revision, no repack suffix (~dfsg, +ds).
upstream_version() {
    local v="${1#*:}"
    v="${v%-*}"
    v="$(sed -E 's/[~+.]?(dfsg|ds|repack)[0-9.]*$//' <<<"$v")"
    echo "$v"
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# A field of a stamp file (key=value lines), empty if absent.
stamp_get() { [[ -f "$1" ]] && sed -n "s/^$2=//p" "$1" | head -n1 || true; }

enable_deb_src() {
    [[ -f "$DEB_SOURCES" ]] || die "$DEB_SOURCES not found; cannot derive a deb-src entry"
    local wanted
    # Same stanzas, only the Types line changed; any deb-src already in there is kept as is.
    wanted="$(sed -E 's/^Types:.*$/Types: deb-src/' "$DEB_SOURCES")"
    if grep -qE '^Types:.*\bdeb-src\b' "$DEB_SOURCES"; then
        log "deb-src already enabled in $DEB_SOURCES"
    elif [[ -f "$SRC_SOURCES" ]] && [[ "$(cat "$SRC_SOURCES")" == "$wanted" ]]; then
        log "deb-src entry $SRC_SOURCES already present"
    else
        log "writing $SRC_SOURCES"
        printf '%s\n' "$wanted" | "${SUDO[@]}" tee "$SRC_SOURCES" >/dev/null
        "${SUDO[@]}" apt-get update -qq
        return
    fi
    # The entry may exist while its index was never fetched (e.g. a failed earlier update).
    if ! apt-cache showsrc "${PACKAGES[0]}" >/dev/null 2>&1; then
        log "source index missing, running apt-get update"
        "${SUDO[@]}" apt-get update -qq
    fi
}

# Sorts Debian versions (stdin, one a line) newest first, without duplicates.
sort_versions_desc() {
    local v sorted=() i j
    while read -r v; do
        [[ -n "$v" ]] || continue
        for i in "${sorted[@]}"; do [[ "$i" == "$v" ]] && continue 2; done
        sorted+=("$v")
        for ((j = ${#sorted[@]} - 1; j > 0; j--)); do
            dpkg --compare-versions "${sorted[j]}" gt "${sorted[j - 1]}" || break
            v="${sorted[j]}"; sorted[j]="${sorted[j - 1]}"; sorted[j - 1]="$v"
        done
    done
    printf '%s\n' "${sorted[@]}"
}

# Every version of a source package the indexes know, newest first.
source_versions() {
    apt-cache showsrc "$1" 2>/dev/null \
        | awk -v want="$1" '/^Package: /{p=$2} /^Version: /{if (p == want) print $2}' \
        | sort_versions_desc
}

# The .dsc file name apt would fetch for pkg=version (no network).
dsc_for() {
    apt-get source --download-only --print-uris "$1=$2" 2>/dev/null \
        | sed -nE "s/^'[^']*' ([^ ]+\.dsc) .*/\1/p" | head -n1
}

# True unless the mirrored .dsc lists an upstream signature of the orig tarball that the mirror lacks
# (mirrors filled before signatures were kept are then filled again).
signature_kept() {
    local dsc
    dsc="$(stamp_get "$1" dsc)"
    [[ -n "$dsc" && -f "$MIRROR/dsc/$dsc" ]] || return 0
    grep -qE " $(sed 's/[.+]/\\&/g' <<<"$2")\.asc$" "$MIRROR/dsc/$dsc" || return 0
    [[ -n "$(stamp_get "$1" signature)" && -f "$MIRROR/sources/$2.asc" && -f "$MIRROR/keys/$3.asc" ]]
}

# A file of the .dsc whose name matches an extended regex (first match), empty if none.
dsc_file() {
    sed -n '/^Checksums-Sha256:/,/^[^ ]/p' "$1" | awk 'NF==3 {print $3}' | grep -E "$2" | head -n1 || true
}

# Main orig tarball named in a .dsc (not orig-<component> or signatures).
orig_from_dsc() {
    sed -n '/^Checksums-Sha256:/,/^[^ ]/p' "$1" | awk 'NF==3 {print $3}' \
        | grep -E '\.orig\.tar\.(gz|bz2|xz|lzma|zst)$' | head -n1
}

fetch_source() {
    local pkg="$1" name stamp versions newest
    name="$(plugin_name "$pkg")"
    stamp="$MIRROR/stamps/$pkg.stamp"
    mapfile -t versions < <(source_versions "$pkg")
    [[ ${#versions[@]} -gt 0 ]] || die "apt knows no source package '$pkg' (is deb-src enabled and updated?)"
    newest="${versions[0]}"

    # Skip when the indexes offer nothing newer than at the last fill and the file is intact.
    local file
    file="$(stamp_get "$stamp" file)"
    if [[ "$(stamp_get "$stamp" indexNewest)" == "$newest" && -n "$file" && -f "$MIRROR/sources/$file" ]] \
        && [[ "$(sha256_of "$MIRROR/sources/$file")" == "$(stamp_get "$stamp" sha256)" ]] \
        && signature_kept "$stamp" "$file" "$pkg"; then
        log "$pkg: $(stamp_get "$stamp" dsc) already mirrored"
        return
    fi

    # Kept across runs: apt skips files already downloaded there with the right checksum.
    local work="$MIRROR/.work/$pkg" debver dsc=""
    mkdir -p "$work"
    # An index can list uploads the archive no longer (or not yet) serves; take the newest that downloads.
    for debver in "${versions[@]}"; do
        dsc="$(dsc_for "$pkg" "$debver")"
        [[ -n "$dsc" ]] || continue
        log "$pkg: downloading $dsc"
        # apt checks every file against the signed Sources index.
        if (cd "$work" && apt-get source --download-only -qq "$pkg=$debver") && [[ -f "$work/$dsc" ]]; then
            break
        fi
        log "$pkg: $debver not available from the archive, trying an older version"
        dsc=""
    done
    [[ -n "$dsc" ]] || die "$pkg: no version listed in the indexes could be downloaded"

    file="$(orig_from_dsc "$work/$dsc")"
    [[ -n "$file" && -f "$work/$file" ]] || die "$pkg: no orig tarball listed in $dsc"
    local version sha
    version="$(upstream_version "$debver")"
    sha="$(sha256_of "$work/$file")"

    mkdir -p "$MIRROR/sources" "$MIRROR/dsc" "$MIRROR/stamps"
    mv -f "$work/$file" "$MIRROR/sources/$file"
    mv -f "$work/$dsc" "$MIRROR/dsc/$dsc"
    # Upstreams that sign: Debian ships their detached signature of the orig tarball and their key
    # (debian/upstream/signing-key.asc, which uscan checked the signature with); both are kept so the
    # plugin can verify the real upstream signature offline.
    local signature="" key=""
    if [[ -n "$(dsc_file "$MIRROR/dsc/$dsc" "^$(sed 's/[.+]/\\&/g' <<<"$file")\.asc$")" ]]; then
        local debian_tar
        debian_tar="$(dsc_file "$MIRROR/dsc/$dsc" '\.debian\.tar\.(xz|gz|bz2)$')"
        [[ -f "$work/$file.asc" && -n "$debian_tar" && -f "$work/$debian_tar" ]] \
            || die "$pkg: $dsc lists $file.asc but it or the debian tarball was not downloaded"
        mkdir -p "$MIRROR/keys"
        tar -xOf "$work/$debian_tar" debian/upstream/signing-key.asc >"$MIRROR/keys/$pkg.asc.tmp" \
            || die "$pkg: $debian_tar has no debian/upstream/signing-key.asc"
        mv -f "$MIRROR/keys/$pkg.asc.tmp" "$MIRROR/keys/$pkg.asc"
        mv -f "$work/$file.asc" "$MIRROR/sources/$file.asc"
        signature="$file.asc"
        key="keys/$pkg.asc"
    fi
    local member=""
    if [[ "$name" == gcc ]]; then
        # Debian's gcc orig is a wrapper; the real source is one tarball inside it.
        member="$(tar tf "$MIRROR/sources/$file" \
            | grep -E '(^|/)gcc-[0-9][^/]*\.tar\.(xz|gz|bz2)$' | head -n1 || true)"
        [[ -n "$member" ]] || die "$pkg: no gcc-*.tar.* member inside $file"
    fi
    # The stamp is written last: its presence means the mirror entry is complete.
    {
        echo "indexNewest=$newest"
        echo "dsc=$dsc"
        echo "debianVersion=$debver"
        echo "version=$version"
        echo "file=$file"
        echo "sha256=$sha"
        [[ -z "$member" ]] || echo "member=$member"
        [[ -z "$signature" ]] || echo "signature=$signature"
        [[ -z "$key" ]] || echo "signingKey=$key"
    } >"$stamp.tmp"
    mv -f "$stamp.tmp" "$stamp"
    rm -rf "$work"
    log "$pkg: mirrored $file ($version)"
}

# The versioned linux-image-*-amd64 package a version of the metapackage depends on.
kernel_image_for() {
    apt-cache show "$KERNEL_META=$1" 2>/dev/null \
        | sed -n 's/^Depends: //p' | head -n1 | tr ',' '\n' \
        | sed -E 's/^ *//' | grep -E '^linux-image-[^ ]*-amd64( |$)' | head -n1
}

fetch_kernel() {
    local stamp="$MIRROR/stamps/kernel.stamp" metas newest
    mapfile -t metas < <(apt-cache madison "$KERNEL_META" \
        | awk -F'|' '$3 ~ /Packages/ {gsub(/ /, "", $2); print $2}' | sort_versions_desc)
    [[ ${#metas[@]} -gt 0 ]] || die "apt knows no $KERNEL_META package"
    newest="${metas[0]}"

    local out="$MIRROR/kernels/vmlinuz-amd64"
    if [[ "$(stamp_get "$stamp" indexNewest)" == "$newest" && -f "$out" ]] \
        && [[ "$(sha256_of "$out")" == "$(stamp_get "$stamp" sha256)" ]]; then
        log "kernel: $(stamp_get "$stamp" package) $(stamp_get "$stamp" version) already mirrored"
        return
    fi

    local work="$MIRROR/.work/kernel" meta dep pkg="" ver="" deb=""
    rm -rf "$work"
    mkdir -p "$work"
    for meta in "${metas[@]}"; do
        # "linux-image-6.1.0-N-amd64 (= 6.1.X-Y)": the metapackage pins the exact image version.
        dep="$(kernel_image_for "$meta")"
        pkg="${dep%% *}"
        ver="$(sed -nE 's/.*\(= *([^)]+)\).*/\1/p' <<<"$dep")"
        [[ -n "$pkg" ]] || continue
        [[ -n "$ver" ]] || ver="$(apt-cache show --no-all-versions "$pkg" | sed -n 's/^Version: //p' | head -n1)"
        log "kernel: $KERNEL_META $meta -> downloading $pkg $ver"
        if (cd "$work" && apt-get download -qq "$pkg=$ver"); then
            deb="$(find "$work" -maxdepth 1 -name "${pkg}_*.deb" | head -n1)"
            [[ -z "$deb" ]] || break
        fi
        log "kernel: $pkg $ver not available from the archive, trying an older version"
    done
    [[ -n "$deb" ]] || die "kernel: no $KERNEL_META version listed in the indexes could be downloaded"

    mkdir -p "$work/root" "$MIRROR/kernels" "$MIRROR/stamps"
    dpkg-deb -x "$deb" "$work/root"
    local vmlinuz
    vmlinuz="$(find "$work/root/boot" -maxdepth 1 -name 'vmlinuz-*' | head -n1)"
    [[ -n "$vmlinuz" ]] || die "kernel: no /boot/vmlinuz-* in $(basename "$deb")"
    cp -f "$vmlinuz" "$out.tmp"
    mv -f "$out.tmp" "$out"
    {
        echo "indexNewest=$newest"
        echo "package=$pkg"
        echo "version=$ver"
        echo "vmlinuz=$(basename "$vmlinuz")"
        echo "sha256=$(sha256_of "$out")"
    } >"$stamp.tmp"
    mv -f "$stamp.tmp" "$stamp"
    rm -rf "$work"
    log "kernel: $(basename "$vmlinuz") -> $out"
}

# Copies a git bundle from the shared mirror after checking it against that directory's SHA256SUMS; the
# presets keep their upstream git URL and commit, the override only points the URL at the bundle.
fetch_bundle() {
    local name="$1" dir="$SHARED_MIRROR/$1" want
    [[ -f "$dir/SHA256SUMS" && -f "$dir/$name.bundle" ]] \
        || die "$name: no $dir/$name.bundle with SHA256SUMS (set FIRMWARE_SHARED_MIRROR to the directory that holds $name/)"
    want="$(awk -v f="$name.bundle" '$2 == f || $2 == "*" f { print $1 }' "$dir/SHA256SUMS")"
    [[ -n "$want" ]] || die "$name: $dir/SHA256SUMS lists no $name.bundle"
    mkdir -p "$MIRROR/git"
    local out="$MIRROR/git/$name.bundle"
    if [[ -f "$out" && "$(sha256_of "$out")" == "$want" ]]; then
        log "$name: $name.bundle already mirrored"
        return
    fi
    cp "$dir/$name.bundle" "$out.tmp"
    [[ "$(sha256_of "$out.tmp")" == "$want" ]] || { rm -f "$out.tmp"; die "$name: $dir/$name.bundle does not match SHA256SUMS"; }
    chmod 0644 "$out.tmp"
    mv -f "$out.tmp" "$out"
    log "$name: $name.bundle -> $out"
}

write_overrides() {
    local props="$MIRROR/overrides.properties" pkg name stamp file
    {
        echo "# Generated by it/fill-mirror.sh; re-pins the plugin's sources to this mirror."
        for pkg in "${PACKAGES[@]}"; do
            name="$(plugin_name "$pkg")"
            stamp="$MIRROR/stamps/$pkg.stamp"
            file="$(stamp_get "$stamp" file)"
            echo "$name.version=$(stamp_get "$stamp" version)"
            echo "$name.url=file://$MIRROR/sources/$file"
            echo "$name.fileName=$file"
            echo "$name.sha256=$(stamp_get "$stamp" sha256)"
            local member
            member="$(stamp_get "$stamp" member)"
            [[ -z "$member" ]] || echo "$name.member=$member"
            # The presets pin edk2 as a git commit with its submodules; Debian's orig tarball holds that
            # tree, submodules included, so the re-pin also changes what kind of source it is.
            [[ "$name" != edk2 ]] || echo "$name.kind=archive"
            local signature
            signature="$(stamp_get "$stamp" signature)"
            # Used by boards that declare the upstream's signing key; the key is $MIRROR/keys/<pkg>.asc.
            [[ -z "$signature" ]] || echo "$name.signature=file://$MIRROR/sources/$signature"
        done
        for name in "${GIT_BUNDLES[@]}"; do
            echo "$name.url=file://$MIRROR/git/$name.bundle"
        done
    } >"$props.tmp"
    mv -f "$props.tmp" "$props"
}

summary() {
    local pkg stamp
    printf '\nMirror: %s\n' "$MIRROR"
    printf '%-12s %-30s %-14s %s\n' SOURCE DEBIAN UPSTREAM FILE
    for pkg in "${PACKAGES[@]}"; do
        stamp="$MIRROR/stamps/$pkg.stamp"
        printf '%-12s %-30s %-14s %s\n' "$(plugin_name "$pkg")" "$(stamp_get "$stamp" debianVersion)" \
            "$(stamp_get "$stamp" version)" "$(stamp_get "$stamp" file)"
    done
    stamp="$MIRROR/stamps/kernel.stamp"
    printf 'kernel: %s %s (%s) -> %s\n' "$(stamp_get "$stamp" package)" "$(stamp_get "$stamp" version)" \
        "$(stamp_get "$stamp" vmlinuz)" "$MIRROR/kernels/vmlinuz-amd64"
    printf 'overrides: %s\n' "$MIRROR/overrides.properties"
}

main() {
    MIRROR="$(mkdir -p "$MIRROR" && cd "$MIRROR" && pwd -P)"
    # Two concurrent runs would move the same files; the second waits.
    exec 9>"$MIRROR/.lock"
    flock 9
    enable_deb_src
    local pkg
    for pkg in "${PACKAGES[@]}"; do
        fetch_source "$pkg"
    done
    fetch_kernel
    for pkg in "${GIT_BUNDLES[@]}"; do
        fetch_bundle "$pkg"
    done
    write_overrides
    rmdir "$MIRROR/.work" 2>/dev/null || true
    summary
}

main "$@"

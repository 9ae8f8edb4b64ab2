#!/usr/bin/env bash
# Builds one base image (deploy/images/<name>/) from Debian packages into an OCI image layout, reproducibly:
# the exact package versions come from <name>/packages.lock (checked against their SHA-256), files are unpacked
# without running any maintainer script, every entry gets one owner and one mtime (SOURCE_DATE_EPOCH), entries are
# sorted and the layer is compressed without timestamps. Two builds of one lock give the same layer digest.
#
#   deploy/images/build-image.sh runtime-deps --uid 10001 --output /tmp/runtime-deps.oci [--tag 0.1.0-abc1234]
#   deploy/images/build-image.sh runtime-deps --lock     # re-resolve the lock at the versions apt offers today
#
# Labels: --source, --revision and --version default to the git remote, HEAD and the tag; created is
# SOURCE_DATE_EPOCH, which defaults to the commit time of the lock file (so it changes only when packages do).
set -euo pipefail
umask 022
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
die() { echo "build-image: $*" >&2; exit 1; }

name="${1:-}"; shift || true
[ -n "$name" ] && [ -f "$here/$name/image.conf" ] || die "usage: build-image.sh <$(cd "$here" && ls -d */ | tr -d / | paste -sd '|')> --uid N --output DIR | --lock"
# shellcheck source=runtime-deps/image.conf
. "$here/$name/image.conf"
lock="$here/$name/packages.lock"

uid="" output="" tag="" version="" revision="" source="" relock=false
cache="${PLATFORM_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/platform-images/debs}"
while [ $# -gt 0 ]; do
  case "$1" in
    --uid) uid="$2"; shift 2 ;;
    --output) output="$2"; shift 2 ;;
    --tag) tag="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --revision) revision="$2"; shift 2 ;;
    --source) source="$2"; shift 2 ;;
    --cache) cache="$2"; shift 2 ;;
    --lock) relock=true; shift ;;
    *) die "unknown argument '$1'" ;;
  esac
done

excluded() { case " $EXCLUDE " in *" ${1//[<>]/} "*) return 0 ;; *) return 1 ;; esac; }

# The Depends/PreDepends closure of ROOTS; of alternatives the first one not excluded, of excluded packages nothing.
resolve_closure() {
  local -a queue=($ROOTS) seen=()
  while [ ${#queue[@]} -gt 0 ]; do
    local package="${queue[0]}"; queue=("${queue[@]:1}")
    case " ${seen[*]} " in *" $package "*) continue ;; esac
    seen+=("$package")
    local group=() line alternative
    while IFS= read -r line; do
      alternative="$(sed -E 's/^ *\|?(Pre)?Depends: //' <<<"$line")"
      group+=("$alternative")
      if [[ "$line" =~ ^\ *\| ]]; then continue; fi
      local chosen=""
      for alternative in "${group[@]}"; do
        if ! excluded "$alternative"; then chosen="$alternative"; break; fi
      done
      group=()
      [ -z "$chosen" ] && continue
      [[ "$chosen" == \<* ]] && die "$package depends on virtual package $chosen: name a provider in ROOTS or EXCLUDE"
      queue+=("$chosen")
    done < <(apt-cache depends --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances "$package" | grep -E '^ *\|?(Pre)?Depends: ')
  done
  printf '%s\n' "${seen[@]}" | sort -u
}

if $relock; then
  {
    echo "# Written by build-image.sh $name --lock from the apt sources of $(. /etc/os-release && echo "$PRETTY_NAME")."
    echo "# package version sha256-of-the-.deb"
    resolve_closure | while read -r package; do
      apt-cache show --no-all-versions "$package" | awk -v p="$package" '/^Version:/{v=$2} /^SHA256:/{s=$2} END{print p, v, s}'
    done
  } > "$lock.new"
  mv "$lock.new" "$lock"
  echo "build-image: wrote $lock ($(grep -vc '^#' "$lock") packages)"
  exit 0
fi

[ -f "$lock" ] || die "$lock is missing: run build-image.sh $name --lock"
[[ "$uid" =~ ^[0-9]+$ ]] || die "--uid is required: the uid the manifests run as (Kubernetes:RunAsUser)"
[ -n "$output" ] || die "--output is required"
command -v dpkg-deb >/dev/null || die "dpkg-deb is missing (Debian package dpkg)"
command -v jq >/dev/null || die "jq is missing (Debian package jq)"

repo="$(git -C "$here" rev-parse --show-toplevel 2>/dev/null || true)"
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH="$( [ -n "$repo" ] && git -C "$repo" log -1 --format=%ct -- "$lock" 2>/dev/null || true)"
  [ -n "$SOURCE_DATE_EPOCH" ] || die "SOURCE_DATE_EPOCH is not set and $lock has no commit to take it from"
fi
export SOURCE_DATE_EPOCH
revision="${revision:-$( [ -n "$repo" ] && git -C "$repo" rev-parse HEAD 2>/dev/null || echo unknown)}"
source="${source:-$( [ -n "$repo" ] && git -C "$repo" remote get-url origin 2>/dev/null || echo unknown)}"
tag="${tag:-latest}"
version="${version:-$tag}"
created="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"

# 1. The exact .debs of the lock, fetched once into the cache and checked against the recorded hashes.
mkdir -p "$cache"
debs=()
while read -r package debian_version sha256; do
  deb="$cache/${package}_${debian_version//:/%3a}.deb"
  if [ ! -f "$deb" ] || ! echo "$sha256  $deb" | sha256sum -c --quiet - 2>/dev/null; then
    download="$(mktemp -d)"; chmod 0777 "$download"  # apt fetches as the _apt user
    (cd "$download" && apt-get download -qq "$package=$debian_version") \
      || die "cannot download $package=$debian_version (no longer in the apt sources? see docs/deploy.md, 'Base images')"
    mv "$download"/*.deb "$deb"; rmdir "$download"
  fi
  echo "$sha256  $deb" | sha256sum -c --quiet - || die "$deb does not match the SHA-256 in $lock"
  debs+=("$deb")
done < <(grep -v '^#' "$lock")

# 2. Unpack into a merged-/usr tree, as Debian 12 installs it; no maintainer script runs.
mkdir -p "$root"/usr/{bin,sbin,lib,lib64} "$root"/{etc,tmp,home,var/lib/dpkg}
for dir in bin sbin lib lib64; do ln -s "usr/$dir" "$root/$dir"; done
for deb in "${debs[@]}"; do
  dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink -C "$root"
  # The package list scanners read (Trivy, Syft); no dpkg reads it here.
  { dpkg-deb -f "$deb" Package Version Architecture Multi-Arch Source Depends Pre-Depends Description; echo "Status: install ok installed"; echo; } \
    | grep -v '^ ' >> "$root/var/lib/dpkg/status"
done

# 3. What only a package manager or an init system needs goes; so does every interpreter and shell script.
rm -rf "$root"/usr/share/{doc,man,info,lintian,bug,bash-completion} "$root"/etc/{init.d,default,logrotate.d} \
  "$root"/usr/lib/systemd "$root"/usr/sbin/update-ca-certificates "$root"/usr/share/ca-certificates/mozilla/.keep
for forbidden in sh bash dash apt apt-get dpkg perl python3; do
  [ ! -e "$root/usr/bin/$forbidden" ] || die "$forbidden ended up in the image; add its package to EXCLUDE"
done

# 4. What maintainer scripts would have made: the CA bundle OpenSSL looks for, users, name lookup, os-release.
if [ -d "$root/usr/share/ca-certificates" ]; then
  mkdir -p "$root/etc/ssl/certs" "$root/usr/lib/ssl"
  find "$root/usr/share/ca-certificates" -name '*.crt' | sort | xargs cat > "$root/etc/ssl/certs/ca-certificates.crt"
  ln -s /etc/ssl/certs "$root/usr/lib/ssl/certs"
  ln -s /etc/ssl/certs/ca-certificates.crt "$root/usr/lib/ssl/cert.pem"
fi
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:%s:%s:app:/home/app:/usr/sbin/nologin\n' "$uid" "$uid" > "$root/etc/passwd"
printf 'root:x:0:\napp:x:%s:\n' "$uid" > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n' > "$root/usr/lib/os-release"
ln -s ../usr/lib/os-release "$root/etc/os-release"
mkdir -p "$root/home/app" "$root/app"
chown -R 0:0 "$root"
chown "$uid:$uid" "$root/home/app"
chmod 1777 "$root/tmp"

# 5. One layer: sorted entries, numeric owners, one mtime, no atime/ctime, gzip without name or time.
tar --sort=name --format=posix --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -C "$root" -cf "$work/layer.tar" .
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
gzip -n -9 < "$work/layer.tar" > "$work/layer.tar.gz"

# 6. The OCI image layout: blobs named by digest, canonical JSON.
rm -rf "$output"; mkdir -p "$output/blobs/sha256"
blob() { local digest; digest="$(sha256sum "$1" | cut -d' ' -f1)"; cp "$1" "$output/blobs/sha256/$digest"; echo "sha256:$digest $(stat -c %s "$1")"; }
read -r layer_digest layer_size < <(blob "$work/layer.tar.gz")
jq -n -S -c \
  --arg created "$created" --arg user "$uid:$uid" --arg uid "$uid" --arg diff "$diff_id" --arg entrypoint "$ENTRYPOINT" \
  --arg source "$source" --arg revision "$revision" --arg version "$version" --arg title "platform/$name" \
  --arg description "$DESCRIPTION" --arg lock "$(sha256sum "$lock" | cut -d' ' -f1)" \
  '{architecture: "amd64", os: "linux", created: $created,
    config: ({User: $user, WorkingDir: "/app",
      Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP_UID=\($uid)", "HOME=/home/app"],
      Labels: {"org.opencontainers.image.source": $source, "org.opencontainers.image.revision": $revision,
        "org.opencontainers.image.version": $version, "org.opencontainers.image.created": $created,
        "org.opencontainers.image.title": $title, "org.opencontainers.image.description": $description,
        "org.opencontainers.image.base.name": "debian:12 packages (sha256 of packages.lock \($lock))"}}
      + (if $entrypoint == "" then {} else {Entrypoint: [$entrypoint]} end)),
    rootfs: {type: "layers", diff_ids: [$diff]},
    history: [{created: $created, created_by: "deploy/images/build-image.sh \($title)"}]}' > "$work/config.json"
read -r config_digest config_size < <(blob "$work/config.json")
jq -n -S -c --arg cd "$config_digest" --argjson cs "$config_size" --arg ld "$layer_digest" --argjson ls "$layer_size" \
  '{schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $cd, size: $cs},
    layers: [{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $ld, size: $ls}]}' > "$work/manifest.json"
read -r manifest_digest manifest_size < <(blob "$work/manifest.json")
jq -n -S -c --arg md "$manifest_digest" --argjson ms "$manifest_size" --arg tag "$tag" \
  '{schemaVersion: 2, manifests: [{mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $md, size: $ms,
    annotations: {"org.opencontainers.image.ref.name": $tag}}]}' > "$output/index.json"
echo '{"imageLayoutVersion":"1.0.0"}' > "$output/oci-layout"

echo "build-image: platform/$name:$tag layer $layer_digest ($(numfmt --to=iec "$layer_size")) manifest $manifest_digest"

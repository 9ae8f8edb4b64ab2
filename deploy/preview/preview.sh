#!/bin/sh
# Preview environments for branches (docs/operations.md "Preview environments").
#
#   preview.sh name <branch>                 the preview's name: namespace and selector value
#   preview.sh render <branch> [options]     write artifacts/preview/<name>/rendered.yaml, print its path
#   preview.sh up <branch> [options]         render, then apply it and wait for the gateway
#   preview.sh down <branch> [--dry-run]     delete everything the preview created, by its label
#   preview.sh expired [--dry-run] [--today YYYY-MM-DD]   delete every preview whose expiry date has passed
#
# A preview is the dev overlay (dev sizes and replicas) in its own namespace preview-<branch>-<hash>, without the
# monitoring stack unless --monitoring, its edge host <branch>-<hash>.<domain>, every object labelled
# platform/preview=<name> and platform/preview-expires=<date>. The hash (of the exact branch name) keeps two branches
# that sanitise alike apart. Options:
#   --ttl-days N       expiry in days from today (7)           --image-tag T   tag of the project images (the dev tag)
#   --domain D         hosts are <name>.D (preview.example.com) --monitoring    include deploy/monitoring
#   --manifests DIR    the published tree (deploy/kubernetes)   --output DIR    where previews are written (artifacts/preview)
#   --dry-run          print the kubectl commands instead of running them
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
label=platform/preview
expires_label=platform/preview-expires

fail() { echo "preview: error: $*" >&2; exit 1; }

preview_name() {
  [ -n "$1" ] || fail "a branch name is required"
  slug=$(printf %s "$1" | tr 'A-Z' 'a-z' | sed -e 's/[^a-z0-9]/-/g' -e 's/--*/-/g' -e 's/^-//' | cut -c1-30 | sed 's/-*$//')
  hash=$(printf %s "$1" | sha256sum | cut -c1-6)
  if [ -n "$slug" ]; then echo "preview-$slug-$hash"; else echo "preview-$hash"; fi
}

ttl_days=7 image_tag="" domain=preview.example.com monitoring=0 manifests="$root/deploy/kubernetes" output="$root/artifacts/preview" dry_run=0 today=""
parse_options() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --ttl-days) ttl_days="$2"; shift 2 ;;
      --image-tag) image_tag="$2"; shift 2 ;;
      --domain) domain="$2"; shift 2 ;;
      --monitoring) monitoring=1; shift ;;
      --manifests) manifests=$(cd "$2" && pwd); shift 2 ;;
      --output) mkdir -p "$2"; output=$(cd "$2" && pwd); shift 2 ;;
      --dry-run) dry_run=1; shift ;;
      --today) today="$2"; shift 2 ;;
      *) fail "unknown option $1" ;;
    esac
  done
  case "$ttl_days" in ''|*[!0-9]*) fail "--ttl-days takes a whole number of days" ;; esac
}

run() { if [ "$dry_run" = 1 ]; then echo "$*"; else echo "preview: $*" >&2; "$@"; fi; }

render() {
  branch="$1"; shift
  parse_options "$@"
  name=$(preview_name "$branch")
  dev="$manifests/overlays/dev"
  [ -f "$dev/kustomization.yaml" ] || fail "no dev overlay at $dev (publish first: docs/deploy.md)"
  work="$output/$name"
  rm -rf "$work"
  mkdir -p "$work"
  # The dev overlay, copied so that its base is found from the copy and the monitoring stack can be left out.
  cp -R "$dev" "$work/overlay"
  base=$(cd "$manifests/base" && pwd)
  sed -i -e "s#^- \.\./\.\./base\$#- $(realpath --relative-to="$work/overlay" "$base")#" "$work/overlay/kustomization.yaml"
  if [ "$monitoring" = 1 ]; then
    sed -i -e "s#^- \(\.\./\.\./\.\./monitoring\)\$#- $(realpath --relative-to="$work/overlay" "$manifests/../monitoring")#" "$work/overlay/kustomization.yaml"
  else
    sed -i -e '/^- \.\.\/\.\.\/\.\.\/monitoring$/d' "$work/overlay/kustomization.yaml"
  fi
  expires=$(date -u -d "+$ttl_days days" +%Y-%m-%d)
  {
    echo "apiVersion: kustomize.config.k8s.io/v1beta1"
    echo "kind: Kustomization"
    echo "namespace: $name"
    echo "resources:"
    echo "- overlay"
    echo "labels:"
    echo "- pairs:"
    echo "    $label: $name"
    echo "    $expires_label: \"$expires\""
    echo "  includeSelectors: false"
    echo "  includeTemplates: true"
    echo "commonAnnotations:"
    echo "  platform/preview-branch: \"$(printf %s "$branch" | sed 's/["\\]/\\&/g')\""
    if [ -n "$image_tag" ]; then
      echo "images:"
      # Image names hold a registry path; the overlay's other "- name:" entries (Secrets) do not.
      sed -n 's/^- name: \(.*\)$/\1/p' "$work/overlay/kustomization.yaml" | grep / | while read -r image; do
        echo "- name: $image"
        echo "  newTag: $image_tag"
      done
    fi
  } > "$work/kustomization.yaml"
  # The dev host becomes the preview's own, everywhere it appears (Gateway listener, HTTPRoutes, Certificate).
  dev_host=$(sed -n 's/^ *hostname: *\(.*\)$/\1/p' "$dev/edge.yaml" | head -n 1)
  [ -n "$dev_host" ] || fail "no edge hostname in $dev/edge.yaml"
  kubectl kustomize "$work" | sed "s/$(printf %s "$dev_host" | sed 's/\./\\./g')/$name.$domain/g" > "$work/rendered.yaml"
  echo "$work/rendered.yaml"
}

case "${1:-}" in
  name) preview_name "${2:-}" ;;
  render) shift; [ $# -gt 0 ] || fail "a branch name is required"; render "$@" ;;
  up)
    shift; [ $# -gt 0 ] || fail "a branch name is required"
    rendered=$(render "$@")
    # render ran in a subshell: read the options (--dry-run) here too.
    name=$(preview_name "$1"); shift; parse_options "$@"
    run kubectl apply --server-side -f "$rendered"
    run kubectl -n "$name" rollout status deployment/gateway --timeout=10m ;;
  down)
    shift; [ $# -gt 0 ] || fail "a branch name is required"
    name=$(preview_name "$1"); shift; parse_options "$@"
    # Everything a preview renders lives in its namespace, so deleting the namespace by label removes it all.
    run kubectl delete namespace -l "$label=$name" --ignore-not-found --wait=true --timeout=10m ;;
  expired)
    shift; parse_options "$@"
    [ -n "$today" ] || today=$(date -u +%Y-%m-%d)
    kubectl get namespace -l "$label" -o "jsonpath={range .items[*]}{.metadata.labels.platform/preview} {.metadata.labels.platform/preview-expires}{\"\\n\"}{end}" |
      while read -r name expires; do
        [ -n "$name" ] || continue
        if [ "$expires" \< "$today" ]; then
          run kubectl delete namespace -l "$label=$name" --ignore-not-found --wait=true --timeout=10m
        fi
      done ;;
  *) echo "usage: $0 name|render|up|down|expired <branch> [options] (see the comment at the top)" >&2; exit 2 ;;
esac

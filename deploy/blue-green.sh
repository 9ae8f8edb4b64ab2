#!/usr/bin/env bash
# Blue-green releases of the production overlay (docs/operations.md "Blue-green switch and rollback", ADR 0039).
#
#   deploy/blue-green.sh install                 first apply: both colours, Redis, policies, the edge (blue live)
#   deploy/blue-green.sh release <colour>        apply the new release to the idle colour only, wait until it is ready
#   deploy/blue-green.sh switch <colour>         ready + smoke check through its gateway, then all traffic to it
#   deploy/blue-green.sh rollback                all traffic back to the other colour, one edge change
#   deploy/blue-green.sh status                  the edge's weights
#
# Environment: OVERLAY (default deploy/kubernetes/overlays/production; give artifacts/release/production to apply
# the digest-pinned release), NAMESPACE (platform-production), KUBECTL (kubectl), SMOKE_API_KEY (switch: a key with
# the models and agents scopes). The weights of the edge's HTTPRoutes belong to switch and rollback: release never
# applies them, so applying a release cannot move traffic.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
overlay="${OVERLAY:-$root/deploy/kubernetes/overlays/production}"
namespace="${NAMESPACE:-platform-production}"
kubectl="${KUBECTL:-kubectl}"
switched='platform/traffic=colour-switch'

tool() {
  dotnet run --project "$root/tools/BlueGreen" -c Release -- "$@" --namespace "$namespace" --kubectl "$kubectl"
}

case "${1:-}" in
  install)
    "$kubectl" apply --server-side -k "$overlay"
    ;;
  release)
    colour="${2:?release needs a colour: blue or green}"
    [[ "$colour" == blue || "$colour" == green ]] || { echo "unknown colour '$colour'" >&2; exit 2; }
    live="$(tool status | sed -n 's/^live: //p')"
    if [[ "$live" == "$colour" ]]; then
      echo "$colour takes the traffic: release to the idle colour" >&2
      exit 1
    fi
    # Shared objects (Secrets, Redis, policies, autoscaler auth) first, without the edge's routes, then the colour.
    "$kubectl" apply --server-side -k "$overlay" --selector "!platform/colour,${switched/=/!=}"
    "$kubectl" apply --server-side -k "$overlay" --selector "platform/colour=$colour"
    "$kubectl" --namespace "$namespace" rollout status deployment --selector "platform/colour=$colour" --timeout 600s
    ;;
  switch)
    tool switch "${2:?switch needs a colour: blue or green}"
    ;;
  rollback | status)
    tool "$1"
    ;;
  *)
    echo "usage: $0 install | release <blue|green> | switch <blue|green> | rollback | status" >&2
    sed -n '2,14p' "$0" >&2
    exit 2
    ;;
esac

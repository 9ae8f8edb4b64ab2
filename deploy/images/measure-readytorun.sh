#!/usr/bin/env bash
# Measures a service image built with and without ReadyToRun, side by side: publish time, image size (unpacked and
# compressed) and start to ready (from `podman run` to the first 200 from /health/ready), run the way
# tests/Containers.Tests runs it: non-root 10001, read-only root with tmpfs only on /tmp, no capabilities,
# no-new-privileges, on a network of its own with the port published on loopback.
#
#   deploy/images/measure-readytorun.sh [--service models] [--runs 3]
#
# The images are built exactly as the push-images step builds them (dotnet publish -t:PublishContainer, self-contained,
# on platform/runtime-deps built by build-image.sh) and pushed to a docker-registry on a free loopback port with its
# own storage. Runs alternate between the two images; the table shows medians and the ReadyToRun/plain ratio.
# The models service is the default because it is ready without Redis (ready = its embedding model loaded).
# Everything started here (registry, network, containers, images, work directory) is removed on exit.
set -euo pipefail
export LC_ALL=C DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
die() { echo "measure-readytorun: $*" >&2; exit 1; }

service=models runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --service) service="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) die "unknown argument '$1'" ;;
  esac
done
case "$service" in
  models) project="$root/ModelService/ModelService.csproj" ;;
  *) die "only 'models' is ready without Redis; the gateway and agents need the whole platform (tests/Containers.Tests)" ;;
esac

id="r2r-$$"
work="$(mktemp -d /tmp/platform-r2r.XXXXXX)"
registry_pid=""
cleanup() {
  for variant in plain r2r; do podman rm -f "$id-$variant" >/dev/null 2>&1 || true; done
  podman network rm -f "$id" >/dev/null 2>&1 || true
  if [ -n "${registry:-}" ]; then
    for variant in plain r2r; do podman rmi -f "$registry/platform/$service:$variant" >/dev/null 2>&1 || true; done
  fi
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
registry="127.0.0.1:$port"
cat > "$work/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: $registry
EOF
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do curl -fs "http://$registry/v2/" >/dev/null && break; sleep 0.1; done
curl -fs "http://$registry/v2/" >/dev/null || die "docker-registry did not answer on $registry"

echo "building platform/runtime-deps" >&2
"$here/build-image.sh" runtime-deps --uid 10001 --output "$work/runtime-deps.oci" --tag measure >&2
skopeo copy --quiet --dest-tls-verify=false "oci:$work/runtime-deps.oci:measure" "docker://$registry/platform/runtime-deps:measure" >&2
base="$registry/platform/runtime-deps@$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$registry/platform/runtime-deps:measure")"

# The same properties as the push-images step (Hosting.Kubernetes/Images/ServiceImages.cs), plus PublishReadyToRun and a
# publish directory per variant: publish skips files older than those already in place, so a shared directory would
# keep the compiled assemblies of the previous ReadyToRun publish in the plain image.
publish() {
  local variant="$1" ready_to_run="$2" started
  started=$(date +%s.%N)
  DOTNET_CONTAINER_INSECURE_REGISTRIES="$registry" dotnet publish "$project" -c Release -r linux-x64 --self-contained \
    -t:PublishContainer -nodeReuse:false -v:minimal -p:PublishReadyToRun="$ready_to_run" -p:PublishDir="$work/publish-$variant/" \
    -p:ContainerBaseImage="$base" -p:ContainerRegistry="$registry" -p:ContainerRepository="platform/$service" \
    -p:ContainerImageTag="$variant" -p:ContainerTitle="platform/$service" -p:ContainerVersion=0.0.0-measure >&2
  echo "$(date +%s.%N) - $started" | bc
}
echo "publishing $service: plain (with compile), ReadyToRun, plain again (compile cached, comparable)" >&2
publish plain false >/dev/null
# Crossgen's output is kept in obj/ and reused; removing it makes the ReadyToRun publish pay what a fresh build pays.
rm -rf "$(dirname "$project")/obj/Release/net10.0/linux-x64/R2R"
build_r2r=$(publish r2r true)
build_plain=$(publish plain false)

declare -A unpacked compressed
for variant in plain r2r; do
  podman pull --quiet --tls-verify=false "$registry/platform/$service:$variant" >/dev/null
  unpacked[$variant]=$(podman image inspect --format '{{.Size}}' "$registry/platform/$service:$variant")
  compressed[$variant]=$(skopeo inspect --tls-verify=false --raw "docker://$registry/platform/$service:$variant" | jq '[.layers[].size] | add')
done

podman network create "$id" >/dev/null
start_to_ready() {
  local variant="$1" name="$id-$1" started host_port
  started=$(date +%s.%N)
  podman run --detach --name "$name" --network "$id" --network-alias "$service" --user 10001:10001 \
    --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,mode=1777,size=67108864 \
    --cap-drop ALL --security-opt no-new-privileges --publish 127.0.0.1::8080 \
    --env ASPNETCORE_FORWARDEDHEADERS_ENABLED=true --env DOTNET_shutdownTimeoutSeconds=100 --env HTTP_PORTS=8080 \
    --env OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317 --env OTEL_EXPORTER_OTLP_PROTOCOL=grpc \
    --env OTEL_METRICS_EXPORTER=prometheus --env OTEL_SERVICE_NAME="$service" --env DEPLOYMENT_ENVIRONMENT=staging \
    --env OTEL_RESOURCE_ATTRIBUTES=deployment.environment.name=staging \
    "$registry/platform/$service:$variant" >/dev/null
  host_port="$(podman port "$name" 8080/tcp)"; host_port="${host_port##*:}"
  for _ in $(seq 1800); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$host_port/health/ready")" = 200 ]; then
      echo "$(date +%s.%N) - $started" | bc
      podman rm -f "$name" >/dev/null
      return
    fi
    sleep 0.1
  done
  podman logs --tail 40 "$name" >&2
  die "$variant never answered /health/ready"
}
declare -A times=([plain]="" [r2r]="")
for run in $(seq "$runs"); do
  for variant in plain r2r; do
    t=$(start_to_ready "$variant"); times[$variant]+="$t "
    echo "run $run $variant: ${t}s" >&2
  done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ready_plain=$(median "${times[plain]}") ready_r2r=$(median "${times[r2r]}")

mb() { echo "scale=1; $1 / 1000000" | bc; }
ratio() { echo "scale=2; $2 / $1" | bc; }
printf '\n%s image, load average %s\n' "platform/$service" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-26s %12s %12s %8s\n' "" "plain" "ReadyToRun" "ratio"
printf '%-26s %12s %12s %8s\n' "size unpacked (MB)" "$(mb "${unpacked[plain]}")" "$(mb "${unpacked[r2r]}")" "$(ratio "${unpacked[plain]}" "${unpacked[r2r]}")x"
printf '%-26s %12s %12s %8s\n' "size compressed (MB)" "$(mb "${compressed[plain]}")" "$(mb "${compressed[r2r]}")" "$(ratio "${compressed[plain]}" "${compressed[r2r]}")x"
printf '%-26s %12.2f %12.2f %8s\n' "start to ready (s, median)" "$ready_plain" "$ready_r2r" "$(ratio "$ready_plain" "$ready_r2r")x"
printf '%-26s %12.1f %12.1f %8s\n' "publish, compile cached (s)" "$build_plain" "$build_r2r" "$(ratio "$build_plain" "$build_r2r")x"
printf 'start to ready, every run: plain %s| ReadyToRun %s\n' "${times[plain]}" "${times[r2r]}"
printf 'reproduce: deploy/images/measure-readytorun.sh --service %s --runs %s\n' "$service" "$runs"

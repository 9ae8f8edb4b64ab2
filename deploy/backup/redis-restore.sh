#!/bin/sh
# Redis restore (docs/operations.md "Restore"). The same script runs in the cluster's restore Job (from the suspended
# CronJob redis-restore) and in the restore drill (tests/Recovery.Tests).
#
#   redis-restore.sh fetch     copy backup $BACKUP_NAME from $BACKUP_TARGET to $BACKUP_WORK_DIR/restore.rdb, verify it
#   redis-restore.sh load      turn $BACKUP_WORK_DIR/restore.rdb into the data directory $REDIS_DATA_DIR of a stopped Redis
#   redis-restore.sh cluster   on an operator's machine: stop the in-cluster Redis, run the restore Job, start Redis
#
# Why load runs a temporary server: Redis runs with appendonly yes, and a Redis with AOF on ignores a dump.rdb when no
# AOF exists (it would start empty). So load starts redis-server on the RDB with AOF off, turns AOF on (Redis rewrites
# the dataset into a fresh AOF), waits for the rewrite, and shuts down; the real Redis then starts from that AOF.
#
# Environment (defaults in brackets):
#   BACKUP_TARGET [file:///backups]  BACKUP_PREFIX [redis]  BACKUP_WORK_DIR [/backup/work]: as in redis-backup.sh
#   BACKUP_NAME [latest]             a file name from 'redis-backup.sh list', or latest
#   REDIS_DATA_DIR [/data]           the data directory of the Redis being restored (it must not be running)
#   RESTORE_PORT [6399]              loopback port of the temporary server
#   RESTORE_TIMEOUT [600]            seconds load waits for loading and the AOF rewrite
# cluster: redis-restore.sh cluster --namespace <ns> [--backup <name>|latest] [--redis <resource>] [--dry-run] [--timeout <seconds>]
set -eu

BACKUP_TARGET="${BACKUP_TARGET:-file:///backups}"
BACKUP_PREFIX="${BACKUP_PREFIX:-redis}"
BACKUP_WORK_DIR="${BACKUP_WORK_DIR:-/backup/work}"
BACKUP_NAME="${BACKUP_NAME:-latest}"
REDIS_DATA_DIR="${REDIS_DATA_DIR:-/data}"
RESTORE_PORT="${RESTORE_PORT:-6399}"
RESTORE_TIMEOUT="${RESTORE_TIMEOUT:-600}"

log() { echo "redis-restore: $*" >&2; }
fail() { log "error: $*"; exit 1; }

fetch() {
  mkdir -p "$BACKUP_WORK_DIR"
  name="$BACKUP_NAME"
  if [ "$name" = latest ]; then
    name=$(BACKUP_TARGET="$BACKUP_TARGET" BACKUP_PREFIX="$BACKUP_PREFIX" sh "$(dirname "$0")/redis-backup.sh" list | tail -n 1)
    [ -n "$name" ] || fail "no backup at $BACKUP_TARGET"
  fi
  case "$BACKUP_TARGET" in
    file://*)
      cp "${BACKUP_TARGET#file://}/$name" "$BACKUP_WORK_DIR/$name"
      cp "${BACKUP_TARGET#file://}/$name.sha256" "$BACKUP_WORK_DIR/$name.sha256" ;;
    s3://*)
      aws s3 cp --only-show-errors "${BACKUP_TARGET%/}/$name" "$BACKUP_WORK_DIR/$name"
      aws s3 cp --only-show-errors "${BACKUP_TARGET%/}/$name.sha256" "$BACKUP_WORK_DIR/$name.sha256" ;;
    *) fail "BACKUP_TARGET '$BACKUP_TARGET' is neither file:///<directory> nor s3://<bucket>/<prefix>" ;;
  esac
  (cd "$BACKUP_WORK_DIR" && sha256sum -c --quiet "$name.sha256") || fail "$name does not match its checksum"
  mv "$BACKUP_WORK_DIR/$name" "$BACKUP_WORK_DIR/restore.rdb"
  rm -f "$BACKUP_WORK_DIR/$name.sha256"
  log "fetched $name ($(wc -c < "$BACKUP_WORK_DIR/restore.rdb") bytes)"
}

info_field() { redis-cli -p "$RESTORE_PORT" info persistence | tr -d '\r' | sed -n "s/^$1://p"; }

load() {
  rdb="$BACKUP_WORK_DIR/restore.rdb"
  [ -f "$rdb" ] || fail "$rdb is missing; run fetch first"
  redis-check-rdb "$rdb" >/dev/null 2>&1 || fail "$rdb does not pass redis-check-rdb"
  [ -d "$REDIS_DATA_DIR" ] || fail "data directory $REDIS_DATA_DIR does not exist"
  if redis-cli -p "$RESTORE_PORT" ping >/dev/null 2>&1; then
    fail "something already listens on port $RESTORE_PORT; set RESTORE_PORT"
  fi
  started=$(date -u +%s)
  # The temporary server has no password and listens on loopback only.
  unset REDISCLI_AUTH

  # Whatever Redis persisted there before is replaced by the backup.
  rm -rf "$REDIS_DATA_DIR/appendonlydir" "$REDIS_DATA_DIR"/*.rdb "$REDIS_DATA_DIR"/*.aof
  cp "$rdb" "$REDIS_DATA_DIR/dump.rdb"

  redis-server --port "$RESTORE_PORT" --bind 127.0.0.1 --dir "$REDIS_DATA_DIR" --dbfilename dump.rdb \
    --appendonly no --save "" --protected-mode yes --loglevel warning >&2 &
  server=$!
  deadline=$((started + RESTORE_TIMEOUT))
  until [ "$(redis-cli -p "$RESTORE_PORT" ping 2>/dev/null)" = PONG ]; do
    kill -0 "$server" 2>/dev/null || fail "the temporary redis-server exited while loading the backup"
    [ "$(date -u +%s)" -lt "$deadline" ] || { kill "$server"; fail "loading took longer than ${RESTORE_TIMEOUT}s"; }
    sleep 0.2
  done
  keys=$(redis-cli -p "$RESTORE_PORT" dbsize)

  redis-cli -p "$RESTORE_PORT" config set appendonly yes >/dev/null
  until [ "$(info_field aof_enabled)" = 1 ] && [ "$(info_field aof_rewrite_in_progress)" = 0 ] \
    && [ "$(info_field aof_rewrite_scheduled)" = 0 ]; do
    [ "$(date -u +%s)" -lt "$deadline" ] || { kill "$server"; fail "the AOF rewrite took longer than ${RESTORE_TIMEOUT}s"; }
    sleep 0.2
  done
  [ "$(info_field aof_last_bgrewrite_status)" = ok ] || { kill "$server"; fail "the AOF rewrite failed"; }
  redis-cli -p "$RESTORE_PORT" shutdown >/dev/null 2>&1 || true
  wait "$server" || true
  # The AOF now holds the dataset; a stale dump.rdb would only mislead a later start with AOF off.
  rm -f "$REDIS_DATA_DIR/dump.rdb" "$rdb"
  log "loaded keys=$keys into $REDIS_DATA_DIR seconds=$(( $(date -u +%s) - started ))"
}

cluster() {
  namespace="" backup="latest" redis="redis" dry_run=0 timeout=900
  while [ $# -gt 0 ]; do
    case "$1" in
      --namespace) namespace="$2"; shift 2 ;;
      --backup) backup="$2"; shift 2 ;;
      --redis) redis="$2"; shift 2 ;;
      --timeout) timeout="$2"; shift 2 ;;
      --dry-run) dry_run=1; shift ;;
      *) fail "unknown argument $1" ;;
    esac
  done
  [ -n "$namespace" ] || fail "--namespace is required (platform-dev, platform-staging, platform-production)"
  job="$redis-restore-$(date -u +%Y%m%d%H%M%S)"
  run() { if [ "$dry_run" = 1 ]; then echo "$*"; else log "$*"; "$@"; fi; }
  run kubectl -n "$namespace" set env cronjob/"$redis-restore" "BACKUP_NAME=$backup"
  run kubectl -n "$namespace" scale "statefulset/$redis" --replicas=0
  run kubectl -n "$namespace" wait --for=delete "pod/$redis-0" --timeout=300s
  run kubectl -n "$namespace" create job "$job" "--from=cronjob/$redis-restore"
  run kubectl -n "$namespace" wait --for=condition=complete "job/$job" "--timeout=${timeout}s"
  run kubectl -n "$namespace" logs "job/$job" --all-containers
  run kubectl -n "$namespace" scale "statefulset/$redis" --replicas=1
  run kubectl -n "$namespace" rollout status "statefulset/$redis" "--timeout=${timeout}s"
  # Replicas drop what they cached from the old dataset (vectors, workers' run state) and resume from the restored one.
  # The selector names agents in every environment, and both colours of a blue-green one.
  agents='app.kubernetes.io/name in (agents,agents-blue,agents-green)'
  run kubectl -n "$namespace" rollout restart deployment -l "$agents"
  run kubectl -n "$namespace" rollout status deployment -l "$agents" "--timeout=${timeout}s"
}

case "${1:-}" in
  fetch) fetch ;;
  load) load ;;
  cluster) shift; cluster "$@" ;;
  *) echo "usage: $0 fetch|load|cluster (see the comment at the top)" >&2; exit 2 ;;
esac

#!/bin/sh
# Redis backups (docs/operations.md "Backup"). The same script runs in the cluster's redis-backup CronJob and in the
# restore drill (tests/Recovery.Tests).
#
#   redis-backup.sh snapshot   take an RDB snapshot of the running Redis into $BACKUP_WORK_DIR
#   redis-backup.sh ship       move the snapshots in $BACKUP_WORK_DIR to $BACKUP_TARGET, keep the newest $BACKUP_RETENTION
#   redis-backup.sh run        snapshot, then ship (one container that has redis-cli and the target's tools)
#   redis-backup.sh list       the backups at $BACKUP_TARGET, oldest first
#
# The snapshot is taken over the network with the replication protocol (redis-cli --rdb): Redis forks and streams a
# point-in-time RDB of the whole dataset, so the backup needs no access to Redis's volume and Redis keeps serving.
# Each snapshot is checked with redis-check-rdb and carries a SHA-256 file that the restore verifies.
#
# Environment (defaults in brackets):
#   REDIS_HOST [redis]  REDIS_PORT [6379]  REDISCLI_AUTH [none]: the password, read by redis-cli itself
#   BACKUP_WORK_DIR [/backup/work]    where the snapshot is written before it is shipped
#   BACKUP_TARGET [file:///backups]   file:///<directory> or s3://<bucket>/<prefix> (aws CLI, credentials from the
#                                     pod's role or the environment)
#   BACKUP_RETENTION [24]             backups kept at the target (older ones are deleted after a successful ship)
#   BACKUP_PREFIX [redis]             file names: <prefix>-<UTC time>.rdb and <prefix>-<UTC time>.rdb.sha256
set -eu

REDIS_HOST="${REDIS_HOST:-redis}"
REDIS_PORT="${REDIS_PORT:-6379}"
BACKUP_WORK_DIR="${BACKUP_WORK_DIR:-/backup/work}"
BACKUP_TARGET="${BACKUP_TARGET:-file:///backups}"
BACKUP_RETENTION="${BACKUP_RETENTION:-24}"
BACKUP_PREFIX="${BACKUP_PREFIX:-redis}"

log() { echo "redis-backup: $*" >&2; }
fail() { log "error: $*"; exit 1; }

now_seconds() { date -u +%s; }

snapshot() {
  mkdir -p "$BACKUP_WORK_DIR"
  name="$BACKUP_PREFIX-$(date -u +%Y%m%dT%H%M%SZ).rdb"
  partial="$BACKUP_WORK_DIR/.$name.partial"
  started=$(now_seconds)
  log "snapshot of $REDIS_HOST:$REDIS_PORT to $BACKUP_WORK_DIR/$name"
  if ! redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" --rdb "$partial" >&2; then
    rm -f "$partial"
    fail "redis-cli --rdb failed (is Redis up, is REDISCLI_AUTH right, may this pod reach it?)"
  fi
  if ! redis-check-rdb "$partial" >/dev/null 2>&1; then
    rm -f "$partial"
    fail "the snapshot does not pass redis-check-rdb"
  fi
  (cd "$BACKUP_WORK_DIR" && mv "$partial" "$name" && sha256sum "$name" > "$name.sha256")
  bytes=$(wc -c < "$BACKUP_WORK_DIR/$name")
  log "snapshot $name bytes=$bytes seconds=$(( $(now_seconds) - started ))"
}

# Names of the backups at the target, oldest first (the UTC time in the name sorts).
list() {
  case "$BACKUP_TARGET" in
    file://*)
      dir="${BACKUP_TARGET#file://}"
      [ -d "$dir" ] || return 0
      ls -1 "$dir" | grep -E "^$BACKUP_PREFIX-[0-9]{8}T[0-9]{6}Z\.rdb$" | sort || true ;;
    s3://*)
      aws s3 ls "${BACKUP_TARGET%/}/" | awk '{print $4}' | grep -E "^$BACKUP_PREFIX-[0-9]{8}T[0-9]{6}Z\.rdb$" | sort || true ;;
    *) fail "BACKUP_TARGET '$BACKUP_TARGET' is neither file:///<directory> nor s3://<bucket>/<prefix>" ;;
  esac
}

put() {
  case "$BACKUP_TARGET" in
    file://*)
      dir="${BACKUP_TARGET#file://}"
      mkdir -p "$dir"
      cp "$BACKUP_WORK_DIR/$1" "$dir/.$1.partial"
      mv "$dir/.$1.partial" "$dir/$1" ;;
    s3://*)
      aws s3 cp --only-show-errors "$BACKUP_WORK_DIR/$1" "${BACKUP_TARGET%/}/$1" ;;
  esac
}

delete() {
  case "$BACKUP_TARGET" in
    file://*) rm -f "${BACKUP_TARGET#file://}/$1" ;;
    s3://*) aws s3 rm --only-show-errors "${BACKUP_TARGET%/}/$1" ;;
  esac
}

ship() {
  list >/dev/null
  shipped=0
  for file in "$BACKUP_WORK_DIR"/"$BACKUP_PREFIX"-*.rdb; do
    [ -f "$file" ] || continue
    name=$(basename "$file")
    [ -f "$file.sha256" ] || fail "$name has no checksum file; take the snapshot again"
    (cd "$BACKUP_WORK_DIR" && sha256sum -c --quiet "$name.sha256") || fail "$name does not match its checksum"
    # The checksum goes last: a backup is complete at the target once its .sha256 is there.
    put "$name"
    put "$name.sha256"
    rm -f "$file" "$file.sha256"
    shipped=$((shipped + 1))
    log "shipped $name to $BACKUP_TARGET"
  done
  [ "$shipped" -gt 0 ] || fail "nothing to ship in $BACKUP_WORK_DIR"

  count=$(list | wc -l)
  excess=$((count - BACKUP_RETENTION))
  if [ "$excess" -gt 0 ]; then
    list | head -n "$excess" | while read -r old; do
      delete "$old"
      delete "$old.sha256"
      log "deleted $old (retention $BACKUP_RETENTION)"
    done
  fi
  log "$(list | wc -l) backups at $BACKUP_TARGET"
}

case "${1:-}" in
  snapshot) snapshot ;;
  ship) ship ;;
  run) snapshot; ship ;;
  list) list ;;
  *) echo "usage: $0 snapshot|ship|run|list (see the comment at the top)" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# A throwaway local PostgreSQL cluster for tests and the replica set-up.
#   scripts/pg-cluster.sh start   → prints the URL (postgres://postgres@127.0.0.1:55432/commerce)
#   scripts/pg-cluster.sh stop
#   scripts/pg-cluster.sh ensure  → like start, but keeps an existing cluster's data (npm run start:cluster)
# Needs Debian's postgresql package (installed by .ci/run when missing). PG_PORT and PG_DIR override.
set -euo pipefail
PORT=${PG_PORT:-55432}
DIR=${PG_DIR:-/tmp/commerce-graph-pg}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$BIN" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

case "${1:-}" in
  start)
    if [ -f "$DIR/data/postmaster.pid" ]; then as_pg "$BIN/pg_ctl -D $DIR/data stop -m fast" >/dev/null 2>&1 || true; fi
    rm -rf "$DIR"; mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_pg "$BIN/initdb -D $DIR/data -A trust -U postgres" >/dev/null
    as_pg "$BIN/pg_ctl -D $DIR/data -l $DIR/log -w -o \"-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off\" start" >/dev/null
    as_pg "$BIN/createdb -h 127.0.0.1 -p $PORT -U postgres commerce"
    echo "postgres://postgres@127.0.0.1:$PORT/commerce"
    ;;
  ensure)
    if [ -f "$DIR/data/PG_VERSION" ]; then
      if ! as_pg "$BIN/pg_ctl -D $DIR/data status" >/dev/null 2>&1; then
        as_pg "$BIN/pg_ctl -D $DIR/data -l $DIR/log -w -o \"-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=400\" start" >/dev/null
      fi
      echo "postgres://postgres@127.0.0.1:$PORT/commerce"
    else
      mkdir -p "$DIR"; [ "$(id -u)" = 0 ] && chown postgres "$DIR"
      as_pg "$BIN/initdb -D $DIR/data -A trust -U postgres" >/dev/null
      as_pg "$BIN/pg_ctl -D $DIR/data -l $DIR/log -w -o \"-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=400\" start" >/dev/null
      as_pg "$BIN/createdb -h 127.0.0.1 -p $PORT -U postgres commerce"
      echo "postgres://postgres@127.0.0.1:$PORT/commerce"
    fi
    ;;
  halt)
    [ -d "$DIR/data" ] && as_pg "$BIN/pg_ctl -D $DIR/data stop -m fast" >/dev/null 2>&1 || true
    ;;
  stop)
    [ -d "$DIR/data" ] && as_pg "$BIN/pg_ctl -D $DIR/data stop -m fast" >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  *) echo "usage: $0 start|ensure|halt|stop" >&2; exit 2 ;;
esac

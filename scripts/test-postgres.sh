#!/usr/bin/env bash
# npm run test:postgres — the whole test suite against a throwaway local PostgreSQL cluster.
# Installs Debian's postgresql package first when it is missing and we are root.
set -euo pipefail
cd "$(dirname "$0")/.."
# package downloads that stall are retried instead of waiting without end
apt_opts="-o Acquire::Retries=3 -o Acquire::http::Timeout=60"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing PostgreSQL from Debian packages…"
    apt-get $apt_opts update -qq && DEBIAN_FRONTEND=noninteractive apt-get $apt_opts install -y -qq postgresql >/dev/null
  else
    echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1
  fi
fi
# the rate limits shared through Redis are tested against Debian's redis-server (each test starts its own)
if [ ! -x /usr/bin/redis-server ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing redis-server from Debian packages…"
    apt-get $apt_opts update -qq && DEBIAN_FRONTEND=noninteractive apt-get $apt_opts install -y -qq redis-server >/dev/null
  else
    echo "redis-server is not installed: apt-get install redis-server" >&2; exit 1
  fi
fi
export CI_REQUIRE_REDIS=1
url=$(PG_PORT=${PG_PORT:-55433} PG_DIR=/tmp/commerce-graph-pg-test scripts/pg-cluster.sh start)
trap 'PG_DIR=/tmp/commerce-graph-pg-test scripts/pg-cluster.sh stop' EXIT
echo "PostgreSQL at $url"
TEST_DATABASE_URL="$url" npx vitest run "$@"

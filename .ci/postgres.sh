# Sourced by .ci/run: makes sure a PostgreSQL server is there for the PostgreSQL store tests.
# Installs PostgreSQL when no /usr/lib/postgresql/*/bin/initdb exists, starts a throwaway cluster on a free loopback
# port (as the postgres user when run as root), exports BULKRESUME_POSTGRES, and defines stop_postgres, which stops
# the cluster and removes its directory.

_bulkresume_pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | while read -r dir; do [ -x "$dir/initdb" ] && echo "$dir"; done | sort -V | tail -n 1
}

_bulkresume_pg_as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -z "$(_bulkresume_pg_bin)" ]; then
  echo "postgres.sh: installing PostgreSQL" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

BULKRESUME_PG_BIN="$(_bulkresume_pg_bin)"
if [ -z "$BULKRESUME_PG_BIN" ]; then
  echo "postgres.sh: no initdb under /usr/lib/postgresql/*/bin after installing" >&2
  return 1
fi

BULKRESUME_PG_DIR="$(mktemp -d /tmp/bulkresume-pg.XXXXXX)"
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$BULKRESUME_PG_DIR"; fi
BULKRESUME_PG_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || shuf -i 20000-60000 -n 1)"

_bulkresume_pg_as "$BULKRESUME_PG_BIN/initdb" -D "$BULKRESUME_PG_DIR/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null \
  && _bulkresume_pg_as "$BULKRESUME_PG_BIN/pg_ctl" -D "$BULKRESUME_PG_DIR/data" -l "$BULKRESUME_PG_DIR/server.log" -w -t 60 \
       -o "-p $BULKRESUME_PG_PORT -k $BULKRESUME_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
  || { echo "postgres.sh: could not start PostgreSQL; log:" >&2; cat "$BULKRESUME_PG_DIR/server.log" >&2 2>/dev/null; rm -rf "$BULKRESUME_PG_DIR"; return 1; }

export BULKRESUME_POSTGRES="Host=127.0.0.1;Port=$BULKRESUME_PG_PORT;Username=postgres;Database=postgres"
echo "postgres.sh: PostgreSQL $("$BULKRESUME_PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$BULKRESUME_PG_PORT" >&2

stop_postgres() {
  if [ -n "${BULKRESUME_PG_DIR:-}" ] && [ -d "$BULKRESUME_PG_DIR" ]; then
    _bulkresume_pg_as "$BULKRESUME_PG_BIN/pg_ctl" -D "$BULKRESUME_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$BULKRESUME_PG_DIR"
  fi
  unset BULKRESUME_POSTGRES
}

#!/usr/bin/env bash
# Runs the benchmarks on a chosen size and prints the table of ratios (README, "Performance").
#   benchmarks/run.sh                                  100,000 customers on SQLite (a few minutes)
#   benchmarks/run.sh --size 1000000                   the real run
#   benchmarks/run.sh --size 1000000 --provider PostgreSql   starts a throwaway PostgreSQL 15 on 127.0.0.1
#   benchmarks/run.sh --only list,export               some sections only (list, export, load, logins, dispatch)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing wrk (the load test) with apt-get..."
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null 2>&1 || echo "Could not install wrk; the load test will be skipped."
fi

dotnet build Host/Commerce.Customers.Host.csproj -c Release -nologo -v q
dotnet build benchmarks/Commerce.Customers.Benchmarks/Commerce.Customers.Benchmarks.csproj -c Release -nologo -v q

args=("$@")
pg_data=""
cleanup() {
  if [ -n "$pg_data" ]; then
    su postgres -s /bin/sh -c "/usr/lib/postgresql/15/bin/pg_ctl -D $pg_data -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$pg_data"
  fi
}
trap cleanup EXIT

if [[ " $* " == *" --provider PostgreSql "* && " $* " != *" --postgres "* ]]; then
  if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
    echo "PostgreSQL 15 is not installed (apt-get install postgresql-15), or pass --postgres \"connection string\"." >&2
    exit 2
  fi
  pg_data=$(mktemp -d /tmp/commerce-bench-pg-XXXXXX)
  chown postgres "$pg_data"
  port=$(( 20000 + RANDOM % 20000 ))
  su postgres -s /bin/sh -c "/usr/lib/postgresql/15/bin/initdb -D $pg_data -U postgres --auth=trust -E UTF8 >/dev/null"
  su postgres -s /bin/sh -c "/usr/lib/postgresql/15/bin/pg_ctl -D $pg_data -l $pg_data/log -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=on' -w start >/dev/null"
  su postgres -s /bin/sh -c "/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p $port -U postgres -c 'CREATE DATABASE bench' >/dev/null"
  args+=(--postgres "Host=127.0.0.1;Port=$port;Username=postgres;Database=bench;Pooling=true")
fi

dotnet benchmarks/Commerce.Customers.Benchmarks/bin/Release/net10.0/Commerce.Customers.Benchmarks.dll "${args[@]}"

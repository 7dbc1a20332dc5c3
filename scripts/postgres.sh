#!/usr/bin/env bash
# Start Debian's PostgreSQL on loopback and make a role that may create test databases.
# Prints the DATABASE_URL to use, and nothing else, on stdout: every other message goes to stderr
# (pg_ctlcluster prints "Removed stale pid file." on stdout after an unclean stop).
# No systemd here: pg_ctlcluster starts the cluster.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep "^$version main" >/dev/null; then
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep online >/dev/null; then
  pg_ctlcluster "$version" main start >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname='lscp'\"" | grep 1 >/dev/null ||
  su postgres -c "psql -q -p $port -c \"CREATE ROLE lscp LOGIN CREATEDB PASSWORD 'lscp'\"" >&2
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_database WHERE datname='lscp'\"" | grep 1 >/dev/null ||
  su postgres -c "createdb -p $port -O lscp lscp" >&2
echo "postgres://lscp:lscp@127.0.0.1:$port/lscp"

#!/usr/bin/env bash
# Start Debian's PostgreSQL on loopback and make a role that may create test databases.
# Prints the DATABASE_URL to use. No systemd here: pg_ctlcluster starts the cluster.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname='lscp'\"" | grep -q 1 ||
  su postgres -c "psql -q -p $port -c \"CREATE ROLE lscp LOGIN CREATEDB PASSWORD 'lscp'\""
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_database WHERE datname='lscp'\"" | grep -q 1 ||
  su postgres -c "createdb -p $port -O lscp lscp"
echo "postgres://lscp:lscp@127.0.0.1:$port/lscp"

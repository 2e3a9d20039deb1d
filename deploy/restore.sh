#!/bin/sh
# gongkai restore: into an empty (or to-be-replaced) database and data directory.
# Usage: restore.sh DB_DUMP DATA_TARBALL   (stop `gongkai serve` on every node first)
set -eu
: "${DATABASE_URL:?DATABASE_URL must be set}"
: "${GONGKAI_DATA_DIR:?GONGKAI_DATA_DIR must be set}"
dump=${1:?usage: restore.sh DB_DUMP DATA_TARBALL}
data=${2:?usage: restore.sh DB_DUMP DATA_TARBALL}
pg_restore --clean --if-exists --no-owner --exit-on-error --dbname "$DATABASE_URL" "$dump"
mkdir -p "$GONGKAI_DATA_DIR"
tar -C "$GONGKAI_DATA_DIR" -xzf "$data"
echo "restored; now run: gongkai search rebuild && systemctl start gongkai"

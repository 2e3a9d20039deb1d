#!/bin/sh
# gongkai backup: the PostgreSQL database (pg_dump, custom format) and the data directory
# (uploads, attachments, the secret key; not the static files or the search index, which
# `gongkai serve` and `gongkai search rebuild` recreate). Usage: backup.sh DEST_DIR
set -eu
: "${DATABASE_URL:?DATABASE_URL must be set}"
: "${GONGKAI_DATA_DIR:?GONGKAI_DATA_DIR must be set}"
dest=${1:?usage: backup.sh DEST_DIR}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dest"
pg_dump --format=custom --no-owner --file "$dest/gongkai-db-$stamp.pgdump" "$DATABASE_URL"
tar -C "$GONGKAI_DATA_DIR" --exclude=./static --exclude=./search --exclude=./locks \
    -czf "$dest/gongkai-data-$stamp.tar.gz" .
echo "$dest/gongkai-db-$stamp.pgdump"
echo "$dest/gongkai-data-$stamp.tar.gz"

# Shared by scripts/backup and scripts/restore (sourced, not run). docs/operations.md explains both.

die() {
    printf '%s: %s\n' "$program" "$*" >&2
    exit 1
}

say() { printf '%s: %s\n' "$program" "$*"; }

# A private scratch folder, removed on exit whatever happens.
make_workdir() {
    workdir=$(mktemp -d "${TMPDIR:-/tmp}/camau-$program.XXXXXX")
    trap 'rm -rf -- "$workdir"' EXIT
}

# Asks the settings (not the environment directly) where the files are and which database to use:
# MEDIA_ROOT and PRIVATE_MEDIA_ROOT default under VAR_DIR, DATABASE_URL may be DATABASE_URL_FILE.
# The password goes to a 0600 file for libpq, never to the terminal or a command line.
load_config() {
    local output line key value
    if ! output=$(.venv/bin/python manage.py backup_paths --pgpass-file "$workdir/pgpass"); then
        die "cannot read the portal's settings (is the production environment loaded?)"
    fi
    media_root="" private_root=""
    while IFS= read -r line; do
        key=${line%%=*}
        value=${line#*=}
        case $key in
            MEDIA_ROOT) media_root=$value ;;
            PRIVATE_MEDIA_ROOT) private_root=$value ;;
            PGHOST | PGPORT | PGUSER | PGDATABASE | PGSSLMODE)
                if [[ -n $value ]]; then export "$key=$value"; else unset "$key"; fi
                ;;
        esac
    done <<<"$output"
    [[ -n $media_root && -n $private_root && -n ${PGDATABASE:-} ]] ||
        die "backup_paths did not name MEDIA_ROOT, PRIVATE_MEDIA_ROOT and the database"
    export PGPASSFILE="$workdir/pgpass"
    unset PGPASSWORD PGSERVICE
}

# The archive names of one backup set, in the order they are made and checked.
set_files=(database.dump media.tar.gz private.tar.gz)


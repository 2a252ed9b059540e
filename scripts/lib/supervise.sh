# Sourced by scripts/run-embedded and scripts/run-production: start the portal's processes in the
# foreground and keep them together. Ctrl-C stops them all; if any one stops on its own, the
# others are stopped too and the script exits non-zero, so a crashed worker is never left
# unnoticed behind a working web page.
#
#   supervise_start "name" command args...   (as many as needed)
#   supervise_wait                            (returns only when one has stopped)
#
# With SUPERVISE_LOG_DIR set, each process writes its output to SUPERVISE_LOG_DIR/<name>.log
# instead of this terminal (the tests and benchmarks read the worker's log apart from gunicorn's).

supervise_pids=()
declare -A supervise_names=()

# Job control puts each child in a process group of its own (group id = its pid), so stopping a
# child also stops what it started: runserver's reloader child, gunicorn's workers, the worker's
# pool processes. Terminal signals then reach only this script, which stops the children itself.
supervise_start() {
    local name=$1
    shift
    set -m
    if [[ -n ${SUPERVISE_LOG_DIR:-} ]]; then
        "$@" >>"$SUPERVISE_LOG_DIR/$name.log" 2>&1 &
    else
        "$@" &
    fi
    supervise_pids+=("$!")
    supervise_names[$!]=$name
    set +m
}

supervise_stopping=0
supervise_stop_all() {
    [[ $supervise_stopping == 1 ]] && return
    supervise_stopping=1
    local pid alive i
    # Each main process first, so Celery shuts down warmly (the task at hand finishes), gunicorn
    # finishes its requests and runserver stops its reloader. Fifteen seconds later (a warm
    # shutdown of the worker takes about eight), whatever is left in each process group is killed.
    for pid in "${supervise_pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for ((i = 0; i < 150; i++)); do
        alive=0
        for pid in "${supervise_pids[@]}"; do
            if kill -0 "$pid" 2>/dev/null; then alive=1; fi
        done
        [[ $alive == 0 ]] && break
        sleep 0.1
    done
    for pid in "${supervise_pids[@]}"; do
        kill -KILL -- "-$pid" 2>/dev/null || true
    done
}

supervise_wait() {
    trap supervise_stop_all EXIT
    trap 'echo; echo "Stopping every process..."; exit 130' INT
    trap 'exit 143' TERM
    local status=0 finished=""
    wait -n -p finished "${supervise_pids[@]}" || status=$?
    echo "The ${supervise_names[$finished]:-a process} stopped (exit status $status); stopping the others." >&2
    exit $((status == 0 ? 1 : status))
}

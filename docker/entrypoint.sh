#!/bin/sh
# enhancer-entrypoint ROLE [ARGS]: ROLE is serve (API + workers), api (API + inbox, no workers) or worker
# (workers; HTTP stays up for health and metrics); `import ...`, `dlt list|replay ...` and `directus setup ...` run those commands.
set -eu
role="${1:-serve}"
[ "$#" -gt 0 ] && shift
case "$role" in
  serve|api|worker)
    export ENHANCER_ROLE="$role"
    set -- serve "$@" ;;
  import|dlt|directus)
    set -- "$role" "$@" ;;
  *)
    echo "usage: serve|api|worker [spring args] | import ... | dlt list|replay ... | directus setup ..., got '$role'" >&2
    exit 64 ;;
esac
# exec: the JVM becomes PID 1 and receives SIGTERM itself, so Spring's graceful shutdown runs.
# JAVA_OPTS is split on spaces on purpose.
# shellcheck disable=SC2086
exec java $JAVA_OPTS -jar "${ENHANCER_JAR:-/app/enhancer.jar}" "$@"

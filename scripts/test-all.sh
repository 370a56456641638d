#!/usr/bin/env bash
# The whole test suite, as CI runs it: a real Elasticsearch (started here unless ELASTICSEARCH_URL is set),
# every vitest file on both engines, then a plain closing line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

started=0
redis_started=0
stop_es() {
  if [ "$started" = 1 ]; then bash scripts/elasticsearch.sh stop || true; fi
  if [ "$redis_started" = 1 ]; then bash scripts/redis.sh stop || true; fi
}
trap stop_es EXIT

if [ -z "${ELASTICSEARCH_URL:-}" ]; then
  # A node already running there belongs to someone else: use it, and leave it running afterwards.
  if ! bash scripts/elasticsearch.sh status; then
    bash scripts/elasticsearch.sh start || { echo "could not start Elasticsearch (see above)"; echo "0 passed, 1 failed"; exit 1; }
    started=1
  fi
  ELASTICSEARCH_URL=$(bash scripts/elasticsearch.sh url)
  export ELASTICSEARCH_URL
fi
echo "Elasticsearch for tests: $ELASTICSEARCH_URL"

# Redis for the shared rate-limit tests (REDIS_PORT, default 6379). Under CI=true a Redis that cannot start fails
# the run; elsewhere the Redis tests say why and skip.
if [ -z "${REDIS_URL:-}" ]; then
  if bash scripts/redis.sh status; then
    REDIS_URL=$(bash scripts/redis.sh url)
  elif bash scripts/redis.sh start; then
    redis_started=1
    REDIS_URL=$(bash scripts/redis.sh url)
  elif [ "${CI:-}" = true ]; then
    echo "could not start Redis (see above)"; echo "0 passed, 1 failed"; exit 1
  else
    echo "Redis could not be started: the shared rate-limit tests will skip"
  fi
  if [ -n "${REDIS_URL:-}" ]; then export REDIS_URL; fi
fi
echo "Redis for tests: ${REDIS_URL:-(none)}"

# Shared data beside the repo (../shared), as in CI; tests that need it say so when it is missing (and under
# CI=true a missing file fails them). A clone without it uses the built-in occupation list.
shared_taxonomy="$(cd .. && pwd)/shared/data/occupations/dadian2022_flattened.json"
if [ -z "${OCCUPATIONS_FILE:-}" ] && { [ -f "$shared_taxonomy" ] || [ "${CI:-}" = "true" ]; }; then
  export OCCUPATIONS_FILE="$shared_taxonomy"
fi

# Headless Chromium for the console's browser tests (test/console): installed from Debian's packages when missing.
# Outside CI a machine without it (and without root) skips those tests; under CI=true they fail without it.
bash scripts/chromium.sh install || echo "chromium is not installed: the console browser tests skip (and fail under CI=true)"

mkdir -p .cache
results=.cache/test-results.json
rm -f "$results"
VITEST_JSON="$results" npx vitest run "$@"
rc=$?
node scripts/summarize-tests.mjs "$results" || rc=1
exit $rc

#!/usr/bin/env bash
# The whole test suite, as CI runs it: a real Elasticsearch (started here unless ELASTICSEARCH_URL is set),
# every vitest file on both engines, then a plain closing line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

started=0
stop_es() { if [ "$started" = 1 ]; then bash scripts/elasticsearch.sh stop || true; fi; }
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

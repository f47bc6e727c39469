#!/usr/bin/env bash
# What `npm test` needs besides npm packages, installed when missing (idempotent, quiet when done):
# the Temporal CLI + time-skipping test server (scripts/provision-temporal.sh), Debian's
# docker-compose, which validates docker-compose.yml (there is no Docker engine here), and curl
# and jq, which README's walkthrough uses (test/integration/fresh-clone.test.ts runs it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/provision-temporal.sh

if ! command -v docker-compose >/dev/null 2>&1 && ! docker compose version >/dev/null 2>&1; then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      echo "test-prereqs: docker-compose missing and no root/sudo to install it (the compose test will say so)"; exit 0
    fi
  fi
  if command -v apt-get >/dev/null 2>&1; then
    echo "test-prereqs: installing docker-compose (apt)"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
  fi
fi

# curl and jq for README's walkthrough
missing=""
for tool in curl jq; do command -v "$tool" >/dev/null 2>&1 || missing="${missing} ${tool}"; done
if [[ -n "$missing" ]]; then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo -n"
  if command -v apt-get >/dev/null 2>&1 && { [[ -z "$sudo" ]] || sudo -n true 2>/dev/null; }; then
    echo "test-prereqs: installing${missing} (apt)"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    # shellcheck disable=SC2086 # a list of package names
    $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "test-prereqs:${missing} missing and no apt/root to install it (the fresh-clone test will say so)"
  fi
fi

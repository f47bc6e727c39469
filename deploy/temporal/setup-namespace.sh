#!/bin/sh
# One-shot: waits for the Temporal server, then creates the leadflow namespace and its custom
# search attributes. Safe to rerun: existing ones are kept (a type clash fails loudly).
set -eu

: "${TEMPORAL_ADDRESS:?}" "${TEMPORAL_NAMESPACE:?}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-720h}"
ATTEMPTS="${SETUP_ATTEMPTS:-60}"
export TEMPORAL_ADDRESS

retry() { # description command...
  what="$1"; shift
  n=1
  until "$@"; do
    if [ "$n" -ge "$ATTEMPTS" ]; then echo "namespace setup: gave up on: ${what}" >&2; exit 1; fi
    echo "namespace setup: waiting for ${what} (${n}/${ATTEMPTS})"
    n=$((n + 1)); sleep 2
  done
}

retry "the server to be healthy" temporal operator cluster health

if temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  echo "namespace setup: namespace ${TEMPORAL_NAMESPACE} exists"
else
  retry "namespace ${TEMPORAL_NAMESPACE} to be created" \
    temporal operator namespace create --namespace "$TEMPORAL_NAMESPACE" --retention "$RETENTION"
fi

has_attribute() {
  temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE" | grep -qw "$1"
}
add_attribute() { # name type
  has_attribute "$1" && return 0
  temporal operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" --name "$1" --type "$2"
}

# Keep in step with SEARCH_ATTRIBUTE_TYPES in workflows/search-attributes.ts (the compose test checks).
for spec in LeadStatus:Keyword LeadRank:Keyword LeadScore:Int OwnerId:Keyword \
  AssignmentStatus:Keyword ProcessingActivityId:Keyword LeadEmail:Keyword LeadCompany:Keyword \
  LeadSource:Keyword SalesChannel:Keyword OfferedToId:Keyword; do
  # A new namespace reaches every frontend's cache a few seconds after it is created.
  retry "search attribute ${spec}" add_attribute "${spec%%:*}" "${spec#*:}"
done
echo "namespace setup: complete"
temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE"

#!/bin/sh
# Fires one signed portal callback at the sandbox gateway, as the National Public Service Portal would:
#   sh src/test/resources/sandbox/callbacks/fire.sh src/test/resources/sandbox/callbacks/thanh-toan.json
# Optional: MESSAGE_ID (default: a fresh one; repeat it to see the idempotent 200), SECRET (default: the
# sandbox's gateway.callbacks.secret), GATEWAY (default http://localhost:8080), TIMESTAMP (default now).
set -eu
file=${1:?usage: fire.sh <callback.json>}
secret=${SECRET:-sandbox-callback-secret}
gateway=${GATEWAY:-http://localhost:8080}
ts=${TIMESTAMP:-$(date +%s)}
id=${MESSAGE_ID:-sandbox-$(date +%s)-$$}
# HMAC-SHA256 over timestamp + "." + the raw body bytes, lowercase hex
sig=$( (printf '%s.' "$ts"; cat "$file") | openssl dgst -sha256 -hmac "$secret" | sed 's/^.*= //')
echo "message $id, timestamp $ts, signature $sig" >&2
curl -sS -i -X POST "$gateway/api/v1/portal/callbacks" \
  -H 'Content-Type: application/json' \
  -H "X-Portal-Message-Id: $id" \
  -H "X-Portal-Timestamp: $ts" \
  -H "X-Portal-Signature: $sig" \
  --data-binary "@$file"
echo

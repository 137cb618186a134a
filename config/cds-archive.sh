#!/bin/sh
# Makes the class-data sharing archive of the installed jar with this JVM (ExecStartPre of
# lienthong-gateway.service), unless the archive is newer than both: a training start with throw-away settings
# (a throw-away database file, delivery paused, nothing sent anywhere) that exits once it has answered its own
# readiness probe (gateway.training-start), so the archive holds every class a start loads.
# Without an archive the gateway starts all the same, only slower. usage: cds-archive.sh JAVA ARCHIVE
java=$1
archive=$2
libjvm=$(dirname "$(dirname "$(readlink -f "$java")")")/lib/server/libjvm.so
if [ "$archive" -nt lienthong-gateway.jar ] && [ "$archive" -nt "$libjvm" ]; then
  exit 0
fi
rm -f "$archive"
data="$(cd "$(dirname "$archive")" && pwd)/$(basename "$archive").data"
rm -rf "$data"
mkdir -p "$data"
grep -v SharedArchiveFile jvm.options > "$archive.options"
if ! env -i PATH=/usr/bin:/bin "$java" "@$archive.options" -XX:ArchiveClassesAtExit="$archive" \
    -jar lienthong-gateway.jar --server.port=0 --management.server.port= \
    --gateway.training-start=true --gateway.data-dir="$data" \
    --logging.level.root=WARN --gateway.delivery.auto-start=false --gateway.portal.base-url=http://localhost:9/portal \
    --gateway.portal.username=training --gateway.portal.password=training --gateway.portal.dstcode=TRAINING \
    --gateway.callbacks.secret=training-only-callback-secret-of-32-bytes --gateway.callbacks.payment-secret=training-only-payment-secret-of-32-bytes \
    --gateway.one-stop.base-url=http://localhost:9/one-stop --gateway.one-stop.api-key=training \
    --gateway.population.url=http://localhost:9/dancu --gateway.population.user=training \
    --gateway.population.secret=training --gateway.population.api-key=training \
    --gateway.population.xroad-client=VN/GOV/TRAINING/TRAINING --gateway.population.consumer-code=TRAINING \
    --gateway.population.integration-code=TRAINING --gateway.population.agency-code=000.00.00.H00 \
    --gateway.registry.base-url=http://localhost:9/registry --gateway.registry.api-key=training \
    --gateway.catalogue.agency=000.00.00.H00 --gateway.catalogue.auto-refresh=false \
    --gateway.audit.hmac-secret=training-only-audit-secret-of-at-least-32-bytes >"$archive.log" 2>&1; then
  echo "class-data sharing archive not made (see $archive.log); the gateway starts without it" >&2
  rm -f "$archive"
fi
rm -rf "$archive.options" "$data"
exit 0

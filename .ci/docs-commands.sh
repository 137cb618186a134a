#!/usr/bin/env bash
# Runs every shell command of the README and docs/*.md, so the docs cannot drift from the gateway.
#
# Takes each fenced ```bash or ```sh block of README.md and docs/*.md, in file order. The block that starts the
# sandbox (the README's `mvn spring-boot:test-run`) is started first, in the background, on a fresh data folder;
# once the sandbox answers, every block without a Maven command runs against it, each with `bash -e -o pipefail`
# in the project folder; then the sandbox stops and the blocks with Maven commands run (benchmarks at a smoke
# size: DOCS_BENCH_SMOKE below is appended to each `-Pbench` command). A block fails when a command in it fails
# (a wrong path, an unknown option or class, a port nothing listens on); the answers' bodies are the tests' job.
#
# A block that cannot run here carries, on the line just above its fence:  <!-- ci: skip: <reason> -->
# (docs/maintainers.md, "Commands in the docs"). usage: .ci/docs-commands.sh [--list]
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=target/docs-commands
DOCS_BENCH_SMOKE="${DOCS_BENCH_SMOKE:--Dbench.events=300 -Dbench.dossiers=20 -Dbench.clients=4 -Dbench.warmup-seconds=0 \
-Dbench.seconds=1 -Dbench.rounds=1 -Dbench.starts=1 -Dbench.civil-dossiers=4 -Dbench.civil-mb=1 -Dbench.quiet-seconds=0}"
BLOCK_TIMEOUT="${DOCS_BLOCK_TIMEOUT:-300}"
MVN_BLOCK_TIMEOUT="${DOCS_MVN_BLOCK_TIMEOUT:-900}"
rm -rf "$WORK"
mkdir -p "$WORK/blocks"

# One file per block: NNN.sh (the commands), NNN.where (file:line), NNN.skip (the reason, for a marked block).
awk -v dir="$WORK/blocks" '
  FNR == 1 { fence = ""; prev = "" }
  {
    line = $0
    if (fence == "" && match(line, /^[ \t]*```/)) {
      lang = line; sub(/^[ \t]*```/, "", lang); sub(/[ \t].*$/, "", lang)
      fence = "other"
      if (lang == "bash" || lang == "sh") {
        fence = "shell"; n++; f = sprintf("%s/%03d", dir, n)
        print FILENAME ":" FNR > (f ".where"); close(f ".where")
        if (prev ~ /^<!-- ci: skip: .* -->$/) {
          r = prev; sub(/^<!-- ci: skip: /, "", r); sub(/ -->$/, "", r)
          print r > (f ".skip"); close(f ".skip")
        }
        printf "" > (f ".sh")
      }
    } else if (fence != "" && line ~ /^[ \t]*```[ \t]*$/) {
      if (fence == "shell") close(f ".sh")
      fence = ""
    } else if (fence == "shell") {
      print line >> (f ".sh")
    }
    if (line !~ /^[ \t]*$/) prev = line
  }
' README.md docs/*.md

blocks=("$WORK"/blocks/*.sh)
is_sandbox() { grep -q 'spring-boot:test-run' "$1"; }
uses_mvn() { grep -qE '(^|[;&|[:space:]])mvn[[:space:]]' "$1"; }
kind() {
  local b=$1 base=${1%.sh}
  if [ -f "$base.skip" ]; then echo "skip: $(cat "$base.skip")"
  elif is_sandbox "$b"; then echo "sandbox (started first, in the background)"
  elif uses_mvn "$b"; then echo "maven (after the sandbox stops)"
  else echo "against the sandbox"; fi
}

if [ "${1:-}" = "--list" ]; then
  for b in "${blocks[@]}"; do printf '%-28s %s\n' "$(cat "${b%.sh}.where")" "$(kind "$b")"; done
  exit 0
fi

# Each block runs with this prelude: benchmarks at a smoke size, Maven in batch mode.
cat > "$WORK/prelude.sh" <<EOF
mvn() {
  if [[ " \$* " == *" -Pbench "* ]]; then command mvn -B -ntp "\$@" $DOCS_BENCH_SMOKE; else command mvn -B -ntp "\$@"; fi
}
EOF

passed=0; failed=0; skipped=0
run_block() {
  local b=$1 limit=$2 where; where=$(cat "${b%.sh}.where")
  local log="${b%.sh}.log"
  local t0=$SECONDS
  if timeout "$limit" bash -e -o pipefail -c "source $WORK/prelude.sh; source $b" > "$log" 2>&1; then
    # a benchmark prints its result line ("bench <name> …=…") last: one per -Pbench command at least
    local want got
    want=$(grep -c -- '-Pbench' "$b" || true); got=$(grep -cE '^bench [a-z-]+ .*=' "$log" || true)
    if [ "$want" -gt 0 ] && [ "$got" -lt "$want" ]; then
      failed=$((failed + 1)); echo "FAILED  $where: $want benchmark command(s), $got result line(s)"; return
    fi
    passed=$((passed + 1)); echo "ok      $where ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1)); echo "FAILED  $where ($((SECONDS - t0)) s); its output:"; tail -n 40 "$log" | cut -c1-300 | sed 's/^/    /'; echo
  fi
}

sandbox_pid=""
stop_sandbox() {
  if [ -n "$sandbox_pid" ] && kill -0 "$sandbox_pid" 2>/dev/null; then
    kill -TERM -- "-$sandbox_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$sandbox_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$sandbox_pid" 2>/dev/null || true
  fi
  sandbox_pid=""
}
trap stop_sandbox EXIT

for b in "${blocks[@]}"; do
  [ -f "${b%.sh}.skip" ] && skipped=$((skipped + 1))
done

sandbox_block=""
for b in "${blocks[@]}"; do
  if [ ! -f "${b%.sh}.skip" ] && is_sandbox "$b"; then sandbox_block=$b; break; fi
done
if [ -z "$sandbox_block" ]; then
  echo "no block of README.md or docs/ starts the sandbox (mvn spring-boot:test-run)" >&2
  exit 1
fi
if curl -s -o /dev/null --max-time 2 localhost:8080/actuator/health; then
  echo "something already answers on localhost:8080: stop it first (the sandbox needs 8080 and 8089-8093)" >&2
  exit 1
fi

echo "== the sandbox, as $(cat "${sandbox_block%.sh}.where") starts it"
rm -rf "$WORK/sandbox-data"
GATEWAY_DATA_DIR="$PWD/$WORK/sandbox-data" setsid bash -c "source $WORK/prelude.sh; source $sandbox_block" \
  > "$WORK/sandbox.log" 2>&1 < /dev/null &
sandbox_pid=$!
t0=$SECONDS
until curl -s -o /dev/null --max-time 2 -w '%{http_code}' localhost:8080/actuator/health/readiness | grep -q 200; do
  if ! kill -0 "$sandbox_pid" 2>/dev/null || [ $((SECONDS - t0)) -gt 400 ]; then
    echo "FAILED  the sandbox did not become ready; its log:"; tail -n 60 "$WORK/sandbox.log" | sed 's/^/    /'
    exit 1
  fi
  sleep 2
done
passed=$((passed + 1)); echo "ok      $(cat "${sandbox_block%.sh}.where") (ready in $((SECONDS - t0)) s)"

echo "== blocks against the sandbox"
for b in "${blocks[@]}"; do
  [ "$b" = "$sandbox_block" ] && continue
  [ -f "${b%.sh}.skip" ] && continue
  uses_mvn "$b" && continue
  run_block "$b" "$BLOCK_TIMEOUT"
done
stop_sandbox

echo "== blocks with Maven commands (benchmarks at a smoke size: $DOCS_BENCH_SMOKE)"
for b in "${blocks[@]}"; do
  [ "$b" = "$sandbox_block" ] && continue
  [ -f "${b%.sh}.skip" ] && continue
  uses_mvn "$b" || continue
  if is_sandbox "$b"; then
    failed=$((failed + 1)); echo "FAILED  $(cat "${b%.sh}.where"): a second block starts the sandbox; give one command per doc"
    continue
  fi
  run_block "$b" "$MVN_BLOCK_TIMEOUT"
done

echo "== skipped (marked in the docs)"
for b in "${blocks[@]}"; do
  [ -f "${b%.sh}.skip" ] && echo "skip    $(cat "${b%.sh}.where"): $(cat "${b%.sh}.skip")"
done
echo "docs commands: $passed blocks ran, $failed failed, $skipped skipped by their marker"
[ "$failed" -eq 0 ]

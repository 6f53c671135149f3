#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine of our kind (Debian 12, .NET SDK, Node):
#   1. installs what the tests need when it is missing (apt-get: chromium, postgresql, redis-server, poppler-utils, fonts);
#   2. starts a throwaway PostgreSQL on 127.0.0.1 (stopped and deleted on exit);
#   3. runs `dotnet test Workflow.sln` (the build runs npm for the front-end bundle);
#   4. runs the benchmarks in smoke mode (seconds; full sizes on demand, see the README);
#   5. prints a last line "N passed, N failed".
# Usage: tests/run-all.sh [extra dotnet test arguments]
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 IBM_TELEMETRY_DISABLED=true

log() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi
}

# --- 1. System packages -------------------------------------------------------------------------------------------
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
pg_bin=""
for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && pg_bin="$dir"; done
[ -n "$pg_bin" ] || need+=(postgresql)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || need+=(redis-server)
[ -d /usr/share/fonts/truetype/noto ] || need+=(fonts-noto-core)
if [ ${#need[@]} -gt 0 ]; then
  log "Installing: ${need[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && pg_bin="$dir"; done
fi
command -v node >/dev/null || { echo "Node.js is required (npm builds the front-end bundle)"; exit 2; }

# --- 2. Throwaway PostgreSQL --------------------------------------------------------------------------------------
pg_dir="$(mktemp -d /tmp/workflow-pg.XXXXXX)"
pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)"
run_pg() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
cleanup() {
  run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"
log "Starting PostgreSQL ($pg_bin) on 127.0.0.1:$pg_port"
run_pg "'$pg_bin/initdb' -D '$pg_dir/data' -U postgres --auth-host=trust --auth-local=trust -E UTF8 --locale=C.UTF-8" >/dev/null \
  || { echo "initdb failed"; exit 2; }
run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -o \"-h 127.0.0.1 -p $pg_port -k '$pg_dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" -l '$pg_dir/pg.log' -w start" >/dev/null \
  || { cat "$pg_dir/pg.log"; echo "PostgreSQL did not start"; exit 2; }
export WORKFLOW_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true"

# --- 3. Tests -----------------------------------------------------------------------------------------------------
results="$root/TestResults"
rm -rf "$results"
log "dotnet test Workflow.sln"
dotnet test Workflow.sln --logger "trx" --results-directory "$results" "$@"
status=$?

# --- 4. Benchmarks in smoke mode (seconds): the harness and its Node peer still run; full sizes are on demand -----
bench_status=skipped
bench="tests/Workflow.Benchmarks/bin/Debug/net10.0/Workflow.Benchmarks.dll"
if [ "$#" -eq 0 ]; then
  log "Benchmarks, smoke mode"
  mkdir -p "$results"
  (cd tests/Workflow.Benchmarks/node && IBM_TELEMETRY_DISABLED=true npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) || true
  if { dotnet build tests/Workflow.Benchmarks --nologo -v q >"$results/benchmark-build.log" 2>&1 || { grep -E "error|Error" "$results/benchmark-build.log" | sort -u | head -20; false; }; } \
     && dotnet "$bench" --smoke; then
    bench_status=passed
  else
    bench_status=failed; status=1
  fi
fi

# --- 5. Summary line from the TRX files (and the benchmark smoke run, counted as one test) -------------------------
summary="$(python3 - "$results" "$bench_status" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
if sys.argv[2] == "passed": passed += 1
if sys.argv[2] == "failed": failed += 1
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
)"
echo
if [ "$status" -ne 0 ] && [[ "$summary" == *" 0 failed"* ]]; then
  # A test project that did not build, or a runner that crashed, ran no test: count it as one failure, never as a pass.
  echo "A build or a test runner failed (see above): counted as one failure."
  summary="${summary/ 0 failed/ 1 failed}"
fi
echo "$summary"
exit $status

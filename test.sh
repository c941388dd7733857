#!/usr/bin/env bash
# Builds the solution and runs every test. Extra arguments go to `dotnet test` (e.g. --filter X).
# `--fast` runs the inner loop only: unit and SQLite integration tests, without Chromium,
# PostgreSQL or the process-level reliability tests.
# The last line is always "N passed, N failed" so CI and people read the same verdict.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

args=()
fast=0
filter=""
while [ $# -gt 0 ]; do
  case "$1" in
    --fast) fast=1 ;;
    --filter) filter="$2"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
if [ "$fast" -eq 1 ]; then
  fast_filter="FullyQualifiedName!~.Browser.&FullyQualifiedName!~.Reliability.&FullyQualifiedName!~.Postgres"
  # `--fast --filter X` runs the tests X selects within the fast set.
  filter="${filter:+($filter)&}$fast_filter"
fi
if [ -n "$filter" ]; then args+=(--filter "$filter"); fi

start_seconds=$SECONDS
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# The summary parsing below expects English runner output.
export DOTNET_CLI_UI_LANGUAGE="${DOTNET_CLI_UI_LANGUAGE:-en}"

finish() {
  local passed=$1 failed=$2 skipped=$3 status=$4
  local elapsed=$((SECONDS - start_seconds))
  echo "Elapsed: $((elapsed / 60))m $((elapsed % 60))s"
  local summary="$passed passed, $failed failed"
  if [ "$skipped" -gt 0 ]; then summary="$summary, $skipped skipped"; fi
  echo "$summary"
  exit "$status"
}

# Prints "passed failed skipped summaries" for a `dotnet test` log. Minimal verbosity prints one
# "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..." line per assembly; normal verbosity
# prints a "Total tests:" block per assembly instead. Per-assembly lines win if both appear.
summarize_log() {
  sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' -e 's/\r$//' "$1" | awk '
    function count(label,   i) {
      for (i = 1; i < NF; i++) if ($i == label) return $(i + 1) + 0
      return 0
    }
    /^[[:space:]]*(Passed|Failed|Skipped)![[:space:]]+-[[:space:]]+Failed:/ {
      lp += count("Passed:"); lf += count("Failed:"); ls += count("Skipped:"); lines++
      next
    }
    /^[[:space:]]*Total tests:/ { in_block = 1; blocks++; next }
    in_block && /^[[:space:]]*Passed:[[:space:]]*[0-9]+[[:space:]]*$/ { bp += $2; next }
    in_block && /^[[:space:]]*Failed:[[:space:]]*[0-9]+[[:space:]]*$/ { bf += $2; next }
    in_block && /^[[:space:]]*Skipped:[[:space:]]*[0-9]+[[:space:]]*$/ { bs += $2; next }
    in_block && /^[[:space:]]*Total time:/ { in_block = 0 }
    END {
      if (lines > 0) printf "%d %d %d %d\n", lp, lf, ls, lines
      else printf "%d %d %d %d\n", bp, bf, bs, blocks
    }'
}

install_missing_packages() {
  local packages=() reasons=()
  local chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$chromium" ]; then
    packages+=(chromium)
    reasons+=("Chromium is not at $chromium (CHROMIUM_PATH overrides the location).")
  fi
  if [ -z "${COMMERCE_TEST_POSTGRES:-}" ] && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    packages+=(postgresql-15)
    reasons+=("PostgreSQL server binaries are not under /usr/lib/postgresql/*/bin (COMMERCE_TEST_POSTGRES=<admin connection string> uses an existing server instead).")
  fi
  if ! command -v node >/dev/null; then
    packages+=(nodejs)
    reasons+=("Node is not installed (the password tests compare the server's zxcvbn with Node's).")
  fi
  if [ ${#packages[@]} -eq 0 ]; then return; fi

  if [ "$(id -u)" -ne 0 ]; then
    {
      printf 'Missing test dependency: %s\n' "${reasons[@]}"
      echo "Install with: sudo apt-get update && sudo apt-get install -y ${packages[*]}"
    } >&2
    exit 1
  fi

  echo "Installing test dependencies: ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
}

# The fast loop needs neither Chromium nor a PostgreSQL server.
if [ "$fast" -eq 0 ]; then install_missing_packages; fi

build_status=0
dotnet build Commerce.Customers.Module.sln -c Release -nologo -v q || build_status=$?
if [ "$build_status" -ne 0 ]; then
  echo "Build failed (exit code $build_status); no tests were run." >&2
  finish 0 1 0 1
fi

log=$(mktemp)
# The test sites' record (see Module.Tests/Infrastructure/TestRun.cs): which sites are still
# running, and every warning and error they logged.
run_dir=$(mktemp -d)
export COMMERCE_TEST_RUN_DIR="$run_dir"
trap 'rm -rf "$log" "$run_dir"' EXIT

set +e
# A hung test must not eat CI's whole budget: dump and fail it after ten minutes.
dotnet test Commerce.Customers.Module.sln -c Release --no-build --blame-hang-timeout 10m --logger "console;verbosity=normal" ${args[@]+"${args[@]}"} 2>&1 | tee "$log"
test_status=${PIPESTATUS[0]}
set -e

read -r passed failed skipped summaries < <(summarize_log "$log")
# No summary or a non-zero exit means the run crashed or aborted; that must never read as green.
if [ "$summaries" -eq 0 ] || [ "$test_status" -ne 0 ]; then
  if [ "$failed" -lt 1 ]; then failed=1; fi
fi

# The log budget and the run guard: a passing run has no error line that a test did not expect,
# and no site or Host node still running once the tests are done.
site_log="$run_dir/log.txt"
touch "$site_log"
count_lines() { grep -c "$1" "$site_log" || true; }
warnings=$(count_lines '^warn ')
expected_errors=$(count_lines '^expected-error ')
unexpected_errors=$(count_lines '^error ')
after_disposal=$(count_lines '^after-disposal ')
# Anything else that reached the console at error level (a logger outside the test sites).
console_errors=$(sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' "$log" | grep -cE '^[[:space:]]*(fail|crit): ' || true)
console_errors=$((console_errors - unexpected_errors - after_disposal))
if [ "$console_errors" -lt 0 ]; then console_errors=0; fi
still_running=$( { find "$run_dir/running" -type f 2>/dev/null || true; } | wc -l)
echo "Site logs: $warnings warning lines, $expected_errors expected error lines (asserted by their tests), $unexpected_errors unexpected error lines, $after_disposal lines after a site was disposed, $console_errors other error lines on the console."
if [ "$warnings" -gt 0 ]; then
  echo "Warnings by source:"
  grep '^warn ' "$site_log" | awk '{ print $4 }' | sort | uniq -c | sort -rn | head -5
fi
if [ "$unexpected_errors" -gt 0 ] || [ "$after_disposal" -gt 0 ] || [ "$console_errors" -gt 0 ]; then
  echo "Log budget exceeded: a passing run logs no error that a test did not expect. The lines:" >&2
  grep -E '^(error|after-disposal) ' "$site_log" | head -50 >&2 || true
  failed=$((failed + 1))
fi
if [ "$still_running" -gt 0 ]; then
  echo "Run guard: $still_running sites or nodes were still running after the tests:" >&2
  cat "$run_dir"/running/* >&2
  failed=$((failed + 1))
fi

status=0
if [ "$test_status" -ne 0 ] || [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then status=1; fi
finish "$passed" "$failed" "$skipped" "$status"

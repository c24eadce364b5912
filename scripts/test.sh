#!/usr/bin/env bash
# The whole test suite, on a fresh Debian 12 machine as root: installs what it
# needs (scripts/setup.sh), builds with warnings as errors, runs every layer
# (Unit, Scenario, Ovs, EndToEnd) and prints the totals and the time taken.
#
#   scripts/test.sh                         # everything (what CI runs)
#   scripts/test.sh --filter Layer=Unit     # the fast layer alone (extra args go to dotnet test)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
start=$(date +%s)

bash scripts/setup.sh
dotnet build Wyvern.slnx -c Release -nologo -clp:NoSummary -v:q

log=$(mktemp /tmp/wyvern-test-XXXXXX.log)
trap 'rm -f "$log"' EXIT
set +e
# A hung test host is killed after 10 minutes and reported as a failure,
# so CI always ends with a verdict.
dotnet test Wyvern.slnx -c Release --no-build -nologo -v:q --logger "console;verbosity=minimal" --blame-hang-timeout 10m --blame-hang-dump-type none "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e

# One "Passed!/Failed! - Failed: F, Passed: P, …" line per test assembly.
read -r passed failed skipped < <(awk '
    /(Passed|Failed)! +- +Failed:/ {
        for (i = 1; i <= NF; i++) {
            v = $(i+1); gsub(",", "", v)
            if ($i == "Failed:") f += v
            if ($i == "Passed:") p += v
            if ($i == "Skipped:") s += v
        }
    }
    END { print p+0, f+0, s+0 }' "$log")
elapsed=$(( $(date +%s) - start ))
echo
echo "Suite time: ${elapsed} s (install + build + tests)"
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "dotnet test exited $rc without a failed test (build or host error): see above" >&2
    failed=1
fi
echo "Total: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$rc"

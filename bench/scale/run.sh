#!/usr/bin/env bash
# The controller scale benchmark (issue 7, "Performance"): R routers x S networks
# x 50 ports on one chassis, the controller in-process on the embedded store.
# Usage (root: network namespaces, ovs-vswitchd):
#   bench/scale/run.sh                 # 1,000, 5,000 and 10,000 ports
#   bench/scale/run.sh 2:10 20:10      # chosen sizes, as ROUTERS:NETWORKS_PER_ROUTER
#   CHANGES=50 bench/scale/run.sh      # single-port creations measured per size (default 20)
#   SWITCH_TIMEOUT=180 bench/scale/run.sh  # OpenFlow dead-peer/request timeout in s (default: the channel default, 15 s)
#   WYVERN_BULK_CONNECTIONS=32 WYVERN_MAX_BUNDLE=8000 bench/scale/run.sh  # the controller's bulk-install knobs
#                                      # (ControllerOptions.BulkInstallConnections / MaxFlowModsPerBundle; defaults 32 / 8000)
#   WYVERN_SETTLE_SECONDS=15 bench/scale/run.sh  # wait this long after the install before the single changes
#   WYVERN_CHANGE_SPACING_MS=500 bench/scale/run.sh  # pause before each single change (default 100 ms)
# Ends with a controller restart: a new controller on the same store and switch, timed until in sync.
# Prints one markdown table; progress and controller logs go to /tmp/wy-scale-<pid>.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2:10 10:10 20:10)
changes="${CHANGES:-20}"
timeout_arg=(); [ -z "${SWITCH_TIMEOUT:-}" ] || timeout_arg=("$SWITCH_TIMEOUT")
log="/tmp/wy-scale-$$.log"

dotnet build bench/Wyvern.Scale -c Release -nologo -v quiet >/dev/null
dotnet build src/Wyvern.Cli -c Release -nologo -v quiet >/dev/null  # the restart as a `wyvern controller` process
dll=bench/Wyvern.Scale/bin/Release/net10.0/Wyvern.Scale.dll

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
first=1
for size in "${sizes[@]}"; do
  routers="${size%%:*}" networks="${size##*:}"
  if ! out=$(dotnet "$dll" "$routers" "$networks" 50 "$changes" "${timeout_arg[@]}" 2>>"$log"); then
    echo "run $size failed; log: $log" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  if [ $first = 1 ]; then echo "$out"; first=0; else echo "$out" | tail -n 1; fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); log: $log"

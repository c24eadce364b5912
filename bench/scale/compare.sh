#!/usr/bin/env bash
# Wyvern and OVN side by side (issue 11): the same Neutron-shaped topology (see
# bench/scale/ovn_topology.py and bench/Wyvern.Scale/ScaleModel*.cs) on one
# chassis, both measured in the same run, one after the other at each size.
# Usage (root):
#   bench/scale/compare.sh                    # 1,000, 5,000 and 10,000 ports
#   bench/scale/compare.sh 1000 5000          # port counts (R = ports / 500, S = 10)
#   bench/scale/compare.sh 2:10 10:10         # or ROUTERS:NETWORKS_PER_ROUTER (50 ports each)
#   LIMIT=600        OVN: seconds allowed from write to flows installed (default 600)
#   CHANGES=5        single changes of each kind timed per size and system (medians)
#   SWITCH_TIMEOUT=300  Wyvern's OpenFlow dead-peer timeout (see docs/benchmarks.md)
#   ONLY=ovn|wyvern  run one side only (the other column stays empty)
# Prints one side-by-side table per size with OVN / Wyvern ratios, and appends
# them to bench/scale/results/compare-<UTC time>.md (or $RESULTS).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000 10000)
export LIMIT="${LIMIT:-600}" CHANGES="${CHANGES:-5}"
switch_timeout="${SWITCH_TIMEOUT:-300}"
mkdir -p bench/scale/results
results="${RESULTS:-bench/scale/results/compare-$(date -u +%Y%m%d-%H%M%S).md}"
work=$(mktemp -d /tmp/wy-compare-XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ "${ONLY:-}" != ovn ]; then
  dotnet build bench/Wyvern.Scale -c Release -nologo -v quiet >/dev/null
fi
dll=bench/Wyvern.Scale/bin/Release/net10.0/Wyvern.Scale.dll

value() { sed -n "s/^$2=//p" "$1" 2>/dev/null | head -n 1; }
sum() { local f=$1 total=0 v; shift; for k in "$@"; do v=$(value "$f" "$k"); [ -n "$v" ] || { echo ""; return; }; total=$(awk -v a="$total" -v b="$v" 'BEGIN { print a + b }'); done; echo "$total"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.1f×", a / b; else print "–" }'; }
cell() { [ -n "$1" ] && echo "$1" || echo "–"; }

{
  echo "# Wyvern and OVN side by side, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM; $(ovs-vswitchd --version | head -n 1); $(ovn-northd --version 2>/dev/null | head -n 1 || echo 'OVN not installed yet')"
  echo "command: bench/scale/compare.sh ${sizes[*]} (LIMIT=$LIMIT CHANGES=$CHANGES SWITCH_TIMEOUT=$switch_timeout)"
} | tee -a "$results"

for size in "${sizes[@]}"; do
  if [[ $size == *:* ]]; then routers=${size%%:*} nets=${size##*:}; else routers=$((size / 500)) nets=10; fi
  ports=$((routers * nets * 50))
  ovn="$work/ovn-$ports" wy="$work/wyvern-$ports"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  if [ "${ONLY:-}" != wyvern ]; then
    echo "== OVN, $ports ports ($routers×$nets×50)" >&2
    bench/scale/ovn.sh "$routers" "$nets" 50 >"$ovn" || echo "OVN run failed at $ports ports" >&2
  fi
  if [ "${ONLY:-}" != ovn ]; then
    echo "== Wyvern, $ports ports ($routers×$nets×50)" >&2
    WYVERN_SCALE_RESULT="$wy" dotnet "$dll" "$routers" "$nets" 50 "$CHANGES" "$switch_timeout" >"$work/wyvern-$ports.md" 2>"$work/wyvern-$ports.log" \
      || { echo "Wyvern run failed at $ports ports:" >&2; tail -n 20 "$work/wyvern-$ports.log" >&2; }
  fi
  ovn_rss=$(sum "$ovn" rss_controller rss_northd rss_nb rss_sb rss_vswitchd rss_ovsdb)
  wy_rss=$(sum "$wy" rss_bench rss_vswitchd rss_ovsdb)
  ovn_cpu=$(sum "$ovn" cpu_controller cpu_northd cpu_nb cpu_sb cpu_vswitchd cpu_ovsdb)
  wy_cpu=$(sum "$wy" cpu_bench cpu_vswitchd)
  row() { echo "| $1 | $(cell "$2") | $(cell "$3") | $(ratio "$2" "$3") |"; }
  {
    echo
    echo "### $ports ports ($routers routers × $nets networks × 50 ports), load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| figure | OVN | Wyvern | OVN / Wyvern |"
    echo "|---|---|---|---|"
    row "write → flows installed (s)" "$(value "$ovn" installed_s)" "$(value "$wy" installed_s)"
    row "of which the NB/store write (s)" "$(value "$ovn" write_s)" "$(value "$wy" write_s)"
    row "OpenFlow flows on br-int" "$(value "$ovn" flows)" "$(value "$wy" flows)"
    row "controller RSS (MB): ovn-controller / Wyvern process (controller + store)" "$(value "$ovn" rss_controller)" "$(value "$wy" rss_bench)"
    row "ovn-northd RSS (MB)" "$(value "$ovn" rss_northd)" ""
    row "NB + SB ovsdb-server RSS (MB)" "$(sum "$ovn" rss_nb rss_sb)" ""
    row "chassis ovsdb-server RSS (MB)" "$(value "$ovn" rss_ovsdb)" "$(value "$wy" rss_ovsdb)"
    row "ovs-vswitchd RSS (MB)" "$(value "$ovn" rss_vswitchd)" "$(value "$wy" rss_vswitchd)"
    row "RSS of every process involved (MB)" "$ovn_rss" "$wy_rss"
    row "CPU s during the timed part, all processes" "$ovn_cpu" "$wy_cpu"
    row "of which ovs-vswitchd" "$(value "$ovn" cpu_vswitchd)" "$(value "$wy" cpu_vswitchd)"
    row "one port create → on the switch (ms, median)" "$(value "$ovn" port_create_ms)" "$(value "$wy" port_create_ms)"
    row "one floating IP associate → on the switch (ms, median)" "$(value "$ovn" fip_associate_ms)" "$(value "$wy" fip_associate_ms)"
    row "one security group rule add → on the switch (ms, median)" "$(value "$ovn" sg_rule_add_ms)" "$(value "$wy" sg_rule_add_ms)"
    row "flows after the single changes" "$(value "$ovn" flows_after_changes)" "$(value "$wy" flows_after_changes)"
  } | tee -a "$results"
  cp "$ovn" "$wy" "$work/wyvern-$ports.log" bench/scale/results/ 2>/dev/null || true
done
echo
echo "results: $results"

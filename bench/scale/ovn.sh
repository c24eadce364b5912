#!/usr/bin/env bash
# The scale benchmark's OVN side (issue 11): the same Neutron-shaped topology as
# Wyvern.Scale (see bench/scale/ovn_topology.py for the shape), on one chassis,
# measured the same way. Root needed (network namespace, packages).
# Usage: bench/scale/ovn.sh ROUTERS NETWORKS_PER_ROUTER [PORTS_PER_NETWORK=50]
#   LIMIT=600    seconds allowed for write -> flows installed (then "did not finish")
#   CHANGES=5    single changes of each kind timed at that scale (median reported)
#   KEEP=1       leave the directory (logs, databases) in place
# Prints key=value lines on stdout (read by compare.sh); progress on stderr.
# Everything runs under /tmp/wy-<hex> and in namespace wy-<hex>; all of it is
# stopped by pid and removed on exit, also on failure or timeout.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
routers="${1:?routers}" nets="${2:?networks per router}" per="${3:-50}"
limit="${LIMIT:-600}" changes="${CHANGES:-5}"
ports=$((routers * nets * per))

need=()
command -v ovn-northd >/dev/null || need+=(ovn-central)
command -v ovn-controller >/dev/null || need+=(ovn-host)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}" >&2
fi

id="wy-$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
dir="/tmp/$id"; ns="$id"; chassis="$id-hv"
mkdir -p "$dir"
export OVS_RUNDIR="$dir" OVS_DBDIR="$dir" OVS_LOGDIR="$dir" OVN_RUNDIR="$dir" OVN_DBDIR="$dir" OVN_LOGDIR="$dir"
pids=(nb sb northd ovsdb vswitchd controller nbctl)
cleanup() {
  local rc=$?
  for p in "${pids[@]}"; do
    [ -f "$dir/$p.pid" ] && kill "$(cat "$dir/$p.pid")" 2>/dev/null || true
  done
  sleep 0.5
  for p in "${pids[@]}"; do
    [ -f "$dir/$p.pid" ] && kill -9 "$(cat "$dir/$p.pid")" 2>/dev/null || true
  done
  ip netns del "$ns" 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $dir" >&2; else rm -rf "$dir"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
pid() { cat "$dir/$1.pid"; }
cpu() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$(pid "$1")/stat"; }
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$(pid "$1")/status"; }
nbctl() { ovn-nbctl --db="unix:$dir/nb.sock" "$@"; }
vsctl() { ovs-vsctl --db="unix:$dir/ovsdb.sock" "$@"; }
log() { echo "[ovn $ports] $*" >&2; }

# Databases: NB and SB for OVN, one for the chassis' Open vSwitch.
for db in nb:/usr/share/ovn/ovn-nb.ovsschema sb:/usr/share/ovn/ovn-sb.ovsschema ovsdb:/usr/share/openvswitch/vswitch.ovsschema; do
  name="${db%%:*}"
  ovsdb-tool create "$dir/$name.db" "${db#*:}"
  ovsdb-server "$dir/$name.db" --remote="punix:$dir/$name.sock" --unixctl="$dir/$name.ctl" \
    --pidfile="$dir/$name.pid" --log-file="$dir/$name.log" --detach --no-chdir -vconsole:off 2>>"$dir/daemons.err"
done
ovn-northd --ovnnb-db="unix:$dir/nb.sock" --ovnsb-db="unix:$dir/sb.sock" --unixctl="$dir/northd.ctl" \
  --pidfile="$dir/northd.pid" --log-file="$dir/northd.log" --detach --no-chdir -vconsole:off 2>>"$dir/daemons.err"

# The chassis: ovs-vswitchd (dummy netdevs) in its own namespace, br-int and br-ex.
ip netns add "$ns"
vsctl --no-wait init
ip netns exec "$ns" env OVS_RUNDIR="$dir" ovs-vswitchd "unix:$dir/ovsdb.sock" --unixctl="$dir/vswitchd.ctl" \
  --pidfile="$dir/vswitchd.pid" --log-file="$dir/vswitchd.log" --detach --no-chdir -vconsole:off --enable-dummy 2>>"$dir/daemons.err"
vsctl --timeout=60 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail-mode=secure other-config:disable-in-band=true \
  -- add-br br-ex -- set Bridge br-ex datapath_type=netdev
vsctl --no-wait set Open_vSwitch . external_ids:system-id="$chassis" external_ids:ovn-remote="unix:$dir/sb.sock" \
  external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=127.0.0.1 external_ids:ovn-bridge-datapath-type=netdev \
  external_ids:ovn-bridge-mappings=physnet:br-ex external_ids:ovn-remote-probe-interval=0 external_ids:ovn-openflow-probe-interval=0

# Every port plugged before the clock starts (the bulk ports and the extra ones the single changes use).
plug_clock=$(now)
names=()
for ((n = 0; n < ports; n++)); do names+=("$(printf '%08x-5ca1-4000-8000-000000000000' "$n")"); done
for ((i = 0; i < changes; i++)); do names+=("extra-$i"); done
batch=500
for ((start = 0; start < ${#names[@]}; start += batch)); do
  args=()
  for ((n = start; n < start + batch && n < ${#names[@]}; n++)); do
    args+=(-- add-port br-int "$id-$n" -- set Interface "$id-$n" type=dummy "external_ids:iface-id=${names[$n]}")
  done
  vsctl --timeout=600 --no-wait "${args[@]}"
done
wait_until() { # SECONDS WHAT COMMAND...: polls COMMAND until it succeeds, fails after SECONDS
  local deadline=$((SECONDS + $1)) what=$2; shift 2
  until "$@"; do
    [ $SECONDS -lt $deadline ] || { log "gave up waiting for $what"; exit 1; }
    sleep 0.5
  done
}
all_plugged() { [ "$(vsctl --timeout=60 --no-wait --bare --columns=ofport find Interface type=dummy | awk '$1 > 0' | wc -l)" -ge ${#names[@]} ]; }
chassis_registered() { ovn-sbctl --db="unix:$dir/sb.sock" --bare --columns=name list Chassis | grep -q .; }
wait_until 900 "ofports of the dummy interfaces" all_plugged
log "plugged ${#names[@]} dummy interfaces in $(elapsed "$plug_clock" "$(now)") s"

ovn-controller "unix:$dir/ovsdb.sock" --pidfile="$dir/controller.pid" \
  --log-file="$dir/controller.log" --detach --no-chdir -vconsole:off 2>>"$dir/daemons.err"
wait_until 120 "ovn-controller to register the chassis" chassis_registered
nbctl --timeout="$limit" --wait=hv sync   # ovn-controller's first pass over thousands of interfaces takes minutes
# A persistent client for the single changes, as Neutron keeps its OVSDB IDL open:
# each later ovn-nbctl call goes through it instead of re-reading the whole NB database.
export OVN_NB_DAEMON
OVN_NB_DAEMON=$(ovn-nbctl --db="unix:$dir/nb.sock" --pidfile="$dir/nbctl.pid" --log-file="$dir/nbctl.log" --detach --no-chdir -vconsole:off 2>>"$dir/daemons.err")

python3 "$here/ovn_topology.py" "$routers" "$nets" "$per" "$chassis" >"$dir/txn.json"
log "topology: $(wc -c <"$dir/txn.json") bytes of JSON, one transaction"
procs=(controller northd nb sb vswitchd ovsdb)
declare -A cpu0
for p in "${procs[@]}"; do cpu0[$p]=$(cpu "$p"); done
t0=$(now)
python3 "$here/ovn_topology.py" --transact "$dir/nb.sock" <"$dir/txn.json" >"$dir/txn.out" \
  || { log "transaction failed: $(head -c 600 "$dir/txn.out")"; exit 1; }
t_write=$(now)
finished=1
timeout "$((limit + 5))" ovn-nbctl --timeout="$limit" --wait=hv sync || finished=0
t_done=$(now)
echo "system=ovn"
echo "ports=$ports routers=$routers networks=$((routers * nets))"
echo "write_s=$(elapsed "$t0" "$t_write")"
if [ $finished = 1 ]; then
  echo "installed_s=$(elapsed "$t0" "$t_done")"
else
  echo "installed_s=did not finish in $limit s"
fi
for p in "${procs[@]}"; do echo "cpu_$p=$(awk -v a="${cpu0[$p]}" -v b="$(cpu "$p")" 'BEGIN { printf "%.1f", b - a }')"; done
for p in "${procs[@]}"; do echo "rss_$p=$(rss_mb "$p")"; done
echo "flows=$(ovs-ofctl -O OpenFlow15 dump-aggregate br-int | sed -n 's/.*flow_count=\([0-9]*\).*/\1/p')"
log "installed: $(elapsed "$t0" "$t_done") s (finished=$finished)"
[ $finished = 1 ] || exit 0

# Single changes at that scale, each until every chassis has it (--wait=hv).
median() { sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] }'; }
timed_ms() { local a b; a=$(now); timeout "$limit" "$@" >/dev/null; b=$(now); awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }'; }
nets_total=$((routers * nets))
port_ms=() fip_ms=() acl_ms=()
for ((i = 0; i < changes; i++)); do
  g=$((i % nets_total)) r=$(((i % nets_total) / nets))
  ip="10.$(((g >> 8) & 255)).$((g & 255)).$((10 + per + i / nets_total))"
  mac=$(printf 'fa:16:3e:%02x:%02x:%02x' $(((ports + i) >> 16 & 255)) $(((ports + i) >> 8 & 255)) $(((ports + i) & 255)))
  dhcp=$(ovn-nbctl --bare --columns=_uuid find DHCP_Options "cidr=\"10.$(((g >> 8) & 255)).$((g & 255)).0/24\"")
  port_ms+=("$(timed_ms ovn-nbctl --wait=hv -- --id=@p create Logical_Switch_Port name=extra-$i "addresses=\"$mac $ip\"" \
    "port_security=\"$mac $ip\"" dhcpv4_options="$dhcp" -- add Logical_Switch "net-$g" ports @p \
    -- add Port_Group pg_default ports @p -- add Port_Group neutron_pg_drop ports @p)")
  # Associate a floating IP with the network's second port (the first has one already).
  n=$((g * per + 1))
  fip_ms+=("$(timed_ms ovn-nbctl --wait=hv lr-nat-add "router-$r" dnat_and_snat "172.16.$((32 + i / 256)).$((i % 256))" \
    "10.$(((g >> 8) & 255)).$((g & 255)).11" "$(printf '%08x-5ca1-4000-8000-000000000000' "$n")" "$(printf 'fa:16:3e:dd:%02x:%02x' $((i >> 8 & 255)) $((i & 255)))")")
  acl_ms+=("$(timed_ms ovn-nbctl --wait=hv --type=port-group acl-add pg_default to-lport 1002 \
    "outport == @pg_default && ip4 && ip4.src == 0.0.0.0/0 && tcp && tcp.dst == $((8000 + i))" allow-related)")
done
echo "port_create_ms=$(printf '%s\n' "${port_ms[@]}" | median)"
echo "fip_associate_ms=$(printf '%s\n' "${fip_ms[@]}" | median)"
echo "sg_rule_add_ms=$(printf '%s\n' "${acl_ms[@]}" | median)"
echo "changes=$changes"
log "single changes (ms): port ${port_ms[*]}; fip ${fip_ms[*]}; acl ${acl_ms[*]}"
echo "flows_after_changes=$(ovs-ofctl -O OpenFlow15 dump-aggregate br-int | sed -n 's/.*flow_count=\([0-9]*\).*/\1/p')"

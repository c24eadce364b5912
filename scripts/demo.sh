#!/usr/bin/env bash
# The all-in-one Wyvern demo on a fresh Debian 12 machine, as root.
#
#  1. installs what it needs (scripts/setup.sh) and builds the `wyvern` command;
#  2. starts Open vSwitch (userspace datapath) in its own network namespace;
#  3. starts `wyvern serve`: embedded store + Neutron API + controller, one process;
#  4. creates, with the real `openstack` CLI against that API, two networks
#     joined by a router, three ports, an external (flat) network as the
#     router's gateway and a floating IP for vm1;
#  5. plugs three VMs (network namespaces) into br-int, lets them get their
#     addresses from Wyvern's DHCP, and pings across the network and the router;
#     an external host (another namespace, on the provider bridge br-ex) reaches
#     vm1 through its floating IP, and vm3 (no floating IP) reaches the external
#     host through the router's SNAT;
#  6. prints a table of what worked, and tears everything down.
#
# Nothing leaves this machine: the API listens on 127.0.0.1, the VMs live in
# namespaces this script creates and removes. KEEP=1 leaves it all running.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash scripts/setup.sh
echo "demo: building wyvern"
dotnet build src/Wyvern.Cli -c Release -nologo -v:q -clp:NoSummary >/dev/null
WYVERN=$(pwd)/src/Wyvern.Cli/bin/Release/net10.0/wyvern

ID="wy-$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
DIR=/tmp/$ID-demo
CH=$ID-ch
PORT=$((20000 + RANDOM % 20000))
API=http://127.0.0.1:$PORT
OVS_ENV=(OVS_RUNDIR=$DIR OVS_LOGDIR=$DIR OVS_DBDIR=$DIR OVS_SYSCONFDIR=$DIR)
VMS=()
EXT=$ID-ext
WYVERN_PID=

alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) && [ -n "$s" ] && [ "${s:0:1}" != Z ]; }
stop_pid() {
    local pid=$1; [ -n "$pid" ] || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 30); do alive "$pid" || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
    [ "${KEEP:-0}" = 1 ] && { echo "demo: KEEP=1, leaving $DIR and namespaces $ID-* running"; return; }
    stop_pid "$WYVERN_PID"
    for d in ovs-vswitchd ovsdb-server; do [ -f "$DIR/$d.pid" ] && stop_pid "$(cat "$DIR/$d.pid")"; done
    for ns in "${VMS[@]}" "$EXT" "$CH"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do stop_pid "$pid"; done
        ip netns del "$ns" 2>/dev/null || true
        rm -rf "/etc/netns/$ns"
    done
    rm -rf "$DIR"
    echo "demo: torn down"
}
trap cleanup EXIT

netns_add() {
    mkdir -p "/etc/netns/$1"; echo "nameserver 127.0.0.1" > "/etc/netns/$1/resolv.conf"
    ip netns add "$1"; ip -n "$1" link set lo up
}
vsctl() { env "${OVS_ENV[@]}" ovs-vsctl --timeout=10 --db="unix:$DIR/db.sock" "$@"; }
os() { openstack --os-auth-type none --os-endpoint "$API" "$@"; }

echo "demo: Open vSwitch in namespace $CH (userspace datapath, state in $DIR)"
mkdir -p "$DIR"; netns_add "$CH"
ovsdb-tool create "$DIR/conf.db" /usr/share/openvswitch/vswitch.ovsschema
ip netns exec "$CH" env "${OVS_ENV[@]}" ovsdb-server "$DIR/conf.db" --remote="punix:$DIR/db.sock" \
    --unixctl="$DIR/ovsdb-server.ctl" --pidfile="$DIR/ovsdb-server.pid" --log-file="$DIR/ovsdb-server.log" \
    --detach --no-chdir -vconsole:off 2>/dev/null
vsctl --no-wait init
ip netns exec "$CH" env "${OVS_ENV[@]}" ovs-vswitchd "unix:$DIR/db.sock" --unixctl="$DIR/ovs-vswitchd.ctl" \
    --pidfile="$DIR/ovs-vswitchd.pid" --log-file="$DIR/ovs-vswitchd.log" --detach --no-chdir -vconsole:off

echo "demo: external network: provider bridge br-ex with an external host at 203.0.113.1 (namespace $EXT)"
netns_add "$EXT"
vsctl add-br br-ex -- set Bridge br-ex datapath_type=netdev fail_mode=standalone
ip -n "$CH" link add ext0 type veth peer name eth0 netns "$EXT"
ip -n "$CH" link set ext0 up
vsctl add-port br-ex ext0
ip -n "$EXT" link set eth0 address 02:00:00:cb:00:01
ip netns exec "$EXT" ethtool -K eth0 tx off >/dev/null
ip -n "$EXT" link set eth0 up
ip -n "$EXT" addr add 203.0.113.1/24 dev eth0
# A server that tells each client the address it connected from.
ip netns exec "$EXT" socat TCP-LISTEN:8080,reuseaddr,fork 'SYSTEM:echo $SOCAT_PEERADDR' >/dev/null 2>&1 &

echo "demo: wyvern serve (API on $API, log in $DIR/wyvern.log)"
"$WYVERN" serve --store "embedded:$DIR/nb.db" --urls "$API" --chassis demo-chassis \
    --ovsdb "unix:$DIR/db.sock" --openflow "unix:$DIR/controller.sock" --datapath netdev --tunnel-types "" \
    --bridge-mappings physnet1:br-ex --gateway \
    > "$DIR/wyvern.log" 2>&1 &
WYVERN_PID=$!
for _ in $(seq 100); do curl -sf "$API/v2.0" >/dev/null && break; sleep 0.2; done
curl -sf "$API/v2.0" >/dev/null || { echo "demo: the API did not come up"; tail -20 "$DIR/wyvern.log"; exit 1; }
for _ in $(seq 100); do vsctl br-exists br-int && break; sleep 0.1; done

echo "demo: topology through the openstack CLI"
os network create net-a -f value -c id >/dev/null
os network create net-b -f value -c id >/dev/null
os subnet create sub-a --network net-a --subnet-range 10.0.0.0/24 -f value -c id >/dev/null
os subnet create sub-b --network net-b --subnet-range 10.0.1.0/24 -f value -c id >/dev/null
os router create r1 -f value -c id >/dev/null
os router add subnet r1 sub-a
os router add subnet r1 sub-b
os network create public --external --provider-network-type flat --provider-physical-network physnet1 -f value -c id >/dev/null
os subnet create public-sub --network public --subnet-range 203.0.113.0/24 --gateway 203.0.113.1 --no-dhcp \
    --allocation-pool start=203.0.113.10,end=203.0.113.200 -f value -c id >/dev/null
os router set r1 --external-gateway public
# The default security group admits only its members; let the outside ping in.
os security group rule create default --ingress --protocol icmp -f value -c id >/dev/null

declare -A NET=([vm1]=net-a [vm2]=net-a [vm3]=net-b)
declare -A IP PORT_ID
for vm in vm1 vm2 vm3; do
    port=$(os port create "$vm" --network "${NET[$vm]}" -f value -c id -c mac_address)
    pid=$(sed -n 1p <<<"$port"); mac=$(sed -n 2p <<<"$port")
    ns=$ID-$vm; tap="tap${pid:0:11}"
    netns_add "$ns"; VMS+=("$ns")
    ip -n "$CH" link add "$tap" type veth peer name eth0 netns "$ns"
    ip -n "$ns" link set eth0 address "$mac"
    ip netns exec "$ns" ethtool -K eth0 tx off >/dev/null
    ip -n "$ns" link set eth0 up; ip -n "$CH" link set "$tap" up
    vsctl add-port br-int "$tap" -- set Interface "$tap" external_ids:iface-id="$pid" \
        external_ids:attached-mac="$mac" external_ids:iface-status=active
    PORT_ID[$vm]=$pid
done
FIP=$(os floating ip create public --port "${PORT_ID[vm1]}" -f value -c floating_ip_address)
GW=$(os router show r1 -f json -c external_gateway_info | python3 -c 'import json,sys; print(json.load(sys.stdin)["external_gateway_info"]["external_fixed_ips"][0]["ip_address"])')

cat > "$DIR/udhcpc.sh" <<'HOOK'
#!/bin/sh
case "$1" in bound|renew)
  ip addr flush dev "$interface"; ip addr add "$ip/$mask" dev "$interface"
  [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
  echo "$ip" > "$LEASE";;
esac
HOOK
chmod +x "$DIR/udhcpc.sh"

echo "demo: DHCP and pings"
declare -a ROWS
check() { if "$@" >/dev/null 2>&1; then echo ok; else echo FAILED; fi; }
for vm in vm1 vm2 vm3; do
    ip netns exec "$ID-$vm" env LEASE="$DIR/lease-$vm" udhcpc -i eth0 -f -q -n -t 8 -T 1 -s "$DIR/udhcpc.sh" >/dev/null 2>&1 || true
    IP[$vm]=$(cat "$DIR/lease-$vm" 2>/dev/null || echo "-")
    ROWS+=("$vm DHCP lease on ${NET[$vm]}|${IP[$vm]}|$([ "${IP[$vm]}" != - ] && echo ok || echo FAILED)")
done
pingv() { ip netns exec "$ID-$1" ping -c 3 -i 0.2 -W 2 "$2"; }
ROWS+=("vm1 -> vm2 (same network)|${IP[vm2]}|$(check pingv vm1 "${IP[vm2]}")")
ROWS+=("vm1 -> vm3 (across router r1)|${IP[vm3]}|$(check pingv vm1 "${IP[vm3]}")")
ROWS+=("vm3 -> vm2 (across router r1)|${IP[vm2]}|$(check pingv vm3 "${IP[vm2]}")")
ROWS+=("vm3 -> router interface on net-a|10.0.0.1|$(check pingv vm3 10.0.0.1)")
pingx() { ip netns exec "$EXT" ping -c 3 -i 0.2 -W 2 "$1"; }
ROWS+=("external host -> vm1 (floating IP)|$FIP|$(check pingx "$FIP")")
# Who the external host sees connecting: vm1 as its floating IP, vm3 as the router (SNAT).
seen() { ip netns exec "$ID-$1" socat -T2 - TCP:203.0.113.1:8080,connect-timeout=3 </dev/null 2>/dev/null | tr -d '\n'; }
for vm in vm1 vm3; do
    want=$([ $vm = vm1 ] && echo "$FIP" || echo "$GW")
    got=$(seen $vm || true)
    ROWS+=("$vm -> external host, seen as|${got:--}|$([ "$got" = "$want" ] && echo ok || echo FAILED)")
done

echo
printf '%-38s %-14s %s\n' "check" "address" "result"
printf '%-38s %-14s %s\n' "-----" "-------" "------"
failed=0
for row in "${ROWS[@]}"; do
    IFS='|' read -r what addr result <<<"$row"
    printf '%-38s %-14s %s\n' "$what" "$addr" "$result"
    [ "$result" = ok ] || failed=1
done
echo
echo "flows on br-int: $(env "${OVS_ENV[@]}" ovs-ofctl -O OpenFlow13 dump-flows br-int | grep -c cookie=)"
exit $failed

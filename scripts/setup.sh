#!/usr/bin/env bash
# Installs what Wyvern needs on Debian 12, as root, from Debian's packages only.
# Idempotent: when everything is already there it changes nothing and says so.
set -euo pipefail

PACKAGES=(
    openvswitch-switch   # ovsdb-server, ovs-vswitchd, ovs-vsctl/ofctl/appctl: the data plane
    etcd-server          # the distributed northbound store (tests start their own members)
    iproute2             # network namespaces, veths, bridges for the test bed
    ethtool              # checksum offload off on veths (userspace datapath gotcha)
    udhcpc               # a real DHCP client inside VM namespaces
    isc-dhcp-client      # dhclient, the other DHCP client the tests use
    iputils-ping         # ping
    tcpdump              # proving where packets went
    socat                # scripted peers and relays
    curl                 # HTTP through floating IPs / SNAT
    python3              # http.server as a tiny web server inside namespaces
    python3-openstackclient  # the real `openstack` CLI for API compatibility tests
)

if [ "$(id -u)" != 0 ]; then
    echo "setup.sh: run as root (it installs Debian packages)" >&2
    exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all ${#PACKAGES[@]} Debian packages already installed"
else
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    echo "setup: installed ${#missing[@]} package(s)"
fi

# The .NET 10 SDK is not a Debian package; the machines this project runs on
# ship it. Fail clearly rather than half-way through a build.
if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    echo "setup: the .NET 10 SDK is required (global.json pins it) and was not found on PATH" >&2
    exit 1
fi
echo "setup: .NET SDK $(dotnet --version)"

#!/usr/bin/env bash
# North-south data plane benchmark (issue 9): iperf3 throughput from an external
# host through a distributed and a centralized floating IP, against the L2
# ceiling, on two userspace-datapath chassis. Root (namespaces, ovs-vswitchd).
# Usage: bench/dataplane/run.sh [seconds per measurement, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v iperf3 >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q iperf3 >/dev/null
dotnet build bench/Wyvern.DataPlane -c Release -nologo -v quiet >/dev/null
exec dotnet bench/Wyvern.DataPlane/bin/Release/net10.0/Wyvern.DataPlane.dll "$@"

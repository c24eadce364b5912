#!/usr/bin/env bash
# The all-in-one Wyvern demo on a fresh Debian 12 machine as root.
#
# Not built yet: the controller (issue 7) and the Neutron API (issue 6) are
# what the demo runs. This script installs and builds what exists and says
# plainly what the demo will do; it does not pretend to do it.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash scripts/setup.sh
dotnet build Wyvern.slnx -c Release -nologo -clp:NoSummary -v:q
cat <<'PLAN'

Wyvern all-in-one demo — NOT AVAILABLE YET.

When the controller lands, this command will:
  1. start `wyvern serve`: embedded store + Neutron API + controller, one process;
  2. start Open vSwitch (userspace datapath) with br-int in its own namespace;
  3. create, through the Neutron API, two networks joined by a router, an
     external network with a floating IP, and three VMs (network namespaces);
  4. show a table: DHCP lease per VM, ping across the router, ping to the
     floating IP from an external host;
  5. tear everything down.

What works today is the foundation: the build and the real-OVS test harness
(run `bash scripts/test.sh`).
PLAN

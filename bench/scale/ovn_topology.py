#!/usr/bin/env python3
"""The scale benchmark's Neutron-shaped topology as ONE OVN_Northbound transaction.

Usage: ovn_topology.py ROUTERS NETWORKS_PER_ROUTER PORTS_PER_NETWORK CHASSIS > txn.json
       ovn_topology.py --transact NB.sock < txn.json
The second form sends the transaction (JSON-RPC "transact", RFC 7047 4.1.3) on the
unix socket and prints the reply; it exists because a 10,000-port transaction is
longer than one command-line argument may be, which rules out `ovsdb-client transact`.

The shape is the one Wyvern.Scale's ScaleModel writes, and what networking-ovn
(Neutron's OVN driver) would write for it:
- a flat external network "ext" (172.16.0.0/16) with a localnet port;
- R logical routers, each with a gateway port on "ext" (Gateway_Chassis on our
  one chassis), a default route to 172.16.0.1 and SNAT for each of its subnets;
- S networks per router (10.g_hi.g_lo.0/24, DHCP_Options each), joined to the
  router by a router port (x.x.x.1);
- P VM ports per network: MAC, one fixed IP, port security, DHCPv4 options;
- the first VM port of each network has a floating IP (distributed
  dnat_and_snat with logical_port and external_mac, as Neutron writes it when
  floating IPs are distributed);
- the project's default security group as a port group "pg_default" holding
  every VM port with its ACLs (egress allow-related; ingress from the group's
  own address set, ICMP and TCP 22 from anywhere), plus Neutron's drop port
  group "neutron_pg_drop" (default drop in both directions, priority 1001).
Addresses and ids follow ScaleModel (port n: MAC fa:16:3e:00:00:00 + n).
"""
import json
import sys

EXT_PREFIX = 16


def mac(value):
    return ":".join(f"{(value >> s) & 0xff:02x}" for s in range(40, -8, -8))


def host(g, h):
    return f"10.{(g >> 8) & 0xff}.{g & 0xff}.{h}"


def ext_ip(n):
    """172.16.0.0/16 host n (n >= 2; .1 is the upstream gateway)."""
    return f"172.16.{(n >> 8) & 0xff}.{n & 0xff}"


def router_gw_ip(r):
    return ext_ip(10 + r)


def fip_ip(g):
    return ext_ip(4096 + g)


def vm_port_name(n):
    return f"{n:08x}-5ca1-4000-8000-000000000000"


def vm_mac(n):
    return mac(0xFA163E000000 + n)


def oset(items):
    return ["set", list(items)]


def omap(d):
    return ["map", [[k, v] for k, v in d.items()]]


def named(name):
    return ["named-uuid", name]


def build(routers, nets_per_router, ports_per_net, chassis):
    ops = []

    def insert(table, row, uuid_name):
        ops.append({"op": "insert", "table": table, "row": row, "uuid-name": uuid_name})
        return named(uuid_name)

    ext_ports = [insert("Logical_Switch_Port", {
        "name": "ext-localnet", "type": "localnet", "addresses": oset(["unknown"]),
        "options": omap({"network_name": "physnet"}),
    }, "lsp_ext_localnet")]
    vm_ports = []
    for r in range(routers):
        lr_ports, nats, routes = [], [], []
        gw_mac = mac(0xFA163EBB0000 + r)
        gwc = insert("Gateway_Chassis", {"name": f"lrp-gw-{r}_{chassis}", "chassis_name": chassis, "priority": 1}, f"gwc{r}")
        lr_ports.append(insert("Logical_Router_Port", {
            "name": f"lrp-gw-{r}", "mac": gw_mac, "networks": oset([f"{router_gw_ip(r)}/{EXT_PREFIX}"]),
            "gateway_chassis": oset([gwc]),
        }, f"lrpgw{r}"))
        ext_ports.append(insert("Logical_Switch_Port", {
            "name": f"ext-gw-{r}", "type": "router", "addresses": oset(["router"]),
            "options": omap({"router-port": f"lrp-gw-{r}"}),
        }, f"lspgw{r}"))
        routes.append(insert("Logical_Router_Static_Route", {"ip_prefix": "0.0.0.0/0", "nexthop": "172.16.0.1"}, f"route{r}"))
        for s in range(nets_per_router):
            g = r * nets_per_router + s
            cidr = f"{host(g, 0)}/24"
            lrp_mac = mac(0xFA163EAA0000 + g)
            dhcp = insert("DHCP_Options", {"cidr": cidr, "options": omap({
                "server_id": host(g, 1), "server_mac": lrp_mac, "lease_time": "43200",
                "router": host(g, 1), "dns_server": "{10.255.255.53}", "mtu": "1442"})}, f"dhcp{g}")
            lr_ports.append(insert("Logical_Router_Port", {
                "name": f"lrp-{g}", "mac": lrp_mac, "networks": oset([f"{host(g, 1)}/24"]),
            }, f"lrp{g}"))
            ls_ports = [insert("Logical_Switch_Port", {
                "name": f"rp-{g}", "type": "router", "addresses": oset(["router"]),
                "options": omap({"router-port": f"lrp-{g}"}),
            }, f"lsprp{g}")]
            nats.append(insert("NAT", {"type": "snat", "external_ip": router_gw_ip(r), "logical_ip": cidr}, f"snat{g}"))
            for p in range(ports_per_net):
                n = g * ports_per_net + p
                ip = host(g, 10 + p)
                address = f"{vm_mac(n)} {ip}"
                lsp = insert("Logical_Switch_Port", {
                    "name": vm_port_name(n), "addresses": oset([address]), "port_security": oset([address]),
                    "dhcpv4_options": oset([dhcp]),
                }, f"lsp{n}")
                ls_ports.append(lsp)
                vm_ports.append(lsp)
                if p == 0:
                    nats.append(insert("NAT", {
                        "type": "dnat_and_snat", "external_ip": fip_ip(g), "logical_ip": ip,
                        "logical_port": vm_port_name(n), "external_mac": mac(0xFA163ECC0000 + g),
                    }, f"fip{g}"))
            insert("Logical_Switch", {"name": f"net-{g}", "ports": oset(ls_ports),
                                      "other_config": omap({"mcast_snoop": "false"})}, f"ls{g}")
        insert("Logical_Router", {"name": f"router-{r}", "ports": oset(lr_ports), "nat": oset(nats),
                                  "static_routes": oset(routes)}, f"lr{r}")
    insert("Logical_Switch", {"name": "ext", "ports": oset(ext_ports)}, "lsext")

    pg = "pg_default"
    acls = [
        ("from-lport", 1002, f"inport == @{pg} && ip4", "allow-related"),
        ("from-lport", 1002, f"inport == @{pg} && ip6", "allow-related"),
        ("to-lport", 1002, f"outport == @{pg} && ip4 && ip4.src == ${pg}_ip4", "allow-related"),
        ("to-lport", 1002, f"outport == @{pg} && ip6 && ip6.src == ${pg}_ip6", "allow-related"),
        ("to-lport", 1002, f"outport == @{pg} && ip4 && ip4.src == 0.0.0.0/0 && icmp4", "allow-related"),
        ("to-lport", 1002, f"outport == @{pg} && ip4 && ip4.src == 0.0.0.0/0 && tcp && tcp.dst == 22", "allow-related"),
    ]
    pg_acls = [insert("ACL", {"direction": d, "priority": pr, "match": m, "action": a}, f"acl{i}")
               for i, (d, pr, m, a) in enumerate(acls)]
    insert("Port_Group", {"name": pg, "ports": oset(vm_ports), "acls": oset(pg_acls)}, "pgdefault")
    drops = [insert("ACL", {"direction": "from-lport", "priority": 1001, "match": "inport == @neutron_pg_drop && ip", "action": "drop"}, "dropin"),
             insert("ACL", {"direction": "to-lport", "priority": 1001, "match": "outport == @neutron_pg_drop && ip", "action": "drop"}, "dropout")]
    insert("Port_Group", {"name": "neutron_pg_drop", "ports": oset(vm_ports), "acls": oset(drops)}, "pgdrop")
    return ["OVN_Northbound"] + ops


def transact(socket_path, txn):
    import socket
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(socket_path)
    sock.sendall(json.dumps({"method": "transact", "params": txn, "id": 1}).encode())
    decoder, buf = json.JSONDecoder(), ""
    while True:
        chunk = sock.recv(1 << 20)
        if not chunk:
            raise SystemExit("ovsdb-server closed the connection")
        buf += chunk.decode()
        try:
            msg, end = decoder.raw_decode(buf.lstrip())
        except ValueError:
            continue
        buf = buf.lstrip()[end:]
        if msg.get("method") == "echo":
            sock.sendall(json.dumps({"result": msg["params"], "error": None, "id": msg["id"]}).encode())
            continue
        if msg.get("id") == 1:
            return msg


def main(argv):
    if len(argv) == 3 and argv[1] == "--transact":
        reply = transact(argv[2], json.load(sys.stdin))
        json.dump(reply, sys.stdout)
        failed = reply.get("error") or any(isinstance(r, dict) and "error" in r for r in reply.get("result") or [])
        return 1 if failed else 0
    if len(argv) != 5:
        sys.stderr.write(__doc__)
        return 2
    routers, nets, ports = (int(a) for a in argv[1:4])
    json.dump(build(routers, nets, ports, argv[4]), sys.stdout, separators=(",", ":"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

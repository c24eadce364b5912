#!/usr/bin/env python3
"""Regenerates ovs-ofctl.vectors: OpenFlow 1.3 messages encoded by Open vSwitch's own
ovs-ofctl, captured by fake-switch.py on a unix socket under /tmp/wy-<hex>.
Each vector line: <ovs-ofctl arguments> TAB <message hex>. Run by hand; the output is committed."""
import os, secrets, shutil, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
rundir = "/tmp/wy-" + secrets.token_hex(3)
os.makedirs(rundir)
sock, log = rundir + "/sw.sock", rundir + "/out.txt"
sw = subprocess.Popen([sys.executable, here + "/fake-switch.py", sock, log])
try:
    for _ in range(50):
        if os.path.exists(sock): break
        time.sleep(0.05)
    flows = [
        "table=0,priority=100,in_port=1,actions=goto_table:10",
        "table=10,priority=100,dl_dst=fa:16:3e:00:01:02,actions=set_field:5001->tun_id,set_field:172.31.0.2->tun_dst,output:100",
        "table=10,priority=90,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00,actions=output:1,output:2",
        "table=0,priority=100,in_port=100,tun_id=0x1389,tun_src=172.31.0.100,actions=output:1",
        "table=1,priority=10,ct_state=+new+trk,ip,nw_dst=172.24.4.100,actions=ct(commit,zone=7,nat(dst=10.0.0.5),table=3)",
        "table=2,priority=10,ct_state=+new+trk,ip,nw_src=10.0.0.0/24,actions=ct(commit,zone=NXM_NX_REG6[0..15],nat(src=172.24.4.2-172.24.4.9:1024-65535,random),exec(set_field:0x1->ct_mark))",
        "table=0,priority=5,ip,actions=ct(table=1,zone=7,nat)",
        "table=25,priority=100,arp,arp_tpa=10.0.0.1,arp_op=1,actions=move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[],set_field:fa:16:3e:00:00:01->eth_src,load:0x2->NXM_OF_ARP_OP[],move:NXM_NX_ARP_SHA[]->NXM_NX_ARP_THA[],set_field:fa:16:3e:00:00:01->arp_sha,move:NXM_OF_ARP_SPA[]->NXM_OF_ARP_TPA[],set_field:10.0.0.1->arp_spa,IN_PORT",
        "table=30,priority=100,udp,reg6=0x3,tp_src=68,tp_dst=67,actions=controller(userdata=01.02.03.04.05,max_len=200)",
        "table=30,priority=90,udp,tp_src=68,tp_dst=67,actions=CONTROLLER:65535",
        "table=30,priority=80,actions=controller(id=3,reason=no_match,max_len=128)",
        "table=60,priority=200,ip,metadata=0x5,nw_dst=10.0.1.0/24,actions=dec_ttl,set_field:fa:16:3e:00:00:11->eth_src,set_field:fa:16:3e:00:00:22->eth_dst,write_metadata:0x6/0xffff,goto_table:65",
        "table=60,priority=100,ip,actions=dec_ttl(1,2),resubmit(,61),resubmit:3,output:LOCAL",
        "table=61,priority=100,ip,nw_src=10.0.0.5,actions=conjunction(7,1/2)",
        "table=61,priority=100,conj_id=7,ip,actions=output:5",
        "table=62,priority=100,dl_vlan=100,actions=pop_vlan,output:2",
        "table=62,priority=90,in_port=2,actions=push_vlan:0x8100,set_field:4196->vlan_vid,output:3",
        "table=45,priority=100,icmp6,icmp_type=135,icmp_code=0,nd_target=fe80::1,actions=drop",
        "table=45,priority=90,ipv6,ipv6_src=2001:db8::/64,ipv6_dst=2001:db8:1::5,actions=clear_actions",
        "table=45,priority=80,icmp,icmp_type=8,icmp_code=0,nw_ttl=64,actions=mod_nw_ttl:5,group:1",
        "table=15,priority=100,tcp,ip_dscp=8,tp_src=1234,tp_dst=80,actions=write_actions(output:3)",
        "table=15,priority=100,ct_state=+trk,ct_zone=7,ct_mark=0x3/0xff,ct_label=0x1/0x1,ct_nw_src=10.0.0.1,ct_nw_dst=10.0.0.2,ip,actions=drop",
        "table=15,priority=90,reg0=0x1,reg15=0xff00/0xff00,pkt_mark=0x5,dl_src=fa:16:3e:00:00:01,actions=load:0x5->NXM_NX_REG6[0..7],set_field:0x1->reg7,move:NXM_NX_REG6[0..15]->NXM_NX_REG7[16..31]",
        "table=15,priority=80,xreg3=0x1122334455667788,actions=drop",
        "cookie=0x1234,table=20,idle_timeout=10,hard_timeout=20,send_flow_rem,check_overlap,priority=5,actions=note:01.02.03.04.05.06.07",
        "table=20,priority=4,ip,actions=learn(table=10,idle_timeout=60,priority=5,NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],NXM_NX_REG6[0..15]=0x2a,load:NXM_NX_REG6[]->NXM_NX_REG7[],load:0x5->NXM_NX_REG5[],output:NXM_OF_IN_PORT[]),output:CONTROLLER",
        "table=20,priority=3,tcp,tcp_flags=+syn,actions=multipath(eth_src,50,modulo_n,1,0,NXM_NX_REG0[])",
        "table=20,priority=2,arp,arp_spa=10.0.0.0/8,arp_sha=fa:16:3e:00:00:09,arp_tha=00:00:00:00:00:00,actions=output:IN_PORT",
        "table=20,priority=1,ip,ip_proto=17,vlan_tci=0x1000/0x1000,actions=drop",
    ]
    cmds = [["add-flow", "unix:" + sock, f] for f in flows]
    cmds += [
        ["--bundle", "add-flow", "unix:" + sock, "table=3,priority=7,in_port=1,actions=output:2"],
        ["mod-flows", "unix:" + sock, "table=3,in_port=1,actions=output:4"],
        ["--strict", "mod-flows", "unix:" + sock, "table=3,priority=7,in_port=1,actions=output:4"],
        ["del-flows", "unix:" + sock, "table=3,cookie=0x1234/-1,in_port=1"],
        ["--strict", "del-flows", "unix:" + sock, "table=3,priority=7,in_port=1"],
        ["del-flows", "unix:" + sock, "out_port=2"],
        ["add-group", "unix:" + sock, "group_id=1,type=select,bucket=weight:100,actions=output:1,bucket=weight:50,actions=output:2"],
        ["add-group", "unix:" + sock, "group_id=2,type=all,bucket=actions=output:1,bucket=actions=set_field:5->tun_id,output:100"],
        ["add-group", "unix:" + sock, "group_id=3,type=indirect,bucket=actions=output:7"],
        ["del-groups", "unix:" + sock, "group_id=3"],
        ["packet-out", "unix:" + sock, "in_port=1 packet=fffffffffffffa163e00000108060001080006040001fa163e0000010a0000050000000000000a000001 actions=output:2"],
        ["dump-flows", "unix:" + sock, "table=10,reg6=5"],
        ["dump-flows", "unix:" + sock],
        ["dump-aggregate", "unix:" + sock, "table=10"],
        ["dump-ports-desc", "unix:" + sock],
        ["probe", "unix:" + sock],
    ]
    lines = ["# Captured from ovs-ofctl (Open vSwitch) by capture-vectors.py. Format: arguments TAB message hex."]
    for cmd in cmds:
        open(log, "w").close()
        r = subprocess.run(["timeout", "5", "ovs-ofctl", "-O", "OpenFlow13", "--no-names"] + cmd, capture_output=True, text=True)
        if r.returncode != 0:
            print("FAILED", cmd, r.stderr, file=sys.stderr); continue
        time.sleep(0.05)
        for row in open(log).read().split("\n"):
            if not row: continue
            mtype, hexs = row.split(" ")
            if mtype in ("0", "20", "5"): continue   # HELLO, BARRIER_REQUEST, FEATURES_REQUEST
            label = " ".join(cmd).replace("unix:" + sock, "SW")
            lines.append(label + "\t" + hexs)
    open(os.path.join(here, "ovs-ofctl.vectors"), "w").write("\n".join(lines) + "\n")
    print(len(lines) - 1, "vectors")
finally:
    sw.kill(); sw.wait()
    shutil.rmtree(rundir, ignore_errors=True)

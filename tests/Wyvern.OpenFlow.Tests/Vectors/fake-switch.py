# Test-vector capture helper: a minimal OpenFlow 1.3 "switch" on a unix socket that
# answers HELLO, FEATURES, ECHO, BARRIER, multipart and ONF bundle control, and
# writes every message ovs-ofctl sends as "<type> <hex>" lines. Used by capture-vectors.py.
import socket, struct, sys, os
path = sys.argv[1]
if os.path.exists(path): os.unlink(path)
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.bind(path); s.listen(1)
def emit(line):
    with open(sys.argv[2], 'a') as f: f.write(line)
while True:
    c, _ = s.accept()
    c.sendall(struct.pack('!BBHI', 4, 0, 8, 1))
    buf = b''
    try:
        while True:
            d = c.recv(65536)
            if not d: break
            buf += d
            while len(buf) >= 8:
                v, t, l, x = struct.unpack('!BBHI', buf[:8])
                if len(buf) < l: break
                m, buf = buf[:l], buf[l:]
                emit('%d %s\n' % (t, m.hex()))
                if t == 5:
                    c.sendall(struct.pack('!BBHIQIBBHII', 4, 6, 32, x, 0x1234, 256, 254, 0, 0, 0x4f))
                elif t == 20:
                    c.sendall(struct.pack('!BBHI', 4, 21, 8, x))
                elif t == 2:
                    c.sendall(struct.pack('!BBHI', 4, 3, l, x) + m[8:])
                elif t == 18:
                    mt = struct.unpack('!H', m[8:10])[0]
                    if mt == 12:
                        c.sendall(struct.pack('!BBHIHH', 4, 1, 12 + 64, x, 1, 2) + m[:64])
                    else:
                        body = bytes(24) if mt == 2 else b''
                        c.sendall(struct.pack('!BBHIHH4x', 4, 19, 16 + len(body), x, mt, 0) + body)
                elif t == 4 and len(m) >= 16 and struct.unpack('!I', m[8:12])[0] == 0x4f4e4600:
                    et = struct.unpack('!I', m[12:16])[0]
                    if et == 2300:
                        bid, bt, fl = struct.unpack('!IHH', m[16:24])
                        c.sendall(struct.pack('!BBHIIIIHH', 4, 4, 24, x, 0x4f4e4600, 2300, bid, bt + 1, fl))
    except Exception as e:
        print(e, file=sys.stderr)
    c.close()

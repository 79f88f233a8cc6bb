#!/usr/bin/env python3
"""frames.txt: the link codec's shared test vectors, written by make_frames.py from docs/protocol.md alone.

This is a third, independent reading of the specification (CRC-32C and COBS written here from
their definitions), so a vector checks both the native codec and ScsiBridge.Protocol rather than
one against the other. Run it again only when the protocol changes; frames.txt is committed.

Line formats (hex strings; "-" for none):
  crc    <data> <crc32c as 8 hex digits>
  encode <type> <flags> <opcode> <request id> <payload> <encoded frame, delimiter included>
  decode <bytes fed to a receiver, a delimiter after them> <verdict> <header readable 0/1>
         <version> <type> <flags> <opcode> <request id> <payload length> <payload of a good frame>
Verdicts are ScsiBridge.Protocol's LinkErrors names.
"""
import random

POLY = 0x82F63B78
MAX_PAYLOAD = 4096
MAX_FRAME = 8 + MAX_PAYLOAD + 4
MAX_ENCODED = MAX_FRAME + MAX_FRAME // 254 + 2
DELIMITER = bytes([0])


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ POLY if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def cobs(data):
    out = bytearray([0])
    code_at, code = 0, 1
    for b in data:
        if b == 0:
            out[code_at] = code
            code_at, code = len(out), 1
            out.append(0)
            continue
        out.append(b)
        code += 1
        if code == 0xFF:
            out[code_at] = 0xFF
            code_at, code = len(out), 1
            out.append(0)
    out[code_at] = code
    return bytes(out)


def raw(version, ftype, flags, opcode, rid, payload, length=None):
    n = len(payload) if length is None else length
    body = bytes([version, ftype, flags, opcode, rid & 0xFF, rid >> 8, n & 0xFF, n >> 8]) + payload
    return body + crc32c(body).to_bytes(4, "little")


def hx(b):
    return b.hex() if b else "-"


lines = [l.rstrip() for l in __doc__.strip().splitlines()]
out = ["# " + l if l else "#" for l in lines]
rng = random.Random(20261202)

# CRC-32C check values: the catalogue's "123456789", and a few edge lengths.
for data in [b"", b"123456789", bytes(32), bytes([0xFF] * 32), bytes(range(256)), bytes(rng.randrange(256) for _ in range(1000))]:
    out.append(f"crc {hx(data)} {crc32c(data):08x}")

# Encodes: payload sizes around COBS block boundaries, zeros in every position, the largest.
payloads = [b"", b"\x00", b"\x01", b"\x00\x00", bytes(range(1, 255)), bytes(range(1, 256)),
            bytes([0x11] * 253), bytes([0x22] * 254), bytes([0x33] * 255), bytes(4096),
            bytes([0xAB] * 4096), bytes(rng.randrange(256) for _ in range(4096)),
            bytes(rng.choice([0, 0, 1, 0xFF]) for _ in range(700))]
fields = [(1, 0, 0x01, 1), (2, 0, 0x20, 0xFFFF), (4, 2, 0x20, 0x1234), (3, 0, 0x82, 0), (5, 1, 0x40, 0x8000)]
for i, p in enumerate(payloads):
    t, f, op, rid = fields[i % len(fields)]
    out.append(f"encode {t} {f} {op} {rid} {hx(p)} {hx(cobs(raw(1, t, f, op, rid, p)) + DELIMITER)}")
for _ in range(12):
    n = rng.choice([1, 7, 250, 254, 508, 1024, 4092])
    p = bytes(rng.randrange(256) if rng.random() < 0.8 else 0 for _ in range(n))
    t, f, op, rid = 4, rng.choice([0, 2]), 0x20, rng.randrange(1, 65536)
    out.append(f"encode {t} {f} {op} {rid} {hx(p)} {hx(cobs(raw(1, t, f, op, rid, p)) + DELIMITER)}")


def decode(fed, verdict, readable, header=(0, 0, 0, 0, 0, 0), payload=b""):
    v, t, f, op, rid, n = header
    out.append(f"decode {hx(fed)} {verdict} {readable} {v} {t} {f} {op} {rid} {n} {hx(payload)}")


# Good frames.
for p, (t, f, op, rid) in [(b"", (1, 0, 1, 7)), (bytes([1, 0]), (1, 0, 1, 1)), (bytes(300), (4, 2, 0x20, 9)),
                           (bytes(rng.randrange(256) for _ in range(4096)), (4, 0, 0x20, 0xFFFF))]:
    decode(cobs(raw(1, t, f, op, rid, p)), "none", 1, (1, t, f, op, rid, len(p)), p)

good = raw(1, 1, 0, 0x20, 42, bytes(range(40)))
# A flipped payload bit, a flipped CRC bit, a flipped header bit: the CRC catches each.
for at in [20, len(good) - 1, 3]:
    bad = bytearray(good)
    bad[at] ^= 0x04
    decode(cobs(bytes(bad)), "BadCrc", 1, (bad[0], bad[1], bad[2], bad[3], bad[4] | bad[5] << 8, bad[6] | bad[7] << 8))
# Broken COBS: a code byte pointing past the end; a first code of 0xFF with too little after it.
enc = bytearray(cobs(good))
enc[0] = 0xFE
decode(bytes(enc), "BadCobs", 0)
decode(bytes([0xFF, 1, 2, 3]), "BadCobs", 0)
decode(bytes([0x05, 1, 2]), "BadCobs", 0)
# Short: under a header (header unreadable), and a header without a whole CRC (readable).
decode(cobs(bytes([1, 1, 0])), "ShortFrame", 0)
decode(cobs(bytes([1, 1, 0, 0x20, 5, 0, 0, 0, 0xAA])), "ShortFrame", 1, (1, 1, 0, 0x20, 5, 0))
decode(bytes([0x01]), "ShortFrame", 0)
# A version the bridge does not speak, with a good CRC.
decode(cobs(raw(2, 1, 0, 0x01, 3, b"\x02\x00")), "UnsupportedVersion", 1, (2, 1, 0, 1, 3, 2))
# Length field and bytes disagree; an unknown frame type.
decode(cobs(raw(1, 1, 0, 0x01, 4, b"\x01\x00", length=3)), "BadLength", 1, (1, 1, 0, 1, 4, 3))
decode(cobs(raw(1, 9, 0, 0x01, 4, b"\x01\x00")), "BadLength", 1, (1, 9, 0, 1, 4, 2))
decode(cobs(raw(1, 0, 0, 0x01, 4, b"")), "BadLength", 1, (1, 0, 0, 1, 4, 0))
# A length field past the limit (checked before the length match).
decode(cobs(raw(1, 4, 0, 0x20, 6, b"\x00" * 8, length=5000)), "PayloadTooLarge", 1, (1, 4, 0, 0x20, 6, 5000))
# More bytes decoded than any frame holds; more encoded bytes than the receiver keeps.
decode(cobs(raw(1, 4, 0, 0x20, 6, bytes([0x5A] * 4097))), "PayloadTooLarge", 0)
decode(bytes([0x5A] * (MAX_ENCODED + 10)), "PayloadTooLarge", 0)

with open("frames.txt", "w") as fh:
    fh.write("\n".join(out) + "\n")

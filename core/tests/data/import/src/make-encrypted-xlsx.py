#!/usr/bin/env python3
"""Writes encrypted-xlsx-shell.xlsx: the container of a password-protected .xlsx.

Excel (and WPS) save a workbook with an open password as an OLE compound file (CFB, version 3,
512-byte sectors) holding two streams, `EncryptionInfo` and `EncryptedPackage`, instead of a
zip. This script writes that container with filler bytes in both streams: enough for a reader
to recognise an encrypted workbook, which is all parkscore does with one (it refuses it with a
message). LibreOffice 7.4 cannot save an encrypted .xlsx from the command line, hence a script.
"""
import struct
import sys

SECTOR = 512
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
STREAM_SECTORS = 8  # 4096 bytes: at the mini-stream cutoff, so stored in regular sectors


def direntry(name, kind, left, right, child, start, size):
    raw = name.encode("utf-16-le") + b"\0\0" if name else b""
    return (
        raw.ljust(64, b"\0")
        + struct.pack("<HBBIII", len(raw), kind, 1, left, right, child)
        + b"\0" * 16  # CLSID
        + struct.pack("<I", 0)  # state bits
        + b"\0" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


def main(out):
    info_start, pkg_start = 2, 2 + STREAM_SECTORS
    n_sectors = 2 + 2 * STREAM_SECTORS
    fat = [FATSECT, END]
    for start in (info_start, pkg_start):
        fat += [start + i + 1 for i in range(STREAM_SECTORS - 1)] + [END]
    fat += [FREE] * (SECTOR // 4 - len(fat))
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0)  # DIFAT[0]: the FAT is sector 0
        + struct.pack("<I", FREE) * 108
    )
    assert len(header) == SECTOR
    size = STREAM_SECTORS * SECTOR
    directory = (
        direntry("Root Entry", 5, NOSTREAM, NOSTREAM, 1, END, 0)
        + direntry("EncryptionInfo", 2, NOSTREAM, 2, NOSTREAM, info_start, size)
        + direntry("EncryptedPackage", 2, NOSTREAM, NOSTREAM, NOSTREAM, pkg_start, size)
        + direntry("", 0, NOSTREAM, NOSTREAM, NOSTREAM, 0, 0)
    )
    body = struct.pack("<128I", *fat) + directory
    body += bytes((i * 37 + 11) % 256 for i in range(2 * size))
    assert len(body) == n_sectors * SECTOR
    with open(out, "wb") as f:
        f.write(header + body)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "encrypted-xlsx-shell.xlsx")

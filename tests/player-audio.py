#!/usr/bin/env python3
"""player-audio.py PLAYED.raw REF.raw RATE — what the terminal player played,
as pieces of the reference rendering (16-bit mono raw, the same synthesis).

Prints one line per piece, "start length" in seconds of the reference: a key
that moves (forward, back) starts a new piece; a pause does not. Exits 1 when
some of the played audio is not in the reference at all."""
import sys

PROBE = 8192  # bytes: 4096 frames, long enough to be speech, not silence


def common(a, i, b, j):
    """bytes equal from a[i] and b[j] on, a multiple of 2"""
    n = 0
    while i + n + 4096 <= len(a) and a[i + n:i + n + 4096] == b[j + n:j + n + 4096]:
        n += 4096
    while i + n + 2 <= len(a) and a[i + n:i + n + 2] == b[j + n:j + n + 2]:
        n += 2
    return n


def find(ref, probe):
    j = ref.find(probe)
    while j >= 0 and j % 2:
        j = ref.find(probe, j + 1)
    return j


def main():
    played, ref = (open(p, "rb").read() for p in sys.argv[1:3])
    rate = int(sys.argv[3])
    i = 0
    while i < len(played):
        probe = played[i:i + PROBE]
        j = find(ref, probe)
        if j < 0:
            print(f"not in the reference: {len(played) - i} bytes at {i / 2 / rate:.3f} s of what was played")
            return 1
        n = common(played, i, ref, j)
        print(f"{j / 2 / rate:.3f} {n / 2 / rate:.3f}")
        i += n
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Compare a capture from the alsa-vm loopback with mimiumd's offline render of the same program.

    alsa-vm-compare.py REF.wav CAPTURE (--format FLOAT_LE|S32_LE|S16_LE | CAPTURE is a .wav)
                       [--channels 2] [--min-match 99.0] [--min-frames N] [--tolerance T]

REF is `mimiumd render --output REF.wav` (32-bit float WAV). CAPTURE is what arecord read from
hw:Loopback,1,0: raw interleaved samples in the format the daemon negotiated, or a WAV file.

The daemon starts its program at now = 0, but the capture starts at an arbitrary moment, so the
capture is aligned first: the reference is converted into the device format exactly the way the
daemon's ALSA sink converts (float: as is; S32: round-half-even(x * 2^31); S16: round(x * 32768)),
every captured frame is looked up in a table of reference frames, and the most common difference
between the reference index and the capture index is the alignment offset. Then every captured
frame that falls inside the reference (the overlap; silence before the daemon started and after it
stopped is not part of it) is compared with a tolerance of `--tolerance` (default: 1e-6 for float,
1 LSB for integer formats). snd-aloop may lose one 4 ms tick (192 frames at 48 kHz) near the end
of a stream (alsa-vm README, "Known quirk"); a single mismatched run of at most 192 frames in the
last 100 ms of the capture is reported and excluded from the count.

Prints one summary line starting "compare:" and exits 0 when at least --min-match percent of the
overlapping frames match and the overlap holds at least --min-frames frames, 1 otherwise, 2 on
unusable input.
"""
import argparse
import array
import collections
import struct
import sys

FORMATS = {  # name -> (array typecode, bytes per sample, scale to [-1, 1])
    "FLOAT_LE": ("f", 4, 1.0),
    "S32_LE": ("i", 4, 2147483648.0),
    "S16_LE": ("h", 2, 32768.0),
}


def die(msg):
    print(f"compare: ERROR {msg}")
    sys.exit(2)


def read_wav(path):
    """Returns (format name, channels, rate, array of samples) for PCM 16/32 or float32 WAVs."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 12 or data[0:4] != b"RIFF" or data[8:12] != b"WAVE":
        die(f"{path}: not a RIFF/WAVE file")
    pos, fmt, body = 12, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack_from("<I", data, pos + 4)[0]
        chunk = data[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            fmt = chunk
        elif cid == b"data":
            # arecord writes a huge size when it is killed before fixing the header
            body = data[pos + 8:] if size in (0, 0xFFFFFFFF, 0x7FFFFFFF) or pos + 8 + size > len(data) else chunk
            break
        pos += 8 + size + (size & 1)
    if fmt is None or body is None:
        die(f"{path}: no fmt or data chunk")
    tag, channels, rate = struct.unpack_from("<HHI", fmt, 0)
    bits = struct.unpack_from("<H", fmt, 14)[0]
    if tag == 0xFFFE and len(fmt) >= 26:  # WAVE_FORMAT_EXTENSIBLE: the sub-format GUID starts with the tag
        tag = struct.unpack_from("<H", fmt, 24)[0]
    if tag == 3 and bits == 32:
        name = "FLOAT_LE"
    elif tag == 1 and bits == 32:
        name = "S32_LE"
    elif tag == 1 and bits == 16:
        name = "S16_LE"
    else:
        die(f"{path}: unsupported WAV format tag {tag} with {bits} bits")
    return name, channels, rate, to_array(name, body)


def to_array(name, raw):
    code, width, _ = FORMATS[name]
    raw = raw[:len(raw) - len(raw) % width]
    a = array.array(code)
    a.frombytes(raw)
    if sys.byteorder != "little":
        a.byteswap()
    return a


def quantise(name, ref):
    """The daemon's float -> device conversion (Mimiumd.Alsa.SampleConversion)."""
    if name == "FLOAT_LE":
        return ref
    if name == "S32_LE":
        return array.array("q", (max(-2147483648, min(2147483647, round(x * 2147483648.0))) for x in ref))
    # MathF.Round(x * 32768f): the product is rounded to float first; for |x| < 1 and a float x it is exact
    return array.array("q", (max(-32768, min(32767, round(x * 32768.0))) for x in ref))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ref")
    ap.add_argument("capture")
    ap.add_argument("--format", choices=sorted(FORMATS), help="format of a raw capture")
    ap.add_argument("--channels", type=int, default=2)
    ap.add_argument("--min-match", type=float, default=99.0, help="percent of overlapping frames")
    ap.add_argument("--min-frames", type=int, default=48000, help="smallest acceptable overlap")
    ap.add_argument("--tolerance", type=float, help="absolute, in [-1, 1] units")
    ap.add_argument("--tick", type=int, default=192, help="frames of the snd-aloop end-of-stream glitch")
    ap.add_argument("--rate", type=int, default=48000)
    args = ap.parse_args()

    ref_fmt, ref_ch, ref_rate, ref = read_wav(args.ref)
    if ref_fmt != "FLOAT_LE":
        die(f"{args.ref}: expected a float WAV from mimiumd render, got {ref_fmt}")
    ch = args.channels
    if ref_ch != ch:
        die(f"{args.ref}: {ref_ch} channels, expected {ch}")
    if args.capture.endswith(".wav"):
        fmt, cap_ch, cap_rate, cap = read_wav(args.capture)
        if cap_ch != ch or cap_rate != ref_rate:
            die(f"{args.capture}: {cap_ch} ch {cap_rate} Hz, reference {ch} ch {ref_rate} Hz")
    else:
        if not args.format:
            die("--format is needed for a raw capture")
        fmt = args.format
        with open(args.capture, "rb") as f:
            cap = to_array(fmt, f.read())
    _, _, scale = FORMATS[fmt]
    tol = args.tolerance if args.tolerance is not None else (1e-6 if fmt == "FLOAT_LE" else 1.0 / scale)
    tol_units = tol * scale  # tolerance in device units
    n_ref, n_cap = len(ref) // ch, len(cap) // ch
    if n_cap == 0:
        die(f"{args.capture}: empty capture")
    refq = quantise(fmt, ref)

    # ---- alignment: look captured frames up in a table of reference frames
    cap_frames = [tuple(cap[i * ch:(i + 1) * ch]) for i in range(n_cap)]
    silent = tuple([0] * ch)
    wanted = set(f for f in cap_frames if f != silent)
    if not wanted:
        print(f"compare: FAIL the capture ({n_cap} frames, {fmt}) is all silence: no sound came through")
        return 1
    positions = collections.defaultdict(list)
    for j in range(n_ref):
        key = tuple(refq[j * ch:(j + 1) * ch])
        if key in wanted:
            positions[key].append(j)
    votes = collections.Counter()
    step = max(1, n_cap // 4000)
    for i in range(0, n_cap, step):
        f = cap_frames[i]
        if f == silent:
            continue
        for j in positions.get(f, ())[:8]:
            votes[j - i] += 1
    if not votes:
        nonsilent = sum(1 for f in cap_frames if f != silent)
        print(f"compare: FAIL no captured frame equals a reference frame ({nonsilent} of {n_cap} frames not silent, {fmt}); "
              f"first frames {cap_frames[:3]}, reference starts {[tuple(refq[k * ch:(k + 1) * ch]) for k in range(3)]}")
        return 1
    offset, nvotes = votes.most_common(1)[0]

    # ---- comparison over the overlap
    lo, hi = max(0, -offset), min(n_cap, n_ref - offset)  # capture indices i with 0 <= i + offset < n_ref
    if hi <= lo:
        print(f"compare: FAIL the aligned capture does not overlap the reference (offset {offset})")
        return 1
    # silence before the first sound (the capture began before the daemon's first period reached the
    # device) and after the last (the daemon had stopped) is outside what the daemon played
    first = lo
    while first < hi and cap_frames[first] == silent:
        first += 1
    leading_silence = first - lo
    lo = first
    last = hi
    while last > lo and cap_frames[last - 1] == silent:
        last -= 1
    trailing_silence = hi - last
    hi = last
    bad = []
    exact = 0
    max_err = 0.0
    for i in range(lo, hi):
        j = (i + offset) * ch
        f = cap_frames[i]
        ok = True
        same = True
        for c in range(ch):
            e = abs(f[c] - refq[j + c])
            if e:
                same = False
                if e > tol_units:
                    ok = False
                elif e > max_err:
                    max_err = e
        exact += same
        if not ok:
            bad.append(i)
    overlap = hi - lo
    # the documented end-of-stream glitch: one run of <= tick frames within the last 100 ms
    glitch = ""
    if bad:
        runs = []
        start = prev = bad[0]
        for i in bad[1:]:
            if i != prev + 1:
                runs.append((start, prev))
                start = i
            prev = i
        runs.append((start, prev))
        tail = [r for r in runs if r[0] >= hi - args.rate // 10 and r[1] - r[0] + 1 <= args.tick]
        if len(tail) == 1:
            s, e = tail[0]
            glitch = f"; end-of-stream glitch of {e - s + 1} frames at capture frame {s} excluded"
            overlap -= e - s + 1
            bad = [i for i in bad if not s <= i <= e]
        first_bad = bad[0] if bad else None
        run_text = ", ".join(f"{s}-{e}" for s, e in runs[:6]) + (" ..." if len(runs) > 6 else "")
    matched = overlap - len(bad)
    pct = 100.0 * matched / overlap if overlap else 0.0
    ok = pct >= args.min_match and overlap >= args.min_frames
    line = (f"compare: {'PASS' if ok else 'FAIL'} {matched} of {overlap} overlapping frames match "
            f"({pct:.3f}%, need {args.min_match}%; {exact} bit-exact), format {fmt}, tolerance {tol:g}, "
            f"offset {offset} (capture frame 0 = daemon frame {offset}; {nvotes} votes), "
            f"capture {n_cap} frames, reference {n_ref}, silence {leading_silence} leading / {trailing_silence} trailing{glitch}")
    if max_err:
        line += f", largest error within tolerance {max_err / scale:g}"
    print(line)
    if bad:
        print(f"compare: mismatched runs (capture frames): {run_text}; first mismatch at {first_bad}: "
              f"capture {cap_frames[first_bad]} vs reference {tuple(refq[(first_bad + offset) * ch:(first_bad + offset + 1) * ch])}")
        others = [(o, v) for o, v in votes.most_common(4) if o != offset]
        if others:
            print("compare: other alignments seen (offset: votes): " + ", ".join(f"{o}: {v}" for o, v in others)
                  + " -- a second alignment means frames were dropped or repeated (an xrun or a gap in the stream)")
    if overlap < args.min_frames:
        print(f"compare: the overlap ({overlap} frames) is shorter than --min-frames {args.min_frames}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

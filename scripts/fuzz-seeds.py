#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (scripts/fuzz.sh): one directory per target under OUT.

Seeds come from the repository's fixtures (the presets and their reference points, the theme files),
from small valid .npy/.npz/.csv files written here, and from the bad inputs of the adversarial corpus
(scripts/adversarial.py) of the matching kind. Inputs above 64 KiB (the fuzzers' -max_len) are left out.

Usage: python3 scripts/fuzz-seeds.py OUT
"""

import glob
import hashlib
import json
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import adversarial  # noqa: E402  (its npy/npz writers and corpus)

MAX_LEN = 65536
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    out = sys.argv[1]
    seeds = {t: [] for t in ["npy", "npz", "csv", "config", "point", "safetensors", "theme"]}
    npy, npz = adversarial.npy, adversarial.npz

    # Valid arrays in every form the reader accepts.
    m = [1, 0, 0, 1, 1, 1, 2, -1]
    for descr, fmt in [("<f8", "<8d"), (">f8", ">8d"), ("<f4", "<8f"), (">f4", ">8f"), ("=f8", "=8d"), ("f4", "<8f")]:
        seeds["npy"].append(npy(m, (4, 2), descr, payload=struct.pack(fmt, *m)))
    seeds["npy"] += [npy(m, (4, 2), fortran=True), npy(m, (8,)), npy(m, (4, 2), version=2), npy(m, (4, 2), version=3),
                     npy([], (0, 2)), npy([3.5], (1, 1))]

    # Presets: configs, and their reference points as point files (canonical vectors and per-layer matrices).
    for path in sorted(glob.glob(os.path.join(ROOT, "Sources/SparseScapeCore/Resources/Presets/*.json"))):
        text = open(path, "rb").read()
        seeds["config"].append(text)
        cfg = json.loads(text)
        for params in list((cfg.get("points") or {}).values())[:2] + ([cfg["start"]] if "start" in cfg else []):
            seeds["point"].append(json.dumps({"params": params}).encode())
            seeds["point"].append(npy(params))
            seeds["point"].append(npz([("params.npy", npy(params))]))
            layers, k = [], 0
            for mask in cfg["masks"]:
                rows = []
                for row in mask:
                    rows.append([])
                    for bit in row:
                        rows[-1].append(params[k] if bit else 0.0)
                        k += bit
                layers.append(rows)
            seeds["point"].append(json.dumps({"layers": layers}).encode())
            seeds["point"].append(json.dumps({"layers": ["W.npy"] + layers[1:]}).encode())
            flat = [([v for row in L for v in row], (len(L), len(L[0]))) for L in layers]
            seeds["point"].append(npz([("W%d.npy" % (i + 1), npy(v, s)) for i, (v, s) in enumerate(flat)], compress=True))
            seeds["point"].append(npz([("arr_%d.npy" % i, npy(v, s)) for i, (v, s) in enumerate(flat)]))
            seeds["npz"] += seeds["point"][-2:]
        if isinstance(cfg["X"], list):
            seeds["csv"].append(("x,y,z\n" if len(cfg["X"][0]) == 3 else "").encode()
                                + "".join(",".join(repr(v) for v in row) + "\n" for row in cfg["X"]).encode())
            seeds["npy"].append(npy([v for row in cfg["X"] for v in row], (len(cfg["X"]), len(cfg["X"][0]))))
    seeds["csv"] += [b"1,2\r\n3,4\r\n", b"# comment\n 1.5e3 , -2 \n\n3,4\n", b"a\n1\n"]
    for path in sorted(glob.glob(os.path.join(ROOT, "themes/*.theme"))):
        seeds["theme"].append(open(path, "rb").read())

    # PyTorch state dicts as safetensors (torch's out x in, prune's weight_orig/weight_mask), valid and broken.
    seeds["safetensors"] += safetensors_seeds()
    seeds["point"] += seeds["safetensors"][:4]

    # The adversarial corpus's bad inputs, by kind.
    for inp in adversarial.build_corpus(adversarial.SEED):
        for name, content in inp.files.items():
            if not isinstance(content, bytes) or name in ("base.json", "point.json", "point2.json"):
                continue
            target = {"config": "config", "csv": "csv", "npy": "npy", "theme": "theme", "point": "point"}.get(inp.kind)
            if inp.kind in ("csv", "npy") and name == "config.json":
                continue
            if target:
                seeds[target].append(content)
            if inp.kind == "point" and content.startswith(b"PK"):
                seeds["npz"].append(content)
            if inp.kind == "point" and content.startswith(b"\x93NUMPY"):
                seeds["npy"].append(content)

    for target, items in seeds.items():
        d = os.path.join(out, target)
        os.makedirs(d, exist_ok=True)
        kept = 0
        for data in items:
            if len(data) <= MAX_LEN:
                with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as fh:
                    fh.write(data)
                kept += 1
        print("%s: %d seeds" % (target, len(os.listdir(d))))


def safetensors(tensors, metadata=None, pad=True):
    """A safetensors file: tensors is a list of (name, dtype, shape, raw bytes), laid out in that order."""
    header, offset, data = {}, 0, b""
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode()
    if pad:
        text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


def safetensors_seeds():
    f32 = lambda v: struct.pack("<%df" % len(v), *v)
    f64 = lambda v: struct.pack("<%dd" % len(v), *v)
    f16 = lambda v: struct.pack("<%de" % len(v), *v)
    bf16 = lambda v: b"".join(struct.pack("<f", x)[2:] for x in v)
    w1, m1, w2 = [1, 2, 3, 4, 5, 6], [1, 0, 1, 0, 1, 1], [7, 8, 0, 9]
    out = [
        safetensors([("fc1.weight_orig", "F32", (2, 3), f32(w1)), ("fc1.weight_mask", "F32", (2, 3), f32(m1)),
                     ("fc2.weight", "F32", (2, 2), f32(w2))], {"format": "pt"}),
        safetensors([("0.weight", "F64", (2, 3), f64(w1)), ("1.weight", "F16", (2, 2), f16(w2))]),
        safetensors([("weight", "BF16", (2, 3), bf16(w1))], {"format": "pt"}),
        safetensors([("layers.0.weight", "F32", (3, 3), f32(w1 + [1, 2, 3])), ("layers.1.weight_orig", "F64", (1, 3), f64([1, 2, 3])),
                     ("layers.1.weight_mask", "F64", (1, 3), f64([1, 1, 0]))], pad=False),
        safetensors([("fc1.weight", "F32", (2, 3), f32(w1)), ("fc1.bias", "F32", (2,), f32([0, 0]))]),
        safetensors([("fc1.weight", "I64", (2, 3), struct.pack("<6q", *w1))]),
        safetensors([("a.weight", "F32", (2, 3), f32(w1)), ("b.weight", "F32", (2, 2), f32(w2))]),
        safetensors([("e", "U8", (0,), b""), ("x", "F8_E4M3", (2,), b"\x01\x02")], {"k": "v"}),
    ]
    out.append(out[0][:-5])
    out.append(b"\x02\x00\x00\x00\x00\x00\x00\x00{}")
    return out


if __name__ == "__main__":
    main()

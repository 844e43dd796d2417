#!/usr/bin/env python3
"""Regenerates the data of the `digits` preset from scikit-learn's copy of the UCI handwritten digits.

    pip install scikit-learn        # once
    python3 scripts/make-digits.py  # writes digits-X.npy and digits-Y.npy, prints their sha256

X (1797 x 64): the 8x8 pixel intensities (integers 0..16) divided by 16, centred per feature (column).
Y (1797 x 10): the one-hot encoding of the target digit, centred per column.

Each entry is computed as (v - s / n) / 16 for X and (v - s / n) for Y, with v the integer value, s its
column's integer sum and n = 1797: every step is a single IEEE-754 operation on exactly representable
numbers, so the bytes do not depend on the summation order of the NumPy build that ran it. The result is
mathematically pixels/16 minus its column mean, and one-hot minus its column mean. Both files are float64,
little-endian, C order (NumPy .npy format 1.0).
"""
import hashlib
import os
import sys

import numpy as np
from sklearn.datasets import load_digits

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "SparseScapeCore", "Resources", "Presets")


def centred(values, scale):
    """(v - column_sum / n) / scale, each step one correctly rounded operation."""
    v = np.asarray(values, dtype=np.int64)
    n = v.shape[0]
    sums = v.sum(axis=0)  # exact integer sums
    mean = sums.astype(np.float64) / float(n)
    return ((v.astype(np.float64) - mean) / float(scale)).astype("<f8")


def main():
    digits = load_digits()
    pixels = digits.data.astype(np.int64)  # 1797 x 64, integers 0..16
    if pixels.shape != (1797, 64) or pixels.min() < 0 or pixels.max() > 16 or np.any(digits.data != pixels):
        sys.exit("unexpected digits data: shape %s" % (pixels.shape,))
    onehot = np.zeros((pixels.shape[0], 10), dtype=np.int64)
    onehot[np.arange(pixels.shape[0]), digits.target] = 1
    x = np.ascontiguousarray(centred(pixels, 16))
    y = np.ascontiguousarray(centred(onehot, 1))
    for name, a in (("digits-X.npy", x), ("digits-Y.npy", y)):
        path = os.path.normpath(os.path.join(OUT, name))
        np.save(path, a, allow_pickle=False)
        with open(path, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
        print("%s  %s  %dx%d" % (digest, name, a.shape[0], a.shape[1]))


if __name__ == "__main__":
    main()

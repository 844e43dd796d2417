#!/usr/bin/env python3
"""NumPy baselines for SparseScape's slice benchmark (run by `sparsescape-bench slice` in the same invocation).

  make-data DIR   writes DIR/X.npy (20000 x 784), DIR/Y.npy (20000 x 10) and DIR/net.json: a 784-256-10 network
                  with a 50% random first-layer mask and a dense second layer (seeded, synthetic data).
  measure DIR     reads DIR/center.npy, DIR/d1.npy, DIR/d2.npy (canonical parameter vectors written by the Swift
                  side) and times, on a sample of grid points of a GRID x GRID slice with half-width SPAN:
                    naive: a forward pass over all the data per grid point (what loss-landscape does);
                    gram:  P = W1 W2 per point with the loss from a precomputed X^T X, X^T Y, ||Y||^2;
                  and forming X^T X alone. Prints one JSON object with per-point times and sampled values.
  user-files DIR  (after make-data) writes what a user hands `sparsescape slice`: DIR/user-net.json (both masks
                  inline as JSON lists, X.npy and Y.npy), and point files DIR/center.json, DIR/d1.json, DIR/d2.json
                  ({"params": [...]}, ~10^5 numbers each, full precision).
  load-and-gram DIR  the NumPy process the whole `slice` process is measured against: np.load X and Y, json.load
                  the config and the three point files, form X^T X and X^T Y (nothing printed).
  make-csv FILE   writes X of make-data (20000 x 784, seed 7) as CSV with a header row, 13 significant digits.
  read-csv FILE   times numpy.loadtxt and pandas.read_csv on FILE (REPEATS runs each, median); prints JSON.
"""
import argparse
import json
import os
import time

import numpy as np

N, DX, H, DY = 20_000, 784, 256, 10


def make_data(d: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N, DX))
    T = rng.standard_normal((DX, DY)) / np.sqrt(DX)
    Y = X @ T + 0.1 * rng.standard_normal((N, DY))
    np.save(os.path.join(d, "X.npy"), X)
    np.save(os.path.join(d, "Y.npy"), Y)
    m1 = (rng.random((DX, H)) < 0.5).astype(np.float64)
    np.save(os.path.join(d, "mask1.npy"), m1)
    m2 = np.ones((H, DY), dtype=int)
    cfg = {"name": "bench-784-256-10", "description": "Synthetic benchmark network.", "widths": [DX, H, DY],
           "masks": ["mask1.npy", m2.tolist()], "X": "X.npy", "Y": "Y.npy"}
    with open(os.path.join(d, "net.json"), "w") as f:
        json.dump(cfg, f, separators=(",", ":"))


def user_files(d: str, seed: int) -> None:
    with open(os.path.join(d, "net.json")) as f:
        cfg = json.load(f)
    m1 = np.load(os.path.join(d, cfg["masks"][0])).astype(int)
    m2 = np.array(cfg["masks"][1])
    cfg["masks"] = [m1.tolist(), m2.tolist()]
    with open(os.path.join(d, "user-net.json"), "w") as f:
        json.dump(cfg, f, separators=(",", ":"))
    count = int(m1.sum() + m2.sum())
    rng = np.random.default_rng(seed + 1)
    for name, scale in (("center", 0.05), ("d1", 0.01), ("d2", 0.01)):
        with open(os.path.join(d, name + ".json"), "w") as f:
            json.dump({"params": (scale * rng.standard_normal(count)).tolist()}, f)


def load_and_gram(d: str) -> None:
    X = np.load(os.path.join(d, "X.npy"))
    Y = np.load(os.path.join(d, "Y.npy"))
    with open(os.path.join(d, "user-net.json")) as f:
        json.load(f)
    for name in ("center", "d1", "d2"):
        with open(os.path.join(d, name + ".json")) as f:
            json.load(f)
    X.T @ X
    X.T @ Y


def make_csv(path: str, seed: int) -> None:
    X = np.random.default_rng(seed).standard_normal((N, DX))
    np.savetxt(path, X, fmt="%.13g", delimiter=",", header=",".join(f"x{i}" for i in range(DX)), comments="")


def read_csv(path: str, repeats: int) -> None:
    import pandas as pd
    size = os.path.getsize(path)
    loadtxt, pandas = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        A = np.loadtxt(path, delimiter=",", skiprows=1)
        loadtxt.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        B = pd.read_csv(path).to_numpy()
        pandas.append(time.perf_counter() - t0)
        assert A.shape == B.shape == (N, DX)
    print(json.dumps({"bytes": size, "numpy": np.__version__, "pandas": pd.__version__,
                      "loadtxt_seconds": float(np.median(loadtxt)), "pandas_seconds": float(np.median(pandas)),
                      "checksum": float(A.sum())}))


def unpack(v, m1, m2):
    k = int(m1.sum())
    W1 = np.zeros(m1.shape)
    W1[m1 == 1] = v[:k]          # boolean indexing is row-major: the canonical order
    W2 = np.zeros(m2.shape)
    W2[m2 == 1] = v[k:]
    return W1, W2


def measure(d: str, grid: int, span: float, naive_samples: int, gram_samples: int) -> None:
    t0 = time.perf_counter()
    X = np.load(os.path.join(d, "X.npy"))
    Y = np.load(os.path.join(d, "Y.npy"))
    load = time.perf_counter() - t0
    with open(os.path.join(d, "net.json")) as f:
        cfg = json.load(f)
    m1, m2 = np.load(os.path.join(d, cfg["masks"][0])).astype(int), np.array(cfg["masks"][1])
    c, d1, d2 = (np.load(os.path.join(d, n)) for n in ("center.npy", "d1.npy", "d2.npy"))
    C1, C2 = unpack(c.ravel(), m1, m2)
    U1, U2 = unpack(d1.ravel(), m1, m2)
    V1, V2 = unpack(d2.ravel(), m1, m2)
    axis = np.linspace(-span, span, grid)
    total = grid * grid
    rng = np.random.default_rng(1)
    pick = rng.choice(total, size=max(naive_samples, gram_samples), replace=False)

    def weights(k):
        a, b = axis[k // grid], axis[k % grid]
        return C1 + a * U1 + b * V1, C2 + a * U2 + b * V2

    naive_vals = []
    t0 = time.perf_counter()
    for k in pick[:naive_samples]:
        W1, W2 = weights(k)
        R = Y - (X @ W1) @ W2
        naive_vals.append([int(k), 0.5 * float(np.sum(R * R))])
    naive = (time.perf_counter() - t0) / naive_samples

    xtx = min(_timed(lambda: X.T @ X) for _ in range(3))
    t0 = time.perf_counter()
    G, XtY, yy = X.T @ X, X.T @ Y, float(np.sum(Y * Y))
    gram_pre = time.perf_counter() - t0
    gram_vals = []
    t0 = time.perf_counter()
    for k in pick[:gram_samples]:
        W1, W2 = weights(k)
        P = W1 @ W2
        gram_vals.append([int(k), 0.5 * (yy - 2 * float(np.sum(P * XtY)) + float(np.sum(P * (G @ P))))])
    gram = (time.perf_counter() - t0) / gram_samples
    print(json.dumps({"numpy": np.__version__, "points": total, "load_seconds": load,
                      "naive_seconds_per_point": naive, "naive_samples": naive_samples,
                      "gram_precompute_seconds": gram_pre, "gram_seconds_per_point": gram, "gram_samples": gram_samples,
                      "xtx_seconds": xtx, "naive_values": naive_vals, "gram_values": gram_vals}))


def _timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["make-data", "measure", "user-files", "load-and-gram", "make-csv", "read-csv"])
    ap.add_argument("dir")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--grid", type=int, default=101)
    ap.add_argument("--span", type=float, default=1.0)
    ap.add_argument("--naive-samples", type=int, default=8)
    ap.add_argument("--gram-samples", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    if a.mode == "make-data":
        make_data(a.dir, a.seed)
    elif a.mode == "user-files":
        user_files(a.dir, a.seed)
    elif a.mode == "load-and-gram":
        load_and_gram(a.dir)
    elif a.mode == "make-csv":
        make_csv(a.dir, a.seed)
    elif a.mode == "read-csv":
        read_csv(a.dir, a.repeats)
    else:
        measure(a.dir, a.grid, a.span, a.naive_samples, a.gram_samples)


if __name__ == "__main__":
    main()

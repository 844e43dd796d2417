#!/usr/bin/env python3
"""`sparsescape search` beside a SciPy multi-start on real data sets, from the same starts (make bench-realdata).

Data (scikit-learn's bundled copies): iris, wine (raw features, whose XᵀX spans eight orders of magnitude, and
standardised), breast cancer (raw and standardised), linnerud (raw physiological targets) and digits (pixels/16,
centred). Y is the one-hot class (centred where X is), or linnerud's three targets. Each network has seeded random
masks (each weight of layer l kept with that layer's density: every layer on the small sets, the first layer on
digits) at widths and depths from about 100 to 2,000 free weights.

Starts: R per network (--restarts, default 8), weights of layer l drawn N(0, 1/d_l) with d_l its input width (seeded),
written to a .npy that both sides read: `sparsescape search CONFIG --starts FILE --json` and, in this process, SciPy.

SciPy side, per start, on all cores (a process pool): L-BFGS-B on the canonical vector with the analytic gradient
(maxiter 5000, gtol 1e-12, ftol 1e-15), then up to 20 Newton steps -lstsq(H, g) with the exact Hessian (halving the
step until ‖g‖ drops). A run has converged when its relative gradient (SparseScape's definition, computed here:
max_i |g_i| / (‖J_i‖·‖r‖) with J_i the weight's column of the Jacobian of X·W1⋯WL, r the residual, both floored as
`NumericalResolution` floors them) is at most 1e-7. Converged runs are grouped by end-to-end product and loss (as
bench/search_vs_scipy.py groups them) and each distinct point is certified as that bench certifies: the exact
Hessian's eigenvalues, the rank k of the hidden-node mixing tangents, local minimum when λ_(k+1) > 1e-8·|λ|max and
λ_1 ≥ −that, so that both sides end with certified minima.

Checks per network (the issue's "done when"): SparseScape returns a certified minimum (local-minimum or
global-minimum); its lowest certified minimum is at most SciPy's lowest converged loss (+1e-6 relative); no start
that SciPy converged from is unconverged in SparseScape; and the total times, whose ratio (SciPy / SparseScape) is
printed. Exit status 0 when every check holds, 1 otherwise, 2 when the binary is missing.

Usage: python3 bench/realdata_vs_scipy.py [--bin PATH] [--restarts R] [--seed S] [--keep DIR] [--only NAME]
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one BLAS thread per SciPy worker process (the pool is the parallelism)
import numpy as np  # noqa: E402
from scipy.optimize import minimize  # noqa: E402

MINIMUM = ("local-minimum", "global-minimum")
CRITICAL = 1e-7

# (data set, hidden widths, density of each layer's mask, mask seed): every layer pruned at random on the small data
# sets, the first layer alone on digits (the weights pruning studies prune; 64-32-10 at half is the example).
NETWORKS = [
    ("iris", [32], [0.8, 0.8], 1),
    ("iris", [16, 16], [0.6, 0.6, 0.6], 2),
    ("wine", [10], [0.7, 0.7], 3),
    ("wine", [16, 8], [0.6, 0.6, 0.6], 4),
    ("wine-std", [10], [0.7, 0.7], 5),
    ("wine-std", [16, 8], [0.6, 0.6, 0.6], 6),
    ("cancer", [16], [0.6, 0.6], 7),
    ("cancer-std", [32, 16], [0.5, 0.5, 0.5], 8),
    ("linnerud", [12, 12], [0.7, 0.7, 0.7], 9),
    ("digits", [16], [0.5, 1.0], 10),
    ("digits", [24, 16], [0.5, 1.0, 1.0], 11),
    ("digits", [32], [0.5, 1.0], 12),
    ("digits", [48], [0.5, 1.0], 13),
]


def dataset(name):
    from sklearn import datasets
    if name.startswith("iris"):
        d = datasets.load_iris()
        X, Y = d.data, np.eye(3)[d.target]
    elif name.startswith("wine"):
        d = datasets.load_wine()
        X, Y = d.data, np.eye(3)[d.target]
    elif name.startswith("cancer"):
        d = datasets.load_breast_cancer()
        X, Y = d.data, np.eye(2)[d.target]
    elif name == "linnerud":
        d = datasets.load_linnerud()
        X, Y = d.data, d.target
    elif name == "digits":
        d = datasets.load_digits()
        X = d.data / 16.0
        X, Y = X - X.mean(0), np.eye(10)[d.target]
        Y = Y - Y.mean(0)
    else:
        raise ValueError(name)
    if name.endswith("-std"):
        X = (X - X.mean(0)) / X.std(0)
        Y = Y - Y.mean(0)
    return np.ascontiguousarray(X, dtype="<f8"), np.ascontiguousarray(Y, dtype="<f8")


class Net:
    """Loss, gradient, exact Hessian and relative gradient of a masked linear network from XᵀX, XᵀY and ‖Y‖²."""

    def __init__(self, widths, masks, X, Y):
        self.w = [int(v) for v in widths]
        self.L = len(self.w) - 1
        self.m = [np.asarray(m) != 0 for m in masks]
        self.G, self.C, self.yy = X.T @ X, X.T @ Y, float(np.sum(Y * Y))
        self.idx = [np.flatnonzero(m) for m in self.m]
        self.off = np.cumsum([0] + [len(i) for i in self.idx])
        self.p = int(self.off[-1])
        gn, cn = np.linalg.norm(self.G), np.linalg.norm(self.C)
        self.natural = np.sqrt(gn) * (cn / gn) ** ((self.L - 1) / self.L) if gn > 0 and cn > 0 else 0.0

    def weights(self, t):
        out = []
        for l, m in enumerate(self.m):
            W = np.zeros(m.shape)
            W.flat[self.idx[l]] = t[self.off[l]:self.off[l + 1]]
            out.append(W)
        return out

    def products(self, Ws):
        pre = [np.eye(self.w[0])]
        for W in Ws:
            pre.append(pre[-1] @ W)
        suf = [np.eye(self.w[-1])]
        for W in reversed(Ws):
            suf.insert(0, W @ suf[0])
        return pre, suf

    def loss_grad(self, t):
        Ws = self.weights(t)
        pre, suf = self.products(Ws)
        P = pre[-1]
        R = self.G @ P - self.C
        loss = 0.5 * (self.yy - 2 * np.sum(P * self.C) + np.sum(P * (self.G @ P)))
        g = np.concatenate([(pre[l].T @ R @ suf[l + 1].T).flat[self.idx[l]] for l in range(self.L)])
        return loss, g

    def hessian(self, t):
        Ws = self.weights(t)
        pre, suf = self.products(Ws)
        R = self.G @ pre[-1] - self.C
        H = np.zeros((self.p, self.p))
        for l in range(self.L):
            for k in range(l, self.L):
                ga = pre[l].T @ self.G @ pre[k]
                bb = suf[l + 1] @ suf[k + 1].T
                blk = np.einsum("ac,bd->abcd", ga, bb).reshape(self.w[l] * self.w[l + 1], self.w[k] * self.w[k + 1])
                if l < k:
                    span = np.eye(self.w[l + 1])
                    for j in range(l + 1, k):
                        span = span @ Ws[j]
                    s = pre[l].T @ R @ suf[k + 1].T
                    blk = blk + np.einsum("bc,ad->abcd", span, s).reshape(blk.shape)
                sub = blk[np.ix_(self.idx[l], self.idx[k])]
                H[self.off[l]:self.off[l + 1], self.off[k]:self.off[k + 1]] = sub
                if l < k:
                    H[self.off[k]:self.off[k + 1], self.off[l]:self.off[l + 1]] = sub.T
        return H

    def product(self, t):
        return self.products(self.weights(t))[0][-1]

    def symmetry_rank(self, t):
        """Rank of the tangents (W_l A, -A W_{l+1}) of the allowed hidden-node mixings A = E_jk at t."""
        Ws, cols = self.weights(t), []
        for l in range(1, self.L):
            mi, mo = self.m[l - 1], self.m[l]
            for j in range(self.w[l]):
                for k in range(self.w[l]):
                    if np.any(mi[:, j] & ~mi[:, k]) or np.any(mo[k, :] & ~mo[j, :]):
                        continue
                    T = [np.zeros(m.shape) for m in self.m]
                    T[l - 1][:, k] = Ws[l - 1][:, j] * mi[:, k]
                    T[l][j, :] = -Ws[l][k, :] * mo[j, :]
                    cols.append(np.concatenate([T_.flat[ix] for T_, ix in zip(T, self.idx)]))
        if not cols:
            return 0
        s = np.linalg.svd(np.array(cols).T, compute_uv=False)
        return int(np.sum(s > max(1e-8 * s[0], 1e-12)))

    def relative_gradient(self, t):
        """max_i |g_i| / (‖J_i‖·‖r‖), with SparseScape's floors (NumericalResolution)."""
        Ws = self.weights(t)
        pre, suf = self.products(Ws)
        P, R = pre[-1], self.G @ pre[-1] - self.C
        pc, fitted = float(np.sum(P * self.C)), float(np.sum(P * (self.G @ P)))
        layers = float(np.prod([np.linalg.norm(W) for W in Ws]))
        magnitude = 0.5 * self.yy + abs(pc) + 0.5 * abs(fitted) + layers * float(np.linalg.norm(R))
        resolution = 64 * 2.0 ** -53 * magnitude
        loss = max(0.0, 0.5 * (self.yy - 2 * pc + fitted))
        r = max(np.sqrt(2 * loss), np.sqrt(2 * resolution))
        diag = []
        for l in range(self.L):
            left = np.diag(pre[l].T @ self.G @ pre[l])
            right = np.sum(suf[l + 1] ** 2, axis=1)
            diag.append(np.outer(left, right).flat[self.idx[l]])
        d = np.sqrt(np.maximum(np.concatenate(diag), 0))
        floor = max(1e-4 * self.natural, 1e-12 * (d.max() if d.size else 0), 2.2e-308)
        g = self.loss_grad(t)[1]
        return float(np.max(np.abs(g) / np.maximum(d, floor)) / r) if g.size else 0.0


def scipy_run(args):
    """One start: L-BFGS-B, then the Newton polish; returns (loss, converged, relative gradient)."""
    net, x0 = args
    res = minimize(net.loss_grad, x0, jac=True, method="L-BFGS-B", options={"maxiter": 5000, "gtol": 1e-12, "ftol": 1e-15})
    t = res.x
    if not np.all(np.isfinite(t)):
        return float("inf"), False, float("inf")
    f, g = net.loss_grad(t)
    gn = np.linalg.norm(g)
    for _ in range(20):
        if net.relative_gradient(t) <= 1e-14 or not np.isfinite(gn):
            break
        step = -np.linalg.lstsq(net.hessian(t), g, rcond=1e-12)[0]
        for s in 0.5 ** np.arange(12):
            tf, tg = net.loss_grad(t + s * step)
            if np.isfinite(tf) and np.linalg.norm(tg) < gn:
                t, f, g, gn = t + s * step, tf, tg, np.linalg.norm(tg)
                break
        else:
            break
    rel = net.relative_gradient(t)
    return float(f), bool(rel <= CRITICAL and np.isfinite(f)), rel, t


def scipy_certify(args):
    """The certificate of one distinct point: its classification from the exact Hessian beyond the symmetry rank."""
    net, t = args
    ev = np.linalg.eigvalsh(net.hessian(t))
    tol = 1e-8 * max(1.0, float(np.max(np.abs(ev))))
    k = net.symmetry_rank(t)
    if ev[0] < -tol:
        return "saddle"
    return "local-minimum" if k < net.p and ev[k] > tol else "degenerate"


def scipy_distinct(net, runs):
    """Converged runs grouped by end-to-end product (‖ΔP‖ ≤ 1e-4·max(1, ‖P‖)) and loss (1e-6 relative)."""
    groups = []
    for f, ok, _, t in runs:
        if not ok:
            continue
        P = net.product(t)
        for g in groups:
            if np.linalg.norm(g["P"] - P) <= 1e-4 * max(1.0, np.linalg.norm(P)) and abs(g["loss"] - f) <= 1e-6 * max(1.0, abs(f)):
                break
        else:
            groups.append({"P": P, "loss": f, "t": t})
    return groups


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=".build/release/sparsescape")
    ap.add_argument("--restarts", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", metavar="DIR", help="write configs and starts here (default: a temporary folder)")
    ap.add_argument("--only", help="run only networks whose name contains this")
    ap.add_argument("--timeout", type=float, default=1800)
    args = ap.parse_args()
    if not (os.path.isfile(args.bin) and os.access(args.bin, os.X_OK)):
        print(f"error: no executable sparsescape binary at {args.bin} (build it, or pass --bin PATH)", file=sys.stderr)
        sys.exit(2)
    tmp = None if args.keep else tempfile.TemporaryDirectory(prefix="realdata-")
    folder = args.keep or tmp.name
    os.makedirs(folder, exist_ok=True)
    workers = os.cpu_count() or 1
    print(f"real data: {args.restarts} starts per network (seed {args.seed}), both sides on {workers} cores; "
          f"converged = relative gradient ≤ {CRITICAL:g}; files in {folder}{'' if args.keep else ' (removed at exit)'}")
    header = (f"{'network':<26} {'p':>5} | {'SparseScape lowest':>20} {'cert':>4} {'unconv':>6} {'time':>8} | "
              f"{'SciPy lowest':>20} {'conv':>4} {'time':>8} | {'ratio':>6}  checks")
    print(header)
    print("-" * len(header))
    rows, ss_total, sp_total, failures = [], 0.0, 0.0, 0
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers)
    for data, hidden, densities, mseed in NETWORKS:
        name = f"{data}-{'-'.join(map(str, hidden))}-d{'-'.join(f'{d:g}' for d in densities)}"
        if args.only and args.only not in name:
            continue
        X, Y = dataset(data)
        widths = [X.shape[1]] + hidden + [Y.shape[1]]
        rng = np.random.default_rng([args.seed, mseed])
        masks = [(rng.random((a, b)) < d).astype(int) for (a, b), d in zip(zip(widths, widths[1:]), densities)]
        np.save(os.path.join(folder, f"{name}-X.npy"), X)
        np.save(os.path.join(folder, f"{name}-Y.npy"), Y)
        path = os.path.join(folder, f"{name}.json")
        with open(path, "w") as fh:
            json.dump({"name": name, "widths": widths, "masks": [m.tolist() for m in masks],
                       "X": f"{name}-X.npy", "Y": f"{name}-Y.npy"}, fh)
        net = Net(widths, masks, X, Y)
        starts = np.concatenate([rng.standard_normal((args.restarts, len(net.idx[l]))) / np.sqrt(widths[l])
                                 for l in range(len(masks))], axis=1)
        starts_path = os.path.join(folder, f"{name}-starts.npy")
        np.save(starts_path, np.ascontiguousarray(starts, dtype="<f8"))
        t0 = time.perf_counter()
        proc = subprocess.run([args.bin, "search", path, "--starts", starts_path, "--json"], capture_output=True, text=True,
                              timeout=args.timeout)
        ss_t = time.perf_counter() - t0
        if proc.returncode != 0:
            print(f"{name:<26} {net.p:>5} | sparsescape failed: {proc.stderr.strip().splitlines()[-1:]}")
            failures += 1
            continue
        doc = json.loads(proc.stdout)
        certified = [m["loss"] for m in doc["minima"] if m["certificate"]["classification"] in MINIMUM]
        outcomes = [r["outcome"] for r in sorted(doc["runs"], key=lambda r: r["restart"])]
        t0 = time.perf_counter()
        sp = list(pool.map(scipy_run, [(net, s) for s in starts]))
        groups = scipy_distinct(net, sp)
        sp_classes = list(pool.map(scipy_certify, [(net, g["t"]) for g in groups]))
        sp_t = time.perf_counter() - t0
        ss_total, sp_total = ss_total + ss_t, sp_total + sp_t
        sp_conv = [f for f, ok, _, _ in sp if ok]
        ss_low = min(certified) if certified else None
        sp_low = min(sp_conv) if sp_conv else None
        checks = []
        if ss_low is None:
            checks.append("no certified minimum")
        if sp_low is not None and (ss_low is None or ss_low > sp_low + 1e-6 * max(1.0, abs(sp_low))):
            checks.append("misses SciPy's lowest")
        missed = [i for i, (o, (_, ok, _, _)) in enumerate(zip(outcomes, sp)) if ok and o == "unconverged"]
        if missed:
            checks.append(f"unconverged where SciPy converged: starts {missed}")
        failures += bool(checks)
        fmt = lambda v: "—" if v is None else f"{v:.12g}"
        print(f"{name:<26} {net.p:>5} | {fmt(ss_low):>20} {len(certified):>4} {outcomes.count('unconverged'):>6} {ss_t:>7.2f}s | "
              f"{fmt(sp_low):>20} {len(sp_conv):>4} {sp_t:>7.2f}s | {sp_t / ss_t:>5.1f}x  {'; '.join(checks) or 'ok'}",
              flush=True)
        rows.append((name, checks))
    pool.shutdown()
    print("-" * len(header))
    ratio = sp_total / ss_total if ss_total > 0 else float("nan")
    print(f"total: SparseScape {ss_total:.2f} s, SciPy {sp_total:.2f} s, ratio {ratio:.1f}x; "
          f"{len(rows) - sum(bool(c) for _, c in rows)} of {len(rows)} networks pass every check")
    print(f"targets: certified minimum on every network, SciPy's lowest found, no start unconverged that SciPy converged, "
          f"ratio ≥ 10: {'met' if failures == 0 and ratio >= 10 else 'NOT met'}")
    sys.exit(0 if failures == 0 and ratio >= 10 else 1)


if __name__ == "__main__":
    main()

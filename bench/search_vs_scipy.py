#!/usr/bin/env python3
"""Compares `sparsescape search` with a NumPy/SciPy multi-start on random sparse linear networks.

What it measures: for each network, which certified minima each side finds from the same number R of random starts,
whether each finds the lowest one, and how long each takes (wall time; SparseScape as a subprocess on every core,
SciPy in this process on one core).

Networks (seeded by --seed): depth 2 (widths [4..6, 2..3, dy]) or 3 ([3..5, 2..3, 2..3, dy]), dy in {2, 3}, masks with
7-23 free weights each on some input-to-output path, every output reachable; X is n x dx Gaussian (n = 10..20); Y is
Gaussian noise, or X M + 0.3 noise with M dense, or with M = the product of random masked weights (the network can
fit it).
--config FILE adds existing config files (inline data, or .npy/.csv paths).

SciPy side, per start (R starts, entries N(0, 1) like `sparsescape search`'s default --init-scale 1):
  L-BFGS-B on the canonical vector with the analytic gradient (maxiter 5000, gtol 1e-10, ftol 0); runs with
  |theta| > 1e4 or non-finite values are escapes. Newton polish: up to 50 steps -pinv(H) g (H: central differences of
  the analytic gradient, h = 1e-6 max(1, |theta_i|), symmetrised; pinv rtol 1e-10), halving the step until |g| drops.
  Runs with |g| <= 1e-6 are grouped by end-to-end product P (|dP| <= 1e-4 max(1, |P|)) and loss (relative 1e-6);
  the representative (smallest |g|) is certified: eigenvalues of H; k = rank of the tangents of the continuous
  symmetries (mixings of hidden nodes j, k with in(j) in in(k), out(k) in out(j), j = k included; rank tolerance 1e-8
  of the largest singular value); tol = 1e-6 max(1, |lambda|max); saddle when lambda_min < -tol; local-minimum when
  lambda_(k+1) > tol; else degenerate. A local minimum or degenerate point whose loss attains a lower bound (within
  1e-8 relative; Eckart-Young for the narrowest hidden width, or least squares per output on the inputs with a path
  to it) is a global-minimum.

Comparison: certified minima = local-minimum or global-minimum; strict = certified with first-beyond-symmetry
eigenvalue > the certificate's eigenvalue tolerance (a global minimum in a valley reports a round-off 1e-15 there).
A side "finds the lowest" when its lowest certified minimum is within 1e-6 max(1, L) of the lower of both sides'
lowest. Strict minima are compared as sets of distinct losses (relative 1e-6); a SparseScape miss is a SciPy strict
minimum with no SparseScape certified minimum at that loss.

Output: one line per network (name, widths, free weights p, each side's lowest certified minimum [* = finds the
lowest], number of distinct strict minima and wall time, then SparseScape's misses), each followed by both sides'
distinct end points (classification, loss, x number of runs) and run outcomes; then the totals, the speed ratio
(SciPy time / SparseScape time) and a "targets:" line. Exit status 0 (also when targets are missed), 2 when the
binary is missing.

Usage: python3 bench/search_vs_scipy.py [--bin PATH] [--networks N] [--restarts R] [--seed S] [--keep DIR]
       [--config FILE ...] [--scipy-only]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

CHILD_ENV = dict(os.environ)  # SparseScape runs with the caller's environment
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # the SciPy side runs on one core (tiny matrices: threads only add overhead)
import numpy as np  # noqa: E402
from scipy.optimize import minimize  # noqa: E402

MINIMUM = ("local-minimum", "global-minimum")


class Net:
    """A sparse linear network with data: loss, analytic gradient, finite-difference Hessian, symmetry tangents."""

    def __init__(self, name, widths, masks, X, Y):
        self.name, self.widths = name, [int(w) for w in widths]
        self.masks = [np.asarray(m, dtype=float) != 0 for m in masks]
        self.X, self.Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
        self.idx = [np.flatnonzero(m) for m in self.masks]  # canonical order: row-major over the mask's 1 entries
        self.offsets = np.cumsum([0] + [len(i) for i in self.idx])
        self.p = int(self.offsets[-1])

    def weights(self, theta):
        Ws = []
        for l, m in enumerate(self.masks):
            W = np.zeros(m.shape)
            W.flat[self.idx[l]] = theta[self.offsets[l]:self.offsets[l + 1]]
            Ws.append(W)
        return Ws

    def product(self, theta):
        P = np.eye(self.widths[0])
        for W in self.weights(theta):
            P = P @ W
        return P

    def loss_grad(self, theta):
        """L = 1/2 |X P - Y|^2 and grad_l = (W1..W_{l-1})^T X^T R (W_{l+1}..W_L)^T on the free entries."""
        Ws = self.weights(theta)
        pre = [np.eye(self.widths[0])]
        for W in Ws:
            pre.append(pre[-1] @ W)
        suf = [np.eye(self.widths[-1])]
        for W in reversed(Ws):
            suf.insert(0, W @ suf[0])
        R = self.X @ pre[-1] - self.Y
        G = self.X.T @ R
        g = np.concatenate([(pre[l].T @ G @ suf[l + 1].T).flat[self.idx[l]] for l in range(len(Ws))])
        return 0.5 * float(np.sum(R * R)), g

    def hessian(self, theta):
        H = np.empty((self.p, self.p))
        for i in range(self.p):
            h = 1e-6 * max(1.0, abs(theta[i]))
            e = np.zeros(self.p)
            e[i] = h
            H[:, i] = (self.loss_grad(theta + e)[1] - self.loss_grad(theta - e)[1]) / (2 * h)
        return 0.5 * (H + H.T)

    def symmetry_rank(self, theta):
        """Rank of the tangents (W_l A, -A W_{l+1}) of the allowed hidden-node mixings A = E_jk at theta."""
        Ws, cols = self.weights(theta), []
        for l in range(1, len(Ws)):  # hidden layer l: weights Ws[l-1] in, Ws[l] out
            mi, mo = self.masks[l - 1], self.masks[l]
            for j in range(self.widths[l]):
                for k in range(self.widths[l]):
                    if np.any(mi[:, j] & ~mi[:, k]) or np.any(mo[k, :] & ~mo[j, :]):
                        continue
                    T = [np.zeros(m.shape) for m in self.masks]
                    T[l - 1][:, k] = Ws[l - 1][:, j] * mi[:, k]
                    T[l][j, :] = -Ws[l][k, :] * mo[j, :]
                    cols.append(np.concatenate([t.flat[ix] for t, ix in zip(T, self.idx)]))
        if not cols:
            return 0
        s = np.linalg.svd(np.array(cols).T, compute_uv=False)
        return int(np.sum(s > max(1e-8 * s[0], 1e-12)))

    def lower_bound(self):
        """The larger of two lower bounds on the global minimum: Eckart-Young (the dense network with the narrowest
        hidden width) and least squares per output on the inputs that have a path to it (masks, no rank limit)."""
        r = min(self.widths[1:-1]) if len(self.widths) > 2 else min(self.widths[0], self.widths[-1])
        Yh = self.X @ np.linalg.lstsq(self.X, self.Y, rcond=None)[0]
        ev = np.linalg.eigvalsh(Yh.T @ Yh)[::-1]
        eckart_young = 0.5 * (float(np.sum(self.Y ** 2)) - float(np.sum(ev[:r])))
        reach, support = np.eye(self.widths[0], dtype=bool), 0.0
        for m in self.masks:
            reach = (reach.astype(int) @ m.astype(int)) > 0
        for o in range(self.widths[-1]):
            Xs, y = self.X[:, reach[:, o]], self.Y[:, o]
            res = y - Xs @ np.linalg.lstsq(Xs, y, rcond=None)[0] if Xs.shape[1] else y
            support += 0.5 * float(res @ res)
        return max(0.0, eckart_young, support)

    def config(self):
        return {"name": self.name, "description": "random sparse network (bench/search_vs_scipy.py)",
                "widths": self.widths, "masks": [m.astype(int).tolist() for m in self.masks],
                "X": self.X.tolist(), "Y": self.Y.tolist()}


def weights_useful(masks):
    """True when every output is reachable and every free weight lies on some input-to-output path."""
    fwd = [np.ones(masks[0].shape[0], bool)]
    for m in masks:
        fwd.append((fwd[-1].astype(int) @ m) > 0)
    bwd = [np.ones(masks[-1].shape[1], bool)]
    for m in reversed(masks):
        bwd.insert(0, (m @ bwd[0].astype(int)) > 0)
    on_path = all(not np.any((m != 0) & ~np.outer(fwd[l], bwd[l + 1])) for l, m in enumerate(masks))
    return on_path and bool(fwd[-1].all())


def random_network(rng, i):
    depth = 2 + i % 2
    while True:
        dy = int(rng.integers(2, 4))
        if depth == 2:
            widths = [int(rng.integers(4, 7)), int(rng.integers(2, 4)), dy]
        else:
            widths = [int(rng.integers(3, 6)), int(rng.integers(2, 4)), int(rng.integers(2, 4)), dy]
        density = rng.uniform(0.4, 0.85)
        masks = [(rng.random((a, b)) < density).astype(int) for a, b in zip(widths, widths[1:])]
        if 7 <= sum(int(m.sum()) for m in masks) <= 23 and weights_useful(masks):
            break
    n = int(rng.integers(10, 21))
    X = rng.standard_normal((n, widths[0]))
    kind = ("noise", "dense-linear", "planted")[int(rng.integers(3))]
    if kind == "noise":
        Y = rng.standard_normal((n, dy))
    else:
        if kind == "dense-linear":
            M = rng.standard_normal((widths[0], dy))
        else:
            M = np.eye(widths[0])
            for m in masks:
                M = M @ (m * rng.standard_normal(m.shape))
        Y = X @ M + 0.3 * rng.standard_normal((n, dy))
    return Net(f"rand{i + 1}-{kind}", widths, masks, X, Y)


def load_config(path):
    with open(path) as fh:
        c = json.load(fh)
    base = os.path.dirname(os.path.abspath(path))

    def matrix(v):
        if not isinstance(v, str):
            return np.array(v, dtype=float)
        full = v if os.path.isabs(v) else os.path.join(base, v)
        return np.load(full) if v.lower().endswith(".npy") else np.loadtxt(full, delimiter=",", ndmin=2)

    name = c.get("name") or os.path.splitext(os.path.basename(path))[0]
    return Net(name, c["widths"], [matrix(m) for m in c["masks"]], matrix(c["X"]), matrix(c["Y"]))


def newton_polish(net, theta):
    """Up to 50 Newton steps -pinv(H) g (min-norm across the symmetry null space), halving until |g| drops."""
    f, g = net.loss_grad(theta)
    gn = np.linalg.norm(g)
    for _ in range(50):
        if gn <= 1e-14 or not np.isfinite(gn):
            break
        step = -np.linalg.pinv(net.hessian(theta), rtol=1e-10, hermitian=True) @ g
        for t in 0.5 ** np.arange(11):
            trial = theta + t * step
            tf, tg = net.loss_grad(trial)
            if np.linalg.norm(tg) < gn:
                theta, f, g, gn = trial, tf, tg, np.linalg.norm(tg)
                break
        else:
            break
    return theta, f, gn


def certify(net, theta, gnorm, loss, lb):
    """Second-order certificate: classification from the Hessian spectrum beyond the symmetry zeros, lower bound lb."""
    H = net.hessian(theta)
    eig = np.linalg.eigvalsh(H)
    tol = 1e-6 * max(1.0, float(np.max(np.abs(eig))))
    k = net.symmetry_rank(theta)
    beyond = float(eig[k]) if k < net.p else None
    if gnorm > 1e-6:
        cls = "not-critical"
    elif eig[0] < -tol:
        cls = "saddle"
    elif beyond is not None and beyond > tol:
        cls = "local-minimum"
    else:
        cls = "degenerate"
    if cls in ("local-minimum", "degenerate") and loss <= lb + 1e-8 * max(1.0, lb):
        cls = "global-minimum"
    strict = cls in MINIMUM and beyond is not None and beyond > tol
    return {"loss": loss, "cls": cls, "strict": strict, "k": k, "beyond": beyond, "gnorm": gnorm}


def scipy_search(net, restarts, seed):
    """R Gaussian starts -> L-BFGS-B -> Newton polish -> dedup by (P, loss) -> certificate of each distinct point."""
    rng = np.random.default_rng([seed, 7919])
    groups, escapes, unconverged = [], 0, 0
    for _ in range(restarts):
        x0 = rng.standard_normal(net.p)
        res = minimize(net.loss_grad, x0, jac=True, method="L-BFGS-B",
                       options={"maxiter": 5000, "gtol": 1e-10, "ftol": 0.0})
        theta = res.x
        if not np.all(np.isfinite(theta)) or np.linalg.norm(theta) > 1e4:
            escapes += 1
            continue
        theta, f, gn = newton_polish(net, theta)
        if not (np.isfinite(f) and np.all(np.isfinite(theta))) or np.linalg.norm(theta) > 1e4:
            escapes += 1
            continue
        if gn > 1e-6:
            unconverged += 1
            continue
        P = net.product(theta)
        scale = max(1.0, np.linalg.norm(P))
        for grp in groups:
            if np.linalg.norm(grp["P"] - P) <= 1e-4 * scale and abs(grp["loss"] - f) <= 1e-6 * max(1.0, abs(f)):
                grp["count"] += 1
                if gn < grp["gnorm"]:
                    grp.update(theta=theta, gnorm=gn)
                break
        else:
            groups.append({"P": P, "loss": f, "theta": theta, "gnorm": gn, "count": 1})
    lb = net.lower_bound()
    minima = [dict(certify(net, g["theta"], g["gnorm"], g["loss"], lb), count=g["count"]) for g in groups]
    return sorted(minima, key=lambda m: m["loss"]), {"escapes": escapes, "unconverged": unconverged}


def sparsescape_search(binary, path, restarts, seed, timeout, optimizer=None, extra=()):
    """Runs `BIN search CONFIG --json [--optimizer X] [EXTRA...]`; returns (minima, extras, seconds, error or None)."""
    cmd = [binary, "search", path, "--restarts", str(restarts), "--seed", str(seed), "--json"]
    if optimizer:
        cmd += ["--optimizer", optimizer]
    cmd += list(extra)
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=CHILD_ENV)
    except (subprocess.TimeoutExpired, OSError) as e:
        return [], {}, time.perf_counter() - t0, str(e).splitlines()[0]
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        return [], {}, seconds, f"exit {proc.returncode}: {(proc.stderr.strip().splitlines() or ['(no stderr)'])[-1]}"
    try:
        doc = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        return [], {}, seconds, f"bad JSON: {e}"
    minima = []
    for m in doc.get("minima") or []:
        c = m.get("certificate") or {}
        cls, beyond = c.get("classification", "?"), c.get("firstBeyondSymmetry")
        tol = (c.get("tolerances") or {}).get("eigenvalue") or 0.0  # already scaled by max(1, |lambda|max)
        loss = m.get("loss", c.get("loss"))
        if loss is None:
            continue
        minima.append({"loss": float(loss), "cls": cls, "count": m.get("count", 1), "gnorm": c.get("gradientNorm"),
                       "strict": cls in MINIMUM and isinstance(beyond, (int, float)) and beyond > max(tol, 0.0)})
    extras = {k: v for k, v in doc.items() if k != "minima"}
    return sorted(minima, key=lambda m: m["loss"]), extras, seconds, None


def distinct(losses):
    out = []
    for v in sorted(losses):
        if not out or abs(v - out[-1]) > 1e-6 * max(1.0, abs(v)):
            out.append(v)
    return out


def contains(values, v):
    return any(abs(v - w) <= 1e-6 * max(1.0, abs(v)) for w in values)


def fmt(v):
    return "—" if v is None else f"{v:.8g}"


def points(minima):
    return ", ".join(f"{m['cls']} {m['loss']:.6g} x{m['count']}" for m in minima) or "no critical point"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=".build/release/sparsescape")
    ap.add_argument("--networks", type=int, default=30)
    ap.add_argument("--restarts", type=int, default=64)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", metavar="DIR", help="write the configs here (default: a temporary folder)")
    ap.add_argument("--config", action="append", default=[], help="also run this config file (repeatable)")
    ap.add_argument("--optimizer", help="pass --optimizer to sparsescape search (default: its own default)")
    ap.add_argument("--search-arg", action="append", default=[], metavar="ARG",
                    help="one more argument for sparsescape search (repeatable, e.g. --search-arg=--tol --search-arg=1e-6)")
    ap.add_argument("--scipy-only", action="store_true", help="skip SparseScape (test the reference alone)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per SparseScape run")
    args = ap.parse_args()
    if not args.scipy_only and not (os.path.isfile(args.bin) and os.access(args.bin, os.X_OK)):
        print(f"error: no executable sparsescape binary at {args.bin} (build it, or pass --bin PATH)", file=sys.stderr)
        sys.exit(2)

    tmp = None if args.keep else tempfile.TemporaryDirectory(prefix="search_vs_scipy-")
    folder = args.keep or tmp.name
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    jobs = []  # (net, config path)
    for i in range(args.networks):
        net = random_network(rng, i)
        path = os.path.join(folder, f"{net.name}.json")
        with open(path, "w") as fh:
            json.dump(net.config(), fh, indent=1)
        jobs.append((net, path))
    jobs += [(load_config(p), p) for p in args.config]

    ss_on = not args.scipy_only
    print(f"search vs SciPy: {len(jobs)} networks, {args.restarts} starts each, seed {args.seed}, "
          f"{os.cpu_count()} cores; configs in {folder}{'' if args.keep else ' (removed at exit)'}")
    print(f"{'#':>3} {'network':<20} {'widths':<13} {'p':>3} | {'SparseScape lowest':>18} {'strict':>6} {'time':>7} | "
          f"{'SciPy lowest':>16} {'strict':>6} {'time':>7} | misses")
    rows, ss_total, sp_total, extra_keys = [], 0.0, 0.0, set()
    for n, (net, path) in enumerate(jobs, 1):
        if ss_on:
            ss_min, extras, ss_t, err = sparsescape_search(args.bin, path, args.restarts, args.seed, args.timeout, args.optimizer, args.search_arg)
            extra_keys |= set(extras)
        else:
            ss_min, extras, ss_t, err = [], {}, 0.0, None
        t0 = time.perf_counter()
        sp_min, sp_info = scipy_search(net, args.restarts, args.seed)
        sp_t = time.perf_counter() - t0
        ss_total, sp_total = ss_total + ss_t, sp_total + sp_t
        ss_low = min((m["loss"] for m in ss_min if m["cls"] in MINIMUM), default=None)
        sp_low = min((m["loss"] for m in sp_min if m["cls"] in MINIMUM), default=None)
        best = min((v for v in (ss_low, sp_low) if v is not None), default=None)
        ss_finds = ss_low is not None and ss_low <= best + 1e-6 * max(1.0, abs(best))
        sp_finds = sp_low is not None and sp_low <= best + 1e-6 * max(1.0, abs(best))
        ss_strict = distinct(m["loss"] for m in ss_min if m["strict"])
        sp_strict = distinct(m["loss"] for m in sp_min if m["strict"])
        ss_certified = [m["loss"] for m in ss_min if m["cls"] in MINIMUM]
        misses = [v for v in sp_strict if not contains(ss_certified, v)] if ss_on else []
        rows.append(dict(ss_low=ss_low, sp_low=sp_low, ss_finds=ss_finds, sp_finds=sp_finds, ss_strict=ss_strict,
                         sp_strict=sp_strict, misses=misses, err=err))
        w = "[" + ",".join(map(str, net.widths)) + "]"
        ss_col = (f"{fmt(ss_low) + ('*' if ss_finds else ' '):>18} {len(ss_strict):>6} {ss_t:>6.2f}s" if ss_on
                  else f"{'(skipped)':>18} {'':>6} {'':>7}")
        miss = ", ".join(fmt(v) for v in misses) if misses else ("0" if ss_on else "")
        print(f"{n:>3} {net.name[:20]:<20} {w:<13} {net.p:>3} | {ss_col} | "
              f"{fmt(sp_low) + ('*' if sp_finds else ' '):>16} {len(sp_strict):>6} {sp_t:>6.2f}s | {miss}")
        if err:
            print(f"      SparseScape failed: {err}")
        print(f"      SciPy: {points(sp_min)}; runs: escapes {sp_info['escapes']}, "
              f"unconverged {sp_info['unconverged']}")
        if ss_on and not err:
            outcomes = {}
            for run in extras.get("runs") or []:  # per-run records, when the binary reports them
                if isinstance(run, dict):
                    outcomes[run.get("outcome", "?")] = outcomes.get(run.get("outcome", "?"), 0) + 1
            counts = outcomes or {k: extras[k] for k in ("diverged", "escaping", "unconverged") if k in extras}
            runs = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            print(f"      SparseScape: {points(ss_min)}; runs: {runs}")

    N = len(rows)
    if N == 0:
        return
    print("\n(* = finds the lowest certified minimum of the two sides; strict = distinct losses of strict minima)")
    pct = lambda k: f"{k}/{N} ({100 * k / N:.0f}%)"
    sp_none = [i + 1 for i, r in enumerate(rows) if r["sp_low"] is None]
    print(f"SciPy: finds the lowest on {pct(sum(r['sp_finds'] for r in rows))}; "
          f"{sum(len(r['sp_strict']) for r in rows)} certified strict minima; no certified minimum on "
          f"{sp_none or 'none'}; time {sp_total:.2f} s")
    if not ss_on:
        return
    ss_none = [i + 1 for i, r in enumerate(rows) if r["ss_low"] is None]
    ss_lack = [i + 1 for i, r in enumerate(rows) if r["ss_low"] is None and r["sp_low"] is not None]
    sp_lack = [i + 1 for i, r in enumerate(rows) if r["sp_low"] is None and r["ss_low"] is not None]
    miss_nets = [i + 1 for i, r in enumerate(rows) if r["misses"]]
    n_miss = sum(len(r["misses"]) for r in rows)
    failed = [i + 1 for i, r in enumerate(rows) if r["err"]]
    ratio = sp_total / ss_total if ss_total > 0 else float("inf")
    print(f"SparseScape: finds the lowest on {pct(sum(r['ss_finds'] for r in rows))}; "
          f"{sum(len(r['ss_strict']) for r in rows)} certified strict minima; no certified minimum on "
          f"{ss_none or 'none'}; time {ss_total:.2f} s")
    print(f"SparseScape returned no minimum although SciPy found one: {len(ss_lack)} {ss_lack or ''}")
    print(f"SciPy returned no minimum although SparseScape found one: {len(sp_lack)} {sp_lack or ''}")
    print(f"SparseScape strict-minima misses: {n_miss} on {len(miss_nets)} networks {miss_nets or ''}")
    print(f"neither side certified a minimum: {sorted(set(ss_none) & set(sp_none)) or 'none'}")
    if failed:
        print(f"SparseScape runs that failed: {failed}")
    print(f"SparseScape JSON top-level keys besides minima: {', '.join(sorted(extra_keys)) or 'none'}")
    print(f"speed: SciPy {sp_total:.2f} s / SparseScape {ss_total:.2f} s = {ratio:.1f}x")
    yn = lambda b: "yes" if b else "no"
    print(f"targets: finds all SciPy minima: {yn(n_miss == 0 and not failed)}; minimum on every network: "
          f"{yn(not ss_none)}; ≥20× faster: {yn(ratio >= 20 and not failed)}")


if __name__ == "__main__":
    main()

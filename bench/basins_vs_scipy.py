#!/usr/bin/env python3
"""Compares `sparsescape slice --basins` with a NumPy/SciPy loop that descends from every grid point of the same plane.

Cases: theorem5 (centre spurious-minimum, --dirs toward:best-found) and table1-row1 (centre spurious-minimum, --dirs
toward:global-minimum), each on a G x G grid of span S (default 51 x 51, span 1.25: the axis holds alpha = 0 and 1,
the two minima's reference points).

SparseScape side: `BIN slice NAME --point C --dirs toward:T --span S --grid G --basins --out DIR/NAME.csv`, a subprocess
on every core (L-BFGS for 3,000 steps per grid point, the Newton polish and the escape test, end points grouped by
end-to-end product and loss, each basin certified); best wall time of --repeat runs (5), process start-up included. With
taskset on the machine it is also timed pinned to one core (`taskset -c 0`), for a per-core comparison.
We read the CSV (alpha, beta, loss, basin) and the sidecar (centre, directions, basins with kind, loss, valley limit
and a representative point).

SciPy side, in this process on one core, from the SAME grid points (centre + alpha d1 + beta d2 from the sidecar):
  L-BFGS-B on the canonical vector with the analytic gradient (maxiter 3000, gtol 1e-10, ftol 0), then the Newton
  polish of bench/search_vs_scipy.py (up to 50 steps -pinv(H) g on a finite-difference Hessian, halving until |g|
  drops). An end point is a valley when it is non-finite-free but its balanced norm (every hidden node's in/out norms
  equalised) exceeds SparseScape's escape scale 30 sqrt(p) max(1, |P*|)^(1/L), P* = pinv(X'X) X'Y, or |theta| > 1e6;
  diverged when non-finite; critical when |g| <= 1e-6; else unconverged. Critical end points are grouped by
  end-to-end product (|dP| <= 1e-4 max(1, |P|)) and loss (relative 1e-6).

Agreement: each SciPy end point is mapped to a SparseScape basin: a critical point to the minimum or saddle basin whose
representative has the same product and loss (same margins), a valley point to the valley basin with the nearest
limit, unconverged and diverged to those basins. The agreement fraction is the share of grid points whose mapped
basin is the one in SparseScape's CSV; the disagreements are listed by (SparseScape basin, SciPy outcome).

Output: per case the basins of both sides, the agreement, both times and the ratio SciPy / SparseScape. Exit status
0 (also when they disagree), 2 when the binary is missing.

Usage: python3 bench/basins_vs_scipy.py [--bin PATH] [--grid G] [--span S] [--repeat R] [--keep DIR] [--case NAME ...]
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

CHILD_ENV = dict(os.environ)  # SparseScape runs with the caller's environment
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before NumPy loads: the SciPy side runs on one core (tiny matrices)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402
from scipy.optimize import minimize  # noqa: E402
from search_vs_scipy import load_config, newton_polish  # noqa: E402

CASES = {"theorem5": ("spurious-minimum", "best-found"), "table1-row1": ("spurious-minimum", "global-minimum")}


def balanced_norm(net, theta):
    """|theta| after equalising every hidden node's incoming and outgoing weight norms (sweeps until stable)."""
    Ws = [W.copy() for W in net.weights(theta)]
    for _ in range(100):
        moved = 0.0
        for l in range(len(Ws) - 1):
            a = np.linalg.norm(Ws[l], axis=0)        # into hidden layer l+1, per node
            b = np.linalg.norm(Ws[l + 1], axis=1)    # out of it, per node
            ok = (a > 0) & (b > 0)
            s = np.ones_like(a)
            s[ok] = np.sqrt(b[ok] / a[ok])
            Ws[l] = Ws[l] * s
            Ws[l + 1] = Ws[l + 1] / s[:, None]
            moved = max(moved, float(np.max(np.abs(np.log(s)))) if len(s) else 0.0)
        if moved < 1e-12:
            break
    return float(np.sqrt(sum(np.sum(W * W) for W in Ws)))


def escape_scale(net):
    P = np.linalg.pinv(net.X.T @ net.X) @ (net.X.T @ net.Y)
    return 30 * np.sqrt(net.p) * max(1.0, float(np.linalg.norm(P))) ** (1.0 / len(net.masks))


def scipy_basins(net, starts):
    """Descends from every start; returns per-start outcomes ("critical", group) / ("valley", loss) / (kind, None)
    and the critical groups (product, loss, count)."""
    far = escape_scale(net)
    groups, outcomes = [], []
    for x0 in starts:
        res = minimize(net.loss_grad, x0, jac=True, method="L-BFGS-B", options={"maxiter": 3000, "gtol": 1e-10, "ftol": 0.0})
        theta = res.x
        if not np.all(np.isfinite(theta)) or not np.isfinite(res.fun):
            outcomes.append(("diverged", None))
            continue
        if np.linalg.norm(theta) > 1e6 or balanced_norm(net, theta) > far:
            outcomes.append(("valley", float(res.fun)))
            continue
        theta, f, gn = newton_polish(net, theta)
        if not (np.isfinite(f) and np.all(np.isfinite(theta))):
            outcomes.append(("diverged", None))
        elif balanced_norm(net, theta) > far:
            outcomes.append(("valley", float(f)))
        elif gn > 1e-6:
            outcomes.append(("unconverged", None))
        else:
            P = net.product(theta)
            for k, g in enumerate(groups):
                if np.linalg.norm(g["P"] - P) <= 1e-4 * max(1.0, np.linalg.norm(P)) and abs(g["loss"] - f) <= 1e-6 * max(1.0, abs(f)):
                    g["count"] += 1
                    outcomes.append(("critical", k))
                    break
            else:
                groups.append({"P": P, "loss": float(f), "count": 1})
                outcomes.append(("critical", len(groups) - 1))
    return outcomes, groups


def run_sparsescape(binary, name, center, target, span, grid, out, pin=False):
    cmd = [binary, "slice", name, "--point", center, "--dirs", f"toward:{target}", "--span", str(span),
           "--grid", str(grid), "--basins", "--out", out]
    if pin:
        cmd = ["taskset", "-c", "0"] + cmd
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=CHILD_ENV)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"error: {' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()}")
    return seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=".build/release/sparsescape")
    ap.add_argument("--grid", type=int, default=51)
    ap.add_argument("--span", type=float, default=1.25)
    ap.add_argument("--repeat", type=int, default=5, help="SparseScape runs per case (best time)")
    ap.add_argument("--keep", metavar="DIR", help="keep the CSVs and sidecars here (default: a temporary folder)")
    ap.add_argument("--case", action="append", choices=sorted(CASES), help="run only this case (repeatable)")
    args = ap.parse_args()
    if not (os.path.isfile(args.bin) and os.access(args.bin, os.X_OK)):
        print(f"error: no executable sparsescape binary at {args.bin} (build it, or pass --bin PATH)", file=sys.stderr)
        sys.exit(2)
    tmp = None if args.keep else tempfile.TemporaryDirectory(prefix="basins_vs_scipy-")
    folder = args.keep or tmp.name
    os.makedirs(folder, exist_ok=True)
    pin = shutil.which("taskset") is not None
    print(f"basins vs SciPy: {args.grid}x{args.grid} grids, span {args.span}, {os.cpu_count()} cores "
          f"(load average {os.getloadavg()[0]:.2f} at the start); SparseScape best of {args.repeat}, SciPy one run on one core")
    summary = []
    for name in args.case or list(CASES):
        center, target = CASES[name]
        out = os.path.join(folder, f"{name}.csv")
        ss_t = min(run_sparsescape(args.bin, name, center, target, args.span, args.grid, out) for _ in range(args.repeat))
        ss_1 = run_sparsescape(args.bin, name, center, target, args.span, args.grid, out, pin=True) if pin else None
        with open(os.path.splitext(out)[0] + ".json") as fh:
            side = json.load(fh)
        rows = np.loadtxt(out, delimiter=",", skiprows=1, ndmin=2)
        labels = rows[:, 3].astype(int)
        cfg_path = os.path.join(folder, f"{name}-config.json")
        with open(cfg_path, "w") as fh:
            fh.write(subprocess.run([args.bin, "presets", "show", name], capture_output=True, text=True, check=True).stdout)
        net = load_config(cfg_path)
        c, d1, d2 = (np.asarray(side[k], float) for k in ("center", "direction1", "direction2"))
        starts = [c + a * d1 + b * d2 for a, b in rows[:, :2]]

        t0 = time.perf_counter()
        outcomes, groups = scipy_basins(net, starts)
        sp_t = time.perf_counter() - t0

        basins = side["basins"]
        reps = {b["id"]: net.product(np.asarray(b["representative"], float))
                for b in basins if b["kind"] in ("minimum", "saddle")}
        group_to_basin = {}
        for k, g in enumerate(groups):
            for b in basins:
                if b["id"] in reps and np.linalg.norm(reps[b["id"]] - g["P"]) <= 1e-4 * max(1.0, np.linalg.norm(g["P"])) \
                        and abs(b["loss"] - g["loss"]) <= 1e-6 * max(1.0, abs(g["loss"])):
                    group_to_basin[k] = b["id"]
                    break
        valleys = [b for b in basins if b["kind"] == "valley"]
        by_kind = {b["kind"]: b["id"] for b in basins if b["kind"] in ("unconverged", "diverged")}

        def mapped(o):
            kind, v = o
            if kind == "critical":
                return group_to_basin.get(v)
            if kind == "valley":
                return min(valleys, key=lambda b: abs(b["valleyLimit"] - v))["id"] if valleys else None
            return by_kind.get(kind)

        agree = [mapped(o) == lab for o, lab in zip(outcomes, labels)]
        n = len(labels)
        frac = sum(agree) / n
        misses = collections.Counter()
        for o, lab, ok in zip(outcomes, labels, agree):
            if not ok:
                kind, v = o
                what = f"critical L={groups[v]['loss']:.10g}" if kind == "critical" else (f"valley L={v:.6g}" if kind == "valley" else kind)
                misses[(int(lab), what)] += 1

        print(f"\n{name}: centre {center}, toward:{target}; {n} grid points")
        for b in basins:
            loss = f"L = {b['loss']:.15g}" if b["kind"] in ("minimum", "saddle") else (
                f"L -> {b['valleyLimit']:.10g}" if b["kind"] == "valley" else "")
            extra = f" {b['classification']}" + (", spurious" if b.get("spurious") else "") if b.get("classification") else ""
            print(f"  SparseScape basin {b['id']}: {b['kind']:<11} {loss:<26}{extra:<28} {b['count']:>5} points")
        counts = collections.Counter(o[0] for o in outcomes)
        for k, g in enumerate(groups):
            print(f"  SciPy group {k}: critical    L = {g['loss']:<22.15g} -> SparseScape basin "
                  f"{group_to_basin.get(k, 'none')} {g['count']:>5} points")
        print(f"  SciPy outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        print(f"  agreement on the basin of each grid point: {sum(agree)}/{n} = {100 * frac:.2f}%")
        for (lab, what), cnt in misses.most_common(6):
            print(f"    disagree: SparseScape basin {lab}, SciPy {what}: {cnt} points")
        if misses:
            g = args.grid
            grid_labels = labels.reshape(g, g)

            def on_boundary(k):
                i, j = divmod(k, g)
                return any(0 <= i + di < g and 0 <= j + dj < g and grid_labels[i + di, j + dj] != grid_labels[i, j]
                           for di, dj in ((1, 0), (-1, 0), (0, 1), (0, -1)))
            bad = [k for k, ok in enumerate(agree) if not ok]
            where = ", ".join(f"({rows[k, 0]:.4g}, {rows[k, 1]:.4g})" for k in bad[:4])
            print(f"    {sum(map(on_boundary, bad))} of {len(bad)} disagreeing points lie on a SparseScape basin boundary "
                  f"(a grid neighbour in another basin); (alpha, beta): {where}{', ...' if len(bad) > 4 else ''}")
        print(f"  time: SparseScape {ss_t:.3f} s ({os.cpu_count()} cores)"
              + (f", {ss_1:.3f} s pinned to one core" if ss_1 is not None else "")
              + f"; SciPy {sp_t:.2f} s (one core)")
        print(f"  ratio SciPy / SparseScape: {sp_t / ss_t:.1f}x" + (f" (per core: {sp_t / ss_1:.1f}x)" if ss_1 else ""))
        summary.append((name, frac, ss_t, ss_1, sp_t))

    print("\nsummary:")
    for name, frac, ss_t, ss_1, sp_t in summary:
        print(f"  {name:<12} agreement {100 * frac:6.2f}%   SparseScape {ss_t:7.3f} s"
              + (f" (one core {ss_1:7.3f} s)" if ss_1 is not None else "")
              + f"   SciPy {sp_t:8.2f} s   ratio {sp_t / ss_t:6.1f}x")


if __name__ == "__main__":
    main()

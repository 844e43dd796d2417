#!/usr/bin/env python3
"""Compares `sparsescape path` (nudged elastic band, NEB) with the same NEB written in NumPy.

What is compared: for each case (preset, from-point, to-point) SparseScape runs
  BIN path CONFIG --from A --to B --json --no-dense --candidates 1
R times (a subprocess each; best wall time, nothing subtracted). `BIN presets` is timed the same way as the
process-startup baseline and reported alongside. From its JSON we take the endpoints it actually used
(images[0], images[-1]: the start balanced, the target's representative), the saddle loss (the climbing image refined
by Newton and certified), the barrier, the FIRE iterations and the loss-and-gradient evaluations.

The NumPy side relaxes a band between the SAME two endpoints R times in this process (one BLAS thread; best wall time,
including the endpoint Hessians) with SparseScape's settings, vectorised over the images:
  loss L = 1/2 ||Y - X W1...WL||_F^2 on the canonical vector (layer by layer, row-major over each mask's 1 entries);
  n = 25 images on the straight line, endpoints fixed; improved tangent (Henkelman & Jonsson 2000);
  lmax = largest Hessian eigenvalue at either endpoint (exact Hessian by complex-step differentiation of the analytic
  gradient); dtMax = 0.5/sqrt(lmax), dt = 0.2 dtMax, spring k = 0.2 lmax;
  from iteration 50 the highest interior image, if above both endpoints, climbs: F = -g + 2(g.t)t; the others get
  F = -g + (g.t)t + k(|R[k+1]-R[k]| - |R[k]-R[k-1]|)t;
  converged when (after >= 50 iterations) max over interior images of |-g + (g.t)t| (the climber: its full force) is
  <= 1e-5 min(1, s), s = ||X'Y|| (||X'Y||/||X'X||)^((L-1)/L); at most 4000 iterations;
  FIRE over all interior images jointly (alpha 0.1, dt x1.1 capped at dtMax after more than 5 positive steps, alpha
  x0.99; on P <= 0: v = 0, dt /2, alpha = 0.1); evaluations = n + (n - 2) per iteration.
Reported for NumPy: the highest image's loss (the climbing image; not Newton-refined), iterations, evaluations.

Table: per case, both sides' time / iterations / evaluations, SparseScape's saddle loss and barrier, NumPy's top image
loss, the time ratio NumPy/SparseScape, |NumPy top - SparseScape saddle| and the largest difference between the two
bands' image losses (same algorithm, same endpoints: should agree to round-off unless the trajectories drift apart).

Usage: python3 bench/path_vs_numpy.py [--bin PATH] [--repeat R]
Exit status 0; 2 (one-line error) when the binary is missing.
"""
import argparse
import json
import os
import subprocess
import sys
import time

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # tiny matrices: BLAS threads only add overhead
import numpy as np  # noqa: E402

CASES = [("theorem5", "spurious-minimum", "best-found"), ("table1-row1", "spurious-minimum", "global-minimum")]
IMAGES, MAX_ITER, CLIMB_AFTER, FORCE_TOL = 25, 4000, 50, 1e-5


class Net:
    """A masked linear network with data: loss and gradient of a stack of parameter vectors (images x p)."""

    def __init__(self, cfg):
        self.widths = [int(w) for w in cfg["widths"]]
        self.masks = [np.asarray(m, dtype=bool) for m in cfg["masks"]]
        X, Y = np.asarray(cfg["X"], float), np.asarray(cfg["Y"], float)
        self.G, self.C, self.yy = X.T @ X, X.T @ Y, float(np.sum(Y * Y))
        self.X, self.Y = X, Y
        self.depth = len(self.masks)
        self.index = [np.nonzero(m) for m in self.masks]  # row-major order of the 1 entries
        self.sizes = [len(r) for r, _ in self.index]
        self.offsets = np.cumsum([0] + self.sizes)
        self.p = int(self.offsets[-1])

    def weights(self, theta):
        """theta (m, p) -> list of (m, d_l, d_{l+1}) weight stacks."""
        Ws = []
        for l, (r, c) in enumerate(self.index):
            W = np.zeros((theta.shape[0], self.widths[l], self.widths[l + 1]), dtype=theta.dtype)
            W[:, r, c] = theta[:, self.offsets[l]:self.offsets[l + 1]]
            Ws.append(W)
        return Ws

    def loss_grad(self, theta):
        """Losses (m,) and gradients (m, p); polynomial in theta, so it also runs on complex input (complex step)."""
        Ws = self.weights(theta)
        prefix = [None] * self.depth  # W1...W_{l-1}
        acc = None
        for l in range(self.depth):
            prefix[l] = acc
            acc = Ws[l] if acc is None else acc @ Ws[l]
        P = acc
        R = self.X @ P - self.Y  # residual, broadcast over images
        loss = 0.5 * np.sum(R * R, axis=(1, 2))
        D = self.X.T @ R  # dL/dP = X'(XP - Y)
        grads = [None] * self.depth
        suffix = None  # W_{l+1}...W_L
        for l in reversed(range(self.depth)):
            g = D if suffix is None else D @ np.swapaxes(suffix, 1, 2)
            if prefix[l] is not None:
                g = np.swapaxes(prefix[l], 1, 2) @ g
            r, c = self.index[l]
            grads[l] = g[:, r, c]
            suffix = Ws[l] if suffix is None else Ws[l] @ suffix
        return loss, np.concatenate(grads, axis=1)

    def hessian(self, x):
        """Exact Hessian at x by complex-step differentiation of the analytic gradient (no subtraction error)."""
        h = 1e-20
        Z = np.tile(np.asarray(x, complex), (self.p, 1)) + 1j * h * np.eye(self.p)
        H = self.loss_grad(Z)[1].imag / h
        return 0.5 * (H + H.T)

    def force_tolerance(self):
        c, g = np.linalg.norm(self.C), np.linalg.norm(self.G)
        s = c * (c / g) ** ((self.depth - 1) / self.depth) if c > 0 and g > 0 else 0.0
        return FORCE_TOL * min(1.0, s) if s > 0 else FORCE_TOL


def tangents(R, V):
    """Improved tangents of the interior images (Henkelman & Jonsson 2000), unit length, shape (n-2, p)."""
    fwd, bwd = R[2:] - R[1:-1], R[1:-1] - R[:-2]
    Vp, V0, Vm = V[2:, None], V[1:-1, None], V[:-2, None]
    up, down = (Vp > V0) & (V0 > Vm), (Vp < V0) & (V0 < Vm)
    a, b = np.abs(Vp - V0), np.abs(Vm - V0)
    big, small = np.maximum(a, b), np.minimum(a, b)
    mixed = np.where(Vp > Vm, fwd * big + bwd * small, fwd * small + bwd * big)
    t = np.where(up, fwd, np.where(down, bwd, mixed))
    norm = np.linalg.norm(t, axis=1, keepdims=True)
    return np.divide(t, norm, out=np.zeros_like(t), where=norm > 0), fwd, bwd


def neb(net, a, b, n=IMAGES):
    """SparseScape's climbing-image NEB with FIRE; returns (images, losses, iterations, evaluations, maxForce)."""
    t = np.linspace(0.0, 1.0, n)[:, None]
    R = a[None, :] + t * (b - a)[None, :]
    V, Gr = net.loss_grad(R)
    evaluations = n
    lmax = max(np.linalg.eigvalsh(net.hessian(a))[-1], np.linalg.eigvalsh(net.hessian(b))[-1], 1e-300)
    dt_max = 0.5 / np.sqrt(lmax)
    dt, spring, alpha, positive = 0.2 * dt_max, 0.2 * lmax, 0.1, 0
    tol = net.force_tolerance()
    v = np.zeros((n - 2, net.p))
    it, max_force = 0, np.inf
    while it < MAX_ITER:
        climb = None
        if it >= CLIMB_AFTER:
            k = int(np.argmax(V[1:-1]))  # first of equal maxima, like Swift's max(by:)
            if V[k + 1] > max(V[0], V[-1]):
                climb = k
        tau, fwd, bwd = tangents(R, V)
        g = Gr[1:-1]
        gt = np.sum(g * tau, axis=1, keepdims=True)
        perp = -g + gt * tau
        springs = spring * (np.linalg.norm(fwd, axis=1) - np.linalg.norm(bwd, axis=1))[:, None]
        F = perp + springs * tau
        fn = np.linalg.norm(perp, axis=1)
        if climb is not None:
            F[climb] = -g[climb] + 2 * gt[climb] * tau[climb]
            fn[climb] = np.linalg.norm(F[climb])
        max_force = float(fn.max())
        if max_force <= tol and it >= CLIMB_AFTER:
            break
        power = float(np.sum(F * v))
        if power > 0:
            v = (1 - alpha) * v + alpha * np.linalg.norm(v) * F / max(np.linalg.norm(F), 1e-300)
            positive += 1
            if positive > 5:
                dt, alpha = min(dt * 1.1, dt_max), alpha * 0.99
        else:
            v[:] = 0
            positive, dt, alpha = 0, dt * 0.5, 0.1
        v += dt * F
        R[1:-1] += dt * v
        V[1:-1], Gr[1:-1] = net.loss_grad(R[1:-1])
        evaluations += n - 2
        if not np.all(np.isfinite(V)):
            raise RuntimeError("the NumPy band diverged")
        it += 1
    return R, V, it, evaluations, max_force


def run(cmd):
    """Best-effort subprocess run; retries while the binary is being rebuilt."""
    for attempt in range(6):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        except (subprocess.CalledProcessError, OSError) as e:
            if attempt == 5:
                err = getattr(e, "stderr", "") or str(e)
                sys.exit(f"error: {' '.join(cmd)} failed: {err.strip().splitlines()[-1] if err.strip() else e}")
            time.sleep(30)


def best_time(fn, repeat):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=".build/release/sparsescape", help="the sparsescape binary")
    ap.add_argument("--repeat", type=int, default=5, help="runs per side; the best wall time counts")
    args = ap.parse_args()
    binary = args.bin
    if not os.path.isabs(binary) and not os.path.exists(binary):  # also accept running from outside the repo
        alt = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), binary)
        binary = alt if os.path.exists(alt) else binary
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(f"error: sparsescape binary not found or not executable: {args.bin}", file=sys.stderr)
        sys.exit(2)
    repeat = max(1, args.repeat)

    startup, _ = best_time(lambda: run([binary, "presets"]), repeat)
    rows = []
    for preset, src, dst in CASES:
        net = Net(json.loads(run([binary, "presets", "show", preset])))
        cmd = [binary, "path", preset, "--from", src, "--to", dst, "--json", "--no-dense", "--candidates", "1"]
        ss_time, out = best_time(lambda: run(cmd), repeat)
        path = json.loads(out)  # the path's fields are at the top level
        a, b = np.asarray(path["images"][0], float), np.asarray(path["images"][-1], float)
        saddle = path["saddle"]["loss"] if path.get("saddle") else max(path["losses"])
        np_time, (R, V, it, ev, mf) = best_time(lambda: neb(net, a, b), repeat)
        ss_losses = np.asarray(path["losses"], float)
        band_diff = float(np.max(np.abs(V - ss_losses))) if len(ss_losses) == len(V) else float("nan")
        rows.append(dict(case=f"{preset} ({src} -> {dst})", ss_t=ss_time, ss_it=path["iterations"],
                         ss_ev=path["evaluations"], ss_saddle=saddle, ss_barrier=path["barrier"],
                         ss_conv=path["converged"], ss_class=(path.get("saddle") or {}).get("classification", "-"),
                         np_t=np_time, np_it=it, np_ev=ev, np_top=float(V.max()), np_conv=mf <= net.force_tolerance(),
                         ss_top=float(ss_losses.max()), band_diff=band_diff, p=net.p))

    print(f"NEB paths: SparseScape ({binary}) vs NumPy {np.__version__}; {IMAGES} images, best of {repeat} runs each")
    print(f"process-startup baseline (`sparsescape presets`): {startup * 1e3:.2f} ms (included in SparseScape times)\n")
    head = (f"{'case':<50} {'side':<11} {'time ms':>9} {'iters':>6} {'evals':>6} {'top loss':>20} "
            f"{'barrier':>12} {'conv':>5}")
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r['case']:<50} {'SparseScape':<11} {r['ss_t'] * 1e3:>9.2f} {r['ss_it']:>6} {r['ss_ev']:>6} "
              f"{r['ss_saddle']:>20.15g} {r['ss_barrier']:>12.6g} {str(r['ss_conv']):>5}")
        print(f"{'  p = %d, saddle: %s (Newton-refined)' % (r['p'], r['ss_class']):<50} {'NumPy':<11} "
              f"{r['np_t'] * 1e3:>9.2f} {r['np_it']:>6} {r['np_ev']:>6} {r['np_top']:>20.15g} {'':>12} "
              f"{str(r['np_conv']):>5}")
        print(f"{'':<50} time NumPy/SparseScape = {r['np_t'] / r['ss_t']:.2f}; "
              f"|NumPy top - SparseScape saddle| = {abs(r['np_top'] - r['ss_saddle']):.2e}; "
              f"|NumPy top - SparseScape top image| = {abs(r['np_top'] - r['ss_top']):.2e}; "
              f"max |band loss difference| = {r['band_diff']:.2e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""NumPy baselines for SparseScape's benchmarks (run by `sparsescape-bench` in the same invocation).

Prints one JSON object on stdout:
  gd_steps_per_second  plain gradient descent on the theorem5 network (masked, from sufficient statistics)
  eigh_seconds         numpy.linalg.eigh (values and vectors) of the Hessian in --hessian (best of --repeats)
  eigvalsh_seconds     numpy.linalg.eigvalsh (values only) of the same Hessian (best of --repeats)
"""
import argparse
import json
import time

import numpy as np


def gd_steps_per_second(steps: int) -> float:
    """The same computation as SparseScape's GD step on theorem5: P = W1 W2, R = G P - C, masked gradients."""
    X = np.eye(3)
    Y = np.array([[1.0, 2, 0], [2, 10, 0], [0, 0, 4]])
    G, C = X.T @ X, X.T @ Y
    M1 = np.array([[1.0, 0], [1, 1], [0, 1]])
    M2 = np.array([[1.0, 1, 0], [0, 1, 1]])
    W1 = np.array([[-0.34, 0], [-0.9, 0.9], [0, -0.65]])
    W2 = np.array([[-0.65, 1.12, 0], [0, -0.83, 0.73]])
    lr = 0.05
    t0 = time.perf_counter()
    for _ in range(steps):
        P = W1 @ W2
        R = G @ P - C
        g1 = (R @ W2.T) * M1
        g2 = (W1.T @ R) * M2
        W1 = W1 - lr * g1
        W2 = W2 - lr * g2
    return steps / (time.perf_counter() - t0)


def best_time(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gd-steps", type=int, default=200_000)
    ap.add_argument("--hessian", help=".npy file with a symmetric matrix")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    out = {"numpy": np.__version__, "gd_steps_per_second": gd_steps_per_second(args.gd_steps)}
    if args.hessian:
        H = np.load(args.hessian)
        out["hessian_size"] = H.shape[0]
        out["eigh_seconds"] = best_time(lambda: np.linalg.eigh(H), args.repeats)
        out["eigvalsh_seconds"] = best_time(lambda: np.linalg.eigvalsh(H), args.repeats)
        out["eigh_lambda_min"] = float(np.linalg.eigvalsh(H)[0])
    print(json.dumps(out))


if __name__ == "__main__":
    main()

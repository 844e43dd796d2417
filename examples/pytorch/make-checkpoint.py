#!/usr/bin/env python3
"""Writes model.safetensors: a pruned 64-16-10 linear network on the digits data, saved exactly as PyTorch saves

    model = nn.Sequential(nn.Linear(64, 16, bias=False), nn.Linear(16, 10, bias=False))
    ...train...
    prune.l1_unstructured(model[0], "weight", amount=0.5)     # keeps weight_orig and weight_mask
    safetensors.torch.save_file(model.state_dict(), "model.safetensors")

that is, tensors "0.weight_orig" and "0.weight_mask" (16 x 64, out x in) and "1.weight" (10 x 16), float32. PyTorch is
not needed: the weights are a least-squares fit through the 16 hidden units (a global minimum, where training ends), and the mask
prunes the half of layer 0 with the smallest |w|, as l1_unstructured does. It uses NumPy and the safetensors
package's NumPy API (pip install numpy safetensors), and also writes X.npy and Y.npy (the digits data).

Usage: python3 make-checkpoint.py [FOLDER]   (default: the current folder)
"""
import os
import sys

import numpy as np
from safetensors.numpy import save_file

out = sys.argv[1] if len(sys.argv) > 1 else "."
presets = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Sources/SparseScapeCore/Resources/Presets")
X = np.load(os.path.join(presets, "digits-X.npy"))
Y = np.load(os.path.join(presets, "digits-Y.npy"))
# The least-squares fit B (64 x 10) split through 16 hidden units: W0 = B R, W1 = R+ (R a seeded 10 x 16 matrix of full
# row rank, so R R+ = I and W0 W1 = B, a global minimum of the dense network).
B = np.linalg.lstsq(X, Y, rcond=None)[0]
R = np.random.default_rng(0).standard_normal((10, 16)) / 4
W0, W1 = B @ R, np.linalg.pinv(R)
# torch.nn.Linear stores out x in: layer 0 is 16 x 64, layer 1 is 10 x 16.
weight0, weight1 = W0.T.astype(np.float32), W1.T.astype(np.float32)
# prune.l1_unstructured(amount=0.5): the 512 entries of smallest |w| get mask 0.
order = np.argsort(np.abs(weight0), axis=None, kind="stable")
mask0 = np.ones(weight0.size, np.float32)
mask0[order[: weight0.size // 2]] = 0
mask0 = mask0.reshape(weight0.shape)
save_file({"0.weight_orig": weight0, "0.weight_mask": mask0, "1.weight": weight1},
          os.path.join(out, "model.safetensors"), metadata={"format": "pt"})
np.save(os.path.join(out, "X.npy"), X)
np.save(os.path.join(out, "Y.npy"), Y)
print("wrote model.safetensors (0.weight_orig, 0.weight_mask 16x64: %d of %d kept; 1.weight 10x16), X.npy %dx%d, Y.npy %dx%d"
      % (mask0.sum(), mask0.size, X.shape[0], X.shape[1], Y.shape[0], Y.shape[1]))

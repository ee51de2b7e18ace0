#!/usr/bin/python3
"""Time one sweep in optiscope, PyTorch and NumPy, side by side.

The work: Adam on the reference quadratic 0.5*(8x^2 + y^2) + 0.8xy from
(2.2, -2) over a SIZE x SIZE grid of (lr, beta1) cells (lr log-spaced from
1e-3 to 1, beta1 from 0 to 0.99), 200 steps per cell, evaluating the loss
and checking for divergence at every step, as optiscope does.

  optiscope  `optiscope sweep` end to end (process start, sweep, CSV write)
  PyTorch    float64 tensors over all cells, torch.optim.Adam's arithmetic
             (Debian's python3-torch), torch.set_num_threads(THREADS)
  NumPy      float64 arrays over all cells (single-threaded)

It also times single paths: `optiscope run` of 100000 Adam steps against a
torch.optim.Adam loop on a 2-element parameter.

Usage: scripts/compare_sweep_speed.py [OPTISCOPE] [SIZE] [THREADS]
"""

import math
import os
import pathlib
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

STEPS = 200
START = (2.2, -2.0)


def grid(size):
    lr = np.exp(np.log(1e-3) + np.linspace(0.0, 1.0, size) * (np.log(1.0) - np.log(1e-3)))
    lr[0], lr[-1] = 1e-3, 1.0
    beta1 = np.linspace(0.0, 0.99, size)
    # Cell index = i_lr + size * i_beta1, as optiscope numbers them.
    return np.tile(lr, size), np.repeat(beta1, size)


def adam_sweep(xp, lr, beta1, steps, where):
    """Adam on the quadratic for every cell at once, in torch.optim's order."""
    beta2, eps = 0.999, 1e-8
    n = lr.shape[0]
    x = where.full(n, START[0])
    y = where.full(n, START[1])
    mx, my, vx, vy = (where.zeros(n) for _ in range(4))
    loss = 0.5 * (8.0 * (x * x) + 1.0 * (y * y)) + 0.8 * x * y
    bound = 1e12 * max(1.0, abs(float(loss[0])))
    live = where.ones(n, dtype=bool)
    for t in range(1, steps + 1):
        gx = 8.0 * x + 0.8 * y
        gy = 1.0 * y + 0.8 * x
        mx = mx * beta1 + (1.0 - beta1) * gx
        my = my * beta1 + (1.0 - beta1) * gy
        vx = vx * beta2 + (1.0 - beta2) * gx * gx
        vy = vy * beta2 + (1.0 - beta2) * gy * gy
        bias_correction1 = 1.0 - beta1 ** t
        bias_correction2_sqrt = math.sqrt(1.0 - beta2 ** t)
        step_size = lr / bias_correction1
        new_x = x + (-step_size) * mx / (xp.sqrt(vx) / bias_correction2_sqrt + eps)
        new_y = y + (-step_size) * my / (xp.sqrt(vy) / bias_correction2_sqrt + eps)
        new_loss = 0.5 * (8.0 * (new_x * new_x) + 1.0 * (new_y * new_y)) + 0.8 * new_x * new_y
        live = live & xp.isfinite(new_loss) & (xp.abs(new_loss) <= bound)
        x = where.where(live, new_x, x)
        y = where.where(live, new_y, y)
        loss = where.where(live, new_loss, loss)
    return loss


class NumpyOps:
    full = staticmethod(np.full)
    zeros = staticmethod(np.zeros)
    ones = staticmethod(np.ones)
    where = staticmethod(np.where)


class TorchOps:
    full = staticmethod(lambda n, value: torch.full((n,), value))
    zeros = staticmethod(lambda n: torch.zeros(n))
    ones = staticmethod(lambda n, dtype=bool: torch.ones(n, dtype=torch.bool))
    where = staticmethod(torch.where)


def time_call(function):
    begin = time.perf_counter()
    result = function()
    return time.perf_counter() - begin, result


def optiscope_sweep(optiscope, size, threads, out_dir):
    command = [optiscope, "sweep", "--optimizer", "adam", "--steps", str(STEPS),
               "--axis", f"lr=1e-3:1:{size}:log", "--axis", f"beta1=0:0.99:{size}",
               "--threads", str(threads), "--out", out_dir, "--quiet"]
    seconds, _ = time_call(lambda: subprocess.run(command, check=True))
    losses = {}
    with open(os.path.join(out_dir, "sweep.csv")) as handle:
        next(handle)
        for line in handle:
            fields = line.rstrip("\n").split(",")
            losses[int(fields[1])] = float(fields[6]) if fields[6] else math.nan
    return seconds, losses


def single_paths(optiscope, out_dir):
    steps = 100000
    command = [optiscope, "run", "--optimizer", "adam:lr=0.01", "--steps", str(steps),
               "--no-figures", "--quiet", "--out", out_dir]
    seconds, _ = time_call(lambda: subprocess.run(command, check=True))
    optiscope_rate = steps / seconds

    torch_steps = 20000
    parameter = torch.tensor(START, requires_grad=True)
    optimizer = torch.optim.Adam([parameter], lr=0.01)

    def loop():
        for _ in range(torch_steps):
            optimizer.zero_grad()
            with torch.no_grad():
                x, y = parameter[0], parameter[1]
                parameter.grad = torch.stack([8.0 * x + 0.8 * y, 1.0 * y + 0.8 * x])
            optimizer.step()

    torch_seconds, _ = time_call(loop)
    return optiscope_rate, torch_steps / torch_seconds


def main():
    optiscope = sys.argv[1] if len(sys.argv) > 1 else "build/release/optiscope"
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 256
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else os.cpu_count()
    torch.set_num_threads(threads)
    cell_steps = size * size * STEPS
    lr, beta1 = grid(size)

    with tempfile.TemporaryDirectory() as out_dir:
        optiscope_seconds, optiscope_losses = optiscope_sweep(optiscope, size, threads, out_dir)
        torch_seconds, torch_losses = time_call(
            lambda: adam_sweep(torch, torch.tensor(lr), torch.tensor(beta1), STEPS, TorchOps))
        numpy_seconds, numpy_losses = time_call(
            lambda: adam_sweep(np, lr, beta1, STEPS, NumpyOps))
        single_optiscope, single_torch = single_paths(optiscope, out_dir)

    # The three must compute the same thing: compare final losses cell by cell.
    largest = 0.0
    for cell, value in optiscope_losses.items():
        reference = float(torch_losses[cell])
        if math.isfinite(value) and math.isfinite(reference):
            largest = max(largest, abs(value - reference) / max(abs(reference), 1e-300))

    print(f"Adam sweep, {size} x {size} cells x {STEPS} steps = {cell_steps:.3g} cell-steps, "
          f"{threads} thread(s)")
    for name, seconds in (("optiscope", optiscope_seconds), ("PyTorch", torch_seconds),
                          ("NumPy", numpy_seconds)):
        print(f"  {name:<10} {seconds:8.3f} s  {cell_steps / seconds:10.3g} cell-steps/s  "
              f"{torch_seconds / seconds:6.2f}x PyTorch")
    print(f"  largest relative difference of final losses, optiscope vs PyTorch: {largest:.3g}")
    print(f"Single path: optiscope {single_optiscope:.3g} steps/s, torch.optim.Adam loop "
          f"{single_torch:.3g} steps/s ({single_optiscope / single_torch:.0f}x)")
    print(f"(torch {torch.__version__}, numpy {np.__version__})")


if __name__ == "__main__":
    main()

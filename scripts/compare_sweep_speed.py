#!/usr/bin/python3
"""Time one sweep in optiscope, PyTorch and NumPy, side by side.

The work: Adam on the reference quadratic 0.5*(8x^2 + y^2) + 0.8xy from
(2.2, -2) over a SIZE x SIZE grid of (lr, beta1) cells (lr log-spaced from
1e-3 to 1, beta1 from 0 to 0.99), 200 steps per cell, evaluating the loss
and checking for divergence at every step, as optiscope does.

  optiscope  `optiscope sweep --no-figures` end to end (process start, sweep,
             CSV and TOML writes)
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


def adam_sweep(xp, lr, beta1, steps, where):
    """Adam on the quadratic for every cell at once, in torch.optim's order.

    beta1 ** t is computed with Python's float power (C's pow, as in
    torch.optim) once per distinct beta1 and then spread over the cells:
    the array libraries' vectorized pow may differ from C's in the last bit.
    """
    beta2, eps = 0.999, 1e-8
    distinct, spread = np.unique(np.asarray(beta1), return_inverse=True)
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
        powers = np.array([float(b) ** t for b in distinct])[spread]
        bias_correction1 = 1.0 - (torch.tensor(powers) if xp is torch else powers)
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
               "--threads", str(threads), "--out", out_dir, "--no-figures", "--quiet"]
    seconds, _ = time_call(lambda: subprocess.run(command, check=True))
    # The grid comes from optiscope's CSV, so all three sweep the very same
    # doubles (array libraries' exp and log may differ in the last bit).
    cells = {}
    with open(os.path.join(out_dir, "sweep.csv")) as handle:
        next(handle)
        for line in handle:
            fields = line.rstrip("\n").split(",")
            loss = float(fields[6]) if fields[6] else math.nan
            cells[int(fields[1])] = (float(fields[2]), float(fields[3]), loss)
    order = sorted(cells)
    lr = np.array([cells[c][0] for c in order])
    beta1 = np.array([cells[c][1] for c in order])
    losses = {c: cells[c][2] for c in order}
    return seconds, losses, lr, beta1


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
    with tempfile.TemporaryDirectory() as out_dir:
        optiscope_seconds, optiscope_losses, lr, beta1 = optiscope_sweep(
            optiscope, size, threads, out_dir)
        torch_seconds, torch_losses = time_call(
            lambda: adam_sweep(torch, torch.tensor(lr), torch.tensor(beta1), STEPS, TorchOps))
        numpy_seconds, numpy_losses = time_call(
            lambda: adam_sweep(np, lr, beta1, STEPS, NumpyOps))
        single_optiscope, single_torch = single_paths(optiscope, out_dir)

    # The three must compute the same thing: count the cells whose final
    # loss agrees bit for bit, and within 1e-12 relative. Adam's oscillation
    # around the minimum amplifies a one-ulp difference (such as torch's
    # vectorized pow against C's pow), so some cells may differ more.
    agreement = {}
    for name, losses in (("PyTorch", torch_losses), ("NumPy", numpy_losses)):
        exact = close = 0
        for cell, value in optiscope_losses.items():
            reference = float(losses[cell])
            exact += value == reference
            close += abs(value - reference) <= 1e-12 * max(abs(reference), 1e-300)
        agreement[name] = (exact, close)

    print(f"Adam sweep, {size} x {size} cells x {STEPS} steps = {cell_steps:.3g} cell-steps, "
          f"{threads} thread(s)")
    for name, seconds in (("optiscope", optiscope_seconds), ("PyTorch", torch_seconds),
                          ("NumPy", numpy_seconds)):
        print(f"  {name:<10} {seconds:8.3f} s  {cell_steps / seconds:10.3g} cell-steps/s  "
              f"{torch_seconds / seconds:6.2f}x PyTorch")
    for name, (exact, close) in agreement.items():
        print(f"  final losses equal to {name}'s: {exact} of {size * size} bit for bit, "
              f"{close} within 1e-12")
    print(f"Single path: optiscope {single_optiscope:.3g} steps/s, torch.optim.Adam loop "
          f"{single_torch:.3g} steps/s ({single_optiscope / single_torch:.0f}x)")
    print(f"(torch {torch.__version__}, numpy {np.__version__})")


if __name__ == "__main__":
    main()

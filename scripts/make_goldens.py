#!/usr/bin/python3
"""Generate golden optimizer trajectories with PyTorch's torch.optim.

Run with Debian's python3-torch (`make goldens`). Every case runs one
optimizer from a start point on a surface in float64 and records the
parameters after each step. The output, OUT_DIR/optimizers.csv, is committed
so that the C++ tests compare against PyTorch without needing torch.

Columns: case,spec,surface,step,x,y. `spec` is the optiscope --optimizer
specification that must reproduce the case; step 0 is the start.
"""

import csv
import pathlib
import sys

import torch

# Optimizer scalars such as Adam's step counter are tensors of the default
# dtype in PyTorch 1.13, so float32 would leak into the float64 update.
torch.set_default_dtype(torch.float64)


def quadratic_gradient(x, y):
    """Gradient of 0.5*(8x^2 + y^2) + 0.8xy, in the C++ core's operation order."""
    return torch.stack([8.0 * x + 0.8 * y, 1.0 * y + 0.8 * x])


SURFACES = {
    "quadratic": {"gradient": quadratic_gradient, "start": (2.2, -2.0)},
}


# Each case: name, optiscope spec, torch.optim factory, surface, steps.
CASES = [
    ("gd", "gd:lr=0.08", lambda p: torch.optim.SGD([p], lr=0.08), "quadratic", 100),
    ("momentum", "momentum:lr=0.08,momentum=0.9",
     lambda p: torch.optim.SGD([p], lr=0.08, momentum=0.9), "quadratic", 100),
    ("adam", "adam:lr=0.1,beta1=0.9,beta2=0.999,eps=1e-8",
     lambda p: torch.optim.Adam([p], lr=0.1, betas=(0.9, 0.999), eps=1e-8), "quadratic", 100),
]


def run_case(make_optimizer, surface, steps):
    start = SURFACES[surface]["start"]
    gradient = SURFACES[surface]["gradient"]
    parameters = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    optimizer = make_optimizer(parameters)
    points = [tuple(parameters.detach().tolist())]
    for _ in range(steps):
        optimizer.zero_grad()
        with torch.no_grad():
            parameters.grad = gradient(parameters[0], parameters[1]).clone()
        optimizer.step()
        points.append(tuple(parameters.detach().tolist()))
    return points


def main():
    out_dir = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "tests/goldens")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "optimizers.csv"
    temporary = target.with_suffix(".csv.tmp")
    with temporary.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["case", "spec", "surface", "step", "x", "y"])
        for name, spec, make_optimizer, surface, steps in CASES:
            for step, (x, y) in enumerate(run_case(make_optimizer, surface, steps)):
                writer.writerow([name, spec, surface, step, repr(x), repr(y)])
    temporary.replace(target)
    print(f"wrote {target} with {len(CASES)} cases (torch {torch.__version__})")


if __name__ == "__main__":
    main()

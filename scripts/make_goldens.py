#!/usr/bin/python3
"""Generate golden optimizer trajectories and schedules with PyTorch.

Run with Debian's python3-torch (`make goldens`). The outputs are committed
so that the C++ tests compare against PyTorch without needing torch:

  OUT_DIR/optimizers.csv  case,spec,schedule,surface,step,x,y
      Each case runs one torch.optim optimizer in float64 from the surface's
      start and records the parameters after each step (step 0 is the
      start). `spec` and `schedule` are the optiscope specifications that
      must reproduce it; an empty schedule means a constant lr.
  OUT_DIR/schedules.csv   case,spec,base_lr,steps,step,lr
      Each case steps a torch.optim.lr_scheduler once per optimizer step and
      records the lr that optimizer step k (1-based) uses.

NAdam cases use PyTorch's multi-tensor path (foreach=True), because 1.13's
single-tensor path still has the extra mu_t factor that PyTorch 2.0 removed.
Lion is not in torch.optim; LionReference below implements Chen et al. 2023
(Program 1) with torch tensor operations.
"""

import csv
import math
import pathlib
import sys

import torch

# Optimizer scalars such as Adam's step counter are tensors of the default
# dtype in PyTorch 1.13, so float32 would leak into the float64 update.
torch.set_default_dtype(torch.float64)

STEPS = 60


class LionReference(torch.optim.Optimizer):
    """Lion: c = b1 m + (1 - b1) g; theta -= lr (sign(c) + wd theta); m = b2 m + (1 - b2) g."""

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.99), weight_decay=1e-3):
        super().__init__(params, dict(lr=lr, betas=betas, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                state = self.state[p]
                if not state:
                    state["exp_avg"] = torch.zeros_like(p)
                exp_avg = state["exp_avg"]
                interpolation = exp_avg * beta1 + (1 - beta1) * p.grad
                p.sub_(group["lr"] * (torch.sign(interpolation) + group["weight_decay"] * p))
                exp_avg.mul_(beta2).add_(p.grad, alpha=1 - beta2)


def quadratic_gradient(x, y):
    """Gradient of 0.5*(8x^2 + y^2) + 0.8xy, in the C++ core's operation order."""
    return torch.stack([8.0 * x + 0.8 * y, 1.0 * y + 0.8 * x])


def rosenbrock_gradient(x, y):
    """Gradient of (1 - x)^2 + 100 (y - x^2)^2."""
    inner = y - x * x
    return torch.stack([-2.0 * (1.0 - x) - 400.0 * x * inner, 200.0 * inner])


def himmelblau_gradient(x, y):
    """Gradient of (x^2 + y - 11)^2 + (x + y^2 - 7)^2."""
    first = x * x + y - 11.0
    second = x + y * y - 7.0
    return torch.stack([4.0 * x * first + 2.0 * second, 2.0 * first + 4.0 * y * second])


# Each surface: gradient, start, and a learning-rate scale for optimizers
# whose step grows with the gradient (the SGD family), chosen so that every
# case stays stable for STEPS steps.
SURFACES = {
    "quadratic": (quadratic_gradient, (2.2, -2.0), 1.0),
    "rosenbrock": (rosenbrock_gradient, (-1.2, 1.0), 0.02),
    "himmelblau": (himmelblau_gradient, (1.0, 1.0), 0.2),
}


def sgd(**options):
    return lambda p, lr: torch.optim.SGD([p], lr=lr, **options)


def adam(**options):
    return lambda p, lr: torch.optim.Adam([p], lr=lr, **options)


# Each optimizer configuration: case name, optiscope spec with {lr}, torch
# factory taking (parameter, lr), base lr, and whether lr scales with the
# surface. Together they cover every hyperparameter and boolean option.
CONFIGS = [
    ("sgd", "sgd:lr={lr}", sgd(), 0.02, True),
    ("sgd-momentum", "sgd:lr={lr},momentum=0.9", sgd(momentum=0.9), 0.02, True),
    ("sgd-dampening", "sgd:lr={lr},momentum=0.8,dampening=0.5",
     sgd(momentum=0.8, dampening=0.5), 0.02, True),
    ("sgd-nesterov", "sgd:lr={lr},momentum=0.9,nesterov=true",
     sgd(momentum=0.9, nesterov=True), 0.02, True),
    ("sgd-weight-decay", "sgd:lr={lr},momentum=0.5,weight_decay=0.1",
     sgd(momentum=0.5, weight_decay=0.1), 0.02, True),
    ("gd-alias", "gd:lr={lr}", sgd(), 0.02, True),
    ("momentum-alias", "momentum:lr={lr}", sgd(momentum=0.9), 0.02, True),
    ("nesterov-alias", "nesterov:lr={lr}", sgd(momentum=0.9, nesterov=True), 0.02, True),
    ("adam", "adam:lr={lr}", adam(), 0.05, False),
    ("adam-betas", "adam:lr={lr},beta1=0.5,beta2=0.9,eps=1e-6",
     adam(betas=(0.5, 0.9), eps=1e-6), 0.05, False),
    ("adam-amsgrad", "adam:lr={lr},amsgrad=true", adam(amsgrad=True), 0.05, False),
    ("adam-weight-decay", "adam:lr={lr},weight_decay=0.1", adam(weight_decay=0.1), 0.05, False),
    ("adamw", "adamw:lr={lr}", lambda p, lr: torch.optim.AdamW([p], lr=lr), 0.05, False),
    ("adamw-amsgrad", "adamw:lr={lr},weight_decay=0.1,amsgrad=true",
     lambda p, lr: torch.optim.AdamW([p], lr=lr, weight_decay=0.1, amsgrad=True), 0.05, False),
    ("adamax", "adamax:lr={lr}", lambda p, lr: torch.optim.Adamax([p], lr=lr), 0.05, False),
    ("adamax-weight-decay", "adamax:lr={lr},beta1=0.8,weight_decay=0.1",
     lambda p, lr: torch.optim.Adamax([p], lr=lr, betas=(0.8, 0.999), weight_decay=0.1),
     0.05, False),
    ("nadam", "nadam:lr={lr}", lambda p, lr: torch.optim.NAdam([p], lr=lr, foreach=True),
     0.05, False),
    ("nadam-decay", "nadam:lr={lr},momentum_decay=0.01,weight_decay=0.1",
     lambda p, lr: torch.optim.NAdam([p], lr=lr, momentum_decay=0.01, weight_decay=0.1,
                                     foreach=True), 0.05, False),
    # RAdam's first steps are plain momentum (rho_t <= 5), so its lr scales
    # with the gradient like SGD's.
    ("radam", "radam:lr={lr}", lambda p, lr: torch.optim.RAdam([p], lr=lr), 0.05, True),
    ("radam-beta2", "radam:lr={lr},beta2=0.9,weight_decay=0.1",
     lambda p, lr: torch.optim.RAdam([p], lr=lr, betas=(0.9, 0.9), weight_decay=0.1),
     0.05, True),
    ("rmsprop", "rmsprop:lr={lr}", lambda p, lr: torch.optim.RMSprop([p], lr=lr), 0.005, False),
    ("rmsprop-centered", "rmsprop:lr={lr},centered=true,alpha=0.9",
     lambda p, lr: torch.optim.RMSprop([p], lr=lr, centered=True, alpha=0.9), 0.005, False),
    ("rmsprop-momentum", "rmsprop:lr={lr},momentum=0.5,weight_decay=0.1",
     lambda p, lr: torch.optim.RMSprop([p], lr=lr, momentum=0.5, weight_decay=0.1),
     0.002, False),
    ("adagrad", "adagrad:lr={lr}", lambda p, lr: torch.optim.Adagrad([p], lr=lr), 0.1, False),
    ("adagrad-decay", "adagrad:lr={lr},lr_decay=0.01,initial_accumulator_value=0.1,eps=1e-6",
     lambda p, lr: torch.optim.Adagrad([p], lr=lr, lr_decay=0.01,
                                       initial_accumulator_value=0.1, eps=1e-6), 0.1, False),
    ("adagrad-weight-decay", "adagrad:lr={lr},weight_decay=0.1",
     lambda p, lr: torch.optim.Adagrad([p], lr=lr, weight_decay=0.1), 0.1, False),
    ("adadelta", "adadelta:lr={lr}", lambda p, lr: torch.optim.Adadelta([p], lr=lr), 1.0, False),
    ("adadelta-rho", "adadelta:lr={lr},rho=0.5,eps=1e-4,weight_decay=0.1",
     lambda p, lr: torch.optim.Adadelta([p], lr=lr, rho=0.5, eps=1e-4, weight_decay=0.1),
     1.0, False),
    ("lion", "lion:lr={lr}", lambda p, lr: LionReference([p], lr=lr), 0.01, False),
    ("lion-betas", "lion:lr={lr},beta1=0.5,beta2=0.9,weight_decay=0.1",
     lambda p, lr: LionReference([p], lr=lr, betas=(0.5, 0.9), weight_decay=0.1), 0.01, False),
]

# `maximize` climbs without bound, so these run on the quadratic only, with
# small steps that keep the values moderate.
MAXIMIZE_CONFIGS = [
    ("sgd-maximize", "sgd:lr={lr},maximize=true", sgd(maximize=True), 0.002, True),
    ("adam-maximize", "adam:lr={lr},maximize=true", adam(maximize=True), 0.05, False),
    ("adamw-maximize", "adamw:lr={lr},maximize=true",
     lambda p, lr: torch.optim.AdamW([p], lr=lr, maximize=True), 0.05, False),
    ("adamax-maximize", "adamax:lr={lr},maximize=true",
     lambda p, lr: torch.optim.Adamax([p], lr=lr, maximize=True), 0.05, False),
    ("rmsprop-maximize", "rmsprop:lr={lr},maximize=true",
     lambda p, lr: torch.optim.RMSprop([p], lr=lr, maximize=True), 0.005, False),
    ("adagrad-maximize", "adagrad:lr={lr},maximize=true",
     lambda p, lr: torch.optim.Adagrad([p], lr=lr, maximize=True), 0.1, False),
    ("adadelta-maximize", "adadelta:lr={lr},maximize=true",
     lambda p, lr: torch.optim.Adadelta([p], lr=lr, maximize=True), 1.0, False),
]


def scheduler_factories():
    """Each schedule: case name, optiscope spec, factory(optimizer, steps)."""
    lr_scheduler = torch.optim.lr_scheduler

    def warmup_cosine(optimizer, warmup, start_factor, t_max, eta_min):
        linear = lr_scheduler.LinearLR(optimizer, start_factor=start_factor, end_factor=1.0,
                                       total_iters=warmup)
        cosine = lr_scheduler.CosineAnnealingLR(optimizer, T_max=t_max, eta_min=eta_min)
        return lr_scheduler.SequentialLR(optimizer, [linear, cosine], milestones=[warmup])

    def one_cycle(**options):
        return lambda optimizer, steps: lr_scheduler.OneCycleLR(
            optimizer, cycle_momentum=False, **options)

    return [
        ("constant", "constant", lambda optimizer, steps: None),
        ("step", "step:step_size=10,gamma=0.5",
         lambda optimizer, steps: lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)),
        ("multistep", "multistep:milestones=[10,25,25,40],gamma=0.3",
         lambda optimizer, steps: lr_scheduler.MultiStepLR(optimizer, [10, 25, 25, 40], 0.3)),
        ("exponential", "exponential:gamma=0.95",
         lambda optimizer, steps: lr_scheduler.ExponentialLR(optimizer, gamma=0.95)),
        ("cosine", "cosine:T_max=30,eta_min=0.001",
         lambda optimizer, steps: lr_scheduler.CosineAnnealingLR(optimizer, 30, 0.001)),
        ("cosine-default", "cosine",
         lambda optimizer, steps: lr_scheduler.CosineAnnealingLR(optimizer, steps)),
        ("linear", "linear:start_factor=0.1,end_factor=1,total_iters=10",
         lambda optimizer, steps: lr_scheduler.LinearLR(optimizer, 0.1, 1.0, 10)),
        ("linear-decay", "linear:start_factor=1,end_factor=0.2,total_iters=40",
         lambda optimizer, steps: lr_scheduler.LinearLR(optimizer, 1.0, 0.2, 40)),
        ("warmup-cosine", "warmup_cosine:warmup_steps=10,start_factor=0.1,T_max=50,eta_min=0",
         lambda optimizer, steps: warmup_cosine(optimizer, 10, 0.1, 50, 0.0)),
        ("onecycle", "onecycle:max_lr=0.1",
         one_cycle(max_lr=0.1, total_steps=STEPS + 20)),
        ("onecycle-linear",
         "onecycle:max_lr=0.2,pct_start=0.25,anneal_strategy=linear,div_factor=10,"
         "final_div_factor=100",
         one_cycle(max_lr=0.2, total_steps=STEPS + 20, pct_start=0.25,
                   anneal_strategy="linear", div_factor=10.0, final_div_factor=100.0)),
        ("onecycle-three-phase", "onecycle:max_lr=0.1,three_phase=true",
         one_cycle(max_lr=0.1, total_steps=STEPS + 20, three_phase=True)),
    ]


def schedule_spec_with_steps(case, spec):
    """One-cycle specs name total_steps explicitly; the others use the defaults."""
    if case.startswith("onecycle"):
        return spec + f",total_steps={STEPS + 20}"
    return spec


def run_case(make_optimizer, lr, surface, steps, make_scheduler=None):
    gradient, start, _ = SURFACES[surface]
    parameters = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    optimizer = make_optimizer(parameters, lr)
    scheduler = make_scheduler(optimizer, steps) if make_scheduler else None
    points = [tuple(parameters.detach().tolist())]
    for _ in range(steps):
        optimizer.zero_grad()
        with torch.no_grad():
            parameters.grad = gradient(parameters[0], parameters[1]).clone()
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
        points.append(tuple(parameters.detach().tolist()))
    for x, y in points:
        if not (math.isfinite(x) and math.isfinite(y) and abs(x) < 1e6 and abs(y) < 1e6):
            raise SystemExit(f"a golden case left the stable range: {points[-1]}")
    return points


def optimizer_rows():
    rows = []
    for surface, (_, _, scale) in SURFACES.items():
        configs = CONFIGS + (MAXIMIZE_CONFIGS if surface == "quadratic" else [])
        for name, spec, factory, base_lr, scales in configs:
            lr = base_lr * scale if scales else base_lr
            if surface == "rosenbrock" and not scales:
                lr = lr / 5
            lr = float(f"{lr:.6g}")
            spec_text = spec.format(lr=lr)
            case = f"{surface}/{name}"
            for step, (x, y) in enumerate(run_case(factory, lr, surface, STEPS)):
                rows.append([case, spec_text, "", surface, step, repr(x), repr(y)])
    # Optimizers driven by schedules: the schedule changes every step's lr.
    for case, spec, factory, schedule_case in [
        ("momentum+warmup-cosine", "momentum:lr=0.05", sgd(momentum=0.9), "warmup-cosine"),
        ("adam+onecycle", "adam:lr=0.1", adam(), "onecycle"),
        ("sgd+step", "sgd:lr=0.1", sgd(), "step"),
    ]:
        schedules = {name: (text, make) for name, text, make in scheduler_factories()}
        schedule_text, make_scheduler = schedules[schedule_case]
        schedule_text = schedule_spec_with_steps(schedule_case, schedule_text)
        lr = float(spec.split("lr=")[1])
        points = run_case(factory, lr, "quadratic", STEPS, make_scheduler)
        for step, (x, y) in enumerate(points):
            rows.append([f"quadratic/{case}", spec, schedule_text, "quadratic", step,
                         repr(x), repr(y)])
    return rows


def schedule_rows():
    rows = []
    base_lr = 0.1
    for case, spec, make_scheduler in scheduler_factories():
        parameter = torch.zeros(1, requires_grad=True)
        optimizer = torch.optim.SGD([parameter], lr=base_lr)
        scheduler = make_scheduler(optimizer, STEPS)
        for step in range(1, STEPS + 1):
            rows.append([case, schedule_spec_with_steps(case, spec), base_lr, STEPS, step,
                         repr(optimizer.param_groups[0]["lr"])])
            parameter.grad = torch.zeros(1)
            optimizer.step()
            if scheduler is not None:
                scheduler.step()
    return rows


def write_csv(target, header, rows):
    temporary = target.with_suffix(".csv.tmp")
    with temporary.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    temporary.replace(target)
    cases = len({row[0] for row in rows})
    print(f"wrote {target}: {cases} cases, {len(rows)} rows (torch {torch.__version__})")


def main():
    out_dir = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "tests/goldens")
    out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(out_dir / "optimizers.csv",
              ["case", "spec", "schedule", "surface", "step", "x", "y"], optimizer_rows())
    write_csv(out_dir / "schedules.csv",
              ["case", "spec", "base_lr", "steps", "step", "lr"], schedule_rows())


if __name__ == "__main__":
    main()

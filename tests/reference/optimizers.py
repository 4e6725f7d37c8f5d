#!/usr/bin/env python3
"""Reference trajectories for NetGen's optimizers and learning-rate schedules, produced by PyTorch itself.

Writes tests/NetGen.Tests/Fixtures/optimizers.json, which the C# tests read; CI needs no Python. Rerun after changing a
case (Debian: `apt-get install -y python3-torch`, then `/usr/bin/python3 tests/reference/optimizers.py`) and commit the
regenerated file with the script. The committed file was produced with Debian's python3-torch 1.13.1 (reports
1.13.0a0).

Conventions:
- float64 tensors throughout (the C# code under test computes in float32 and is compared with a tolerance);
- single-tensor code paths (foreach=False), one parameter group;
- the AMSGrad cases use a small beta2, so that exp_avg_sq falls below its running maximum as the gradients shrink;
- every case starts from the same parameter vector and sees the same gradient sequence, one gradient per step;
  trajectory[k] holds the parameters after step k + 1;
- options use torch.optim's keyword names; an option left out of a case uses torch's default, so the "defaults"
  cases also check that NetGen's defaults are PyTorch's;
- schedules: lrs[e] is the learning rate in effect during epoch e (get_last_lr() after e calls of scheduler.step()).
  The script asserts that it equals the closed form (_get_closed_form_lr), which is what NetGen implements.
"""

import json
import math
import os
import re

import torch

STEPS = 8
INITIAL = [0.5, -1.2, 2.0, 0.0, -0.3, 1.1]


def gradient(step, i):
    """Varying signs and magnitudes; shrinking over time so that AMSGrad's running maximum matters."""
    if step == 0 and i == 5:
        return 0.0  # a zero gradient on a fresh state: exercises eps
    scale = 1.5 / (1.0 + 0.5 * step)
    return scale * math.sin(1.3 * i + 0.7 * step + 0.2) + 0.1 * (i - 2.5)


GRADIENTS = [[gradient(t, i) for i in range(len(INITIAL))] for t in range(STEPS)]

OPTIMIZERS = {
    "Sgd": torch.optim.SGD,
    "Adagrad": torch.optim.Adagrad,
    "Adadelta": torch.optim.Adadelta,
    "RmsProp": torch.optim.RMSprop,
    "Adam": torch.optim.Adam,
    "AdamW": torch.optim.AdamW,
}

CASES = [
    ("sgd", "Sgd", {"lr": 0.1}),
    ("sgd_momentum", "Sgd", {"lr": 0.1, "momentum": 0.9}),
    ("sgd_dampening_weight_decay", "Sgd", {"lr": 0.1, "momentum": 0.9, "dampening": 0.3, "weight_decay": 0.01}),
    ("sgd_nesterov_weight_decay", "Sgd", {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weight_decay": 0.05}),
    ("adagrad_defaults", "Adagrad", {}),
    ("adagrad_options", "Adagrad",
     {"lr": 0.2, "lr_decay": 0.1, "weight_decay": 0.05, "initial_accumulator_value": 0.3, "eps": 1e-6}),
    ("adadelta_defaults", "Adadelta", {}),
    ("adadelta_options", "Adadelta", {"lr": 0.5, "rho": 0.8, "eps": 1e-4, "weight_decay": 0.1}),
    ("rmsprop_defaults", "RmsProp", {}),
    ("rmsprop_momentum_weight_decay", "RmsProp", {"lr": 0.01, "momentum": 0.9, "weight_decay": 0.02}),
    ("rmsprop_centered", "RmsProp", {"lr": 0.02, "alpha": 0.9, "centered": True}),
    ("rmsprop_centered_momentum", "RmsProp",
     {"lr": 0.005, "alpha": 0.95, "eps": 1e-6, "momentum": 0.5, "centered": True, "weight_decay": 0.1}),
    ("adam_defaults", "Adam", {}),
    ("adam_options", "Adam", {"lr": 0.05, "betas": [0.8, 0.95], "eps": 1e-6, "weight_decay": 0.1}),
    ("adam_amsgrad", "Adam", {"lr": 0.05, "betas": [0.9, 0.7], "amsgrad": True}),
    ("adam_amsgrad_weight_decay", "Adam", {"lr": 0.02, "betas": [0.5, 0.9], "weight_decay": 0.05, "amsgrad": True}),
    ("adamw_defaults", "AdamW", {}),
    ("adamw_options", "AdamW", {"lr": 0.05, "betas": [0.8, 0.95], "eps": 1e-6, "weight_decay": 0.1}),
    ("adamw_amsgrad", "AdamW", {"lr": 0.05, "betas": [0.8, 0.8], "weight_decay": 0.2, "amsgrad": True}),
]

SCHEDULES = [
    ("step_lr", "StepLR", 0.5, {"step_size": 3, "gamma": 0.5}),
    ("step_lr_default_gamma", "StepLR", 0.2, {"step_size": 2}),
    ("exponential_lr", "ExponentialLR", 0.1, {"gamma": 0.9}),
    ("cosine_annealing_lr", "CosineAnnealingLR", 0.1, {"T_max": 5}),
    ("cosine_annealing_lr_eta_min", "CosineAnnealingLR", 1.0, {"T_max": 4, "eta_min": 0.1}),
]
EPOCHS = 12


def trajectory(optimizer_name, options):
    param = torch.tensor(INITIAL, dtype=torch.float64, requires_grad=True)
    kwargs = dict(options)
    if "betas" in kwargs:
        kwargs["betas"] = tuple(kwargs["betas"])
    if optimizer_name == "Sgd" and "lr" not in kwargs:
        raise ValueError("SGD needs lr")
    optimizer = OPTIMIZERS[optimizer_name]([param], foreach=False, **kwargs)
    out = []
    for grads in GRADIENTS:
        param.grad = torch.tensor(grads, dtype=torch.float64)
        optimizer.step()
        out.append(param.detach().tolist())
    return out


def schedule(scheduler_name, base_lr, options):
    param = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([param], lr=base_lr)
    scheduler = getattr(torch.optim.lr_scheduler, scheduler_name)(optimizer, **options)
    lrs = []
    for epoch in range(EPOCHS):
        lr = scheduler.get_last_lr()[0]
        closed = scheduler._get_closed_form_lr()[0]
        assert abs(lr - closed) <= 1e-12 * max(1.0, abs(closed)), (scheduler_name, epoch, lr, closed)
        lrs.append(lr)
        optimizer.step()
        scheduler.step()
    return lrs


def main():
    fixture = {
        "format": "netgen-optimizer-reference",
        "version": 1,
        "torch": torch.__version__,
        "dtype": "float64",
        "initial": INITIAL,
        "gradients": GRADIENTS,
        "cases": [
            {"name": name, "optimizer": optimizer, "options": options, "trajectory": trajectory(optimizer, options)}
            for name, optimizer, options in CASES
        ],
        "schedules": [
            {"name": name, "schedule": scheduler, "base_lr": base_lr, "options": options,
             "lrs": schedule(scheduler, base_lr, options)}
            for name, scheduler, base_lr, options in SCHEDULES
        ],
    }
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "NetGen.Tests", "Fixtures", "optimizers.json")
    text = json.dumps(fixture, indent=1)
    # One vector per line: collapse every list that holds only numbers.
    text = re.sub(r"\[\s*([-+0-9.eE,\s]+?)\s*\]", lambda m: "[" + ", ".join(re.split(r",\s*", m.group(1))) + "]", text)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
        f.write("\n")
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()

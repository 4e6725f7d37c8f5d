#!/usr/bin/env python3
"""Reference values for NetGen's activation operators, softmax and losses, produced by PyTorch itself.

Writes tests/NetGen.Tests/Fixtures/activations_losses.json, which the C# tests in tests/NetGen.Tests/Kernels read; CI
needs no Python. Rerun after changing a case (Debian: `apt-get install -y python3-torch`, then
`/usr/bin/python3 tests/reference/activations_losses.py`) and commit the regenerated file with the script. The
committed file was produced with Debian's python3-torch 1.13.1 (reports 1.13.0a0).

Conventions:
- every input is first rounded to float32, so that the C# code under test (float32) sees exactly the values PyTorch
  saw; PyTorch then computes in float64;
- gradients come from autograd: for an activation, dy/dz element by element; for softmax, the gradient of
  sum(softmax(z) * dout); for a loss, dL/d(outputs);
- non-finite numbers are written as the strings "Infinity", "-Infinity" and "NaN" (JSON has no literal for them);
- the "defaults" cases build the torch module without arguments and record the hyper-parameters it chose, so the
  C# tests also check that NetGen's defaults are PyTorch's;
- BinaryStep is torch.heaviside(z, 1); autograd has no derivative for it (NetGen uses the straight-through 1);
- PerceptronLoss has no torch module; it is written as 0.5 * MSELoss(reduction='sum') / batch.
"""

import json
import math
import os
import re

import torch
import torch.nn.functional as F

DTYPE = torch.float64
INF = math.inf

Z = [-INF, -1e4, -100.0, -30.0, -20.5, -10.1, -9.9, -5.0, -1.0, -0.25, -1e-3, -1e-7, 0.0,
     1e-7, 1e-3, 0.25, 1.0, 5.0, 9.9, 10.1, 19.9, 20.5, 30.0, 40.5, 100.0, 1e4, INF]


def f32(values):
    """The values as float32 would hold them, as a float64 tensor."""
    return torch.tensor(values, dtype=torch.float32).to(DTYPE)


def number(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def numbers(tensor):
    return [number(x) for x in tensor.detach().reshape(-1).tolist()]


def activation_case(name, operator, module, options, defaults=False, differentiable=True):
    z = f32(Z).requires_grad_(differentiable)
    y = module(z)
    case = {"name": name, "operator": operator, "defaults": defaults, "options": options, "z": numbers(z), "y": numbers(y)}
    if differentiable:
        (dz,) = torch.autograd.grad(y.sum(), z)
        case["dydz"] = numbers(dz)
    else:
        case["dydz"] = None
    return case


def activations():
    cases = [
        activation_case("BinaryStep", "BinaryStep", lambda z: torch.heaviside(z, torch.tensor(1.0, dtype=DTYPE)), {},
                        differentiable=False),
        activation_case("ArcTan", "ArcTan", torch.atan, {}),
    ]
    leaky = torch.nn.LeakyReLU()
    cases.append(activation_case("LeakyReLU-defaults", "LeakyReLU", leaky, {"negative_slope": leaky.negative_slope}, True))
    for slope in (0.2, 0.0):
        cases.append(activation_case(f"LeakyReLU-{slope}", "LeakyReLU", torch.nn.LeakyReLU(slope), {"negative_slope": slope}))
    elu = torch.nn.ELU()
    cases.append(activation_case("ELU-defaults", "ELU", elu, {"alpha": elu.alpha}, True))
    cases.append(activation_case("ELU-0.5", "ELU", torch.nn.ELU(0.5), {"alpha": 0.5}))
    softplus = torch.nn.Softplus()
    cases.append(activation_case("SoftPlus-defaults", "SoftPlus", softplus,
                                 {"beta": softplus.beta, "threshold": softplus.threshold}, True))
    for beta in (2.0, 0.5):
        cases.append(activation_case(f"SoftPlus-{beta}", "SoftPlus", torch.nn.Softplus(beta), {"beta": beta, "threshold": 20}))
    return cases


def softmax():
    batch, classes = 4, 5
    z = f32([[1.0, 2.0, 3.0, -1.0, 0.5],
             [1000.0, 1001.0, 1002.0, 999.0, 1000.5],
             [-1e4, 0.0, 1e4, 3.0, -2.0],
             [0.1, -0.3, 0.7, 0.0, -1.2]]).requires_grad_(True)
    dout = f32([[0.5, -1.0, 0.25, 2.0, -0.75],
                [1.0, 0.0, -1.0, 0.5, 0.3],
                [-0.2, 0.4, 1.1, -0.6, 0.9],
                [0.3, 0.3, 0.3, 0.3, 0.3]])
    y = torch.softmax(z, dim=-1)
    (dz,) = torch.autograd.grad((y * dout).sum(), z)
    return {"batch": batch, "classes": classes, "z": numbers(z), "y": numbers(y), "dout": numbers(dout), "dz": numbers(dz)}


def loss_case(name, loss, function, outputs, targets, batch=None):
    y = f32(outputs).requires_grad_(True)
    t = f32(targets)
    value = function(y, t)
    (grad,) = torch.autograd.grad(value, y)
    case = {"name": name, "loss": loss, "outputs": numbers(y), "targets": numbers(t), "value": number(value), "grad": numbers(grad)}
    if batch is not None:
        case["batch"] = batch
    return case


def perceptron(batch):
    return lambda y, t: 0.5 * F.mse_loss(y, t, reduction="sum") / batch


def losses():
    return [
        loss_case("L1", "MeanAbsoluteError", torch.nn.L1Loss(),
                  [0.3, -1.2, 2.5, 0.0, 4.0, -0.7, 1.5], [0.1, -1.2, 3.0, 0.5, 1.0, 0.7, 1.5]),
        loss_case("BCE", "BinaryCrossEntropy", torch.nn.BCELoss(),
                  [0.2, 0.9, 0.5, 0.01, 0.99, 0.7], [0.0, 1.0, 1.0, 0.0, 0.0, 0.3]),
        loss_case("BCE-extremes", "BinaryCrossEntropy", torch.nn.BCELoss(),
                  [0.0, 1.0, 0.0, 1.0, 1e-30, 1e-44, 1.0 - 2.0 ** -24], [1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0]),
        loss_case("BCEWithLogits", "BinaryCrossEntropyWithLogits", torch.nn.BCEWithLogitsLoss(),
                  [-3.0, -0.5, 0.0, 0.7, 2.5, 40.0, -40.0], [0.0, 1.0, 0.5, 1.0, 0.0, 1.0, 0.0]),
        loss_case("BCEWithLogits-extremes", "BinaryCrossEntropyWithLogits", torch.nn.BCEWithLogitsLoss(),
                  [1e4, -1e4, 1e4, -1e4, 30.0, -30.0], [1.0, 0.0, 0.0, 1.0, 0.25, 0.75]),
        loss_case("Perceptron-step", "PerceptronLoss", perceptron(2),
                  [1.0, 0.0, 1.0, 1.0, 0.0, 0.0], [1.0, 1.0, 0.0, 1.0, 0.0, 1.0], batch=2),
        loss_case("Perceptron-linear", "PerceptronLoss", perceptron(3),
                  [0.3, -0.2, 1.4, 0.9, 0.05, -1.5], [1.0, 0.0, 1.0, 0.0, 0.5, -1.0], batch=3),
        loss_case("Perceptron-single", "PerceptronLoss", perceptron(1),
                  [0.3, -0.2, 1.4, 0.9], [1.0, 0.0, 1.0, 0.0], batch=1),
    ]


def main():
    document = {
        "format": "netgen-activation-loss-reference",
        "version": 1,
        "torch": torch.__version__,
        "dtype": "float64",
        "activations": activations(),
        "softmax": softmax(),
        "losses": losses(),
    }
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "NetGen.Tests", "Fixtures", "activations_losses.json")
    text = json.dumps(document, indent=1, allow_nan=False)
    # One vector per line: collapse every list that holds only numbers and the non-finite strings.
    text = re.sub(r'\[\s*((?:[-+0-9.eE]+|"-?Infinity"|"NaN")(?:,\s*(?:[-+0-9.eE]+|"-?Infinity"|"NaN"))*)\s*\]',
                  lambda m: "[" + ", ".join(re.split(r",\s*", m.group(1))) + "]", text)
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)
        file.write("\n")
    print(f"wrote {os.path.normpath(path)}")


if __name__ == "__main__":
    main()

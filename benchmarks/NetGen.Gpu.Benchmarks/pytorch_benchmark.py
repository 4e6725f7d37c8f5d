"""PyTorch reference for benchmarks/NetGen.Gpu.Benchmarks: the same models, optimizer, data and measurement.

Trains the MNIST MLP (784-128-10) and LeNet-5 with SGD (lr 0.01, momentum 0.9) and cross-entropy on a synthetic
MNIST-shaped dataset resident on the device, one step per batch, shuffled each epoch, and prints training samples/s
after one warm-up epoch, in eager mode and with torch.compile. Run on the GPU machine next to the NetGen program:

    python pytorch_benchmark.py [--samples 16384] [--epochs 3] [--batches 256 1024] [--device cuda]
"""

import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = x.view(-1, 1, 28, 28)
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.flatten(1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


def epoch(step, inputs, labels, batch, generator):
    order = torch.randperm(inputs.shape[0], device=inputs.device, generator=generator)
    total = torch.zeros((), device=inputs.device)
    for start in range(0, inputs.shape[0], batch):
        index = order[start:start + batch]
        total += step(inputs[index], labels[index]) * index.numel()
    return (total / inputs.shape[0]).item()  # the one synchronisation per epoch, as in NetGen


def measure(name, model_type, compiled, inputs, labels, batch, epochs, device):
    torch.manual_seed(1)
    model = model_type().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def step(x, y):
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        return loss.detach()

    if compiled:
        step = torch.compile(step)
    generator = torch.Generator(device=device)
    generator.manual_seed(7)
    epoch(step, inputs, labels, batch, generator)  # warm-up (and compilation)
    if device.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(epochs):
        loss = epoch(step, inputs, labels, batch, generator)
    if device.type == "cuda":
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    mode = "torch.compile" if compiled else "eager"
    print(f"pytorch-benchmark: {name} batch {batch}, {mode}: {epochs * inputs.shape[0] / seconds:.0f} samples/s "
          f"({1000 * seconds / epochs:.1f} ms per epoch of {inputs.shape[0]}, loss {loss:.4f})")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=16384)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batches", type=int, nargs="+", default=[256, 1024])
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    device = torch.device(args.device)
    print(f"device: {device} ({torch.cuda.get_device_name(device) if device.type == 'cuda' else 'CPU'}), "
          f"torch {torch.__version__}")
    generator = torch.Generator().manual_seed(7)
    inputs = torch.rand(args.samples, 784, generator=generator).to(device)
    labels = torch.randint(0, 10, (args.samples,), generator=generator).to(device)
    # Eager mode for every case first: torch.compile's first compilations take most of the run.
    for compiled in (False, True):
        for batch in args.batches:
            measure("MLP 784-128-10", Mlp, compiled, inputs, labels, batch, args.epochs, device)
            measure("LeNet-5", LeNet5, compiled, inputs, labels, batch, args.epochs, device)


if __name__ == "__main__":
    main()

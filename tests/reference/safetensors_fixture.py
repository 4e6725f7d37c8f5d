#!/usr/bin/env python3
"""A safetensors file written from a PyTorch model, and the model's outputs, for NetGen's checkpoint interop test.

Writes, under tests/NetGen.Tests/Fixtures/:
- torch_sequential.safetensors: the state_dict of a seeded
  nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2)), float32;
- torch_sequential.json: the tensors' names, shapes and values, two fixed inputs and the model's outputs for them.

The C# test (tests/NetGen.Tests/Serialization/TorchInteropTests.cs) loads the .safetensors file into the equivalent
NetGen network, [Input(3)] [Dense(4, Activation.Tanh)] [Dense(2)], and must reproduce the outputs within 1e-6; CI
needs no Python.
Rerun after changing anything here (Debian: `apt-get install -y python3-torch`, then
`/usr/bin/python3 tests/reference/safetensors_fixture.py`) and commit both outputs with the script. The committed files
were produced with Debian's python3-torch 1.13.1 (reports 1.13.0a0).

The file is built BY HAND with struct and json, following the format's README (https://github.com/huggingface/safetensors),
not with the `safetensors` package (not packaged for Debian's Python here) and not with NetGen, so that the C# reader
is checked against an independent writer:
- 8 bytes: N, the header length, unsigned little-endian;
- N bytes: a UTF-8 JSON object {name: {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ...,
  "__metadata__": {str: str}}, offsets relative to the data buffer, padded with spaces to a multiple of 8;
- the data: each tensor little-endian, row-major, one after another with no gaps, covering the buffer exactly.

Names: nn.Sequential numbers every module, so the Linear layers are "0" and "2" ("1" is the Tanh). NetGen's
ParameterTensors use the same numbering (activation modules counted), so no name map is involved on either side.

Reverse direction, a manual check (not run by CI, which has no torch): a NetGen-written checkpoint of the same network
can be loaded here with `/usr/bin/python3 tests/reference/safetensors_fixture.py --check FILE`: it parses FILE by hand
with the same rules, drops NetGen's "optimizer.state" tensor if present, loads the rest with
load_state_dict(strict=True) and prints the model's outputs for the fixture's inputs and their distance from the
fixture's. To get such a file, run the interop tests with NETGEN_INTEROP_DIR=/some/dir; they then copy the checkpoint
they write there (netgen_torch_sequential.safetensors).

Outputs are computed in float64 from the float32 weights (the C# code under test computes in float32 and is compared
with a tolerance).
"""

import argparse
import copy
import json
import os
import struct
import sys

import torch
from torch import nn

SEED = 20240607
INPUTS = [[0.5, -1.25, 2.0], [-0.75, 0.3, -1.6]]
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "NetGen.Tests", "Fixtures")
SAFETENSORS = os.path.join(FIXTURES, "torch_sequential.safetensors")
REFERENCE = os.path.join(FIXTURES, "torch_sequential.json")
MAX_HEADER = 100_000_000


def build_model():
    torch.manual_seed(SEED)
    return nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))


def write_safetensors(path, tensors, metadata):
    """tensors: list of (name, float32 tensor). Writes the file by hand; returns its bytes."""
    header = {"__metadata__": metadata}
    data = bytearray()
    for name, tensor in tensors:
        values = tensor.detach().contiguous().reshape(-1).tolist()
        begin = len(data)
        data += struct.pack("<%df" % len(values), *values)
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [begin, len(data)]}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    blob = struct.pack("<Q", len(text)) + text + bytes(data)
    with open(path, "wb") as f:
        f.write(blob)
    return blob


def read_safetensors(path):
    """Parses a safetensors file by hand, checking the format's rules; returns ({name: float32 tensor}, metadata)."""
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise ValueError("shorter than the 8-byte header length")
    (n,) = struct.unpack("<Q", blob[:8])
    if n > MAX_HEADER or 8 + n > len(blob):
        raise ValueError("header length %d does not fit the file of %d bytes" % (n, len(blob)))
    text = blob[8:8 + n]
    if not text.startswith(b"{"):
        raise ValueError("header does not begin with '{'")

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError("duplicate keys in the header")
        return dict(pairs)

    header = json.loads(text.decode("utf-8"), object_pairs_hook=no_duplicates)
    metadata = header.pop("__metadata__", {})
    if not all(isinstance(v, str) for v in metadata.values()):
        raise ValueError("metadata values must be strings")
    data = blob[8 + n:]
    covered = 0
    tensors = {}
    for name, entry in sorted(header.items(), key=lambda item: tuple(item[1]["data_offsets"])):
        if entry["dtype"] != "F32":
            raise ValueError("%s: only F32 is handled here, not %s" % (name, entry["dtype"]))
        begin, end = entry["data_offsets"]
        count = 1
        for dim in entry["shape"]:
            count *= dim
        if begin != covered or end - begin != 4 * count or end > len(data):
            raise ValueError("%s: data_offsets %r do not follow the previous tensor or match the shape" % (name, [begin, end]))
        values = struct.unpack("<%df" % count, data[begin:end])
        tensors[name] = torch.tensor(values, dtype=torch.float32).reshape(entry["shape"])
        covered = end
    if covered != len(data):
        raise ValueError("the tensors cover %d of %d data bytes" % (covered, len(data)))
    return tensors, metadata


def outputs_float64(model, inputs):
    reference = copy.deepcopy(model).double()
    with torch.no_grad():
        return reference(torch.tensor(inputs, dtype=torch.float64)).tolist()


def generate():
    model = build_model()
    state = model.state_dict()
    metadata = {"format": "pt", "source": "tests/reference/safetensors_fixture.py", "torch": torch.__version__}
    write_safetensors(SAFETENSORS, list(state.items()), metadata)

    # The hand-written file must read back to the same tensors.
    tensors, _ = read_safetensors(SAFETENSORS)
    assert list(tensors) == list(state), (list(tensors), list(state))
    for name, value in state.items():
        assert torch.equal(tensors[name], value), name

    reference = {
        "generator": "tests/reference/safetensors_fixture.py",
        "torch_version": torch.__version__,
        "seed": SEED,
        "model": "nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))",
        "tensors": [
            {"name": name, "shape": list(value.shape), "values": [float(v) for v in value.reshape(-1).tolist()]}
            for name, value in state.items()
        ],
        "inputs": INPUTS,
        "outputs": outputs_float64(model, INPUTS),
    }
    with open(REFERENCE, "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")
    print("wrote", os.path.relpath(SAFETENSORS), "and", os.path.relpath(REFERENCE))


def check(path):
    tensors, metadata = read_safetensors(path)
    print("metadata:", json.dumps(metadata, sort_keys=True))
    tensors.pop("optimizer.state", None)
    model = build_model()
    model.load_state_dict(tensors, strict=True)
    outputs = outputs_float64(model, INPUTS)
    print("outputs:", outputs)
    with open(REFERENCE) as f:
        expected = json.load(f)["outputs"]
    worst = max(abs(a - b) for row, ref in zip(outputs, expected) for a, b in zip(row, ref))
    print("max |difference| from the fixture's outputs: %.3g" % worst)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", metavar="FILE", help="load a NetGen-written checkpoint into the torch model")
    args = parser.parse_args()
    if args.check:
        return check(args.check)
    generate()
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Makes the RAFT agreement fixture of tests/VideoSeg.Models.Tests/Raft/Fixtures from princeton-vl/RAFT's own code.

RAFT's code is imported from a checkout given on the command line and is never copied into this repository. For
the full model and RAFT-small the script:

1. seeds torch and builds RAFT(args) exactly as RAFT's demo.py/evaluate.py do (mixed_precision False,
   alternate_corr False, dropout 0), so the weights start from RAFT's own initialisation (kaiming for the encoders,
   PyTorch's defaults for the update block);
2. makes every batch-norm layer non-trivial (weight, bias, running mean and variance drawn at random,
   num_batches_tracked set), then quantizes every floating-point tensor to a multiple of the largest power of two
   not above its standard deviation, clamped to +-4 standard deviations (see QUANTIZATION below);
3. saves the state dict with torch.save through nn.DataParallel, so every key carries the 'module.' prefix as in
   RAFT's released raft-things.pth, raft-sintel.pth and raft-small.pth, and gzips the file;
4. runs model(image1, image2, iters=N, test_mode=True) in eval mode on two pairs of synthetic frames of a size that is
   not a multiple of 8, padded first by RAFT's InputPadder in its default ('sintel') mode, the mode of demo.py and of
   the Sintel evaluation, and unpads flow_up, as demo.py and evaluate.py do;
5. writes the frames (uint8 values as float32) and the flows (float32) to one compressed .npz.

QUANTIZATION. Full RAFT has 5.3 million parameters: 21 MB as float32, too large to commit. Quantized values take few
bits (a sign, a small multiple and a per-tensor exponent), so the gzipped float32 file is a few MB while the
weights keep RAFT's initial scale and randomness. The .pth itself is an ordinary float32 torch.save file: VideoSeg
reads it with the same reader and strict loader as the released checkpoints. Quantization changes which random
numbers the network holds, nothing about how it computes.

The frames are synthetic (the shared FlyingChairs and DAVIS samples may not be copied into the project): a
textured background of random sinusoids translated by a sub-pixel amount and a textured disc moving the other
way, rendered analytically in both frames.

RAFT's core/utils/utils.py imports scipy at module level for forward_interpolate (warm starts, unused here); a
stub module stands in for scipy where it is not installed (Debian's python3-torch does not pull it in).

Usage (see eng/reference/README.md for the exact command that made the committed fixture):
  /usr/bin/python3 eng/reference/raft_fixture.py --raft <RAFT checkout> --out tests/VideoSeg.Models.Tests/Raft/Fixtures

Needs PyTorch and numpy only (Debian: python3-torch).
"""
import argparse
import gzip
import io
import json
import os
import subprocess
import sys
import types

import numpy as np
import torch
from torch import nn

HEIGHT = 124
WIDTH = 148
SEED = 20250611
ITERATIONS = 12
MODELS = (('raft', False), ('raft-small', True))


def import_raft(checkout):
    core = os.path.join(checkout, 'core')
    if not os.path.isfile(os.path.join(core, 'raft.py')):
        sys.exit(f'{checkout} is not a RAFT checkout: {core}/raft.py is missing')
    try:
        import scipy.interpolate  # noqa: F401
    except ImportError:
        scipy = types.ModuleType('scipy')
        scipy.interpolate = types.ModuleType('scipy.interpolate')
        sys.modules['scipy'] = scipy
        sys.modules['scipy.interpolate'] = scipy.interpolate
    sys.path.insert(0, core)
    from raft import RAFT
    from utils.utils import InputPadder
    return RAFT, InputPadder


def raft_commit(checkout):
    try:
        return subprocess.run(['git', '-C', checkout, 'rev-parse', 'HEAD'], check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'


def make_frames(rng):
    """Two pairs of RGB frames, (2, 3, H, W) float32 in 0..255 with integer values."""
    ys, xs = np.meshgrid(np.arange(HEIGHT, dtype=np.float64), np.arange(WIDTH, dtype=np.float64), indexing='ij')
    firsts, seconds = [], []
    for pair in range(2):
        waves = [(rng.uniform(0.05, 0.35), rng.uniform(0, 2 * np.pi), rng.uniform(0, 2 * np.pi), rng.uniform(20, 45)) for _ in range(6)]
        disc_waves = [(rng.uniform(0.2, 0.6), rng.uniform(0, 2 * np.pi), rng.uniform(0, 2 * np.pi), rng.uniform(25, 50)) for _ in range(3)]
        background_shift = rng.uniform(-4, 4, size=2)
        disc_shift = rng.uniform(-6, 6, size=2)
        centre = np.array([rng.uniform(0.35, 0.65) * WIDTH, rng.uniform(0.35, 0.65) * HEIGHT])
        radius = rng.uniform(18, 28)
        colour = rng.uniform(40, 215, size=3)

        def render(t):
            bx, by = xs - t * background_shift[0], ys - t * background_shift[1]
            image = np.zeros((3, HEIGHT, WIDTH))
            for c in range(3):
                image[c] = 128 + sum(a * np.sin(f * (np.cos(th) * bx + np.sin(th) * by) + ph + c) for f, th, ph, a in waves[2 * c: 2 * c + 2])
            dx, dy = xs - (centre[0] + t * disc_shift[0]), ys - (centre[1] + t * disc_shift[1])
            inside = np.clip(radius - np.sqrt(dx * dx + dy * dy) + 0.5, 0, 1)
            for c in range(3):
                texture = colour[c] + sum(a * np.sin(f * (np.cos(th) * dx + np.sin(th) * dy) + ph) for f, th, ph, a in disc_waves)
                image[c] = (1 - inside) * image[c] + inside * texture
            return np.clip(np.round(image), 0, 255).astype(np.float32)

        firsts.append(render(0.0))
        seconds.append(render(1.0))
    return np.stack(firsts), np.stack(seconds)


def randomize_batch_norms(model, generator):
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            n = module.num_features
            module.weight.data = 1 + 0.2 * torch.randn(n, generator=generator)
            module.bias.data = 0.2 * torch.randn(n, generator=generator)
            module.running_mean.data = 0.3 * torch.randn(n, generator=generator)
            module.running_var.data = torch.exp(0.5 * torch.randn(n, generator=generator))
            module.num_batches_tracked.fill_(1000)


def quantize(model):
    """Every floating-point tensor to a multiple of 2^floor(log2(std)) (about 2 bits of entropy a value), within +-4 std."""
    with torch.no_grad():
        for name, tensor in model.state_dict().items():
            if not tensor.is_floating_point() or tensor.numel() < 2:
                continue
            std = float(tensor.std())
            mean = float(tensor.mean())
            if std == 0:
                continue
            step = 2.0 ** np.floor(np.log2(std))
            offset = step * round(mean / step)
            values = offset + torch.round(((tensor - offset).clamp(-4 * std, 4 * std)) / step) * step
            tensor.copy_(values)


def save_module_prefixed(model, path):
    # DataParallel is how RAFT's train.py wraps the model, and why the released files' keys start with 'module.'.
    state = nn.DataParallel(model).state_dict()
    assert all(key.startswith('module.') for key in state)
    buffer = io.BytesIO()
    torch.save(state, buffer)
    with gzip.GzipFile(path, 'wb', compresslevel=9, mtime=0) as handle:
        handle.write(buffer.getvalue())
    return len(state), sum(t.numel() for t in model.parameters())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--raft', required=True, help='a checkout of princeton-vl/RAFT (its core/ is imported)')
    parser.add_argument('--out', required=True, help='the fixture folder')
    parser.add_argument('--threads', type=int, default=1)
    arguments = parser.parse_args()
    torch.set_num_threads(arguments.threads)
    RAFT, InputPadder = import_raft(arguments.raft)
    os.makedirs(arguments.out, exist_ok=True)

    frames1, frames2 = make_frames(np.random.RandomState(SEED))
    arrays = {'image1': frames1, 'image2': frames2}
    summary = {'raft_commit': raft_commit(arguments.raft), 'torch': torch.__version__, 'numpy': np.__version__,
               'seed': SEED, 'height': HEIGHT, 'width': WIDTH, 'iterations': ITERATIONS, 'padder': 'sintel', 'models': {}}
    for index, (name, small) in enumerate(MODELS):
        torch.manual_seed(SEED + index)
        generator = torch.Generator().manual_seed(SEED + 100 + index)
        model = RAFT(argparse.Namespace(small=small, mixed_precision=False, alternate_corr=False, dropout=0))
        randomize_batch_norms(model, generator)
        quantize(model)
        model.eval()
        keys, parameters = save_module_prefixed(model, os.path.join(arguments.out, f'{name}.pth.gz'))

        image1, image2 = torch.from_numpy(frames1), torch.from_numpy(frames2)
        padder = InputPadder(image1.shape)
        image1, image2 = padder.pad(image1, image2)
        with torch.no_grad():
            # One iteration as well for the full model: the first update isolates the encoders, the correlation
            # and one GRU step from the drift that twelve iterations accumulate.
            for iterations in ((1, ITERATIONS) if not small else (ITERATIONS,)):
                flow_low, flow_up = model(image1, image2, iters=iterations, test_mode=True)
                flow = padder.unpad(flow_up)
                arrays[f'{name}_flow_iters{iterations}'] = flow.numpy().astype(np.float32)
        summary['models'][name] = {'keys': keys, 'parameters': parameters,
                                   'max_abs_flow': float(flow.abs().max()), 'mean_abs_flow': float(flow.abs().mean())}

    np.savez_compressed(os.path.join(arguments.out, 'raft_fixture.npz'), **arrays)
    with open(os.path.join(arguments.out, 'raft_fixture.json'), 'w', encoding='utf-8') as handle:
        json.dump(summary, handle, indent=2)
        handle.write('\n')
    print(json.dumps(summary))


if __name__ == '__main__':
    main()

#!/usr/bin/python3
"""Fine-tunes the OpenCV dnn_superres ONNX models (ESPCN, FSRCNN) on MATLAB-bicubic reductions and exports ONNX.

Why: the exported models were trained on OpenCV INTER_CUBIC reductions (no antialiasing). Benchmark inputs and real
photos are smoother (antialiased), so the models under-sharpen them (+0.2 dB over Lanczos on Set14 x2 raw).
Fine-tuning on the right degradation closes most of the gap to the published figures.

Training data: HR images that are NOT in Set5/Set14 (the validation and test sets): BSD100, Urban100, Kodak24,
McMaster (all in ../shared/datasets). LR = MATLAB imresize(hr, 1/s, 'bicubic') (antialiased Keys a=-0.5), of the
RGB image rounded to 8 bits, then OpenCV's full-range BT.601 Y (what OnnxSuperResolver feeds the model) / 255.
Loss: L2 on the patch interior (outputs within the receptive radius of the patch edge are left out, so the model is
trained on real context; OnnxSuperResolver gives it reflected context at image borders).

Usage (Debian: apt-get install python3-torch python3-onnx python3-pil):
  /usr/bin/python3 scripts/superres/finetune.py --family fsrcnn --scale 2 --minutes 30 --out /tmp/FSRCNN-ft_x2.onnx
"""
import argparse
import glob
import math
import os
import random
import time

import numpy as np
import onnx
from onnx import numpy_helper
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

SHARED = os.environ.get("ENHANCER_SHARED_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))


# ---------- degradation and colour, as the Java side and the SR literature do it ----------
def cubic(x):
    a = np.abs(x)
    return np.where(a <= 1, 1.5 * a**3 - 2.5 * a**2 + 1, np.where(a < 2, -0.5 * a**3 + 2.5 * a**2 - 4 * a + 2, 0))


def matlab_downscale_axis(img, s, axis):
    """MATLAB imresize(..., 1/s, 'bicubic') along one axis: kernel cubic(x/s)/s, symmetric borders."""
    n = img.shape[axis]
    out_n = n // s
    centres = (np.arange(out_n) + 0.5) * s - 0.5
    taps = 4 * s + 2
    left = np.floor(centres - 2 * s).astype(int)
    idx = left[:, None] + np.arange(taps)[None, :]
    w = cubic((centres[:, None] - idx) / s)
    w /= w.sum(axis=1, keepdims=True)
    idx = np.where(idx < 0, -idx - 1, idx)  # symmetric padding
    idx = np.where(idx >= n, 2 * n - 1 - idx, idx)
    moved = np.moveaxis(img, axis, 0)
    res = np.einsum("ot,ot...->o...", w, moved[idx])
    return np.moveaxis(res, 0, axis)


def matlab_downscale(img, s):
    return matlab_downscale_axis(matlab_downscale_axis(img, s, 0), s, 1)


def full_range_y(rgb):
    """OpenCV COLOR_BGR2YCrCb luma on 8-bit input, as a float 0..255 (rounded like OpenCV's 8-bit conversion)."""
    return np.round(0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2])


def studio_y(rgb):
    return 16 + (65.481 * rgb[..., 0] + 128.553 * rgb[..., 1] + 24.966 * rgb[..., 2]) / 255


def load_rgb(path):
    im = Image.open(path).convert("RGB")
    return np.asarray(im, dtype=np.float64)


def make_pair(rgb, s):
    h, w = rgb.shape[0] // s * s, rgb.shape[1] // s * s
    hr = rgb[:h, :w]
    lr = np.clip(np.round(matlab_downscale(hr, s)), 0, 255)
    return hr, lr


# ---------- models ----------
class Espcn(nn.Module):
    radius = 4

    def __init__(self, s):
        super().__init__()
        self.c1 = nn.Conv2d(1, 64, 5, padding=2)
        self.c2 = nn.Conv2d(64, 32, 3, padding=1)
        self.c3 = nn.Conv2d(32, s * s, 3, padding=1)
        self.shuffle = nn.PixelShuffle(s)

    def forward(self, x):
        x = F.relu(self.c1(x))
        x = F.relu(self.c2(x))
        return torch.tanh(self.shuffle(self.c3(x)))

    def load_onnx(self, path):
        w = {i.name: numpy_helper.to_array(i) for i in onnx.load(path).graph.initializer}
        for k, conv in (("1", self.c1), ("2", self.c2), ("3", self.c3)):
            conv.weight.data = torch.from_numpy(w["f" + k + "_oihw"].copy())
            conv.bias.data = torch.from_numpy(w["b" + k + "_nchw"].reshape(-1).copy())


class Fsrcnn(nn.Module):
    """The dnn_superres FSRCNN: feature 5x5 d, shrink 1x1 s, m x 3x3, expand 1x1 d, 1x1 to s*s + shuffle, bias after."""

    def __init__(self, s, d=56, shrink=12, m=4):
        super().__init__()
        layers = [nn.Conv2d(1, d, 5, padding=2), nn.PReLU(d), nn.Conv2d(d, shrink, 1), nn.PReLU(shrink)]
        for _ in range(m):
            layers += [nn.Conv2d(shrink, shrink, 3, padding=1), nn.PReLU(shrink)]
        layers += [nn.Conv2d(shrink, d, 1), nn.PReLU(d)]
        self.body = nn.Sequential(*layers)
        self.last = nn.Conv2d(d, s * s, 1, bias=False)
        self.shuffle = nn.PixelShuffle(s)
        self.bias = nn.Parameter(torch.zeros(1))
        self.radius = 2 + m

    def forward(self, x):
        return self.shuffle(self.last(self.body(x))) + self.bias

    def load_onnx(self, path):
        g = onnx.load(path).graph
        w = {i.name: numpy_helper.to_array(i) for i in g.initializer}
        convs = [l for l in self.body if isinstance(l, nn.Conv2d)]
        prelus = [l for l in self.body if isinstance(l, nn.PReLU)]
        for k, conv in enumerate(convs, start=1):
            conv.weight.data = torch.from_numpy(w["f%d_oihw" % k].copy())
            conv.bias.data = torch.from_numpy(w["b%d_nchw" % k].reshape(-1).copy())
        # TF PReLU written as relu(x) + alpha * (x - |x|) * 0.5
        for k, p in enumerate(prelus, start=1):
            half = float(w["mul_%d/y_nchw" % (2 * k - 1)]) if ("mul_%d/y_nchw" % (2 * k - 1)) in w else 0.5
            p.weight.data = torch.from_numpy((w["alpha%d_nchw" % k].reshape(-1) * 2 * half).astype(np.float32))
        n = len(convs) + 1
        self.last.weight.data = torch.from_numpy(w["f%d_oihw" % n].copy())
        self.bias.data = torch.from_numpy(w["b%d_nchw" % n].reshape(-1).copy())


def build(family, s):
    if family == "espcn":
        m = Espcn(s)
        m.load_onnx(os.path.join(SHARED, "models", "espcn", "ESPCN_x%d.onnx" % s))
    elif family == "fsrcnn":
        m = Fsrcnn(s)
        m.load_onnx(os.path.join(SHARED, "models", "fsrcnn", "FSRCNN_x%d.onnx" % s))
    elif family == "fsrcnn-small":
        m = Fsrcnn(s, d=32, shrink=5, m=1)
        m.load_onnx(os.path.join(SHARED, "models", "fsrcnn", "FSRCNN-small_x%d.onnx" % s))
    else:
        raise SystemExit("unknown family " + family)
    return m


# ---------- evaluation (same protocol as SuperResolutionBench; chroma does not enter luminance PSNR) ----------
def set_pairs(name, s):
    folder = os.path.join(SHARED, "datasets", "sr-" + name, "x2" if s == 3 else "x%d" % s)
    out = []
    for hr_path in sorted(glob.glob(os.path.join(folder, "*_HR.png"))):
        hr = load_rgb(hr_path)
        if s == 3:
            hr, lr = make_pair(hr, 3)
        else:
            lr = load_rgb(hr_path.replace("_HR.png", "_LR.png"))
        out.append((hr, lr))
    return out


def upscale_y(model, lr_y, radius):
    x = torch.from_numpy((lr_y / 255).astype(np.float32))[None, None]
    p = radius + 1
    x = F.pad(x, (p, p, p, p), mode="reflect")
    with torch.no_grad():
        y = model(x)
    s = y.shape[-1] // x.shape[-1]
    y = y[..., p * s:-p * s, p * s:-p * s]
    return np.clip(np.round(y[0, 0].numpy() * 255), 0, 255)


def evaluate(model, pairs, s, radius):
    total = 0
    for hr, lr in pairs:
        sr_full = upscale_y(model, full_range_y(lr), radius)
        sr = 16 + 219 * sr_full / 255  # studio Y of the output (chroma cancels for Y to first order)
        ref = studio_y(hr)
        d = (sr - ref)[s:-s, s:-s]
        total += 10 * math.log10(255**2 / np.mean(d**2))
    return total / len(pairs)


# ---------- training ----------
def training_images():
    d = os.path.join(SHARED, "datasets")
    paths = sorted(glob.glob(os.path.join(d, "sr-BSD100", "x4", "*_HR.png")))
    paths += sorted(glob.glob(os.path.join(d, "sr-Urban100", "x2", "*_HR.png")))
    paths += sorted(glob.glob(os.path.join(d, "denoise-Kodak24", "*.png")))
    paths += sorted(glob.glob(os.path.join(d, "denoise-McMaster", "*.tif")))
    return paths


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--family", default="fsrcnn")
    ap.add_argument("--scale", type=int, default=2)
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--patch", type=int, default=40, help="LR patch side")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--init", help="a .pt state or .onnx file written by an earlier run, to go on from (instead of the OpenCV export)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    s = args.scale

    model = build(args.family, s)
    if args.init and args.init.endswith(".onnx"):  # an ONNX file this script exported: initialisers keep torch's names
        weights = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in onnx.load(args.init).graph.initializer}
        model.load_state_dict({k: weights[k].reshape(v.shape) for k, v in model.state_dict().items()})
    elif args.init:
        model.load_state_dict(torch.load(args.init))
    radius = model.radius
    set5 = set_pairs("Set5", s)
    print("start: Set5 x%d %.2f dB" % (s, evaluate(model, set5, s, radius)), flush=True)

    data = []
    for path in training_images():
        hr, lr = make_pair(load_rgb(path), s)
        data.append((full_range_y(lr).astype(np.float32) / 255, (full_range_y(hr) / 255).astype(np.float32)))
    print("training images: %d" % len(data), flush=True)

    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    p, margin = args.patch, radius
    deadline = time.time() + args.minutes * 60
    step, best, best_state, running = 0, -1, None, 0
    start = time.time()
    while time.time() < deadline:
        frac = (time.time() - start) / (args.minutes * 60)
        for g in opt.param_groups:
            g["lr"] = args.lr * 0.5 * (1 + math.cos(math.pi * min(1, frac)))  # cosine decay to 0
        xs, ys = [], []
        for _ in range(args.batch):
            lr_y, hr_y = data[random.randrange(len(data))]
            i = random.randrange(lr_y.shape[0] - p + 1)
            j = random.randrange(lr_y.shape[1] - p + 1)
            x = lr_y[i:i + p, j:j + p]
            y = hr_y[i * s:(i + p) * s, j * s:(j + p) * s]
            k = random.randrange(8)
            if k & 1:
                x, y = x[:, ::-1], y[:, ::-1]
            if k & 2:
                x, y = x[::-1], y[::-1]
            if k & 4:
                x, y = x.T, y.T
            xs.append(np.ascontiguousarray(x))
            ys.append(np.ascontiguousarray(y))
        x = torch.from_numpy(np.stack(xs))[:, None]
        y = torch.from_numpy(np.stack(ys))[:, None]
        out = model(x)
        c = margin * s
        loss = F.mse_loss(out[..., c:-c, c:-c], y[..., c:-c, c:-c])
        opt.zero_grad()
        loss.backward()
        opt.step()
        running = 0.98 * running + 0.02 * loss.item() if step else loss.item()
        step += 1
        if step % 500 == 0:
            val = evaluate(model, set5, s, radius)
            print("step %d %.0fs loss %.6f Set5 %.2f dB" % (step, time.time() - start, running, val), flush=True)
            if val > best:
                best, best_state = val, {k: v.clone() for k, v in model.state_dict().items()}
    val = evaluate(model, set5, s, radius)
    if val < best:
        model.load_state_dict(best_state)
    print("end: %d steps, Set5 x%d %.2f dB (best kept), Set14 x%d %.2f dB" % (
        step, s, max(val, best), s, evaluate(model, set_pairs("Set14", s), s, radius)), flush=True)
    model.eval()
    torch.save(model.state_dict(), os.path.splitext(args.out)[0] + ".pt")
    dummy = torch.zeros(1, 1, 32, 32)
    torch.onnx.export(model, dummy, args.out, input_names=["input"], output_names=["output"], opset_version=11,
                      dynamic_axes={"input": {2: "height", 3: "width"}, "output": {2: "out_height", 3: "out_width"}})
    print("wrote " + args.out, flush=True)


if __name__ == "__main__":
    main()

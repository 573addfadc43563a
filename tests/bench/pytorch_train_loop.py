#!/usr/bin/env python3
"""PyTorch's tightest training loop for the seed's MLP, the peer of `course bench train`.

784-200-10 MLP (Linear, ReLU, Linear), cross-entropy, SGD lr 0.01 with momentum 0.9, batch 64, a
new random order each epoch. The whole training set is turned into one float tensor up front, so
each step only indexes it: no DataLoader and no per-image transform in the timed loop.

usage: python3 pytorch_train_loop.py MNIST_FOLDER THREADS EPOCHS
MNIST_FOLDER holds train-images-idx3-ubyte and train-labels-idx1-ubyte, gzipped (.gz, as in the repository's
data/mnist) or not. `course bench train --against pytorch` runs this script in turn with its own epochs.
"""
import gzip
import os
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(folder, name, header_bytes):
    """The bytes after the header of folder/name.gz, or of folder/name when there is no .gz."""
    path = os.path.join(folder, name)
    if os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rb") as f:
            return np.frombuffer(f.read(), dtype=np.uint8, offset=header_bytes)
    return np.fromfile(path, dtype=np.uint8, offset=header_bytes)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    root, threads, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)

    pixels = read_idx(root, "train-images-idx3-ubyte", 16).reshape(-1, 784)
    labels = torch.from_numpy(read_idx(root, "train-labels-idx1-ubyte", 8).astype(np.int64))
    # the seed's transform: x / 255, then (x - 0.5) / 0.5
    images = torch.from_numpy((pixels.astype(np.float32) / 255 - 0.5) / 0.5)
    count = images.shape[0]

    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 200), nn.ReLU(), nn.Linear(200, 10))
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    for epoch in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(count)
        total, steps = 0.0, 0
        for first in range(0, count, 64):
            rows = order[first:first + 64]
            loss = criterion(model(images[rows]), labels[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
            steps += 1
        seconds = time.perf_counter() - start
        print(f"pytorch threads {torch.get_num_threads()} epoch {epoch}: loss {total / steps:.4f} time {seconds:.3f} s",
              flush=True)


if __name__ == "__main__":
    main()

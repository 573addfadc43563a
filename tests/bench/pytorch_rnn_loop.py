#!/usr/bin/env python3
"""PyTorch's training loop for notebook 09's recurrent language model, the peer of `course bench rnn`.

nn.Embedding(V, 32) -> nn.RNN(32, 64, tanh) -> nn.Linear(64, V), cross-entropy over every position,
SGD lr 0.3 with Nesterov momentum 0.9, 32 windows of 24 tokens per step, the windows non-overlapping
and in a new random order each epoch (the last partial batch dropped), exactly as the C# WindowLoader.
The token stream is written by `course bench rnn --write-tokens FILE`, so both sides train on the same ids.

usage: python3 pytorch_rnn_loop.py TOKENS_FILE VOCAB THREADS EPOCHS
"""
import sys
import time

import numpy as np
import torch
from torch import nn


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    path, vocab, threads, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    tokens = torch.from_numpy(np.fromfile(path, dtype="<i4").astype(np.int64))
    B, T = 32, 24
    windows = (len(tokens) - 1) // T
    inputs = tokens[: windows * T].view(windows, T)
    targets = tokens[1: windows * T + 1].view(windows, T)
    batches = windows // B

    torch.manual_seed(0)
    embedding, rnn, output = nn.Embedding(vocab, 32), nn.RNN(32, 64), nn.Linear(64, vocab)
    parameters = [*embedding.parameters(), *rnn.parameters(), *output.parameters()]
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(parameters, lr=0.3, momentum=0.9, nesterov=True)

    for epoch in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(windows)
        total = 0.0
        for k in range(batches):
            rows = order[k * B:(k + 1) * B]
            x = inputs[rows].t()          # (T, B), time-major like nn.RNN's default
            y = targets[rows].t()
            h, _ = rnn(embedding(x))      # (T, B, 64)
            loss = criterion(output(h).reshape(T * B, vocab), y.reshape(T * B))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        seconds = time.perf_counter() - start
        print(f"epoch {epoch + 1}: time {seconds:.3f} s  {batches * B * T / seconds:.0f} tokens/s  loss {total / batches:.4f}", flush=True)


if __name__ == "__main__":
    main()

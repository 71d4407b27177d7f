"""Peer for bench/incremental.bench.mjs: the cost of recomputing a 28-pair correlation
matrix over the last `window` rows at each new row, the way a batch tool updates it.

Reads returns (raw little-endian float64, row-major T x k), then times, for `samples`
evenly spaced end rows t >= window - 1: numpy.corrcoef of rows t-window+1..t (columns as
variables) and pandas DataFrame.corr() of the same slice. Prints one JSON line:
per-update milliseconds of each, and the last matrix for an accuracy check.

Usage: /usr/bin/python3 incremental_recompute.py RETURNS.f64 K WINDOW SAMPLES
"""
import json
import sys
import time

import numpy as np
import pandas as pd

path, k, window, samples = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = np.fromfile(path, dtype="<f8").reshape(-1, k)
T = x.shape[0]
ends = np.linspace(window - 1, T - 1, samples).astype(int)
df = pd.DataFrame(x)

t0 = time.perf_counter()
for t in ends:
    m = np.corrcoef(x[t - window + 1:t + 1], rowvar=False)
np_ms = (time.perf_counter() - t0) * 1000 / samples

t0 = time.perf_counter()
for t in ends:
    p = df.iloc[t - window + 1:t + 1].corr()
pd_ms = (time.perf_counter() - t0) * 1000 / samples

iu = np.triu_indices(k, 1)
print(json.dumps({"numpyMs": np_ms, "pandasMs": pd_ms, "last": m[iu].tolist(), "numpy": np.__version__, "pandas": pd.__version__}))

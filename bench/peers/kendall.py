#!/usr/bin/env python3
"""Peer timings for bench/kendall.bench.mjs (run with /usr/bin/python3).

    kendall.py DATA N REPEATS

DATA holds x then y, N float64 each (little-endian). Times
scipy.stats.kendalltau(x, y) (tau-b with the asymptotic p-value), best of
REPEATS; prints one JSON line with the time, tau and p.
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy import stats

path, n, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
a = np.fromfile(path, dtype='<f8')
x, y = a[:n], a[n:2 * n]
best = float('inf')
res = None
for _ in range(repeats):
    t0 = time.perf_counter()
    res = stats.kendalltau(x, y)
    best = min(best, time.perf_counter() - t0)
print(json.dumps({'scipy': scipy.__version__, 'numpy': np.__version__, 'kendalltau_s': best, 'tau': float(res.correlation), 'p': float(res.pvalue)}))

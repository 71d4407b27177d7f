#!/usr/bin/env python3
"""Peer of bench/dispatcher.bench.mjs, one engine per process so that the
peak memory is its own (run with /usr/bin/python3).

    matrix_peak.py DATA K N REPEATS ENGINE

ENGINE: numpy (numpy.corrcoef, complete data) or pandas (DataFrame.corr(),
pairwise-complete). Prints one JSON line: best seconds and peak resident
set (MB, ru_maxrss).
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

path, k, n, repeats, engine = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
x = np.fromfile(path, dtype='<f8').reshape(k, n)
if engine == 'numpy':
    f = lambda: np.corrcoef(x)
else:
    df = pd.DataFrame(x.T)
    f = lambda: df.corr()
best = float('inf')
for _ in range(repeats):
    t0 = time.perf_counter()
    f()
    best = min(best, time.perf_counter() - t0)
print(json.dumps({'s': best, 'peakMB': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), 'numpy': np.__version__, 'pandas': pd.__version__}))

#!/usr/bin/env python3
"""Peer timings for bench/rollingAllPairs.bench.mjs (run with /usr/bin/python3).

    rolling_pairs.py DATA K N WINDOW MINPERIODS ALPHA OUT

DATA holds K return series of N float64 (little-endian, series-major, NaN =
missing). Times pandas df.rolling(WINDOW, min_periods=MINPERIODS).corr()
and df.ewm(alpha=ALPHA).corr() (pairwise: every pair of columns), writes the
K(K-1)/2 upper-triangle series of each, pair-major, to OUT.rolling.f64 and
OUT.ewm.f64, and prints one JSON line (times, peak RSS).
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

path, k, n, w, mp, alpha, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), sys.argv[7]
x = np.fromfile(path, dtype='<f8').reshape(k, n)
df = pd.DataFrame(x.T)
iu = np.triu_indices(k, 1)


def upper(frame):
    a = frame.to_numpy().reshape(n, k, k)
    return np.ascontiguousarray(a[:, iu[0], iu[1]].T)


res = {'pandas': pd.__version__, 'numpy': np.__version__}
t0 = time.perf_counter()
r = df.rolling(w, min_periods=mp).corr()
res['rolling_s'] = time.perf_counter() - t0
upper(r).astype('<f8').tofile(out + '.rolling.f64')
del r
t0 = time.perf_counter()
e = df.ewm(alpha=alpha).corr()
res['ewm_s'] = time.perf_counter() - t0
upper(e).astype('<f8').tofile(out + '.ewm.f64')
# VmHWM, not getrusage: on Linux ru_maxrss survives fork+exec, so a child
# would start at its parent's (Node's) high-water mark.
try:
    with open('/proc/self/status') as f:
        res['max_rss_mb'] = next(int(l.split()[1]) for l in f if l.startswith('VmHWM:')) / 1024
except (OSError, StopIteration):
    res['max_rss_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(res))

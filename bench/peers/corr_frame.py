#!/usr/bin/env python3
"""Peer timings for bench/corrMatrixLarge.bench.mjs (run with /usr/bin/python3).

    corr_frame.py DATA K N REPEATS OUT [--numpy] [--spearman]

DATA holds K series of N float64 values (little-endian, series-major; NaN =
missing). Times pandas.DataFrame.corr() (Pearson, pairwise-complete) and,
on request, numpy.corrcoef (complete data only) and pandas Spearman; best
of REPEATS. Writes the pandas Pearson matrix to OUT.pandas.f64 (and NumPy's
to OUT.numpy.f64) for the accuracy check, and prints one JSON line.
"""
import json
import sys

import numpy as np
import pandas as pd
import scipy
from peer_timing import best

path, k, n, repeats, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
flags = set(sys.argv[6:])
x = np.fromfile(path, dtype='<f8').reshape(k, n)
df = pd.DataFrame(x.T)


res = {'numpy': np.__version__, 'pandas': pd.__version__, 'scipy': scipy.__version__}
t, r = best(lambda: df.corr(), repeats)
res['pandas_pearson_s'] = t
r.to_numpy().astype('<f8').tofile(out + '.pandas.f64')
if '--numpy' in flags:
    t, r = best(lambda: np.corrcoef(x), max(repeats, 3))
    res['numpy_corrcoef_s'] = t
    r.astype('<f8').tofile(out + '.numpy.f64')
if '--spearman' in flags:
    t, r = best(lambda: df.corr(method='spearman'), 1)
    res['pandas_spearman_s'] = t
    r.to_numpy().astype('<f8').tofile(out + '.spearman.f64')
try:
    from threadpoolctl import threadpool_info
    res['blas_threads'] = [{'api': i.get('internal_api'), 'threads': i.get('num_threads')} for i in threadpool_info()]
except Exception:  # threadpoolctl is optional
    pass
print(json.dumps(res))

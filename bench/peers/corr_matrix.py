#!/usr/bin/env python3
"""Peer timings for bench/corrMatrix.bench.mjs (run with /usr/bin/python3).

    corr_matrix.py DATA K N REPEATS OUT

DATA holds K series of N float64 values (little-endian, series-major, as
written by the benchmark). Prints one JSON line with best-of-REPEATS
seconds for numpy.corrcoef and pandas.DataFrame.corr(), and writes the
numpy matrix (K x K float64) to OUT for the accuracy cross-check.
"""
import json
import sys

import numpy as np
import pandas as pd
from peer_timing import best

path, k, n, repeats, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
x = np.fromfile(path, dtype='<f8').reshape(k, n)


t_np, r_np = best(lambda: np.corrcoef(x), repeats)
df = pd.DataFrame(x.T)
t_pd, r_pd = best(lambda: df.corr(), max(1, repeats // 2))
r_np.astype('<f8').tofile(out)
threads = None
try:
    from threadpoolctl import threadpool_info
    threads = [{'api': i.get('internal_api'), 'threads': i.get('num_threads')} for i in threadpool_info()]
except Exception:  # threadpoolctl is optional
    pass
print(json.dumps({
    'numpy': np.__version__, 'pandas': pd.__version__,
    'numpy_corrcoef_s': t_np, 'pandas_corr_s': t_pd,
    'max_abs_diff_numpy_pandas': float(np.nanmax(np.abs(r_np - r_pd.to_numpy()))),
    'blas_threads': threads,
}))

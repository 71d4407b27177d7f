#!/usr/bin/env python3
"""Peer timings for bench/shrinkage.bench.mjs (run with /usr/bin/python3).

    shrinkage.py DATA K N REPEATS OUT

DATA holds K series of N float64 values (little-endian, series-major, as written
by the benchmark). Prints one JSON line with best-of-REPEATS seconds for
numpy.cov (the plain matrix), sklearn.covariance.LedoitWolf().fit and OAS().fit,
their shrinkage intensities, and writes LedoitWolf's covariance_ (K x K float64)
to OUT for the accuracy cross-check.
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.covariance import OAS, LedoitWolf
from peer_timing import best

path, k, n, repeats, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
x = np.fromfile(path, dtype='<f8').reshape(k, n).T.copy()  # n observations x k features, as sklearn takes them


t_cov, _ = best(lambda: np.cov(x, rowvar=False, bias=True), repeats)
t_lw, lw = best(lambda: LedoitWolf().fit(x), repeats)
t_oas, oa = best(lambda: OAS().fit(x), repeats)
lw.covariance_.astype('<f8').tofile(out)
threads = None
try:
    from threadpoolctl import threadpool_info
    threads = [{'api': i.get('internal_api'), 'threads': i.get('num_threads')} for i in threadpool_info()]
except Exception:  # threadpoolctl is optional
    pass
print(json.dumps({
    'numpy': np.__version__, 'sklearn': sklearn.__version__,
    'numpy_cov_s': t_cov, 'ledoit_wolf_s': t_lw, 'oas_s': t_oas,
    'lw_shrinkage': float(lw.shrinkage_), 'oas_shrinkage': float(oa.shrinkage_),
    'blas_threads': threads,
}))

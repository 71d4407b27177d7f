#!/usr/bin/env python3
"""Peer of bench/nativePearson.bench.mjs (run with /usr/bin/python3).

    pearson_peak.py DATA K N METHOD REPEATS OUT

DATA holds K series of N float64 values (little-endian, series-major).
METHOD: numpy (numpy.corrcoef(x), OpenBLAS) or pandas (DataFrame(x.T).corr()).
Best of REPEATS; writes the matrix to OUT; prints one JSON line with the
time, this process's peak resident memory (VmHWM: the input included, as in
the soukan child) and the BLAS threadpoolctl sees.
"""
import json
import sys
import time

import numpy as np
import pandas as pd

path, k, n, method, repeats, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), sys.argv[6]
x = np.fromfile(path, dtype="<f8").reshape(k, n)
if method == "numpy":
    run = lambda: np.corrcoef(x)  # noqa: E731
else:
    df = pd.DataFrame(x.T)
    run = lambda: df.corr().to_numpy()  # noqa: E731
best = float("inf")
r = None
for _ in range(repeats):
    r = None
    t0 = time.perf_counter()
    r = run()
    best = min(best, time.perf_counter() - t0)
np.ascontiguousarray(r, dtype="<f8").tofile(out)
with open("/proc/self/status") as f:
    hwm = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
res = {"s": best, "peakMB": hwm / 1024, "numpy": np.__version__, "pandas": pd.__version__}
try:
    from threadpoolctl import threadpool_info
    res["blas"] = [{k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads")} for i in threadpool_info()]
except Exception:  # threadpoolctl is optional
    pass
print(json.dumps(res))

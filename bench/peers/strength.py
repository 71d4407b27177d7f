"""Peer timings for bench/strength.bench.mjs: NumPy and statsmodels on exactly soukan's inputs.

usage: /usr/bin/python3 strength.py TMPDIR T P SYMBOLS   (prints JSON; run by bench/strength.bench.mjs)
"""
import json
import sys
import time
import warnings

import numpy as np
from statsmodels.tsa.stattools import coint

warnings.simplefilter("ignore")
tmp, T, P, symbols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(",")
R = np.fromfile(f"{tmp}/returns.f64", dtype=np.float64).reshape(T, P)
cur = sorted({c for s in symbols for c in s.split("/")})
A = np.zeros((P, len(cur)))
for j, s in enumerate(symbols):
    b, q = s.split("/")
    A[j, cur.index(b)] = 1.0
    A[j, cur.index(q)] = -1.0


def median_ms(fn, reps):
    fn()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t0) * 1e3)
    return float(np.median(ts))


def pinv_all():
    F = R @ np.linalg.pinv(A).T  # minimum-norm (zero-sum) factors for every period
    return np.cumsum(F, axis=0)


def lstsq_loop():
    out = np.empty((T, len(cur)))
    for t in range(T):
        out[t] = np.linalg.lstsq(A, R[t], rcond=None)[0]
    return out


soukan = np.fromfile(f"{tmp}/factors.f64", dtype=np.float64).reshape(T, len(cur))
max_diff = float(np.max(np.abs(R @ np.linalg.pinv(A).T - soukan)))
y = np.fromfile(f"{tmp}/y.f64", dtype=np.float64)
x = np.fromfile(f"{tmp}/x.f64", dtype=np.float64)
print(json.dumps({
    "pinvMs": median_ms(pinv_all, 21),
    "lstsqMs": median_ms(lstsq_loop, 3),
    "cointMs": median_ms(lambda: coint(y, x), 5),
    "cointStat": float(coint(y, x)[0]),
    "maxFactorDiff": max_diff,
}))

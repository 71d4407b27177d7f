"""NumPy peer of bench/risk.bench.mjs part 2 (Monte Carlo VaR, 100,000 paths).

usage: /usr/bin/python3 risk_mc.py PATHS COV_JSON EXPOSURES_JSON
Prints JSON: median times (ms) and the 99 % VaR.
"""
import json
import sys

import numpy as np
from peer_timing import bench

paths = int(sys.argv[1])
w = np.array(json.loads(sys.argv[3]))
k = len(w)
cov = np.array(json.loads(sys.argv[2])).reshape(k, k)


def mc(exp):
    rng = np.random.default_rng(42)
    L = np.linalg.cholesky(cov)
    r = rng.standard_normal((paths, k)) @ L.T
    pnl = np.expm1(r) @ w if exp else r @ w
    out = []
    for c in (0.95, 0.99):
        q = np.quantile(pnl, 1 - c)
        out.append((-q, -pnl[pnl <= q].mean()))
    return out


lin, lms = bench(lambda: mc(False))
_, ems = bench(lambda: mc(True))
print(json.dumps({"linearMs": lms, "expMs": ems, "var99": float(lin[1][0])}))

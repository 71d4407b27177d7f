"""NumPy/pandas peer of bench/risk.bench.mjs part 1 (move probability).

usage: /usr/bin/python3 risk_move.py [--e2e] PAIR HORIZON_MS HORIZON_BARS THRESHOLD...
Prints JSON: hit counts and median times (ms) of the window computation + counting.
With --e2e: read the zip, compute the time-horizon counts once, print them and exit
(the caller times the whole process, as it times the soukan command).
The zip is read by histdata() of test/helpers/realdata.py (read_csv, round-trip floats).
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../test/helpers"))
from realdata import histdata
from peer_timing import bench

e2e = sys.argv[1] == "--e2e"
argv = sys.argv[2:] if e2e else sys.argv[1:]
pair, D, H = argv[0], int(argv[1]), int(argv[2])
thresholds = [float(x) for x in argv[3:]]
df = histdata(pair)
t = (df["utc"].astype("int64") // 1_000_000).to_numpy()
high, low, close = df["high"].to_numpy(), df["low"].to_numpy(), df["close"].to_numpy()


def count(up, down):
    lims = [x * (1 - 1e-9) for x in thresholds]
    return [int((up >= l).sum()) for l in lims], [int((down >= l).sum()) for l in lims]


def by_time():
    # forward windows (t_i, t_i + D] = backward windows [u_i - D, u_i) on reversed, negated time
    idx = pd.to_datetime(-t[::-1], unit="ms")
    hi = pd.Series(high[::-1], index=idx).rolling(f"{D // 60000}min", closed="left").max().to_numpy()[::-1]
    lo = pd.Series(low[::-1], index=idx).rolling(f"{D // 60000}min", closed="left").min().to_numpy()[::-1]
    m = int(np.sum(t + D <= t[-1]))
    up = np.nan_to_num(hi[:m] - close[:m], nan=0.0)  # empty window: no move
    down = np.nan_to_num(close[:m] - lo[:m], nan=0.0)
    return count(up, down)


def by_bars():
    m = len(close) - H
    up = sliding_window_view(high[1:], H).max(axis=1)[:m] - close[:m]
    down = close[:m] - sliding_window_view(low[1:], H).min(axis=1)[:m]
    return count(up, down)


if e2e:
    up, down = by_time()
    print(json.dumps({"up": up, "down": down}))
    sys.exit(0)

(tu, td), tms = bench(by_time)
(bu, bd), bms = bench(by_bars)
print(json.dumps({"time": {"up": tu, "down": td, "ms": tms}, "bars": {"up": bu, "down": bd, "ms": bms}, "versions": f"NumPy {np.__version__}, pandas {pd.__version__}"}))

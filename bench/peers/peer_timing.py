"""How the peers time what they run, in one place: every peer reports its
timings the same way, so the ratios in bench/ compare like with like.

best(f, reps): the least wall time of `reps` calls (seconds) and the last result.
    >>> best(lambda: 6 * 7, 3)[1]
    42

bench(fn, runs=5): one warm-up call, then the median wall time of `runs` calls
(milliseconds), with the last result first.
    >>> bench(lambda: 6 * 7)[0]
    42
"""
import time

import numpy as np


def best(f, reps):
    t = float('inf')
    res = None
    for _ in range(reps):
        t0 = time.perf_counter()
        res = f()
        t = min(t, time.perf_counter() - t0)
    return t, res


def bench(fn, runs=5):
    out = fn()
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        ts.append((time.perf_counter() - t0) * 1000)
    return out, float(np.median(ts))

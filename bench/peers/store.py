#!/usr/bin/env python3
"""Peer timings for bench/store.bench.mjs (run with /usr/bin/python3).

    store.py REPEATS ZIP...

For every HistData M1 zip: pandas.read_csv of the member (sep=';', no header,
round-trip floats), timestamps parsed and localized to America/New_York then
converted to UTC, and resample('1h') OHLCV — the work an import + H1 query
replaces. Prints one JSON line: best-of-REPEATS seconds for the whole set
(and read_csv alone), rows, H1 bars, and peak RSS (ru_maxrss) of this process.
"""
import json
import resource
import sys
import time
import zipfile

import pandas as pd

repeats = int(sys.argv[1])
zips = sys.argv[2:]
AGG = {"open": "first", "high": "max", "low": "min", "close": "last", "volume": "sum"}


def read(path):
    with zipfile.ZipFile(path) as z:
        member = next(n for n in z.namelist() if n.endswith(".csv"))
        with z.open(member) as f:
            return pd.read_csv(f, sep=";", header=None, names=["t", "open", "high", "low", "close", "volume"], dtype={"t": str}, float_precision="round_trip")


def run():
    rows = 0
    bars = 0
    t_read = 0.0
    for p in zips:
        t0 = time.perf_counter()
        df = read(p)
        t_read += time.perf_counter() - t0
        utc = pd.to_datetime(df["t"], format="%Y%m%d %H%M%S").dt.tz_localize("America/New_York").dt.tz_convert("UTC")
        h1 = df.drop(columns=["t"]).set_index(utc).resample("1h").agg(AGG).dropna(subset=["open"])
        rows += len(df)
        bars += len(h1)
    return rows, bars, t_read


best = float("inf")
best_read = float("inf")
for _ in range(repeats):
    t0 = time.perf_counter()
    rows, bars, t_read = run()
    best = min(best, time.perf_counter() - t0)
    best_read = min(best_read, t_read)

print(json.dumps({
    "pandas": pd.__version__,
    "seconds": best,
    "readCsvSeconds": best_read,
    "rows": rows,
    "h1Bars": bars,
    "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))

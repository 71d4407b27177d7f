#!/usr/bin/env python3
"""Peer of `soukan corr` on a wide CSV (bench/dispatcher.bench.mjs): what a
pandas user writes — read the file, daily log returns, Pearson matrix,
print it. Interpreter start and imports count, as soukan's start-up does.

    csv_corr.py FILE.csv
"""
import sys

import numpy as np
import pandas as pd

df = pd.read_csv(sys.argv[1], index_col=0, parse_dates=True)
r = np.log(df).diff().dropna(how='all')
print(r.corr().to_csv())

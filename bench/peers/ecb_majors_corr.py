#!/usr/bin/env python3
"""The pandas equivalent of `soukan corr --universe majors --window all`,
timed as a whole process by bench/cliCorr.bench.mjs (interpreter start and
imports included):

    ecb_majors_corr.py ECB_ZIP [--window N]

(bench/startup.bench.mjs: `--window 250`, the last 250 returns, which is
what `soukan corr --universe majors` computes by default.)

Reads eurofxref-hist.csv from the zip, builds the 28 crosses of the 8 majors
(X/Y = rate[Y] / rate[X]), takes log returns on the dates all 28 exist and
prints the Pearson matrix (rounded, like the CLI table). The zip is read by
ecb() of test/helpers/realdata.py (read_csv, round-trip floats).
"""
import os
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../test/helpers'))
from realdata import ecb

MAJORS = ['EUR', 'GBP', 'AUD', 'NZD', 'USD', 'CAD', 'CHF', 'JPY']
df = ecb(sys.argv[1])
rate = {c: df[c].astype(float) for c in MAJORS if c != 'EUR'}
rate['EUR'] = pd.Series(1.0, index=df.index)
pairs = [(a, b) for i, a in enumerate(MAJORS) for b in MAJORS[i + 1:]]
lv = pd.DataFrame({f'{a}/{b}': rate[b] / rate[a] for a, b in pairs}).dropna(how='any')
r = np.log(lv / lv.shift(1)).iloc[1:]
if '--window' in sys.argv:
    r = r.iloc[-int(sys.argv[sys.argv.index('--window') + 1]):]
print((r.corr() * 100).round().astype(int).to_string())

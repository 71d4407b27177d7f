#!/usr/bin/env python3
"""The pandas equivalent of `soukan corr --universe majors --window all`,
timed as a whole process by bench/cliCorr.bench.mjs (interpreter start and
imports included):

    ecb_majors_corr.py ECB_ZIP

Reads eurofxref-hist.csv from the zip, builds the 28 crosses of the 8 majors
(X/Y = rate[Y] / rate[X]), takes log returns on the dates all 28 exist and
prints the Pearson matrix (rounded, like the CLI table).
"""
import io
import sys
import zipfile

import numpy as np
import pandas as pd

MAJORS = ['EUR', 'GBP', 'AUD', 'NZD', 'USD', 'CAD', 'CHF', 'JPY']
with zipfile.ZipFile(sys.argv[1]) as z:
    raw = z.read('eurofxref-hist.csv')
df = pd.read_csv(io.BytesIO(raw), na_values=['N/A'], keep_default_na=False)
df = df.loc[:, [c for c in df.columns if not c.startswith('Unnamed')]]
df['Date'] = pd.to_datetime(df['Date'], format='%Y-%m-%d')
df = df.sort_values('Date').set_index('Date')
rate = {c: df[c].astype(float) for c in MAJORS if c != 'EUR'}
rate['EUR'] = pd.Series(1.0, index=df.index)
pairs = [(a, b) for i, a in enumerate(MAJORS) for b in MAJORS[i + 1:]]
lv = pd.DataFrame({f'{a}/{b}': rate[b] / rate[a] for a, b in pairs}).dropna(how='any')
r = np.log(lv / lv.shift(1)).iloc[1:]
print((r.corr() * 100).round().astype(int).to_string())

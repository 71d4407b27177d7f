#!/usr/bin/env python3
"""Peer timing for bench/dcc.bench.mjs (run with /usr/bin/python3).

    dcc.py DATA K T

DATA holds K series of T float64 returns (little-endian, series-major, as
written by the benchmark). Fits DCC(1,1)-GARCH(1,1) with the SciPy reference
of the fixtures (packages/core/test/dcc/fixtures/dcc.gen.py: multi-start
L-BFGS-B GARCH per series, SLSQP multi-start + Nelder-Mead for a, b; the
likelihood written from Engle 2002), once, and prints one JSON line with its
wall and CPU time (a busy machine inflates the first, not the second) and a, b, log-likelihood.
"""
import importlib.util
import json
import os
import sys
import time

import numpy as np
import scipy

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("dccref", os.path.join(here, "../../packages/core/test/dcc/fixtures/dcc.gen.py"))
ref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ref)

path, k, t = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
x = np.fromfile(path, dtype="<f8").reshape(k, t)
t0 = time.perf_counter()
c0 = time.process_time()
fit = ref.dcc_fit([x[i] for i in range(k)])
seconds = time.perf_counter() - t0
cpu = time.process_time() - c0
print(json.dumps({"numpy": np.__version__, "scipy": scipy.__version__, "seconds": seconds, "cpuSeconds": cpu, "a": fit["a"], "b": fit["b"], "logLik": fit["logLik"]}))

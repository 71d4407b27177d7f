"""The real data for the Python reference generators, read one way.

The reference generators (`*.gen.py` in `fixtures` folders) and the bench
peers that read the real files load them through this module, with pandas and
independently of soukan's own readers (docs/fixtures.md):

    import os, sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../../test/helpers"))
    from realdata import OUT, ecb

    DATA     the real data folder: $SOUKAN_SHARED_DATA, else ../shared/data beside the repo
    OUT      where a generator writes: its first argument, else the generator's own folder
    ecb()    ECB euro reference rates, eurofxref-hist.zip (or another copy: ecb(path))
    h10()    Federal Reserve H.10 daily rates, frb_h10_daily.csv
    histdata(pair)  HistData.com 2017 M1 bars, histdata_m1_2017/HISTDATA_COM_ASCII_{pair}_M1_2017.zip

Numbers are parsed with read_csv(float_precision="round_trip"): correctly rounded
to the nearest double, as soukan's readers parse them (pandas' default converter
is not guaranteed to be).
"""
import os
import sys
import zipfile

import pandas as pd

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DATA = os.environ.get("SOUKAN_SHARED_DATA") or os.path.join(os.path.dirname(REPO), "shared", "data")
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(sys.argv[0]))

HISTDATA_COLUMNS = ["open", "high", "low", "close", "volume"]


def ecb(path=None):
    """ECB reference rates, units of each currency per 1 EUR (one column per ISO code, no EUR),
    from `path` (default: eurofxref-hist.zip in DATA).

    Date index (datetime64, ascending; the file is newest first); "N/A" -> NaN; the empty
    column the file's trailing commas make is dropped. df.attrs["member"] is the name of
    the CSV inside the zip.
    """
    with zipfile.ZipFile(path or os.path.join(DATA, "eurofxref-hist.zip")) as z:
        member = next(n for n in z.namelist() if n.lower().endswith(".csv"))
        with z.open(member) as f:
            df = pd.read_csv(f, na_values=["N/A"], float_precision="round_trip")
    df = df.loc[:, ~df.columns.str.startswith("Unnamed")]
    df["Date"] = pd.to_datetime(df["Date"], format="%Y-%m-%d")
    df = df.set_index("Date").sort_index()
    df.attrs["member"] = member
    return df


def h10():
    """Federal Reserve H.10 noon buying rates, one column per series id as in the file.

    "RXI$US_N.B.XX" columns are USD per unit (EUR/USD style), "RXI_N.B.XX" units per USD
    (USD/JPY style). The 5 description rows are skipped; Date index (datetime64, ascending);
    "ND" (no data) -> NaN.
    """
    df = pd.read_csv(os.path.join(DATA, "frb_h10_daily.csv"), skiprows=5, na_values=["ND"], float_precision="round_trip")
    df = df.rename(columns={df.columns[0]: "Date"})
    df["Date"] = pd.to_datetime(df["Date"], format="%Y-%m-%d")
    return df.set_index("Date").sort_index()


def histdata(pair):
    """HistData.com 2017 one-minute bars of `pair` ("EURUSD"), in file order.

    Columns: t (the file's own time text "YYYYMMDD HHMMSS", New York wall clock),
    local (t as naive datetime64), utc (local localised to America/New_York and
    converted to UTC, tz-aware), open, high, low, close, volume.
    df.attrs["member"] is the name of the CSV inside the zip.
    """
    path = os.path.join(DATA, "histdata_m1_2017", f"HISTDATA_COM_ASCII_{pair}_M1_2017.zip")
    with zipfile.ZipFile(path) as z:
        member = next(n for n in z.namelist() if n.lower().endswith(".csv"))
        with z.open(member) as f:
            df = pd.read_csv(f, sep=";", header=None, names=["t"] + HISTDATA_COLUMNS, dtype={"t": str}, float_precision="round_trip")
    local = pd.to_datetime(df["t"], format="%Y%m%d %H%M%S")
    df.insert(1, "local", local)
    df.insert(2, "utc", local.dt.tz_localize("America/New_York").dt.tz_convert("UTC"))
    df.attrs["member"] = member
    return df


def dukascopy_ticks(pair="EURUSD", scale=100000):
    """Dukascopy hourly tick files under dukascopy_ticks/{pair}/YYYY/MM/DD/HHh_ticks.bi5 (months
    zero-based in the path; the hour is UTC), decoded with Python's lzma and struct: 20-byte
    big-endian records (uint32 ms in hour, uint32 ask, uint32 bid, float32 ask volume, float32
    bid volume). One row per tick in file order, hours ascending.

    Columns: hour (the file's hour, UTC ms), t (UTC ms), ask_i, bid_i (integer points),
    ask, bid (= integer / scale), ask_vol, bid_vol (float32 values as float64), ask_vol_bits,
    bid_vol_bits (the float32 bit patterns), file (path relative to dukascopy_ticks).
    """
    import calendar
    import glob
    import lzma
    import struct

    base = os.path.join(DATA, "dukascopy_ticks")
    rows = []
    paths = sorted(glob.glob(os.path.join(base, pair, "*", "*", "*", "*h_ticks.bi5")))
    keyed = []
    for p in paths:
        y, mo, d, hh = os.path.relpath(p, os.path.join(base, pair)).split(os.sep)
        hour_ms = calendar.timegm((int(y), int(mo) + 1, int(d), int(hh[:2]), 0, 0)) * 1000
        keyed.append((hour_ms, p))
    for hour_ms, p in sorted(keyed):
        with open(p, "rb") as f:
            comp = f.read()
        raw = lzma.decompress(comp, format=lzma.FORMAT_ALONE) if comp else b""
        for off in range(0, len(raw), 20):
            ms, a, b = struct.unpack(">III", raw[off:off + 12])
            av, bv = struct.unpack(">ff", raw[off + 12:off + 20])
            avb, bvb = struct.unpack(">II", raw[off + 12:off + 20])
            rows.append((hour_ms, hour_ms + ms, a, b, a / scale, b / scale, av, bv, avb, bvb, os.path.relpath(p, base)))
    return pd.DataFrame(rows, columns=["hour", "t", "ask_i", "bid_i", "ask", "bid", "ask_vol", "bid_vol", "ask_vol_bits", "bid_vol_bits", "file"])

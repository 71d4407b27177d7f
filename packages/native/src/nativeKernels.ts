/**
 * Gram products on the native add-on (OpenBLAS through Node-API), as
 * returned by {@link loadNative}. Matrices are row-major `Float64Array`s
 * with explicit dimensions; each array must hold at least the values its
 * dimensions say (a longer one is read or written from its start only).
 * Arguments are checked before the add-on is called: a wrong size is a
 * `RangeError`, never a read or write past a buffer. Calls are synchronous
 * and use OpenBLAS's own threads above 10⁸ multiply-adds (see `docs/native.md`).
 */
export interface NativeKernels {
  /** OpenBLAS version, the CPU kernels it chose, and its thread count, e.g. `'OpenBLAS 0.3.21, Cooperlake kernels (2 threads)'`. */
  readonly blas: string;
  /**
   * `out` (n×n, row-major, both triangles) = aᵀa, with `a` t×n row-major
   * (t observations of n series): `cblas_dsyrk` on the upper triangle, then
   * mirrored. O(t·n²/2). t = 0 gives zeros.
   *
   * @throws {RangeError} a dimension is not an integer in [0, 2³¹ − 1], `a`
   *   holds fewer than t·n values, `out` fewer than n², or `out` overlaps `a`.
   * @throws {TypeError} an array is not a `Float64Array`.
   * @example
   * const out = new Float64Array(4);
   * k.syrk(Float64Array.of(1, 2, 3, 4, 5, 6), 3, 2, out); // out = [35, 44, 44, 56]
   */
  syrk(a: Float64Array, t: number, n: number, out: Float64Array): void;
  /**
   * `out` (n×n, row-major, both triangles) = z zᵀ, with `z` n×t row-major
   * (one series of t observations per row — series-major, the layout of the
   * correlation plans, so no transposed copy is needed): `cblas_dsyrk`
   * without transposition, then mirrored. Same result as `syrk` on the
   * transpose. O(t·n²/2). t = 0 gives zeros.
   *
   * @throws {RangeError} a dimension is not an integer in [0, 2³¹ − 1], `z`
   *   holds fewer than n·t values, `out` fewer than n², or `out` overlaps `z`.
   * @throws {TypeError} an array is not a `Float64Array`.
   * @example
   * const out = new Float64Array(4);
   * k.syrkRows(Float64Array.of(1, 3, 5, 2, 4, 6), 2, 3, out); // out = [35, 44, 44, 56]
   */
  syrkRows(z: Float64Array, n: number, t: number, out: Float64Array): void;
  /**
   * `out` (n×m, row-major) = aᵀb, with `a` t×n and `b` t×m row-major:
   * `cblas_dgemm` with `CblasTrans` on `a`. O(t·n·m). t = 0 gives zeros.
   *
   * @throws {RangeError} a dimension is not an integer in [0, 2³¹ − 1], an
   *   array is shorter than its dimensions say, or `out` overlaps `a` or `b`.
   * @throws {TypeError} an array is not a `Float64Array`.
   * @example
   * const out = new Float64Array(2);
   * k.gemmTN(Float64Array.of(1, 2, 3), Float64Array.of(1, 0, 0, 1, 1, 1), 3, 1, 2, out); // out = [4, 5]
   */
  gemmTN(a: Float64Array, b: Float64Array, t: number, n: number, m: number, out: Float64Array): void;
}

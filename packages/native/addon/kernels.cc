// soukan's native kernels: Gram products through OpenBLAS (Debian's
// libopenblas), for the dense correlation paths. The JavaScript side
// (src/loadNative.ts) validates every argument before calling in; the checks
// here repeat the ones that guard memory, so a caller that bypasses it gets
// a RangeError, never a read or write past a buffer.
#include <napi.h>
#include <cblas.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

namespace {

// Debian's OpenBLAS uses 32-bit BLAS integers: each dimension must fit one.
// Products of dimensions (offsets, lengths) are 64-bit here and in OpenBLAS.
constexpr double kMaxDim = 2147483647.0;

bool Dim(const Napi::CallbackInfo& info, size_t i, const char* fn, const char* name, int64_t& out) {
  Napi::Env env = info.Env();
  if (!info[i].IsNumber()) {
    Napi::TypeError::New(env, std::string(fn) + ": " + name + " must be a number").ThrowAsJavaScriptException();
    return false;
  }
  double v = info[i].As<Napi::Number>().DoubleValue();
  if (!(v >= 0) || v > kMaxDim || v != std::floor(v)) {
    Napi::RangeError::New(env, std::string(fn) + ": " + name + " must be an integer in [0, 2^31 - 1]").ThrowAsJavaScriptException();
    return false;
  }
  out = static_cast<int64_t>(v);
  return true;
}

bool Matrix(const Napi::CallbackInfo& info, size_t i, const char* fn, const char* name, uint64_t need, double*& data) {
  Napi::Env env = info.Env();
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    Napi::TypeError::New(env, std::string(fn) + ": " + name + " must be a Float64Array").ThrowAsJavaScriptException();
    return false;
  }
  Napi::Float64Array a = info[i].As<Napi::Float64Array>();
  if (static_cast<uint64_t>(a.ElementLength()) < need) {
    Napi::RangeError::New(env, std::string(fn) + ": " + name + " has " + std::to_string(a.ElementLength()) + " values, needs " + std::to_string(need)).ThrowAsJavaScriptException();
    return false;
  }
  data = a.Data();
  return true;
}

// syrk(a, t, n, out): out (n×n, row-major, both triangles) = aᵀa, a t×n row-major.
void Syrk(const Napi::CallbackInfo& info) {
  const char* fn = "syrk";
  int64_t t, n;
  double *a, *out;
  if (!Dim(info, 1, fn, "t", t) || !Dim(info, 2, fn, "n", n)) return;
  const uint64_t tn = static_cast<uint64_t>(t) * static_cast<uint64_t>(n);
  const uint64_t nn = static_cast<uint64_t>(n) * static_cast<uint64_t>(n);
  if (!Matrix(info, 0, fn, "a", tn, a) || !Matrix(info, 3, fn, "out", nn, out)) return;
  if (n == 0) return;
  if (t == 0) {
    std::memset(out, 0, nn * sizeof(double));
    return;
  }
  cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, static_cast<blasint>(n), static_cast<blasint>(t), 1.0, a,
              static_cast<blasint>(n), 0.0, out, static_cast<blasint>(n));
  // dsyrk writes one triangle; callers index the full matrix.
  const uint64_t un = static_cast<uint64_t>(n);
  for (uint64_t i = 1; i < un; i++)
    for (uint64_t j = 0; j < i; j++) out[i * un + j] = out[j * un + i];
}

// syrkRows(z, n, t, out): out (n×n, row-major, both triangles) = z zᵀ, z n×t
// row-major (one series per row: the layout the correlation plans keep, so no
// transposed copy is needed).
void SyrkRows(const Napi::CallbackInfo& info) {
  const char* fn = "syrkRows";
  int64_t n, t;
  double *z, *out;
  if (!Dim(info, 1, fn, "n", n) || !Dim(info, 2, fn, "t", t)) return;
  const uint64_t un = static_cast<uint64_t>(n);
  const uint64_t nn = un * un;
  if (!Matrix(info, 0, fn, "z", un * static_cast<uint64_t>(t), z) || !Matrix(info, 3, fn, "out", nn, out)) return;
  if (n == 0) return;
  if (t == 0) {
    std::memset(out, 0, nn * sizeof(double));
    return;
  }
  cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, static_cast<blasint>(n), static_cast<blasint>(t), 1.0, z,
              static_cast<blasint>(t), 0.0, out, static_cast<blasint>(n));
  for (uint64_t i = 1; i < un; i++)
    for (uint64_t j = 0; j < i; j++) out[i * un + j] = out[j * un + i];
}

// gemmTN(a, b, t, n, m, out): out (n×m, row-major) = aᵀb, a t×n, b t×m row-major.
void GemmTN(const Napi::CallbackInfo& info) {
  const char* fn = "gemmTN";
  int64_t t, n, m;
  double *a, *b, *out;
  if (!Dim(info, 2, fn, "t", t) || !Dim(info, 3, fn, "n", n) || !Dim(info, 4, fn, "m", m)) return;
  const uint64_t ut = static_cast<uint64_t>(t), un = static_cast<uint64_t>(n), um = static_cast<uint64_t>(m);
  if (!Matrix(info, 0, fn, "a", ut * un, a) || !Matrix(info, 1, fn, "b", ut * um, b) || !Matrix(info, 5, fn, "out", un * um, out)) return;
  if (n == 0 || m == 0) return;
  if (t == 0) {
    std::memset(out, 0, un * um * sizeof(double));
    return;
  }
  cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, static_cast<blasint>(n), static_cast<blasint>(m), static_cast<blasint>(t), 1.0,
              a, static_cast<blasint>(n), b, static_cast<blasint>(m), 0.0, out, static_cast<blasint>(m));
}

// info(): what OpenBLAS says of itself, for `soukan doctor` and the loader's label.
Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
  o.Set("config", Napi::String::New(env, openblas_get_config()));
  o.Set("corename", Napi::String::New(env, openblas_get_corename()));
  o.Set("threads", Napi::Number::New(env, openblas_get_num_threads()));
  o.Set("parallel", Napi::Number::New(env, openblas_get_parallel()));
  return o;
}

// setThreads(k): OpenBLAS's thread count for this process (all JS threads share it).
void SetThreads(const Napi::CallbackInfo& info) {
  int64_t k;
  if (!Dim(info, 0, "setThreads", "threads", k)) return;
  if (k < 1) {
    Napi::RangeError::New(info.Env(), "setThreads: threads must be at least 1").ThrowAsJavaScriptException();
    return;
  }
  openblas_set_num_threads(static_cast<int>(k));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("syrk", Napi::Function::New(env, Syrk, "syrk"));
  exports.Set("syrkRows", Napi::Function::New(env, SyrkRows, "syrkRows"));
  exports.Set("gemmTN", Napi::Function::New(env, GemmTN, "gemmTN"));
  exports.Set("info", Napi::Function::New(env, Info, "info"));
  exports.Set("setThreads", Napi::Function::New(env, SetThreads, "setThreads"));
  return exports;
}

}  // namespace

NODE_API_MODULE(soukan_native, Init)

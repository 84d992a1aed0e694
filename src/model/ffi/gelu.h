// The exact (erf) GELU of BERT-family encoders, x · ½ (1 + erf(x / √2)), as a plain loop
// that the compiler vectorizes. frner calls it instead of libtorch's gelu on the CPU: libtorch
// sends fp32 gelu to oneDNN, which compiles and caches one kernel per tensor shape; a corpus
// run meets hundreds of batch shapes, and those cached kernels grew the fast model's
// 1,000-document peak RSS from about 250 MB to 350–400 MB. A plain loop also fuses into the
// int8 linear's last pass (fbgemm.cpp), saving one pass over the FFN's widest activation.
//
// erf: Abramowitz & Stegun 7.1.26 (|error| ≤ 1.5e-7); exp(−z²): 2^k · e^r with r in
// [−ln2/2, ln2/2] and a degree-6 Taylor polynomial (relative error ≤ 2e-8 before rounding).
#pragma once

#include <cstdint>
#include <cstring>

#include "simd.h"

namespace frner {

// e^v for v ≤ 0 (v below −87 gives about 1.6e-38; the result only scales a term of erf).
// Always inlined, so that each kernel compiles (and vectorizes) them for its own target.
FRNER_INLINE float exp_nonpositive(float v) {
  v = v > -87.0f ? v : -87.0f;  // a max, no branch (NaN becomes −87; erf's caller keeps it)
  // k = round(v / ln2) by the 1.5·2²³ trick (exact for |k| < 2²²): floorf would not vectorize.
  const float k = (v * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  // ln 2 split in two so that k · ln2 is exact in its high part.
  const float r = (v - k * 0.693145751953125f) - k * 1.42860682030941723e-6f;
  float p = 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  const int32_t bits = (static_cast<int32_t>(k) + 127) << 23;
  float two_k;
  std::memcpy(&two_k, &bits, sizeof two_k);
  return p * two_k;
}

FRNER_INLINE float gelu_erf(float x) {
  const float z = __builtin_fabsf(x) * 0.707106781186547524f;
  const float t = 1.0f / (1.0f + 0.3275911f * z);
  float poly = 1.061405429f;
  poly = poly * t - 1.453152027f;
  poly = poly * t + 1.421413741f;
  poly = poly * t - 0.284496736f;
  poly = poly * t + 0.254829592f;
  poly = poly * t;
  const float erf_abs = 1.0f - poly * exp_nonpositive(-z * z);
  const float erf = __builtin_copysignf(erf_abs, x);
  return 0.5f * x * (1.0f + erf);
}

FRNER_INLINE void gelu_erf_inplace_body(float* y, int64_t n) {
  for (int64_t j = 0; j < n; ++j) y[j] = gelu_erf(y[j]);
}
FRNER_INLINE void gelu_erf_copy_body(const float* x, float* out, int64_t n) {
  for (int64_t j = 0; j < n; ++j) out[j] = gelu_erf(x[j]);
}

// In place on `n` contiguous floats.
FRNER_KERNEL(gelu_erf_inplace, (float* y, int64_t n), (y, n))
// `out[j] = gelu(x[j])` for `n` contiguous floats.
FRNER_KERNEL(gelu_erf_copy, (const float* x, float* out, int64_t n), (x, out, n))

}  // namespace frner

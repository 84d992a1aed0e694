// The int8 GEMM of FBGEMM (AVX2 and AVX-512 kernels), reached through ATen's
// fbgemm_linear_int8_weight_fp32_activation, which the Rust bindings (tch) do not expose,
// and frner's CPU GELU (gelu.h), alone or fused into the int8 linear's last pass.
// Tensors cross the boundary as `at::Tensor*`, the representation tch uses; every call
// catches C++ exceptions and copies the message into the caller's buffer (return 1).
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/util/Exception.h>

#include <algorithm>
#include <cstring>
#include <exception>

#include "gelu.h"

namespace {

// The two ATen functions print a deprecation warning on first use; frner chose them on
// purpose (they are the only public route to FBGEMM's packed int8 GEMM), so it is dropped.
class Silent : public c10::WarningHandler {
 public:
  void process(const c10::Warning&) override {}
};

void copy_message(const char* what, char* err, size_t len) {
  if (err == nullptr || len == 0) return;
  std::strncpy(err, what, len - 1);
  err[len - 1] = '\0';
}

// Runs `make` (which returns a tensor) with the warning dropped; 0 and `*out` set, or 1 and
// the exception's message in `err`.
template <typename Make>
int guarded(Make make, at::Tensor** out, char* err, size_t len) {
  try {
    Silent silent;
    c10::WarningUtils::WarningHandlerGuard guard(&silent);
    *out = new at::Tensor(make());
    return 0;
  } catch (const std::exception& e) {
    copy_message(e.what(), err, len);
    return 1;
  }
}

// The passes around the GEMM, one read and one write per element each (they were seven
// ATen calls before and four after, each a full pass over memory). Compiled twice, for
// AVX2 + FMA and for any x86-64, chosen by the CPU's features (FRNER_KERNEL, simd.h).

// Maps row `x` onto [0, 1] by its own minimum and range into `unit`; returns them.
// The minimum and maximum run on GCC vectors of 8 floats: a single running min/max is a
// reduction GCC does not vectorize without -ffinite-math-only (it was 10 % of a fast int8
// pass, scalar compares); lane-wise it is elementwise (vminps/vmaxps in the AVX2 build, two
// SSE registers in the baseline one) and gives the same exact values.
typedef float Floats8 __attribute__((vector_size(32)));

FRNER_INLINE void unit_row_body(const float* x, float* unit, int64_t k, float* lo_out, float* range_out) {
  float lo = x[0];
  float hi = x[0];
  int64_t j = 0;
  if (k >= 8) {
    Floats8 lo8;
    std::memcpy(&lo8, x, sizeof lo8);
    Floats8 hi8 = lo8;
    for (j = 8; j + 8 <= k; j += 8) {
      Floats8 v;
      std::memcpy(&v, x + j, sizeof v);
      lo8 = v < lo8 ? v : lo8;
      hi8 = v > hi8 ? v : hi8;
    }
    for (int l = 0; l < 8; ++l) {
      lo = lo8[l] < lo ? lo8[l] : lo;
      hi = hi8[l] > hi ? hi8[l] : hi;
    }
  }
  for (; j < k; ++j) {
    lo = x[j] < lo ? x[j] : lo;
    hi = x[j] > hi ? x[j] : hi;
  }
  const float range = std::max(hi - lo, 1e-12f);
  const float inv = 1.0f / range;
  for (int64_t j = 0; j < k; ++j) unit[j] = (x[j] - lo) * inv;
  *lo_out = lo;
  *range_out = range;
}

// y·range·scale[j] + lo·weight_sum[j] + bias[j] (+ residual[j]), in place on row `y`.
FRNER_INLINE void finish_row_body(float* y, int64_t m, float lo, float range, const float* scale,
                const float* weight_sum, const float* bias, const float* residual) {
  if (residual != nullptr) {
    for (int64_t j = 0; j < m; ++j)
      y[j] = y[j] * range * scale[j] + (lo * weight_sum[j] + bias[j]) + residual[j];
  } else {
    for (int64_t j = 0; j < m; ++j) y[j] = y[j] * range * scale[j] + (lo * weight_sum[j] + bias[j]);
  }
}

FRNER_KERNEL(unit_row, (const float* x, float* unit, int64_t k, float* lo_out, float* range_out),
             (x, unit, k, lo_out, range_out))
FRNER_KERNEL(finish_row,
             (float* y, int64_t m, float lo, float range, const float* scale,
              const float* weight_sum, const float* bias, const float* residual),
             (y, m, lo, range, scale, weight_sum, bias, residual))

const float* floats(const at::Tensor& t, int64_t numel, const char* what) {
  TORCH_CHECK(t.scalar_type() == at::kFloat && t.is_contiguous() && t.numel() == numel, what,
              ": expected a contiguous float tensor of ", numel, " elements, got ", t.sizes());
  return t.data_ptr<float>();
}

// The whole int8 linear of int8.rs: rows of `x [n, in]` mapped to [0, 1], a guard row
// spanning [0, 2] appended (so FBGEMM's per-tensor scale is always 2/255), the GEMM, then the
// per-row and per-column factors, the bias and the optional residual `[n, out]`, then GELU
// if `gelu` (while the row is still in cache).
at::Tensor linear_rows(const at::Tensor& x_in, const at::Tensor& weight, const at::Tensor& packed,
                       const at::Tensor& col_offsets, const at::Tensor& zero_bias,
                       const at::Tensor& scale, const at::Tensor& weight_sum,
                       const at::Tensor& bias, const at::Tensor* residual, bool gelu) {
  TORCH_CHECK(x_in.dim() == 2 && x_in.scalar_type() == at::kFloat,
              "int8 linear: x must be a 2-D float tensor, got ", x_in.sizes());
  const at::Tensor x = x_in.contiguous();
  const int64_t n = x.size(0);
  const int64_t k = x.size(1);
  TORCH_CHECK(k > 0, "int8 linear: rows of x are empty");
  at::Tensor unit = at::empty({n + 1, k}, x.options());
  at::Tensor stats = at::empty({std::max<int64_t>(n, 1), 2}, x.options());
  const float* xp = x.data_ptr<float>();
  float* up = unit.data_ptr<float>();
  float* sp = stats.data_ptr<float>();
  at::parallel_for(0, n, 8, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i)
      unit_row(xp + i * k, up + i * k, k, sp + 2 * i, sp + 2 * i + 1);
  });
  std::fill(up + n * k, up + (n + 1) * k, 0.0f);
  up[n * k] = 2.0f;
  at::Tensor y = at::fbgemm_linear_int8_weight_fp32_activation(unit, weight, packed, col_offsets,
                                                               1.0, 0, zero_bias);
  TORCH_CHECK(y.is_contiguous() && y.dim() == 2 && y.size(0) == n + 1, "int8 linear: GEMM output ",
              y.sizes());
  const int64_t m = y.size(1);
  const float* sc = floats(scale, m, "int8 linear: scale");
  const float* ws = floats(weight_sum, m, "int8 linear: weight_sum");
  const float* bs = floats(bias, m, "int8 linear: bias");
  const float* rp = nullptr;
  at::Tensor res;
  if (residual != nullptr) {
    res = residual->contiguous();
    rp = floats(res, n * m, "int8 linear: residual");
  }
  float* yp = y.data_ptr<float>();
  at::parallel_for(0, n, 8, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      finish_row(yp + i * m, m, sp[2 * i], sp[2 * i + 1], sc, ws, bs,
                 rp == nullptr ? nullptr : rp + i * m);
      if (gelu) frner::gelu_erf_inplace(yp + i * m, m);
    }
  });
  return y.narrow(0, 0, n);
}

// GELU of a float CPU tensor, into a new contiguous tensor of the same shape.
at::Tensor gelu_tensor(const at::Tensor& x_in) {
  TORCH_CHECK(x_in.scalar_type() == at::kFloat && x_in.device().is_cpu(),
              "gelu: expected a float CPU tensor, got ", x_in.scalar_type(), " on ", x_in.device());
  const at::Tensor x = x_in.contiguous();
  at::Tensor y = at::empty_like(x, at::MemoryFormat::Contiguous);
  const float* xp = x.data_ptr<float>();
  float* yp = y.data_ptr<float>();
  at::parallel_for(0, x.numel(), 16384, [&](int64_t begin, int64_t end) {
    frner::gelu_erf_copy(xp + begin, yp + begin, end - begin);
  });
  return y;
}

}  // namespace

extern "C" {

// Packs an int8 `[out, in]` weight matrix for the GEMM.
int frner_fbgemm_pack(const at::Tensor* weight, at::Tensor** packed, char* err, size_t len) {
  return guarded([&] { return at::fbgemm_pack_quantized_matrix(*weight); }, packed, err, len);
}

// `x [n, in] · weightᵀ` as int8.rs's FBGEMM kernel defines it (see `linear_rows`), plus
// `residual [n, out]` when it is not null, through GELU when `gelu` is not 0.
int frner_fbgemm_linear_rows(const at::Tensor* x, const at::Tensor* weight,
                             const at::Tensor* packed, const at::Tensor* col_offsets,
                             const at::Tensor* zero_bias, const at::Tensor* scale,
                             const at::Tensor* weight_sum, const at::Tensor* bias,
                             const at::Tensor* residual, int gelu, at::Tensor** out, char* err,
                             size_t len) {
  return guarded(
      [&] {
        return linear_rows(*x, *weight, *packed, *col_offsets, *zero_bias, *scale, *weight_sum,
                           *bias, residual, gelu != 0);
      },
      out, err, len);
}

// frner's exact GELU (gelu.h) of a float CPU tensor.
int frner_gelu(const at::Tensor* x, at::Tensor** out, char* err, size_t len) {
  return guarded([&] { return gelu_tensor(*x); }, out, err, len);
}

}  // extern "C"

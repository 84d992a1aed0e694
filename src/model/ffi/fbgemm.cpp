// The int8 GEMM of FBGEMM (AVX2 and AVX-512 kernels), called directly through the
// fbgemm headers and symbols that ship in the torch wheel (libtorch_cpu exports them; tch
// binds none of this), and frner's CPU GELU (gelu.h), alone or fused into the int8 linear's
// last pass.
// Tensors cross the boundary as `at::Tensor*`, the representation tch uses; every call
// catches C++ exceptions and copies the message into the caller's buffer (return 1).
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/util/Exception.h>

#include <algorithm>
#include <cstring>
#include <exception>

#include <fbgemm/Fbgemm.h>

#include "gelu.h"

namespace {

void copy_message(const char* what, char* err, size_t len) {
  if (err == nullptr || len == 0) return;
  std::strncpy(err, what, len - 1);
  err[len - 1] = '\0';
}

// Runs `make` (which returns a tensor); 0 and `*out` set, or 1 and the exception's message
// in `err`.
template <typename Make>
int guarded(Make make, at::Tensor** out, char* err, size_t len) {
  try {
    *out = new at::Tensor(make());
    return 0;
  } catch (const std::exception& e) {
    copy_message(e.what(), err, len);
    return 1;
  }
}

// The passes around the GEMM, one read and one write per element each. They used to be
// ATen's (fbgemm_linear_int8_weight_fp32_activation: find the batch's range, quantize,
// GEMM, requantize to float) plus frner's own two (map each row onto [0, 1] with a guard
// row, then the per-row factors): four passes over the activations. Now frner quantizes
// each row itself straight to uint8, FBGEMM only multiplies (int32 out), and one pass turns
// the int32 sums into floats with every factor, the bias, the residual and GELU. Compiled
// twice, for AVX2 + FMA and for any x86-64, chosen by the CPU's features (FRNER_KERNEL,
// simd.h).

// Steps of an activation's range: values 0..128, so that AVX2's 16-bit pair sums
// (`vpmaddubsw`, 2 · 128 · 127 < 2¹⁵) never saturate with weights in ±127 (int8.rs clamps
// them there). 127 steps measured 0.3 F1 points lower on the news dev set.
constexpr float kLevels = 128.0f;

// Quantizes row `x` by its own minimum and range onto 0..128 into `q`; returns them.
// The minimum and maximum run on GCC vectors of 8 floats: a single running min/max is a
// reduction GCC does not vectorize without -ffinite-math-only (it was 10 % of a fast int8
// pass, scalar compares); lane-wise it is elementwise (vminps/vmaxps in the AVX2 build, two
// SSE registers in the baseline one) and gives the same exact values.
typedef float Floats8 __attribute__((vector_size(32)));

FRNER_INLINE void quantize_row_body(const float* x, uint8_t* q, int64_t k, float* lo_out,
                                    float* range_out) {
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
  const float inv = kLevels / range;
  // Values are ≥ 0 here, so truncating v + 0.5 rounds to nearest (a conversion that
  // vectorizes, unlike nearbyint); the clamp guards the last ulp of (hi − lo) · inv.
  for (int64_t j = 0; j < k; ++j) {
    const float v = (x[j] - lo) * inv + 0.5f;
    q[j] = static_cast<uint8_t>(static_cast<int32_t>(v < kLevels ? v : kLevels));
  }
  *lo_out = lo;
  *range_out = range;
}

// Row `y` holds FBGEMM's int32 sums (same bytes, read as int32); in place it becomes
// sum·(range/128)·scale[j] + lo·weight_sum[j] + bias[j] (+ residual[j]).
FRNER_INLINE void finish_row_body(float* y, int64_t m, float lo, float range, const float* scale,
                                  const float* weight_sum, const float* bias,
                                  const float* residual) {
  const float step = range / kLevels;
  if (residual != nullptr) {
    for (int64_t j = 0; j < m; ++j) {
      int32_t acc;
      std::memcpy(&acc, y + j, sizeof acc);
      y[j] = static_cast<float>(acc) * step * scale[j] + (lo * weight_sum[j] + bias[j]) +
             residual[j];
    }
  } else {
    for (int64_t j = 0; j < m; ++j) {
      int32_t acc;
      std::memcpy(&acc, y + j, sizeof acc);
      y[j] = static_cast<float>(acc) * step * scale[j] + (lo * weight_sum[j] + bias[j]);
    }
  }
}

FRNER_KERNEL(quantize_row,
             (const float* x, uint8_t* q, int64_t k, float* lo_out, float* range_out),
             (x, q, k, lo_out, range_out))
FRNER_KERNEL(finish_row,
             (float* y, int64_t m, float lo, float range, const float* scale,
              const float* weight_sum, const float* bias, const float* residual),
             (y, m, lo, range, scale, weight_sum, bias, residual))

const float* floats(const at::Tensor& t, int64_t numel, const char* what) {
  TORCH_CHECK(t.scalar_type() == at::kFloat && t.is_contiguous() && t.numel() == numel, what,
              ": expected a contiguous float tensor of ", numel, " elements, got ", t.sizes());
  return t.data_ptr<float>();
}

}  // namespace

// An int8 `[out, in]` weight packed for FBGEMM (its B matrix is `[in, out]`: the weight
// transposed).
struct FrnerPackedWeight {
  fbgemm::PackBMatrix<int8_t> b;
  int64_t in;
  int64_t out;
};

namespace {

FrnerPackedWeight* pack_weight(const at::Tensor& weight_in) {
  TORCH_CHECK(weight_in.dim() == 2 && weight_in.scalar_type() == at::kChar,
              "int8 weight: expected a 2-D int8 tensor, got ", weight_in.scalar_type(), " ",
              weight_in.sizes());
  TORCH_CHECK(fbgemm::fbgemmSupportedCPU(), "FBGEMM does not support this CPU");
  const at::Tensor weight = weight_in.contiguous();
  const int64_t out = weight.size(0);
  const int64_t in = weight.size(1);
  TORCH_CHECK(out > 0 && in > 0 && out < INT32_MAX && in < INT32_MAX,
              "int8 weight: unsupported shape ", weight.sizes());
  // The packed copy is made here; `weight` is not needed afterwards.
  return new FrnerPackedWeight{
      fbgemm::PackBMatrix<int8_t>(fbgemm::matrix_op_t::Transpose, static_cast<int32_t>(in),
                                  static_cast<int32_t>(out), weight.data_ptr<int8_t>(),
                                  static_cast<int32_t>(in), nullptr, 1),
      in, out};
}

// The whole int8 linear of int8.rs: each row of `x [n, in]` quantized to 0..128 by its own
// range, the GEMM in int32, then the per-row and per-column factors, the bias and the
// optional residual `[n, out]`, then GELU if `gelu` (while the row is still in cache).
at::Tensor linear_rows(const at::Tensor& x_in, const FrnerPackedWeight& w, const at::Tensor& scale,
                       const at::Tensor& weight_sum, const at::Tensor& bias,
                       const at::Tensor* residual, bool gelu) {
  TORCH_CHECK(x_in.dim() == 2 && x_in.scalar_type() == at::kFloat,
              "int8 linear: x must be a 2-D float tensor, got ", x_in.sizes());
  const at::Tensor x = x_in.contiguous();
  const int64_t n = x.size(0);
  const int64_t k = x.size(1);
  TORCH_CHECK(k == w.in, "int8 linear: rows of ", k, " values for a weight of ", w.in,
              " inputs");
  TORCH_CHECK(n < INT32_MAX, "int8 linear: ", n, " rows");
  const int64_t m = w.out;
  at::Tensor y = at::empty({n, m}, x.options());
  if (n == 0) return y;
  at::Tensor quantized = at::empty({n, k}, x.options().dtype(at::kByte));
  at::Tensor stats = at::empty({n, 2}, x.options());
  const float* xp = x.data_ptr<float>();
  uint8_t* qp = quantized.data_ptr<uint8_t>();
  float* sp = stats.data_ptr<float>();
  at::parallel_for(0, n, 8, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i)
      quantize_row(xp + i * k, qp + i * k, k, sp + 2 * i, sp + 2 * i + 1);
  });
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
  // FBGEMM writes int32 sums into y's own memory (same size as the floats they become).
  auto* acc = reinterpret_cast<int32_t*>(yp);
  const int tasks = at::get_num_threads();
  at::parallel_for(0, tasks, 1, [&](int64_t begin, int64_t end) {
    for (int64_t task = begin; task < end; ++task) {
      // Each task packs its own blocks of A.
      fbgemm::PackAMatrix<uint8_t> a(fbgemm::matrix_op_t::NoTranspose, static_cast<int32_t>(n),
                                     static_cast<int32_t>(k), qp, static_cast<int32_t>(k),
                                     nullptr, 1);
      fbgemm::DoNothing<int32_t, int32_t> done;
      fbgemm::memCopy<> keep(done);
      // fbgemmPacked takes B by non-const reference but only reads it.
      auto& b = const_cast<fbgemm::PackBMatrix<int8_t>&>(w.b);
      fbgemm::fbgemmPacked(a, b, acc, acc, static_cast<uint32_t>(m), keep, static_cast<int>(task),
                           tasks);
    }
  });
  at::parallel_for(0, n, 8, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      finish_row(yp + i * m, m, sp[2 * i], sp[2 * i + 1], sc, ws, bs,
                 rp == nullptr ? nullptr : rp + i * m);
      if (gelu) frner::gelu_erf_inplace(yp + i * m, m);
    }
  });
  return y;
}

// Rows of `x [n, c]` (float) at the flat positions `index [n]` (int64, strictly increasing)
// of a new `[rows, c]` tensor, zeros elsewhere: each output row written once (libtorch's
// zeros + index_copy wrote the padding twice and copied element by element).
at::Tensor scatter_rows(const at::Tensor& x_in, const at::Tensor& index_in, int64_t rows) {
  TORCH_CHECK(x_in.dim() == 2 && x_in.scalar_type() == at::kFloat && x_in.device().is_cpu(),
              "scatter: x must be a 2-D float CPU tensor, got ", x_in.sizes());
  TORCH_CHECK(index_in.dim() == 1 && index_in.scalar_type() == at::kLong &&
                  index_in.size(0) == x_in.size(0),
              "scatter: index must be int64 [", x_in.size(0), "], got ", index_in.sizes());
  const at::Tensor x = x_in.contiguous();
  const at::Tensor index = index_in.contiguous();
  const int64_t n = x.size(0);
  const int64_t c = x.size(1);
  const int64_t* ip = index.data_ptr<int64_t>();
  for (int64_t i = 0; i < n; ++i)
    TORCH_CHECK(ip[i] >= 0 && ip[i] < rows && (i == 0 || ip[i] > ip[i - 1]),
                "scatter: index ", ip[i], " at ", i, " is out of order or outside ", rows,
                " rows");
  at::Tensor out = at::empty({rows, c}, x.options());
  const float* xp = x.data_ptr<float>();
  float* op = out.data_ptr<float>();
  at::parallel_for(0, rows, 64, [&](int64_t begin, int64_t end) {
    int64_t i = std::lower_bound(ip, ip + n, begin) - ip;
    for (int64_t r = begin; r < end; ++r) {
      if (i < n && ip[i] == r) {
        std::memcpy(op + r * c, xp + i * c, sizeof(float) * c);
        ++i;
      } else {
        std::memset(op + r * c, 0, sizeof(float) * c);
      }
    }
  });
  return out;
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

// Packs an int8 `[out, in]` weight matrix for the GEMM; free it with frner_fbgemm_free.
int frner_fbgemm_pack(const at::Tensor* weight, FrnerPackedWeight** packed, char* err,
                      size_t len) {
  try {
    *packed = pack_weight(*weight);
    return 0;
  } catch (const std::exception& e) {
    copy_message(e.what(), err, len);
    return 1;
  }
}

void frner_fbgemm_free(FrnerPackedWeight* packed) { delete packed; }

// `x [n, in] · weightᵀ` as int8.rs's FBGEMM kernel defines it (see `linear_rows`), plus
// `residual [n, out]` when it is not null, through GELU when `gelu` is not 0.
int frner_fbgemm_linear_rows(const at::Tensor* x, const FrnerPackedWeight* packed,
                             const at::Tensor* scale, const at::Tensor* weight_sum,
                             const at::Tensor* bias, const at::Tensor* residual, int gelu,
                             at::Tensor** out, char* err, size_t len) {
  return guarded(
      [&] { return linear_rows(*x, *packed, *scale, *weight_sum, *bias, residual, gelu != 0); },
      out, err, len);
}

// See scatter_rows.
int frner_scatter_rows(const at::Tensor* x, const at::Tensor* index, int64_t rows,
                       at::Tensor** out, char* err, size_t len) {
  return guarded([&] { return scatter_rows(*x, *index, rows); }, out, err, len);
}

// frner's exact GELU (gelu.h) of a float CPU tensor.
int frner_gelu(const at::Tensor* x, at::Tensor** out, char* err, size_t len) {
  return guarded([&] { return gelu_tensor(*x); }, out, err, len);
}

}  // extern "C"

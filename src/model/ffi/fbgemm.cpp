// The int8 GEMM of FBGEMM (AVX2 and AVX-512 kernels), reached through ATen's
// fbgemm_linear_int8_weight_fp32_activation, which the Rust bindings (tch) do not expose.
// Tensors cross the boundary as `at::Tensor*`, the representation tch uses; every call
// catches C++ exceptions and copies the message into the caller's buffer (return 1).
#include <ATen/ATen.h>
#include <c10/util/Exception.h>

#include <cstring>
#include <exception>

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

}  // namespace

extern "C" {

// Packs an int8 `[out, in]` weight matrix for the GEMM.
int frner_fbgemm_pack(const at::Tensor* weight, at::Tensor** packed, char* err, size_t len) {
  return guarded([&] { return at::fbgemm_pack_quantized_matrix(*weight); }, packed, err, len);
}

// `x [n, in] fp32 · weightᵀ` with x quantized per tensor to uint8 by FBGEMM, weight int8
// with scale 1 and zero point 0 (the caller applies per-row scales), `col_offsets` = row sums
// of the weight (int32), `bias` fp32 `[out]`.
int frner_fbgemm_linear(const at::Tensor* x, const at::Tensor* weight, const at::Tensor* packed,
                        const at::Tensor* col_offsets, const at::Tensor* bias, at::Tensor** out,
                        char* err, size_t len) {
  return guarded(
      [&] {
        return at::fbgemm_linear_int8_weight_fp32_activation(*x, *weight, *packed, *col_offsets,
                                                             1.0, 0, *bias);
      },
      out, err, len);
}

}  // extern "C"

// Loops of the bridge compiled twice, for AVX2 + FMA and for baseline x86-64, the CPU's
// features choosing at run time.
#pragma once

// FRNER_KERNEL(name, params, args) defines `static void name params` that runs
// `name##_body args` (an always-inlined function) compiled for AVX2 + FMA when the CPU has
// them, else for baseline x86-64. Dispatch is by CPU features: GCC's
// `target_clones("arch=haswell")` tests the CPU model and never picked its clone on AMD EPYC.
#if defined(__x86_64__) && defined(__GNUC__)
namespace frner {
inline bool has_avx2_fma() {
  static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return yes;
}
}  // namespace frner
#define FRNER_KERNEL(name, params, args)                                       \
  __attribute__((target("avx2,fma"))) static void name##_avx2 params { name##_body args; } \
  static void name##_base params { name##_body args; }                         \
  static void name params {                                                    \
    if (frner::has_avx2_fma())                                                 \
      name##_avx2 args;                                                        \
    else                                                                       \
      name##_base args;                                                        \
  }
#else
#define FRNER_KERNEL(name, params, args) \
  static void name params { name##_body args; }
#endif

#define FRNER_INLINE static inline __attribute__((always_inline))

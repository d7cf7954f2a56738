// The random numbers randconfig draws: conf calls the C library's srand()
// and rand(), so `randconfig` with the same KCONFIG_SEED is only
// byte-identical to conf when the same sequence comes out. This is the GNU C
// library's rand() (the TYPE_3 additive feedback generator of random_r: 31
// words of state, separation 3, seeded by a 16807 multiplicative generator
// and stirred 310 times), kept in an object instead of the C library's
// process-wide state.
#pragma once

#include <cstdint>

namespace kconfig {

class ConfRandom {
  public:
    // srand(seed).
    explicit ConfRandom(unsigned int seed);
    // rand(): 0 .. 2^31 - 1.
    int next();

  private:
    static constexpr int kDegree = 31;    // words of state (glibc's TYPE_3)
    static constexpr int kSeparation = 3; // distance between the two taps
    int32_t state_[kDegree];              // the additive generator's words
    int front_ = kSeparation;             // glibc's fptr, as an index
    int rear_ = 0;                        // glibc's rptr, as an index
};

} // namespace kconfig

#include "kconfig/conf_random.h"

namespace kconfig {

ConfRandom::ConfRandom(unsigned int seed) {
    // A zero seed would make every word zero.
    if (seed == 0) seed = 1;
    // state[i] = 16807 * state[i - 1] % (2^31 - 1), by Schrage's method so
    // that nothing overflows; the seed is read as a signed 32-bit word, as
    // glibc stores it.
    int32_t word = int32_t(seed);
    state_[0] = word;
    for (int i = 1; i < kDegree; ++i) {
        long hi = word / 127773;
        long lo = word % 127773;
        word = int32_t(16807 * lo - 2836 * hi);
        if (word < 0) word += 2147483647;
        state_[i] = word;
    }
    front_ = kSeparation;
    rear_ = 0;
    // The first 10 * degree outputs are discarded.
    for (int i = 0; i < 10 * kDegree; ++i)
        (void)next();
}

int ConfRandom::next() {
    uint32_t sum = uint32_t(state_[front_]) + uint32_t(state_[rear_]);
    state_[front_] = int32_t(sum);
    if (++front_ >= kDegree) {
        front_ = 0;
        ++rear_;
    } else if (++rear_ >= kDegree) {
        rear_ = 0;
    }
    // The least random bit is dropped.
    return int(sum >> 1);
}

} // namespace kconfig

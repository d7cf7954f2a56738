// NameIndex: the Context's index from a name to the object that owns it
// (symbols, file names). Open addressing with linear probing over a
// power-of-two table of pointer slots: a lookup is one hash of the
// name and, almost always, one slot; std::unordered_map paid a division and
// a node per entry, and the lexer and parser ask for a symbol per word.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace kconfig {

// A 64-bit finaliser: spreads every input bit over the low bits that hash
// tables mask with (also used for the Finalizer's expression hashes).
inline uint64_t hash_mix(uint64_t h) {
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 32);
}

// A fast non-cryptographic hash of a name, eight bytes at a time.
inline uint64_t name_hash(std::string_view s) {
    uint64_t h = 0x9e3779b97f4a7c15ull ^ (s.size() * 0xff51afd7ed558ccdull);
    const char* p = s.data();
    size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 29;
    }
    if (n > 0) {
        uint64_t w = 0;
        for (size_t i = 0; i < n; ++i)
            w |= uint64_t(uint8_t(p[i])) << (8 * i);
        h = (h ^ w) * 0x94d049bb133111ebull;
    }
    return hash_mix(h);
}

// `KeyOf(const T*)` gives the name an object is indexed under; the object
// owns that text, so the index stores only pointers.
template <class T, std::string_view (*KeyOf)(const T*)> class NameIndex {
  public:
    T* find(std::string_view name) const { return find(name, name_hash(name)); }
    T* find(std::string_view name, uint64_t hash) const {
        if (slots_.empty()) return nullptr;
        for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
            T* value = slots_[i];
            if (!value) return nullptr;
            if (KeyOf(value) == name) return value;
        }
    }
    // `value` must not be indexed yet under its name.
    void insert(T* value, uint64_t hash) {
        // Grown at 5/8 full: probes stay short.
        if ((count_ + 1) * 8 > slots_.size() * 5) grow();
        place(value, hash);
        ++count_;
    }

  private:
    // A slot is the pointer alone, without the name's hash: a found name is
    // compared once anyway, and probes are short, so the hash saved little
    // while doubling the table (half a MiB for a kernel tree's symbols).
    void place(T* value, uint64_t hash) {
        size_t i = hash & mask_;
        while (slots_[i])
            i = (i + 1) & mask_;
        slots_[i] = value;
    }
    void grow() {
        std::vector<T*> old = std::move(slots_);
        slots_.assign(old.empty() ? 256 : old.size() * 2, nullptr);
        mask_ = slots_.size() - 1;
        for (T* value : old)
            if (value) place(value, name_hash(KeyOf(value)));
    }

    std::vector<T*> slots_; // open addressing, linear probing; null: free
    size_t mask_ = 0;       // slots_.size() - 1 (a power of two)
    size_t count_ = 0;      // values indexed
};

} // namespace kconfig

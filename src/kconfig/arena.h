// ObjectArena: stable storage for the many small objects of one type that a
// Context owns (symbols, expressions, properties, menu nodes). Objects are
// placed in 64 KiB blocks and destroyed together with the arena: a tree's
// ~150,000 objects cost a few hundred allocations instead of one each, and
// objects made one after the other sit next to each other in memory.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace kconfig {

template <class T> class ObjectArena {
  public:
    ObjectArena() = default;
    ObjectArena(const ObjectArena&) = delete;
    ObjectArena& operator=(const ObjectArena&) = delete;
    ~ObjectArena() {
        for (size_t b = 0; b < blocks_.size(); ++b) {
            size_t n = b + 1 == blocks_.size() ? used_ : kPerBlock;
            for (size_t i = 0; i < n; ++i)
                blocks_[b][i].~T();
            ::operator delete(blocks_[b], std::align_val_t(alignof(T)));
        }
    }

    // A new value-initialised object; its address never changes.
    T& emplace_back() {
        if (blocks_.empty() || used_ == kPerBlock) {
            // Room first (growing geometrically), so that the push_back after
            // the block's allocation cannot throw and leak it.
            if (blocks_.size() == blocks_.capacity()) blocks_.reserve(2 * blocks_.size() + 8);
            blocks_.push_back(static_cast<T*>(
                ::operator new(kPerBlock * sizeof(T), std::align_val_t(alignof(T)))));
            used_ = 0;
        }
        T* object = new (blocks_.back() + used_) T();
        ++used_;
        return *object;
    }

  private:
    static constexpr size_t kBlockBytes = 64 * 1024;
    static constexpr size_t kPerBlock = sizeof(T) >= kBlockBytes ? 1 : kBlockBytes / sizeof(T);
    std::vector<T*> blocks_;
    size_t used_ = 0; // objects in the last block
};

} // namespace kconfig

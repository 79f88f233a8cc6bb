// The pinned slot ring (slot_ring.h).
#include "sb/slot_ring.h"

namespace sb {

namespace {
constexpr uint32_t kMaxGeneration = 0x7FFFu;
}

void copy_bytes(uint8_t* to, const uint8_t* from, uint32_t count) {
  // A plain loop: the compiler turns it into the target's block copy (memcpy on the host, a
  // word loop on the board), and it stays within the freestanding rules.
  while (count-- > 0) *to++ = *from++;
}

void move_bytes(uint8_t* to, const uint8_t* from, uint32_t count) {
  if (to == from || count == 0) return;
  if (to < from || to >= from + count) {
    copy_bytes(to, from, count);
    return;
  }
  // The destination starts inside the source: copy from the end.
  while (count-- > 0) to[count] = from[count];
}

int32_t SlotRing::init(uint8_t* memory, size_t memory_size, uint32_t slot_count, uint32_t slot_size) {
  if (memory == nullptr || slot_count == 0 || slot_count > SB_RING_MAX_SLOTS || slot_size == 0) {
    return SB_RING_E_ARGUMENT;
  }
  if (memory_size / slot_count < slot_size) return SB_RING_E_ARGUMENT;
  if (memory_ != nullptr && free_count_ != slot_count_) return SB_RING_E_ARGUMENT;
  memory_ = memory;
  slot_count_ = slot_count;
  slot_size_ = slot_size;
  for (uint32_t i = 0; i < slot_count; ++i) {
    // Lowest index on top, so a fresh ring hands out slot 0 first.
    free_[i] = static_cast<uint16_t>(slot_count - 1 - i);
    in_use_[i] = false;
    generation_[i] = 0;
  }
  free_count_ = slot_count;
  high_water_ = acquires_ = releases_ = acquire_failures_ = refused_releases_ = 0;
  return SB_RING_OK;
}

int32_t SlotRing::acquire(uint32_t* handle) {
  if (handle == nullptr) return SB_RING_E_ARGUMENT;
  *handle = 0;
  if (memory_ == nullptr) return SB_RING_E_UNSET;
  if (free_count_ == 0) {
    ++acquire_failures_;
    return SB_RING_E_EMPTY;
  }
  uint32_t index = free_[--free_count_];
  uint32_t generation = generation_[index] + 1u;
  if (generation > kMaxGeneration) generation = 1;  // wraps past 0, which no handle uses
  generation_[index] = static_cast<uint16_t>(generation);
  in_use_[index] = true;
  ++acquires_;
  uint32_t in_use = slot_count_ - free_count_;
  if (in_use > high_water_) high_water_ = in_use;
  *handle = make_handle(index, generation);
  return SB_RING_OK;
}

bool SlotRing::valid(uint32_t handle) const {
  uint32_t index = index_of(handle);
  return memory_ != nullptr && index < slot_count_ && in_use_[index] &&
         generation_[index] == generation_of(handle) && (handle >> 31) == 0;
}

int32_t SlotRing::release(uint32_t handle) {
  if (!valid(handle)) {
    ++refused_releases_;
    return SB_RING_E_HANDLE;
  }
  uint32_t index = index_of(handle);
  in_use_[index] = false;
  free_[free_count_++] = static_cast<uint16_t>(index);
  ++releases_;
  return SB_RING_OK;
}

int32_t SlotRing::span(uint32_t handle, uint32_t offset, uint32_t count, uint8_t** address) const {
  if (address == nullptr) return SB_RING_E_ARGUMENT;
  *address = nullptr;
  if (!valid(handle)) return SB_RING_E_HANDLE;
  // Written so that no sum can wrap: offset <= size, then count <= size - offset.
  if (offset > slot_size_ || count > slot_size_ - offset) return SB_RING_E_RANGE;
  *address = memory_ + static_cast<size_t>(index_of(handle)) * slot_size_ + offset;
  return SB_RING_OK;
}

int32_t SlotRing::copy_in(uint32_t handle, uint32_t offset, const uint8_t* source, uint32_t count) {
  if (source == nullptr && count > 0) return SB_RING_E_ARGUMENT;
  uint8_t* at;
  int32_t rc = span(handle, offset, count, &at);
  if (rc != SB_RING_OK) return rc;
  copy_bytes(at, source, count);
  return SB_RING_OK;
}

int32_t SlotRing::copy_out(uint32_t handle, uint32_t offset, uint8_t* destination, uint32_t count) const {
  if (destination == nullptr && count > 0) return SB_RING_E_ARGUMENT;
  uint8_t* at;
  int32_t rc = span(handle, offset, count, &at);
  if (rc != SB_RING_OK) return rc;
  copy_bytes(destination, at, count);
  return SB_RING_OK;
}

int32_t SlotRing::copy(uint32_t from, uint32_t from_offset, uint32_t to, uint32_t to_offset, uint32_t count) {
  uint8_t* source;
  uint8_t* destination;
  int32_t rc = span(from, from_offset, count, &source);
  if (rc != SB_RING_OK) return rc;
  rc = span(to, to_offset, count, &destination);
  if (rc != SB_RING_OK) return rc;
  move_bytes(destination, source, count);
  return SB_RING_OK;
}

void SlotRing::stats(sb_ring_stats* out) const {
  if (out == nullptr) return;
  out->slot_count = slot_count_;
  out->slot_size = slot_size_;
  out->in_use = slot_count_ - free_count_;
  out->high_water = high_water_;
  out->acquires = acquires_;
  out->releases = releases_;
  out->acquire_failures = acquire_failures_;
  out->refused_releases = refused_releases_;
}

}  // namespace sb

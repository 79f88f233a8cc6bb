/* The pinned buffer ring of the data plane: a fixed number of fixed-size slots in memory given
 * to it once (on the board: DMA-capable internal RAM; in the host build: one allocation made by
 * the C ABI). Bus transfers and the frame codec read and write slots by address; managed code
 * names a slot by handle, offset and length and copies small things in and out with one call.
 *
 * A handle carries the slot's index and the generation it was acquired in, so a handle kept
 * after its release (stale) or made up (forged) is refused, never followed. Every offset and
 * count is checked against the slot: a bad one is an error status, never a write past it.
 *
 * Not thread-safe: one caller at a time (the managed binding holds a lock; on the board only
 * core 0 acquires and releases, and the bus loop uses addresses it was handed). */
#ifndef SB_SLOT_RING_H
#define SB_SLOT_RING_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status of every ring call: 0 or a negative error. */
enum sb_ring_status {
  SB_RING_OK = 0,
  SB_RING_E_ARGUMENT = -1,  /* null pointer, zero or too many slots, memory too small */
  SB_RING_E_HANDLE = -2,    /* the handle names no slot in use: stale, forged or released twice */
  SB_RING_E_RANGE = -3,     /* offset + count runs past the end of the slot */
  SB_RING_E_EMPTY = -4,     /* no slot free */
  SB_RING_E_UNSET = -5      /* the ring was never given its memory */
};

/* The most slots one ring keeps (its bookkeeping is fixed-size: no heap). */
#define SB_RING_MAX_SLOTS 256u

/* Counters, for statistics and for tests that check every slot came back. */
typedef struct sb_ring_stats {
  uint32_t slot_count;
  uint32_t slot_size;
  uint32_t in_use;
  uint32_t high_water;        /* most slots in use at once */
  uint32_t acquires;
  uint32_t releases;
  uint32_t acquire_failures;  /* acquisitions that found no slot free */
  uint32_t refused_releases;  /* releases of a stale, forged or free handle */
} sb_ring_stats;

#ifdef __cplusplus
}  // extern "C"

namespace sb {

class SlotRing {
 public:
  /* Gives the ring its memory (slot_count * slot_size bytes from memory); every slot free.
   * May be called again only when no slot is in use. */
  int32_t init(uint8_t* memory, size_t memory_size, uint32_t slot_count, uint32_t slot_size);

  /* A free slot: its handle in *handle. The lowest free index first on a fresh ring. */
  int32_t acquire(uint32_t* handle);
  int32_t release(uint32_t handle);

  /* True when handle names a slot in use now. */
  bool valid(uint32_t handle) const;

  /* The address of [offset, offset + count) of a slot in use, after checking it lies inside. */
  int32_t span(uint32_t handle, uint32_t offset, uint32_t count, uint8_t** address) const;

  int32_t copy_in(uint32_t handle, uint32_t offset, const uint8_t* source, uint32_t count);
  int32_t copy_out(uint32_t handle, uint32_t offset, uint8_t* destination, uint32_t count) const;
  /* Slot to slot (a held write frame to the bus's slot); the ranges may be in the same slot. */
  int32_t copy(uint32_t from, uint32_t from_offset, uint32_t to, uint32_t to_offset, uint32_t count);

  void stats(sb_ring_stats* out) const;

  uint32_t slot_count() const { return slot_count_; }
  uint32_t slot_size() const { return slot_size_; }

  /* Handle layout: generation (1 to 0x7FFF, never 0) in bits 16-30, index in bits 0-15, so a
   * handle is always a positive int32 for the managed side and 0 is never valid. */
  static uint32_t make_handle(uint32_t index, uint32_t generation) { return (generation << 16) | index; }
  static uint32_t index_of(uint32_t handle) { return handle & 0xFFFFu; }
  static uint32_t generation_of(uint32_t handle) { return handle >> 16; }

 private:
  uint8_t* memory_ = nullptr;
  uint32_t slot_count_ = 0;
  uint32_t slot_size_ = 0;
  uint32_t free_count_ = 0;
  uint16_t free_[SB_RING_MAX_SLOTS] = {};        // stack of free indices
  uint16_t generation_[SB_RING_MAX_SLOTS] = {};  // of the current (or last) use
  bool in_use_[SB_RING_MAX_SLOTS] = {};
  uint32_t high_water_ = 0;
  uint32_t acquires_ = 0;
  uint32_t releases_ = 0;
  uint32_t acquire_failures_ = 0;
  uint32_t refused_releases_ = 0;
};

/* Copies count bytes; the ranges must not overlap. The data plane's one copy routine. */
void copy_bytes(uint8_t* to, const uint8_t* from, uint32_t count);
/* As copy_bytes, for ranges that may overlap. */
void move_bytes(uint8_t* to, const uint8_t* from, uint32_t count);

}  // namespace sb
#endif
#endif

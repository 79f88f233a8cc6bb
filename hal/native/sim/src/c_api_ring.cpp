// C ABI of the slot ring (scsibridge_dataplane.h): the host build gives the ring its memory in
// one allocation here, as the board gives it DMA-capable RAM once at start-up.
#include <new>

#include "dataplane_handles.h"
#include "scsibridge_dataplane.h"

namespace {
constexpr uint32_t kMaxSlotSize = 1u << 20;
}

extern "C" {

SB_API int32_t sb_dataplane_abi_version(void) { return SB_DATAPLANE_ABI_VERSION; }

SB_API const char* sb_dataplane_status_text(int32_t status) {
  switch (status) {
    case SB_RING_OK: return "ok";
    case SB_RING_E_ARGUMENT: return "bad ring argument: a null pointer, no slots, too many slots or memory too small";
    case SB_RING_E_HANDLE: return "the slot handle names no slot in use: it was released already, or never handed out";
    case SB_RING_E_RANGE: return "the offset and count run past the end of the ring slot";
    case SB_RING_E_EMPTY: return "no ring slot is free: every buffer is in use; wait for one to come back";
    case SB_RING_E_UNSET: return "the ring was never given its memory";
    case SB_FRAME_E_ARGUMENT: return "bad frame codec argument: a null pointer with a count, or a bad field";
    case SB_FRAME_E_TOO_LARGE: return "a frame payload has at most 4096 bytes";
    case SB_FRAME_E_NO_ROOM: return "the output buffer cannot hold the encoded frame (it needs SB_LINK_MAX_ENCODED bytes)";
    case SB_FRAME_E_NO_FRAME: return "no good frame holds those payload bytes";
    case SB_FRAME_E_LONGER_THAN_SLOT: return "the frame's data is longer than a ring slot";
    default: return "unknown data plane status";
  }
}

SB_API sb_ring* sb_ring_create(uint32_t slot_count, uint32_t slot_size) {
  if (slot_count == 0 || slot_count > SB_RING_MAX_SLOTS || slot_size == 0 || slot_size > kMaxSlotSize) return nullptr;
  sb_ring* r = new (std::nothrow) sb_ring();
  if (r == nullptr) return nullptr;
  size_t bytes = static_cast<size_t>(slot_count) * slot_size;
  r->memory = new (std::nothrow) uint8_t[bytes]();
  if (r->memory == nullptr || r->ring.init(r->memory, bytes, slot_count, slot_size) != SB_RING_OK) {
    delete[] r->memory;
    delete r;
    return nullptr;
  }
  return r;
}

SB_API void sb_ring_destroy(sb_ring* ring) {
  if (ring == nullptr) return;
  delete[] ring->memory;
  delete ring;
}

SB_API int32_t sb_ring_acquire(sb_ring* ring, uint32_t* handle) {
  if (ring == nullptr) return SB_RING_E_ARGUMENT;
  return ring->ring.acquire(handle);
}

SB_API int32_t sb_ring_release(sb_ring* ring, uint32_t handle) {
  if (ring == nullptr) return SB_RING_E_ARGUMENT;
  return ring->ring.release(handle);
}

SB_API int32_t sb_ring_copy_in(sb_ring* ring, uint32_t handle, uint32_t offset, const uint8_t* source,
                               uint32_t count) {
  if (ring == nullptr) return SB_RING_E_ARGUMENT;
  return ring->ring.copy_in(handle, offset, source, count);
}

SB_API int32_t sb_ring_copy_out(const sb_ring* ring, uint32_t handle, uint32_t offset, uint8_t* destination,
                                uint32_t count) {
  if (ring == nullptr) return SB_RING_E_ARGUMENT;
  return ring->ring.copy_out(handle, offset, destination, count);
}

SB_API int32_t sb_ring_copy(sb_ring* ring, uint32_t from, uint32_t from_offset, uint32_t to, uint32_t to_offset,
                            uint32_t count) {
  if (ring == nullptr) return SB_RING_E_ARGUMENT;
  return ring->ring.copy(from, from_offset, to, to_offset, count);
}

SB_API int32_t sb_ring_address(const sb_ring* ring, uint32_t handle, uint32_t offset, uint32_t count,
                               uint8_t** address) {
  if (ring == nullptr) return SB_RING_E_ARGUMENT;
  return ring->ring.span(handle, offset, count, address);
}

SB_API int32_t sb_ring_get_stats(const sb_ring* ring, sb_ring_stats* stats) {
  if (ring == nullptr || stats == nullptr) return SB_RING_E_ARGUMENT;
  ring->ring.stats(stats);
  return SB_RING_OK;
}

}  // extern "C"

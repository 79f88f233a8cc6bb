// C ABI of the frame codec (scsibridge_dataplane.h).
#include <new>

#include "sb/frame_codec.h"
#include "dataplane_handles.h"
#include "scsibridge_dataplane.h"

extern "C" {

SB_API int32_t sb_frame_encode(uint8_t type, uint8_t flags, uint8_t opcode, uint16_t request_id,
                               const uint8_t* first, uint32_t first_count, const uint8_t* second,
                               uint32_t second_count, uint8_t* out, uint32_t capacity) {
  return sb::encode_frame(sb::FrameFields{type, flags, opcode, request_id}, first, first_count, second, second_count,
                          out, capacity);
}

SB_API int32_t sb_frame_encode_from_slot(uint8_t type, uint8_t flags, uint8_t opcode, uint16_t request_id,
                                         const uint8_t* prefix, uint32_t prefix_count, const sb_ring* ring,
                                         uint32_t handle, uint32_t slot_offset, uint32_t count, uint8_t* out,
                                         uint32_t capacity) {
  if (ring == nullptr) return SB_RING_E_ARGUMENT;
  return sb::encode_frame_from_slot(sb::FrameFields{type, flags, opcode, request_id}, prefix, prefix_count,
                                    ring->ring, handle, slot_offset, count, out, capacity);
}

SB_API int32_t sb_frame_decode(const uint8_t* encoded, uint32_t count, uint8_t* frame, uint32_t frame_capacity,
                               sb_frame_info* info) {
  if ((encoded == nullptr && count > 0) || frame == nullptr || frame_capacity < SB_LINK_MAX_FRAME || info == nullptr) {
    return SB_FRAME_E_ARGUMENT;
  }
  return sb::decode_frame(encoded, count, false, frame, info);
}

SB_API sb_frame_receiver* sb_frame_receiver_create(void) { return new (std::nothrow) sb_frame_receiver(); }

SB_API void sb_frame_receiver_destroy(sb_frame_receiver* receiver) { delete receiver; }

SB_API int32_t sb_frame_receiver_feed(sb_frame_receiver* receiver, const uint8_t* data, uint32_t count,
                                      int32_t* complete) {
  if (receiver == nullptr || complete == nullptr || (data == nullptr && count > 0) || count > 0x7FFFFFFFu) {
    return SB_FRAME_E_ARGUMENT;
  }
  bool done = false;
  size_t used = receiver->receiver.feed(data, count, &done);
  *complete = done ? 1 : 0;
  return static_cast<int32_t>(used);
}

SB_API int32_t sb_frame_receiver_current(const sb_frame_receiver* receiver, sb_frame_info* info) {
  if (receiver == nullptr || info == nullptr) return SB_FRAME_E_ARGUMENT;
  *info = receiver->receiver.current();
  return SB_FRAME_OK;
}

SB_API int32_t sb_frame_receiver_payload_to_slot(const sb_frame_receiver* receiver, sb_ring* ring, uint32_t handle,
                                                 uint32_t slot_offset, uint32_t payload_offset, uint32_t count) {
  if (receiver == nullptr || ring == nullptr) return SB_FRAME_E_ARGUMENT;
  return receiver->receiver.payload_to_slot(ring->ring, handle, slot_offset, payload_offset, count);
}

SB_API int32_t sb_frame_receiver_payload_out(const sb_frame_receiver* receiver, uint32_t payload_offset,
                                             uint8_t* destination, uint32_t count) {
  if (receiver == nullptr) return SB_FRAME_E_ARGUMENT;
  return receiver->receiver.payload_out(payload_offset, destination, count);
}

SB_API int32_t sb_frame_receiver_get_stats(const sb_frame_receiver* receiver, sb_receiver_stats* stats) {
  if (receiver == nullptr || stats == nullptr) return SB_FRAME_E_ARGUMENT;
  receiver->receiver.stats(stats);
  return SB_FRAME_OK;
}

SB_API int32_t sb_frame_receiver_reset(sb_frame_receiver* receiver) {
  if (receiver == nullptr) return SB_FRAME_E_ARGUMENT;
  receiver->receiver.reset();
  return SB_FRAME_OK;
}

}  // extern "C"

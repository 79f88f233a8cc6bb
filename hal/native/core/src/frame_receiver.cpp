// The native frame receiver (frame_receiver.h).
#include "sb/frame_receiver.h"

#include "sb/frame_codec.h"

namespace sb {

size_t FrameReceiver::feed(const uint8_t* data, size_t count, bool* complete) {
  *complete = false;
  if (data == nullptr) return 0;
  size_t i = 0;
  while (i < count) {
    // The run up to the next delimiter is taken in one block copy, not byte by byte.
    size_t end = i;
    while (end < count && data[end] != SB_LINK_DELIMITER) ++end;
    size_t run = end - i;
    size_t room = sizeof encoded_ - length_;
    size_t take = run < room ? run : room;
    copy_bytes(encoded_ + length_, data + i, static_cast<uint32_t>(take));
    length_ += take;
    if (take < run) overflow_ = true;  // longer than any frame: refused as too large at its delimiter
    if (end == count) return count;
    i = end + 1;
    if (length_ == 0 && !overflow_) continue;  // an empty frame: padding
    finish();
    length_ = 0;
    overflow_ = false;
    *complete = true;
    return i;
  }
  return count;
}

void FrameReceiver::finish() {
  switch (decode_frame(encoded_, length_, overflow_, frame_, &current_)) {
    case SB_LINK_NONE: ++stats_.frames; break;
    case SB_LINK_BAD_CRC: ++stats_.bad_crc; break;
    case SB_LINK_BAD_COBS: ++stats_.bad_cobs; break;
    case SB_LINK_SHORT_FRAME: ++stats_.short_frames; break;
    case SB_LINK_UNSUPPORTED_VERSION: ++stats_.bad_version; break;
    case SB_LINK_BAD_LENGTH: ++stats_.bad_length; break;
    case SB_LINK_PAYLOAD_TOO_LARGE: ++stats_.too_large; break;
    default: break;
  }
}

int32_t FrameReceiver::payload_to_slot(SlotRing& ring, uint32_t handle, uint32_t slot_offset,
                                       uint32_t payload_offset, uint32_t count) const {
  if (current_.error != SB_LINK_NONE || current_.header_readable == 0) return SB_FRAME_E_NO_FRAME;
  if (payload_offset > current_.payload_length || count > current_.payload_length - payload_offset) {
    return SB_FRAME_E_NO_FRAME;
  }
  if (count > ring.slot_size()) return SB_FRAME_E_LONGER_THAN_SLOT;
  return ring.copy_in(handle, slot_offset, frame_ + SB_LINK_HEADER_SIZE + payload_offset, count);
}

int32_t FrameReceiver::payload_out(uint32_t payload_offset, uint8_t* destination, uint32_t count) const {
  if (current_.error != SB_LINK_NONE || current_.header_readable == 0) return SB_FRAME_E_NO_FRAME;
  if (payload_offset > current_.payload_length || count > current_.payload_length - payload_offset) {
    return SB_FRAME_E_NO_FRAME;
  }
  if (destination == nullptr && count > 0) return SB_FRAME_E_ARGUMENT;
  copy_bytes(destination, frame_ + SB_LINK_HEADER_SIZE + payload_offset, count);
  return SB_FRAME_OK;
}

void FrameReceiver::stats(sb_receiver_stats* out) const {
  if (out != nullptr) *out = stats_;
}

}  // namespace sb

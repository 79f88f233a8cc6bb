/* Turns the link's received byte stream into frames, natively (the receive half of the frame
 * codec). Feed it whatever the port read; each delimiter ends a frame, decoded at once into the
 * receiver's own frame buffer with its verdict. A good data frame's payload then goes straight
 * to a ring slot with one native copy (payload_to_slot); control frames are read by the
 * managed side from the frame buffer. Any byte sequence is acceptable input: bad frames are a
 * verdict and a count, and the receiver is ready for the next frame at once. Fixed buffers
 * inside the object (about 8 KiB), no heap. */
#ifndef SB_FRAME_RECEIVER_H
#define SB_FRAME_RECEIVER_H
#include <stddef.h>
#include <stdint.h>

#include "sb/link_frame.h"
#include "sb/slot_ring.h"

#ifdef __cplusplus
extern "C" {
#endif
/* What the receiver counted (STATISTICS reports them). */
typedef struct sb_receiver_stats {
  uint32_t frames;           /* good frames */
  uint32_t bad_crc;
  uint32_t bad_cobs;
  uint32_t short_frames;
  uint32_t bad_version;
  uint32_t bad_length;
  uint32_t too_large;
} sb_receiver_stats;
#ifdef __cplusplus
}

namespace sb {

class FrameReceiver {
 public:
  /* Consumes bytes until a frame ends (*complete = true; current() holds its verdict) or the
   * input is used up (*complete = false). Returns how many bytes it consumed; feed the rest
   * next. Empty frames (two delimiters in a row) are skipped: senders may use them as padding. */
  size_t feed(const uint8_t* data, size_t count, bool* complete);

  const sb_frame_info& current() const { return current_; }

  /* The decoded frame: header, payload, CRC. Valid until the next frame completes. */
  const uint8_t* frame() const { return frame_; }

  /* Copies [payload_offset, payload_offset + count) of the current good frame's payload to
   * [slot_offset, ...) of a ring slot. NO_FRAME when the frame was refused or the range is
   * beyond its payload, LONGER_THAN_SLOT when count exceeds a slot, else the ring's status. */
  int32_t payload_to_slot(SlotRing& ring, uint32_t handle, uint32_t slot_offset, uint32_t payload_offset,
                          uint32_t count) const;

  /* Copies part of the current good frame's payload out (a control frame to managed memory). */
  int32_t payload_out(uint32_t payload_offset, uint8_t* destination, uint32_t count) const;

  void stats(sb_receiver_stats* out) const;

  /* Forgets a partly received frame (the port was reopened); counters stay. */
  void reset() {
    length_ = 0;
    overflow_ = false;
  }

 private:
  void finish();

  uint8_t encoded_[SB_LINK_MAX_ENCODED] = {};
  uint8_t frame_[SB_LINK_MAX_FRAME] = {};
  size_t length_ = 0;
  bool overflow_ = false;
  sb_frame_info current_ = {};
  sb_receiver_stats stats_ = {};
};

}  // namespace sb
#endif
#endif

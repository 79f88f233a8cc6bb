/* The link's frame codec in native code (docs/protocol.md, "Frames"): a frame is the 8-byte
 * header, the payload and a CRC-32C, COBS-encoded and ended by 0x00. Byte for byte what
 * ScsiBridge.Protocol's FrameWriter writes and FrameDecoder accepts or refuses; the shared test
 * vectors (tests/vectors/frames.txt) and a property test over both hold them together.
 * A data frame is encoded straight from a ring slot: the bytes are read once, where they lie. */
#ifndef SB_FRAME_CODEC_H
#define SB_FRAME_CODEC_H
#include <stddef.h>
#include <stdint.h>

#include "sb/link_frame.h"
#include "sb/slot_ring.h"

namespace sb {

/* The fields of a frame to send. */
struct FrameFields {
  uint8_t type;
  uint8_t flags;
  uint8_t opcode;
  uint16_t request_id;
};

/* Room an output needs for a frame with count payload bytes, delimiter included. */
constexpr size_t frame_max_encoded(size_t payload) {
  return (SB_LINK_HEADER_SIZE + payload + SB_LINK_CRC_SIZE) +
         (SB_LINK_HEADER_SIZE + payload + SB_LINK_CRC_SIZE) / 254 + 2;
}

/* Encodes a frame whose payload is first[0..first_count) then second[0..second_count) (a data
 * frame's offset field, then its data) into out. Returns the encoded length with the delimiter,
 * or a negative sb_frame_status: TOO_LARGE past 4096 payload bytes, NO_ROOM when capacity is
 * below frame_max_encoded(payload), ARGUMENT for a null pointer with a count. */
int32_t encode_frame(const FrameFields& fields, const uint8_t* first, uint32_t first_count,
                     const uint8_t* second, uint32_t second_count, uint8_t* out, size_t capacity);

/* As encode_frame, the second part being [slot_offset, slot_offset + count) of a ring slot.
 * A stale handle or a range past the slot is the ring's status, and nothing is written. */
int32_t encode_frame_from_slot(const FrameFields& fields, const uint8_t* prefix, uint32_t prefix_count,
                               const SlotRing& ring, uint32_t handle, uint32_t slot_offset, uint32_t count,
                               uint8_t* out, size_t capacity);

/* Decodes one encoded frame (the bytes between two delimiters) into frame (which must hold
 * SB_LINK_MAX_FRAME bytes) and fills *info. overflow: the receiver had to drop bytes of this
 * frame (longer than any frame can be). Returns info->error: SB_LINK_NONE for a good frame,
 * whose payload is frame[SB_LINK_HEADER_SIZE, + payload_length). */
int32_t decode_frame(const uint8_t* encoded, size_t count, bool overflow, uint8_t* frame, sb_frame_info* info);

}  // namespace sb
#endif

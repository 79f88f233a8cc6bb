// Frame encode and decode (frame_codec.h).
#include "sb/frame_codec.h"

#include "sb/cobs.h"
#include "sb/crc32c.h"

namespace sb {

int32_t encode_frame(const FrameFields& fields, const uint8_t* first, uint32_t first_count,
                     const uint8_t* second, uint32_t second_count, uint8_t* out, size_t capacity) {
  if (out == nullptr || (first == nullptr && first_count > 0) || (second == nullptr && second_count > 0)) {
    return SB_FRAME_E_ARGUMENT;
  }
  if (first_count > SB_LINK_MAX_PAYLOAD || second_count > SB_LINK_MAX_PAYLOAD - first_count) {
    return SB_FRAME_E_TOO_LARGE;
  }
  uint32_t count = first_count + second_count;
  if (capacity < frame_max_encoded(count)) return SB_FRAME_E_NO_ROOM;
  uint8_t header[SB_LINK_HEADER_SIZE] = {
      static_cast<uint8_t>(SB_LINK_VERSION), fields.type, fields.flags, fields.opcode,
      static_cast<uint8_t>(fields.request_id), static_cast<uint8_t>(fields.request_id >> 8),
      static_cast<uint8_t>(count), static_cast<uint8_t>(count >> 8)};
  uint32_t crc = crc32c_update(kCrc32cInitial, header, sizeof header);
  CobsEncoder cobs;
  cobs.begin(out);
  cobs.put(header, sizeof header);
  if (first_count > 0) {
    crc = crc32c_update(crc, first, first_count);
    cobs.put(first, first_count);
  }
  if (second_count > 0) {
    crc = crc32c_update(crc, second, second_count);
    cobs.put(second, second_count);
  }
  crc = crc32c_finish(crc);
  const uint8_t trailer[SB_LINK_CRC_SIZE] = {static_cast<uint8_t>(crc), static_cast<uint8_t>(crc >> 8),
                                             static_cast<uint8_t>(crc >> 16), static_cast<uint8_t>(crc >> 24)};
  cobs.put(trailer, sizeof trailer);
  return static_cast<int32_t>(cobs.end());
}

int32_t encode_frame_from_slot(const FrameFields& fields, const uint8_t* prefix, uint32_t prefix_count,
                               const SlotRing& ring, uint32_t handle, uint32_t slot_offset, uint32_t count,
                               uint8_t* out, size_t capacity) {
  uint8_t* data;
  int32_t rc = ring.span(handle, slot_offset, count, &data);
  if (rc != SB_RING_OK) return rc;
  return encode_frame(fields, prefix, prefix_count, data, count, out, capacity);
}

namespace {
int32_t refuse(sb_frame_info* info, uint8_t error) {
  info->error = error;
  return error;
}
}  // namespace

int32_t decode_frame(const uint8_t* encoded, size_t count, bool overflow, uint8_t* frame, sb_frame_info* info) {
  // The same steps in the same order as FrameDecoder.Finish, so both name the same error.
  *info = sb_frame_info{};
  if (overflow) return refuse(info, SB_LINK_PAYLOAD_TOO_LARGE);
  int32_t n = cobs_decode(encoded, count, frame, SB_LINK_MAX_FRAME);
  if (n == kCobsTooLarge) return refuse(info, SB_LINK_PAYLOAD_TOO_LARGE);
  if (n == kCobsBroken) return refuse(info, SB_LINK_BAD_COBS);
  uint32_t length = static_cast<uint32_t>(n);
  if (length >= SB_LINK_HEADER_SIZE) {
    info->version = frame[0];
    info->type = frame[1];
    info->flags = frame[2];
    info->opcode = frame[3];
    info->request_id = static_cast<uint16_t>(frame[4] | (frame[5] << 8));
    info->payload_length = static_cast<uint16_t>(frame[6] | (frame[7] << 8));
    info->header_readable = 1;
  }
  if (length < SB_LINK_HEADER_SIZE + SB_LINK_CRC_SIZE) return refuse(info, SB_LINK_SHORT_FRAME);
  uint32_t body = length - SB_LINK_CRC_SIZE;
  uint32_t stored = static_cast<uint32_t>(frame[body]) | (static_cast<uint32_t>(frame[body + 1]) << 8) |
                    (static_cast<uint32_t>(frame[body + 2]) << 16) | (static_cast<uint32_t>(frame[body + 3]) << 24);
  if (crc32c(frame, body) != stored) return refuse(info, SB_LINK_BAD_CRC);
  if (info->version != SB_LINK_VERSION) return refuse(info, SB_LINK_UNSUPPORTED_VERSION);
  if (info->payload_length > SB_LINK_MAX_PAYLOAD) return refuse(info, SB_LINK_PAYLOAD_TOO_LARGE);
  if (info->payload_length != body - SB_LINK_HEADER_SIZE || info->type < SB_FRAME_REQUEST || info->type > SB_FRAME_ERROR) {
    return refuse(info, SB_LINK_BAD_LENGTH);
  }
  return SB_LINK_NONE;
}

}  // namespace sb

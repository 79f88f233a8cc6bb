// COBS (cobs.h).
#include "sb/cobs.h"

namespace sb {

void CobsEncoder::put(const uint8_t* data, size_t count) {
  // Locals, so the loop keeps its state in registers.
  uint8_t* out = out_;
  size_t pos = pos_;
  size_t code_pos = code_pos_;
  uint32_t code = code_;
  for (size_t i = 0; i < count; ++i) {
    uint8_t b = data[i];
    if (b == 0) {
      out[code_pos] = static_cast<uint8_t>(code);
      code_pos = pos++;
      code = 1;
      continue;
    }
    out[pos++] = b;
    if (++code == 0xFF) {
      out[code_pos] = 0xFF;  // a full block: no zero implied
      code_pos = pos++;
      code = 1;
    }
  }
  pos_ = pos;
  code_pos_ = code_pos;
  code_ = code;
}

size_t CobsEncoder::end() {
  out_[code_pos_] = static_cast<uint8_t>(code_);
  out_[pos_++] = 0x00;
  return pos_;
}

int32_t cobs_decode(const uint8_t* src, size_t count, uint8_t* dst, size_t max) {
  size_t i = 0;
  size_t o = 0;
  while (i < count) {
    uint32_t code = src[i++];
    if (code == 0) return kCobsBroken;
    size_t n = code - 1;
    if (n <= count - i && n <= max - o) {
      // The whole block is there and fits: only a zero inside can break it.
      for (size_t k = 0; k < n; ++k) {
        uint8_t b = src[i + k];
        if (b == 0) return kCobsBroken;
        dst[o + k] = b;
      }
      i += n;
      o += n;
    } else {
      // Near either end: byte by byte, so the first check to fail names the error exactly as
      // the C# decoder's loop does.
      for (uint32_t k = 1; k < code; ++k) {
        if (i >= count) return kCobsBroken;
        uint8_t b = src[i++];
        if (b == 0) return kCobsBroken;
        if (o >= max) return kCobsTooLarge;
        dst[o++] = b;
      }
    }
    if (code < 0xFF && i < count) {
      if (o >= max) return kCobsTooLarge;
      dst[o++] = 0;
    }
  }
  return static_cast<int32_t>(o);
}

}  // namespace sb

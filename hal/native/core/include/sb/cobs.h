/* Consistent Overhead Byte Stuffing, exactly as ScsiBridge.Protocol's Cobs.cs: no 0x00 inside
 * an encoded frame, so 0x00 ends every frame and a receiver resynchronises at the next one. */
#ifndef SB_COBS_H
#define SB_COBS_H
#include <stddef.h>
#include <stdint.h>

namespace sb {

/* Encodes byte by byte into an output the caller has sized for the worst case
 * (cobs_max_encoded); it does not check room itself, so the hot loop has no bound checks. */
class CobsEncoder {
 public:
  void begin(uint8_t* output) {
    out_ = output;
    code_pos_ = 0;
    pos_ = 1;
    code_ = 1;
  }
  void put(uint8_t byte) { put(&byte, 1); }
  void put(const uint8_t* data, size_t count);
  /* Closes the last block and writes the delimiter; returns the bytes written. */
  size_t end();

 private:
  uint8_t* out_ = nullptr;
  size_t code_pos_ = 0;
  size_t pos_ = 0;
  uint32_t code_ = 1;
};

/* Encoded size, delimiter included, of count bytes at worst. */
constexpr size_t cobs_max_encoded(size_t count) { return count + count / 254 + 2; }

constexpr int32_t kCobsBroken = -1;   /* a zero byte inside, or a block running past the end */
constexpr int32_t kCobsTooLarge = -2; /* more than max bytes decoded */

/* Decodes one frame (without its delimiter) into dst; the decoded length or an error above.
 * The checks come in the same order as the C# decoder's, so both report the same error. */
int32_t cobs_decode(const uint8_t* src, size_t count, uint8_t* dst, size_t max);

}  // namespace sb
#endif

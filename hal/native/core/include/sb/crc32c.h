/* CRC-32C (Castagnoli): reflected polynomial 0x82F63B78, initial value and final xor
 * 0xFFFFFFFF, as docs/protocol.md and ScsiBridge.Protocol's Crc32C define it. */
#ifndef SB_CRC32C_H
#define SB_CRC32C_H
#include <stddef.h>
#include <stdint.h>

namespace sb {

constexpr uint32_t kCrc32cInitial = 0xFFFFFFFFu;

/* Continues a running CRC (start from kCrc32cInitial, finish with crc32c_finish). */
uint32_t crc32c_update(uint32_t crc, const uint8_t* data, size_t count);

inline uint32_t crc32c_finish(uint32_t crc) { return crc ^ 0xFFFFFFFFu; }

inline uint32_t crc32c(const uint8_t* data, size_t count) {
  return crc32c_finish(crc32c_update(kCrc32cInitial, data, count));
}

}  // namespace sb
#endif

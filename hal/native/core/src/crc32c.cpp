// CRC-32C, slicing by four: four table lookups per 32-bit word instead of one per byte, with
// 4 KiB of constant tables built by the compiler (flash on the board, not RAM).
#include "sb/crc32c.h"

namespace sb {

namespace {

constexpr uint32_t kPolynomial = 0x82F63B78u;

struct Tables {
  uint32_t t[4][256];
};

constexpr Tables make_tables() {
  Tables tables{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1u) != 0 ? (c >> 1) ^ kPolynomial : c >> 1;
    tables.t[0][i] = c;
  }
  // t[k][i]: the CRC of byte i followed by k zero bytes.
  for (uint32_t i = 0; i < 256; ++i) {
    for (int k = 1; k < 4; ++k) {
      uint32_t prev = tables.t[k - 1][i];
      tables.t[k][i] = tables.t[0][prev & 0xFFu] ^ (prev >> 8);
    }
  }
  return tables;
}

constexpr Tables kTables = make_tables();

}  // namespace

uint32_t crc32c_update(uint32_t crc, const uint8_t* data, size_t count) {
  const uint32_t(&t)[4][256] = kTables.t;
  while (count >= 4) {
    // Little-endian assembly by hand: no alignment or byte-order assumptions.
    crc ^= static_cast<uint32_t>(data[0]) | (static_cast<uint32_t>(data[1]) << 8) |
           (static_cast<uint32_t>(data[2]) << 16) | (static_cast<uint32_t>(data[3]) << 24);
    crc = t[3][crc & 0xFFu] ^ t[2][(crc >> 8) & 0xFFu] ^ t[1][(crc >> 16) & 0xFFu] ^ t[0][crc >> 24];
    data += 4;
    count -= 4;
  }
  while (count-- > 0) crc = t[0][(crc ^ *data++) & 0xFFu] ^ (crc >> 8);
  return crc;
}

}  // namespace sb

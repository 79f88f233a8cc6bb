// The 18 signals of a narrow (8-bit) SCSI-2 bus as one bit mask.
// A set bit means "asserted" (electrically low on the real cable); every layer of the
// project speaks of asserted/released, never of voltage levels.
#pragma once
#include <stdint.h>

namespace sb {

constexpr uint32_t kBsy = 1u << 0;
constexpr uint32_t kSel = 1u << 1;
constexpr uint32_t kAtn = 1u << 2;
constexpr uint32_t kAck = 1u << 3;
constexpr uint32_t kRst = 1u << 4;
constexpr uint32_t kMsg = 1u << 5;
constexpr uint32_t kCd = 1u << 6;
constexpr uint32_t kIo = 1u << 7;
constexpr uint32_t kReq = 1u << 8;
constexpr uint32_t kDataShift = 9;  // DB0..DB7 occupy bits 9..16
constexpr uint32_t kDataLines = 0xFFu << kDataShift;
constexpr uint32_t kDbp = 1u << 17;  // data bus parity
constexpr uint32_t kDataAndParity = kDataLines | kDbp;
constexpr uint32_t kPhaseLines = kMsg | kCd | kIo;
constexpr uint32_t kLineCount = 18;
constexpr uint32_t kAllLines = (1u << kLineCount) - 1;

// Information transfer phases, encoded as MSG<<2 | C/D<<1 | I/O.
// Values 8.. are bus states outside the information phases (used by the monitor and faults).
enum Phase : uint8_t {
  kPhaseDataOut = 0,
  kPhaseDataIn = 1,
  kPhaseCommand = 2,
  kPhaseStatus = 3,
  kPhaseReserved4 = 4,
  kPhaseReserved5 = 5,
  kPhaseMessageOut = 6,
  kPhaseMessageIn = 7,
  kPhaseBusFree = 8,
  kPhaseArbitration = 9,
  kPhaseSelection = 10,
  kPhaseReselection = 11,
  kPhaseReset = 12,
  kPhaseNone = 0xFF,
};

inline uint32_t phase_lines(uint8_t phase) {
  return ((phase & 4u) ? kMsg : 0u) | ((phase & 2u) ? kCd : 0u) | ((phase & 1u) ? kIo : 0u);
}
inline uint8_t phase_of(uint32_t lines) {
  return static_cast<uint8_t>(((lines & kMsg) ? 4u : 0u) | ((lines & kCd) ? 2u : 0u) |
                              ((lines & kIo) ? 1u : 0u));
}
inline bool phase_is_in(uint8_t phase) { return (phase & 1u) != 0; }

inline uint32_t id_line(uint8_t id) { return 1u << (kDataShift + id); }

// Odd parity: DBP is asserted when DB0-7 carry an even number of asserted bits, so that the
// nine lines together always carry an odd number.
constexpr bool odd_parity_bit(uint8_t byte) {
  byte ^= static_cast<uint8_t>(byte >> 4);
  byte ^= static_cast<uint8_t>(byte >> 2);
  byte ^= static_cast<uint8_t>(byte >> 1);
  return (byte & 1u) == 0;
}

// The data bus as nine bits: DB0-7 in bits 0-7, DBP in bit 8.
inline uint16_t data_with_parity(uint8_t byte) {
  return static_cast<uint16_t>(byte | (odd_parity_bit(byte) ? 0x100u : 0u));
}
inline bool parity_ok(uint16_t nine) {
  return odd_parity_bit(static_cast<uint8_t>(nine)) == ((nine & 0x100u) != 0);
}
inline uint32_t data_to_lines(uint16_t nine) {
  return (static_cast<uint32_t>(nine & 0xFFu) << kDataShift) | ((nine & 0x100u) ? kDbp : 0u);
}
inline uint16_t lines_to_data(uint32_t lines) {
  return static_cast<uint16_t>(((lines >> kDataShift) & 0xFFu) | ((lines & kDbp) ? 0x100u : 0u));
}

}  // namespace sb

// SCSI-2 timing constants (ANSI X3.131-1994, section 5.2), in nanoseconds.
// Each is defined here once; both roles of the controller use these and nothing else.
#pragma once
#include <stdint.h>

namespace sb {
namespace timing {

constexpr uint32_t kArbitrationDelay = 2400;
constexpr uint32_t kAssertionPeriod = 90;      // minimum REQ/ACK assertion in sync transfers
constexpr uint32_t kFastAssertionPeriod = 30;  // the same for fast synchronous transfers
constexpr uint32_t kBusClearDelay = 800;
constexpr uint32_t kBusFreeDelay = 800;
constexpr uint32_t kBusSetDelay = 1800;        // maximum: from bus free detection to BSY+ID
constexpr uint32_t kBusSettleDelay = 400;
constexpr uint32_t kCableSkewDelay = 10;
constexpr uint32_t kDataReleaseDelay = 400;
constexpr uint32_t kDeskewDelay = 45;
constexpr uint32_t kDisconnectionDelay = 200000;
constexpr uint32_t kHoldTime = 45;
constexpr uint32_t kNegationPeriod = 90;       // minimum REQ/ACK negation in sync transfers
constexpr uint32_t kFastNegationPeriod = 30;   // the same for fast synchronous transfers
constexpr uint32_t kFastCableSkewDelay = 5;
constexpr uint32_t kFastDeskewDelay = 20;
constexpr uint32_t kFastHoldTime = 10;
constexpr uint32_t kFastPeriodBelow = 200;     // periods under 200 ns are fast synchronous
constexpr uint32_t kResetHoldTime = 25000;
constexpr uint32_t kSelectionAbortTime = 200000;
constexpr uint64_t kSelectionTimeout = 250000000;  // recommended value

// Derived intervals the protocol rules are written in terms of.
constexpr uint32_t kDataSetup = kDeskewDelay + kCableSkewDelay;     // data valid before a strobe
constexpr uint32_t kFastDataSetup = kFastDeskewDelay + kFastCableSkewDelay;  // the same, fast sync
constexpr uint32_t kTwoDeskews = 2 * kDeskewDelay;
constexpr uint32_t kSelectionSettle = kBusClearDelay + kBusSettleDelay;  // SEL to ID on the bus

// Synchronous transfer limits. The period factor of an SDTR message counts 4 ns units.
constexpr uint32_t kSyncPeriodUnitNs = 4;
constexpr uint8_t kMaxSyncOffset = 15;

}  // namespace timing
}  // namespace sb

// The only way the controller core reaches the bus: a small pin backend.
// Implementations: the simulated bus (sim/) and the ESP32-S3 dedicated-GPIO backend (board build).
#pragma once
#include <stdint.h>

#include "sb/bulk.h"

namespace sb {

// What the controller is waiting for. The wait is over when any one of these holds:
//  - lines: (lines & mask) == value, or with until_different (lines & mask) != value;
//    a zero mask never holds (a pure delay);
//  - any line of any_asserted is asserted (RST, typically);
//  - capture_at_least != 0 and the capture unit has counted that many strobes;
//  - the clock has reached deadline_ns.
struct WaitCond {
  // Field order is the order of the checks below.
  uint32_t mask;
  uint32_t value;
  uint32_t any_asserted;
  uint32_t capture_at_least;
  uint64_t deadline_ns;
  bool until_different;
};

constexpr uint64_t kNever = ~static_cast<uint64_t>(0);

// When the data drivers may actually drive the cable. On the board the DB0-7/DBP transceivers'
// direction follows the I/O line in hardware, so a device lets go of the data bus within
// nanoseconds when the target turns the bus around, however busy its code is: the SCSI data
// release delay (400 ns) is not something a polled loop can promise.
enum class DataGate : uint8_t {
  kAlways,          // drive whenever enabled (no connection yet)
  kWhenIoReleased,  // initiator: only while I/O is released (selection, DATA OUT, COMMAND, MESSAGE OUT)
  kWhenIoAsserted,  // target: only while I/O is asserted (reselection, DATA IN, STATUS, MESSAGE IN)
};

// One synchronous-transfer strobe seen by the capture unit: the bus lines latched at the
// strobe's assertion edge (data, parity and phase lines together).
struct CaptureEntry {
  uint32_t lines;
};

class PinBackend {
 public:
  // All 18 lines at once, wire-ORed: what every device on the bus sees.
  virtual uint32_t read_lines() = 0;
  // Open collector: assert pulls a line, release lets it go (another device may still hold it).
  virtual void assert_lines(uint32_t lines) = 0;
  virtual void release_lines(uint32_t lines) = 0;
  // Enable the data drivers with nine bits (DB0-7, DBP in bit 8); release turns them off.
  virtual void drive_data(uint16_t nine) = 0;
  virtual void release_data() = 0;
  // Wires the transceivers' direction to I/O for the role about to be played.
  virtual void set_data_gate(DataGate gate) = 0;
  virtual uint64_t now_ns() = 0;
  // true: the condition holds (or the deadline passed) now, and *lines holds the bus as sampled
  // for that decision. false: not yet; the caller must return from its step and will be
  // stepped again once something in the condition changed. A board backend may spin here
  // (and return false now and then so the bus loop can look at its mailbox); the simulated
  // bus never blocks.
  virtual bool wait(const WaitCond& cond, uint32_t* lines) = 0;
  // Synchronous transfers: a hardware capture unit latches the bus on every assertion edge of
  // one strobe line (REQ for an initiator, ACK for a target) and counts those edges, so no
  // strobe is missed however short. On the ESP32-S3 this is the pulse counter plus the camera
  // interface's edge-clocked parallel capture.
  // Arming clears the count and the FIFO. latch = false only counts (no FIFO entries).
  virtual void capture_arm(uint32_t strobe_line, bool latch) = 0;
  virtual void capture_disarm() = 0;
  virtual uint32_t capture_count() = 0;
  virtual bool capture_pop(CaptureEntry* entry) = 0;

  // Synchronous transfers: a strobe generator sends pulses on one line (REQ for a target, ACK
  // for an initiator), each asserted for assert_ns and negated for negate_ns, by hardware at
  // that period however busy the CPU is. With data it puts byte k (with parity) on the bus
  // at least negate_ns before pulse k and holds it until that pulse ends; without data it only
  // strobes. It sends no pulse beyond the total granted so far (strobe_grant only grows it),
  // so the caller enforces the offset by what it grants. On the ESP32-S3 this is the LCD_CAM
  // i80 interface fed by GDMA descriptors appended as pulses are granted.
  virtual void strobe_start(uint32_t strobe_line, const uint8_t* data, uint32_t count, uint16_t assert_ns,
                            uint16_t negate_ns) = 0;
  virtual void strobe_grant(uint32_t total) = 0;
  // Pulses sent whole (asserted and negated again) since strobe_start.
  virtual uint32_t strobe_count() = 0;
  // Stops the generator and lets go of its line and of the data it drove.
  virtual void strobe_stop() = 0;

  // A data phase as one operation (bulk.h). Like wait(): true once t.end is set; false means
  // "not yet, step again" (the simulated bus never blocks; a board backend runs the loop to
  // its end, returning now and then so the bus loop can look at its mailbox). Backends
  // implement it with bulk::run(*this, t) from bulk_loops.h.
  virtual bool transfer(BulkTransfer& t) = 0;

 protected:
  // Not deletable through the interface: the core never owns a backend, and a virtual
  // destructor would pull operator delete into the freestanding build.
  ~PinBackend() = default;
};

}  // namespace sb

namespace sb {
// Whether a condition (apart from its deadline) holds for the given lines and capture count.
// Always inline: it runs in every wait of a board's byte loops, which are placed in internal
// RAM; an out-of-line copy would not be.
inline __attribute__((always_inline)) bool wait_holds(const WaitCond& c, uint32_t lines, uint32_t captured) {
  if (c.mask != 0) {
    const uint32_t seen = lines & c.mask;
    if (c.until_different ? seen != c.value : seen == c.value) return true;
  }
  if ((lines & c.any_asserted) != 0) return true;
  return c.capture_at_least != 0 && captured >= c.capture_at_least;
}
}  // namespace sb

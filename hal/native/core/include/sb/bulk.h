// A data phase as one backend operation, the way a SCSI protocol chip takes a DMA transfer
// command: the core says what to move (direction, role, asynchronous or synchronous with the
// agreed timing and offset, a buffer and a count, parity checking on or off) and the backend
// moves the bytes, then reports how many moved, where parity first failed, and what ended it.
// The core keeps every decision (phases, messages, retries); the backend only runs the byte
// loop, specialised per direction and role (bulk_loops.h), which is what makes it fast.
#pragma once
#include <stdint.h>

namespace sb {

// What a backend's bulk wait returns when it must suspend (bus lines use bits 0-17 only).
constexpr uint32_t kBulkNotYet = 1u << 31;

// What ended a transfer. Everything but kDone leaves moved < count.
enum class BulkEnd : uint8_t {
  kRunning = 0,    // not over yet (a resumable backend is stepped again)
  kDone,           // count bytes moved
  kPhaseChanged,   // initiator: the target asked for another phase; lines hold that REQ
  kBusFree,        // initiator: the target let go of BSY
  kAttention,      // target: the initiator raised ATN; the last byte moved is whole
  kReset,          // RST seen
  kDeadline,       // the command's timeout passed
  kInvalid,        // a request the backend cannot carry out (bad count, period or offset)
};

struct BulkTransfer {
  // Set by the core before the first call.
  uint8_t* data;          // count bytes: sent from here or received into here
  uint32_t count;
  uint64_t deadline_ns;   // the command's timeout (kNever: none)
  uint8_t phase;          // kPhaseDataIn or kPhaseDataOut
  bool initiator;         // the role this controller plays in the connection
  bool parity_check;      // check DBP on every byte received
  bool sync;              // synchronous: strobes by the generator, counted by the capture unit
  uint8_t offset;         // sync: REQs that may be outstanding (1..15)
  uint16_t assert_ns;     // sync: strobe asserted for
  uint16_t negate_ns;     // sync: strobe negated for (also the next byte's setup time)
  // Initiator, sync: a REQ the capture unit already latched before the transfer began.
  bool have_first;
  uint32_t first_lines;

  // Kept by the backend.
  uint32_t moved;         // bytes whose handshake is complete
  uint32_t granted;       // sync: strobes the generator was allowed to send
  uint32_t parity_bad;    // 1 + index of the first byte with bad parity; 0 = none
  uint32_t lines;         // the bus as last sampled (for kPhaseChanged: the new phase's REQ)
  bool have_pending;      // initiator, sync: a latched REQ of the next phase, in pending_lines
  uint32_t pending_lines;
  uint64_t mark_ns;        // a delay's end, kept across a suspension
  uint32_t wait_count;    // sync: the capture count a wait is for, kept across a suspension
  bool atn_seen;          // target, sync: ATN stopped the granting
  uint8_t state;          // where a resumable loop stands
  BulkEnd end;
};

// A request is sound before any line moves: the count fits, the agreement is one a generator
// can produce. Backends refuse others with kInvalid. Always inline, as wait_holds (backend.h).
inline __attribute__((always_inline)) bool bulk_request_valid(const BulkTransfer& t) {
  if (t.count > 0 && t.data == nullptr) return false;
  if (t.phase != 0 && t.phase != 1) return false;  // DATA OUT or DATA IN only
  if (t.sync && (t.offset == 0 || t.offset > 15 || t.assert_ns == 0 || t.negate_ns == 0)) return false;
  return true;
}

inline void bulk_begin(BulkTransfer& t) {
  t.moved = t.granted = t.parity_bad = 0;
  t.lines = 0;
  t.have_pending = false;
  t.pending_lines = 0;
  t.mark_ns = 0;
  t.atn_seen = false;
  t.state = 0;
  t.end = BulkEnd::kRunning;
}

}  // namespace sb

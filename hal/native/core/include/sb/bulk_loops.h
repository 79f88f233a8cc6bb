// The byte loops of a data phase, one per direction, role and mode, written once for every
// backend. A backend's transfer() calls bulk::run(*this, t): the backend class is final, so
// each pin operation below compiles to the backend's own inline code (a register access on the
// board), with no virtual call and none of the controller's general routines in the loop.
//
// The loops are resumable like the controller's routines: a wait that cannot be satisfied yet
// (the simulated bus) saves the loop's position in t.state and returns false; the backend is
// called again later and the loop continues where it stopped. A board backend's wait spins, so
// there the loops run straight through.
//
// Asynchronous: the CPU runs the interlocked REQ/ACK handshake, one byte at a time.
// Synchronous: a strobe generator sends the pulses (with data from the buffer when this side
// sends) at the agreed period, and the capture unit counts (and latches) the other side's
// strobes; the loop only grants the generator pulses as the offset and the other side's
// strobes allow, so the bytes move at the generator's pace, not the loop's.
#pragma once
#include <stdint.h>

#include "sb/backend.h"
#include "sb/bulk.h"
#include "sb/lines.h"
#include "sb/timing.h"

namespace sb {
namespace bulk {

// DBP for each byte under odd parity: one load instead of a fold of shifts in the loop.
struct ParityTable {
  uint8_t bit[256];
  constexpr ParityTable() : bit() {
    for (int b = 0; b < 256; ++b) bit[b] = odd_parity_bit(static_cast<uint8_t>(b)) ? 1 : 0;
  }
};
// A backend may place the tables its loops read (the S3 keeps them in internal RAM) by defining
// SB_BULK_TABLE_PLACEMENT before this header; only the TUs that instantiate the loops emit them.
#ifndef SB_BULK_TABLE_PLACEMENT
#define SB_BULK_TABLE_PLACEMENT
#endif
SB_BULK_TABLE_PLACEMENT inline constexpr ParityTable kParity{};

// For each nine-bit value (DB0-7, DBP in bit 8): 1 when its parity is wrong. One load tells a
// received byte's parity, with no folding of bits in the loop.
struct BadParityTable {
  uint8_t bad[512];
  constexpr BadParityTable() : bad() {
    for (int v = 0; v < 512; ++v) {
      const bool dbp = (v & 0x100) != 0;
      bad[v] = odd_parity_bit(static_cast<uint8_t>(v)) == dbp ? 0 : 1;
    }
  }
};
SB_BULK_TABLE_PLACEMENT inline constexpr BadParityTable kBadParity{};

inline uint16_t nine_of(uint8_t b) { return static_cast<uint16_t>(b | (kParity.bit[b] << 8)); }

inline bool finish(BulkTransfer& t, uint32_t moved, BulkEnd end, uint32_t lines) {
  t.moved = moved;
  t.end = end;
  t.lines = lines;
  t.state = 0;
  return true;
}
inline bool suspend(BulkTransfer& t, uint32_t moved, uint8_t state) {
  t.moved = moved;
  t.state = state;
  return false;
}
// Keeps the first bad byte only; out of the loop's way (it is rare).
inline void note_parity(BulkTransfer& t, uint32_t index) {
  if (t.parity_bad == 0) t.parity_bad = index + 1;
}
// 1 when DBP disagrees with the byte and parity is checked (check_mask 1), else 0.
inline uint32_t parity_mismatch(uint32_t lines, uint32_t check_mask) {
  return kBadParity.bad[(lines >> kDataShift) & 0x1FFu] & check_mask;
}

// Initiator: why a wait for REQ ended without a REQ of the transfer's phase (always inline, as
// wait_holds in backend.h).
inline __attribute__((always_inline)) BulkEnd initiator_stop_reason(uint32_t lines) {
  if ((lines & kRst) != 0) return BulkEnd::kReset;
  if ((lines & kBsy) == 0) return BulkEnd::kBusFree;
  if ((lines & kReq) != 0) return BulkEnd::kPhaseChanged;
  return BulkEnd::kDeadline;
}
// A wait for a strobe to change ended some other way: a reset, or the deadline.
inline BulkEnd strobe_stop_reason(uint32_t lines) {
  return (lines & kRst) != 0 ? BulkEnd::kReset : BulkEnd::kDeadline;
}

// Each loop is a function of its own, not inlined into run(): a loop alone keeps its buffer,
// count and index in registers the calls it makes preserve; folded together into run(), the
// seven compete for them and the compiler saves and restores around every wait.
// (No section attribute here: GCC does not apply one to a template's instantiations; a backend
// that needs the loops in a section of their own places their objects with its linker script.)
#define SB_BULK_LOOP __attribute__((noinline))

// ---- asynchronous ----------------------------------------------------------------------
// Each wait returns the lines, or kBulkNotYet to suspend; one test per wait covers both the
// suspension and every unexpected line, and the rare paths sort them out. A backend may watch
// only the control lines in its waits (the board watches them on the dedicated GPIO inputs):
// bulk_sample() then adds the data lines, once per byte received. bulk_drive(d, i) puts byte i
// of a buffer on the data lines (with parity): on the board drive_data(nine_of(d[i])); the
// simulator also remembers which byte it is (its fast path moves data by index).

// Parity checking is a template parameter: the loop that checks and the one that does not are
// each as short as they can be.
template <class P, bool kCheck>
SB_BULK_LOOP bool initiator_async_in(P& p, BulkTransfer& t) {
  const WaitCond req_up{kReq | kBsy, kBsy, kRst, 0, t.deadline_ns, true};
  const WaitCond req_down{kReq, 0, kRst, 0, t.deadline_ns, false};
  const uint32_t want = kBsy | kReq | phase_lines(kPhaseDataIn);
  const uint32_t look = kBulkNotYet | kBsy | kReq | kRst | kPhaseLines;
  const uint32_t n = t.count;
  uint8_t* const d = t.data;
  uint32_t i = t.moved, lines = 0;
  if (t.state == 1) goto ack_asserted;
  while (i < n) {
    lines = p.bulk_wait(req_up);
    if ((lines & look) != want) {
      if ((lines & kBulkNotYet) != 0) return suspend(t, i, 0);
      return finish(t, i, initiator_stop_reason(lines), lines);
    }
    lines = p.bulk_sample(lines);
    d[i] = static_cast<uint8_t>(lines >> kDataShift);
    if (kCheck && parity_mismatch(lines, 1u) != 0) note_parity(t, i);
    ++i;  // received: it counts even if the target never lets go of REQ
    p.assert_lines(kAck);
  ack_asserted:
    lines = p.bulk_wait(req_down);
    if ((lines & (kBulkNotYet | kReq | kRst)) != 0) {
      if ((lines & kBulkNotYet) != 0) return suspend(t, i, 1);
      return finish(t, i, strobe_stop_reason(lines), lines);
    }
    p.release_lines(kAck);
  }
  return finish(t, i, BulkEnd::kDone, lines);
}

template <class P>
SB_BULK_LOOP bool initiator_async_out(P& p, BulkTransfer& t) {
  const WaitCond req_up{kReq | kBsy, kBsy, kRst, 0, t.deadline_ns, true};
  const WaitCond req_down{kReq, 0, kRst, 0, t.deadline_ns, false};
  const uint32_t want = kBsy | kReq | phase_lines(kPhaseDataOut);
  const uint32_t look = kBulkNotYet | kBsy | kReq | kRst | kPhaseLines;
  const uint32_t n = t.count;
  const uint8_t* const d = t.data;
  uint32_t i = t.moved, lines = 0;
  if (t.state == 1) goto data_setup;
  if (t.state == 2) goto ack_asserted;
  while (i < n) {
    lines = p.bulk_wait(req_up);
    if ((lines & look) != want) {
      if ((lines & kBulkNotYet) != 0) return suspend(t, i, 0);
      p.release_data();
      return finish(t, i, initiator_stop_reason(lines), lines);
    }
    p.bulk_drive(d, i);
    t.mark_ns = p.now_ns() + timing::kDataSetup;
  data_setup:
    lines = p.bulk_wait(WaitCond{0, 0, kRst, 0, t.mark_ns, false});
    if ((lines & (kBulkNotYet | kRst)) != 0) {
      if ((lines & kBulkNotYet) != 0) return suspend(t, i, 1);
      return finish(t, i, BulkEnd::kReset, lines);
    }
    p.assert_lines(kAck);
  ack_asserted:
    lines = p.bulk_wait(req_down);
    if ((lines & (kBulkNotYet | kReq | kRst)) != 0) {
      if ((lines & kBulkNotYet) != 0) return suspend(t, i, 2);
      return finish(t, i, strobe_stop_reason(lines), lines);
    }
    p.release_lines(kAck);
    ++i;
  }
  p.release_data();
  return finish(t, i, BulkEnd::kDone, lines);
}

template <class P>
SB_BULK_LOOP bool target_async_send(P& p, BulkTransfer& t) {
  const WaitCond ack_up{kAck, kAck, kRst, 0, t.deadline_ns, false};
  const WaitCond ack_down{kAck, 0, kRst, 0, t.deadline_ns, false};
  const uint32_t n = t.count;
  const uint8_t* const d = t.data;
  uint32_t i = t.moved, lines = 0;
  if (t.state == 1) goto data_setup;
  if (t.state == 2) goto req_asserted;
  if (t.state == 3) goto req_released;
  while (i < n) {
    p.bulk_drive(d, i);
    t.mark_ns = p.now_ns() + timing::kDataSetup;
  data_setup:
    lines = p.bulk_wait(WaitCond{0, 0, kRst, 0, t.mark_ns, false});
    if ((lines & (kBulkNotYet | kRst)) != 0) {
      if ((lines & kBulkNotYet) != 0) return suspend(t, i, 1);
      return finish(t, i, BulkEnd::kReset, lines);
    }
    p.assert_lines(kReq);
  req_asserted:
    lines = p.bulk_wait(ack_up);
    if ((lines & (kBulkNotYet | kAck | kRst)) != kAck) {
      if ((lines & kBulkNotYet) != 0) return suspend(t, i, 2);
      return finish(t, i, strobe_stop_reason(lines), lines);
    }
    p.release_lines(kReq);
  req_released:
    lines = p.bulk_wait(ack_down);
    if ((lines & (kBulkNotYet | kAck | kRst | kAtn)) != 0) {
      if ((lines & kBulkNotYet) != 0) return suspend(t, i, 3);
      if ((lines & (kAck | kRst)) != 0) return finish(t, i, strobe_stop_reason(lines), lines);
      // ATN: the initiator wants MESSAGE OUT; this byte is whole, the next is not sent.
      return finish(t, i + 1, BulkEnd::kAttention, lines);
    }
    ++i;
  }
  return finish(t, i, BulkEnd::kDone, lines);
}

template <class P, bool kCheck>
SB_BULK_LOOP bool target_async_receive(P& p, BulkTransfer& t) {
  const WaitCond ack_up{kAck, kAck, kRst, 0, t.deadline_ns, false};
  const WaitCond ack_down{kAck, 0, kRst, 0, t.deadline_ns, false};
  const uint32_t n = t.count;
  uint8_t* const d = t.data;
  uint32_t i = t.moved, lines = 0;
  if (t.state == 1) goto req_asserted;
  if (t.state == 2) goto req_released;
  while (i < n) {
    p.assert_lines(kReq);
  req_asserted:
    lines = p.bulk_wait(ack_up);
    if ((lines & (kBulkNotYet | kAck | kRst)) != kAck) {
      if ((lines & kBulkNotYet) != 0) return suspend(t, i, 1);
      return finish(t, i, strobe_stop_reason(lines), lines);
    }
    lines = p.bulk_sample(lines);
    d[i] = static_cast<uint8_t>(lines >> kDataShift);
    if (kCheck && parity_mismatch(lines, 1u) != 0) note_parity(t, i);
    p.release_lines(kReq);
  req_released:
    lines = p.bulk_wait(ack_down);
    if ((lines & (kBulkNotYet | kAck | kRst | kAtn)) != 0) {
      if ((lines & kBulkNotYet) != 0) return suspend(t, i, 2);
      if ((lines & (kAck | kRst)) != 0) return finish(t, i, strobe_stop_reason(lines), lines);
      return finish(t, i + 1, BulkEnd::kAttention, lines);
    }
    ++i;
  }
  return finish(t, i, BulkEnd::kDone, lines);
}

// ---- synchronous -----------------------------------------------------------------------

inline uint32_t min_u32(uint32_t a, uint32_t b) { return a < b ? a : b; }

// The loops act on strobes in batches of half the offset: one look, one grant and one wake-up
// for several bytes, while the other half of the window keeps the generator busy. Waking on a
// batch also keeps the loop in step with the strobes (it always starts right after one).
inline uint32_t batch_of(const BulkTransfer& t) { return t.offset > 1 ? t.offset / 2u : 1u; }

// Target: the generator sends REQ with the data; the capture unit counts the ACKs. Pulses are
// granted only while fewer than `offset` are unacknowledged, so the offset holds whatever the
// initiator does. ATN stops the granting; the pulses already granted still go out and must be
// acknowledged before the phase may change (so moved counts whole bytes).
template <class P>
SB_BULK_LOOP bool target_sync_send(P& p, BulkTransfer& t) {
  const uint32_t n = t.count;
  uint32_t lines = 0, acked = t.moved;
  if (t.state == 1) goto running;
  if (t.state == 2) goto last_ack;
  p.capture_arm(kAck, false);
  p.strobe_start(kReq, t.data, n, t.assert_ns, t.negate_ns);
  t.granted = 0;
  t.atn_seen = false;
  for (;;) {
    acked = p.capture_count();
    if (acked >= t.granted && (t.granted == n || t.atn_seen)) break;
    if (!t.atn_seen) {
      const uint32_t g = min_u32(n, acked + t.offset);
      if (g > t.granted) {
        p.strobe_grant(g);
        t.granted = g;
      }
    }
    t.wait_count = acked + min_u32(batch_of(t), t.granted - acked);
  running:
    lines = p.bulk_wait(WaitCond{t.atn_seen ? 0u : kAtn, kAtn, kRst, t.wait_count, t.deadline_ns, false});
    if ((lines & kBulkNotYet) != 0) return suspend(t, acked, 1);
    if ((lines & kRst) != 0) {
      p.strobe_stop();
      p.capture_disarm();
      return finish(t, p.capture_count(), BulkEnd::kReset, lines);
    }
    if ((lines & kAtn) != 0) t.atn_seen = true;
    if (p.capture_count() == acked && p.now_ns() >= t.deadline_ns) {
      p.strobe_stop();
      p.capture_disarm();
      return finish(t, acked, BulkEnd::kDeadline, lines);
    }
  }
  // The last ACK pulse must be over before the phase lines may change.
last_ack:
  lines = p.bulk_wait(WaitCond{kAck, 0, kRst, 0, t.deadline_ns, false});
  if ((lines & kBulkNotYet) != 0) return suspend(t, t.granted, 2);
  p.strobe_stop();
  p.capture_disarm();
  if ((lines & kRst) != 0) return finish(t, t.granted, BulkEnd::kReset, lines);
  if ((lines & kAck) != 0) return finish(t, t.granted, BulkEnd::kDeadline, lines);
  return finish(t, t.granted, t.granted == n ? BulkEnd::kDone : BulkEnd::kAttention, lines);
}

// Target: the generator sends bare REQ pulses; the capture unit latches each byte at its ACK
// edge (on the board, the camera interface writing into memory by DMA).
template <class P>
SB_BULK_LOOP bool target_sync_receive(P& p, BulkTransfer& t) {
  const uint32_t n = t.count;
  const uint32_t check = t.parity_check ? 1u : 0u;
  uint8_t* const d = t.data;
  uint32_t i = t.moved, lines = 0;
  CaptureEntry e{};
  if (t.state == 1) goto running;
  if (t.state == 2) goto last_ack;
  p.capture_arm(kAck, true);
  p.strobe_start(kReq, nullptr, n, t.assert_ns, t.negate_ns);
  t.granted = 0;
  t.atn_seen = false;
  for (;;) {
    while (i < t.granted && p.capture_pop(&e)) {
      d[i] = static_cast<uint8_t>(e.lines >> kDataShift);
      if (parity_mismatch(e.lines, check) != 0) note_parity(t, i);
      ++i;
    }
    if (i >= t.granted && (t.granted == n || t.atn_seen)) break;
    if (!t.atn_seen) {
      const uint32_t g = min_u32(n, i + t.offset);
      if (g > t.granted) {
        p.strobe_grant(g);
        t.granted = g;
      }
    }
  running:
    lines = p.bulk_wait(WaitCond{t.atn_seen ? 0u : kAtn, kAtn, kRst, i + min_u32(batch_of(t), t.granted - i),
                                 t.deadline_ns, false});
    if ((lines & kBulkNotYet) != 0) return suspend(t, i, 1);
    if ((lines & kRst) != 0) {
      p.strobe_stop();
      p.capture_disarm();
      return finish(t, i, BulkEnd::kReset, lines);
    }
    if ((lines & kAtn) != 0) t.atn_seen = true;
    if (p.capture_count() <= i && p.now_ns() >= t.deadline_ns) {
      p.strobe_stop();
      p.capture_disarm();
      return finish(t, i, BulkEnd::kDeadline, lines);
    }
  }
last_ack:
  lines = p.bulk_wait(WaitCond{kAck, 0, kRst, 0, t.deadline_ns, false});
  if ((lines & kBulkNotYet) != 0) return suspend(t, i, 2);
  p.strobe_stop();
  p.capture_disarm();
  if ((lines & kRst) != 0) return finish(t, i, BulkEnd::kReset, lines);
  if ((lines & kAck) != 0) return finish(t, i, BulkEnd::kDeadline, lines);
  return finish(t, i, i == n ? BulkEnd::kDone : BulkEnd::kAttention, lines);
}

// Initiator: the capture unit latches every REQ edge for the whole connection (armed at
// selection). Each latched REQ of the transfer's phase is one byte received (DATA IN) or one
// byte asked for (DATA OUT), and grants the generator one ACK pulse (with the byte, for DATA
// OUT). A REQ of another phase ends the transfer and is handed back to the core.
template <class P>
SB_BULK_LOOP bool initiator_sync(P& p, BulkTransfer& t) {
  const uint32_t n = t.count;
  const bool in = t.phase == kPhaseDataIn;
  const uint32_t check = t.parity_check && in ? 1u : 0u;
  const uint32_t want = kBsy | phase_lines(t.phase);
  const uint32_t look = kBsy | kPhaseLines;
  uint8_t* const d = t.data;
  uint32_t i = t.moved, lines = 0;
  CaptureEntry e{};
  if (t.state == 1) goto waiting;
  if (t.state == 3) goto pulse_wait;
  p.strobe_start(kAck, in ? nullptr : d, n, t.assert_ns, t.negate_ns);
  t.granted = 0;
  while (i < n) {
    if (t.have_first) {
      e.lines = t.first_lines;
      t.have_first = false;
    } else if (!p.capture_pop(&e)) {
      // Nothing latched: grant the ACKs for the bytes taken so far in one go (one register
      // store for the batch, not one a byte), then wait for the next strobe (counted from now,
      // so one that comes while the loop is suspended still ends the wait).
      if (t.granted < i) {
        p.strobe_grant(i);
        t.granted = i;
      }
      // The target may stop short of a batch (it changes phase), so a timer ends the wait
      // after a batch's worth of periods whatever came.
      t.wait_count = p.capture_count() + min_u32(batch_of(t), n - i);
      t.mark_ns = p.now_ns() + (batch_of(t) + 1u) * (static_cast<uint32_t>(t.assert_ns) + t.negate_ns);
      if (t.mark_ns > t.deadline_ns) t.mark_ns = t.deadline_ns;
    waiting:
      lines = p.bulk_wait(WaitCond{kBsy, kBsy, kRst, t.wait_count, t.mark_ns, true});
      if ((lines & kBulkNotYet) != 0) return suspend(t, i, 1);
      if ((lines & kRst) != 0) {
        p.strobe_stop();
        return finish(t, i, BulkEnd::kReset, lines);
      }
      if (!p.capture_pop(&e)) {
        if ((lines & kBsy) == 0) {
          p.strobe_stop();
          return finish(t, i, BulkEnd::kBusFree, lines);
        }
        if (p.now_ns() >= t.deadline_ns) {
          p.strobe_stop();
          return finish(t, i, BulkEnd::kDeadline, lines);
        }
        continue;  // the timer: nothing latched yet, wait again
      }
    }
    if ((e.lines & look) != want) {
      // The next phase's REQ: every ACK granted so far must be out before the core goes on.
      t.have_pending = true;
      t.pending_lines = e.lines;
      t.end = BulkEnd::kPhaseChanged;
      break;
    }
    if (in) {
      d[i] = static_cast<uint8_t>(e.lines >> kDataShift);
      if (parity_mismatch(e.lines, check) != 0) note_parity(t, i);
    }
    ++i;
  }
  if (t.granted < i) {
    p.strobe_grant(i);
    t.granted = i;
  }
  // The generator finishes the ACK pulses granted; the transfer is over when the last is. It
  // takes at most a few pulse periods, so the loop looks again every assertion period.
  while (p.strobe_count() < t.granted || (p.read_lines() & kAck) != 0) {
    t.mark_ns = p.now_ns() + t.assert_ns;
  pulse_wait:
    lines = p.bulk_wait(WaitCond{0, 0, kRst, 0, t.mark_ns, false});
    if ((lines & kBulkNotYet) != 0) return suspend(t, i, 3);
    if ((lines & kRst) != 0) {
      p.strobe_stop();
      return finish(t, i, BulkEnd::kReset, lines);
    }
    if (p.now_ns() >= t.deadline_ns) {
      p.strobe_stop();
      return finish(t, i, BulkEnd::kDeadline, lines);
    }
  }
  p.strobe_stop();
  if (!in) p.release_data();
  return finish(t, i, t.end == BulkEnd::kPhaseChanged ? BulkEnd::kPhaseChanged : BulkEnd::kDone,
                t.have_pending ? t.pending_lines : p.read_lines());
}

// ---- dispatch --------------------------------------------------------------------------

template <class P>
bool run(P& p, BulkTransfer& t) {
  if (t.state == 0 && t.end == BulkEnd::kRunning && t.moved == 0 && !bulk_request_valid(t)) {
    return finish(t, 0, BulkEnd::kInvalid, 0);
  }
  if (t.sync) {
    if (t.initiator) return initiator_sync(p, t);
    return t.phase == kPhaseDataIn ? target_sync_send(p, t) : target_sync_receive(p, t);
  }
  if (t.initiator) {
    if (t.phase == kPhaseDataOut) return initiator_async_out(p, t);
    return t.parity_check ? initiator_async_in<P, true>(p, t) : initiator_async_in<P, false>(p, t);
  }
  if (t.phase == kPhaseDataIn) return target_async_send(p, t);
  return t.parity_check ? target_async_receive<P, true>(p, t) : target_async_receive<P, false>(p, t);
}

}  // namespace bulk
}  // namespace sb

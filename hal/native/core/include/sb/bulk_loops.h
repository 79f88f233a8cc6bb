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
inline constexpr ParityTable kParity{};

inline uint16_t nine_of(uint8_t b) { return static_cast<uint16_t>(b | (kParity.bit[b] << 8)); }
inline bool parity_bad(uint32_t lines) {
  const uint32_t b = (lines >> kDataShift) & 0xFFu;
  return ((lines >> 17) & 1u) != kParity.bit[b];
}

inline bool finish(BulkTransfer& t, uint32_t moved, uint32_t parity_bad, BulkEnd end, uint32_t lines) {
  t.moved = moved;
  t.parity_bad = parity_bad;
  t.end = end;
  t.lines = lines;
  t.state = 0;
  return true;
}
inline bool suspend(BulkTransfer& t, uint32_t moved, uint32_t parity_bad, uint8_t state) {
  t.moved = moved;
  t.parity_bad = parity_bad;
  t.state = state;
  return false;
}

// Initiator: why a wait for REQ ended without a REQ of the transfer's phase.
inline BulkEnd initiator_stop_reason(uint32_t lines) {
  if ((lines & kRst) != 0) return BulkEnd::kReset;
  if ((lines & kBsy) == 0) return BulkEnd::kBusFree;
  if ((lines & kReq) != 0) return BulkEnd::kPhaseChanged;
  return BulkEnd::kDeadline;
}

// ---- asynchronous ----------------------------------------------------------------------

template <class P>
bool initiator_async_in(P& p, BulkTransfer& t) {
  const WaitCond req_up{kReq | kBsy, kBsy, kRst, 0, t.deadline_ns, true};
  const WaitCond req_down{kReq, 0, kRst, 0, t.deadline_ns, false};
  const uint32_t want = kBsy | kReq | phase_lines(kPhaseDataIn);
  const uint32_t look = kBsy | kReq | kRst | kPhaseLines;
  const uint32_t n = t.count;
  const bool check = t.parity_check;
  uint8_t* const d = t.data;
  uint32_t i = t.moved, bad = t.parity_bad, lines = 0;
  if (t.state == 1) goto ack_asserted;
  while (i < n) {
    if (!p.bulk_wait(req_up, &lines)) return suspend(t, i, bad, 0);
    if ((lines & look) != want) return finish(t, i, bad, initiator_stop_reason(lines), lines);
    d[i] = static_cast<uint8_t>(lines >> kDataShift);
    if (check && bad == 0 && parity_bad(lines)) bad = i + 1;
    ++i;  // received: it counts even if the target never lets go of REQ
    p.assert_lines(kAck);
  ack_asserted:
    if (!p.bulk_wait(req_down, &lines)) return suspend(t, i, bad, 1);
    if ((lines & (kReq | kRst)) != 0) {
      return finish(t, i, bad, (lines & kRst) != 0 ? BulkEnd::kReset : BulkEnd::kDeadline, lines);
    }
    p.release_lines(kAck);
  }
  return finish(t, i, bad, BulkEnd::kDone, lines);
}

template <class P>
bool initiator_async_out(P& p, BulkTransfer& t) {
  const WaitCond req_up{kReq | kBsy, kBsy, kRst, 0, t.deadline_ns, true};
  const WaitCond req_down{kReq, 0, kRst, 0, t.deadline_ns, false};
  const uint32_t want = kBsy | kReq | phase_lines(kPhaseDataOut);
  const uint32_t look = kBsy | kReq | kRst | kPhaseLines;
  const uint32_t n = t.count;
  const uint8_t* const d = t.data;
  uint32_t i = t.moved, lines = 0;
  if (t.state == 1) goto data_setup;
  if (t.state == 2) goto ack_asserted;
  while (i < n) {
    if (!p.bulk_wait(req_up, &lines)) return suspend(t, i, 0, 0);
    if ((lines & look) != want) {
      p.release_data();
      return finish(t, i, 0, initiator_stop_reason(lines), lines);
    }
    p.drive_data(nine_of(d[i]));
    t.mark_ns = p.now_ns() + timing::kDataSetup;
  data_setup:
    if (!p.bulk_wait(WaitCond{0, 0, kRst, 0, t.mark_ns, false}, &lines)) return suspend(t, i, 0, 1);
    if ((lines & kRst) != 0) return finish(t, i, 0, BulkEnd::kReset, lines);
    p.assert_lines(kAck);
  ack_asserted:
    if (!p.bulk_wait(req_down, &lines)) return suspend(t, i, 0, 2);
    if ((lines & (kReq | kRst)) != 0) {
      return finish(t, i, 0, (lines & kRst) != 0 ? BulkEnd::kReset : BulkEnd::kDeadline, lines);
    }
    p.release_lines(kAck);
    ++i;
  }
  p.release_data();
  return finish(t, i, 0, BulkEnd::kDone, lines);
}

template <class P>
bool target_async_send(P& p, BulkTransfer& t) {
  const WaitCond ack_up{kAck, kAck, kRst, 0, t.deadline_ns, false};
  const WaitCond ack_down{kAck, 0, kRst, 0, t.deadline_ns, false};
  const uint32_t n = t.count;
  const uint8_t* const d = t.data;
  uint32_t i = t.moved, lines = 0;
  if (t.state == 1) goto data_setup;
  if (t.state == 2) goto req_asserted;
  if (t.state == 3) goto req_released;
  while (i < n) {
    p.drive_data(nine_of(d[i]));
    t.mark_ns = p.now_ns() + timing::kDataSetup;
  data_setup:
    if (!p.bulk_wait(WaitCond{0, 0, kRst, 0, t.mark_ns, false}, &lines)) return suspend(t, i, 0, 1);
    if ((lines & kRst) != 0) return finish(t, i, 0, BulkEnd::kReset, lines);
    p.assert_lines(kReq);
  req_asserted:
    if (!p.bulk_wait(ack_up, &lines)) return suspend(t, i, 0, 2);
    if ((lines & (kAck | kRst)) != kAck) {
      return finish(t, i, 0, (lines & kRst) != 0 ? BulkEnd::kReset : BulkEnd::kDeadline, lines);
    }
    p.release_lines(kReq);
  req_released:
    if (!p.bulk_wait(ack_down, &lines)) return suspend(t, i, 0, 3);
    if ((lines & (kAck | kRst)) != 0) {
      return finish(t, i, 0, (lines & kRst) != 0 ? BulkEnd::kReset : BulkEnd::kDeadline, lines);
    }
    ++i;
    // ATN: the initiator wants MESSAGE OUT; this byte is whole, the next is not sent.
    if ((lines & kAtn) != 0) return finish(t, i, 0, BulkEnd::kAttention, lines);
  }
  return finish(t, i, 0, BulkEnd::kDone, lines);
}

template <class P>
bool target_async_receive(P& p, BulkTransfer& t) {
  const WaitCond ack_up{kAck, kAck, kRst, 0, t.deadline_ns, false};
  const WaitCond ack_down{kAck, 0, kRst, 0, t.deadline_ns, false};
  const uint32_t n = t.count;
  const bool check = t.parity_check;
  uint8_t* const d = t.data;
  uint32_t i = t.moved, bad = t.parity_bad, lines = 0;
  if (t.state == 1) goto req_asserted;
  if (t.state == 2) goto req_released;
  while (i < n) {
    p.assert_lines(kReq);
  req_asserted:
    if (!p.bulk_wait(ack_up, &lines)) return suspend(t, i, bad, 1);
    if ((lines & (kAck | kRst)) != kAck) {
      return finish(t, i, bad, (lines & kRst) != 0 ? BulkEnd::kReset : BulkEnd::kDeadline, lines);
    }
    d[i] = static_cast<uint8_t>(lines >> kDataShift);
    if (check && bad == 0 && parity_bad(lines)) bad = i + 1;
    p.release_lines(kReq);
  req_released:
    if (!p.bulk_wait(ack_down, &lines)) return suspend(t, i, bad, 2);
    if ((lines & (kAck | kRst)) != 0) {
      return finish(t, i, bad, (lines & kRst) != 0 ? BulkEnd::kReset : BulkEnd::kDeadline, lines);
    }
    ++i;
    if ((lines & kAtn) != 0) return finish(t, i, bad, BulkEnd::kAttention, lines);
  }
  return finish(t, i, bad, BulkEnd::kDone, lines);
}

// ---- synchronous -----------------------------------------------------------------------

inline uint32_t min_u32(uint32_t a, uint32_t b) { return a < b ? a : b; }

// Target: the generator sends REQ with the data; the capture unit counts the ACKs. Pulses are
// granted only while fewer than `offset` are unacknowledged, so the offset holds whatever the
// initiator does. ATN stops the granting; the pulses already granted still go out and must be
// acknowledged before the phase may change (so moved counts whole bytes).
template <class P>
bool target_sync_send(P& p, BulkTransfer& t) {
  const uint32_t n = t.count;
  uint32_t lines = 0, acked = 0;
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
    t.wait_count = acked + 1;
  running:
    if (!p.bulk_wait(WaitCond{t.atn_seen ? 0u : kAtn, kAtn, kRst, t.wait_count, t.deadline_ns, false}, &lines)) {
      return suspend(t, t.wait_count - 1, 0, 1);
    }
    acked = t.wait_count - 1;
    if ((lines & kRst) != 0) {
      p.strobe_stop();
      p.capture_disarm();
      return finish(t, p.capture_count(), 0, BulkEnd::kReset, lines);
    }
    if ((lines & kAtn) != 0) t.atn_seen = true;
    if (p.capture_count() == acked && (lines & kAtn) == 0 && p.now_ns() >= t.deadline_ns) {
      p.strobe_stop();
      p.capture_disarm();
      return finish(t, acked, 0, BulkEnd::kDeadline, lines);
    }
  }
  // The last ACK pulse must be over before the phase lines may change.
last_ack:
  if (!p.bulk_wait(WaitCond{kAck, 0, kRst, 0, t.deadline_ns, false}, &lines)) return suspend(t, t.granted, 0, 2);
  p.strobe_stop();
  p.capture_disarm();
  if ((lines & kRst) != 0) return finish(t, t.granted, 0, BulkEnd::kReset, lines);
  if ((lines & kAck) != 0) return finish(t, t.granted, 0, BulkEnd::kDeadline, lines);
  return finish(t, t.granted, 0, t.granted == n ? BulkEnd::kDone : BulkEnd::kAttention, lines);
}

// Target: the generator sends bare REQ pulses; the capture unit latches each byte at its ACK
// edge (on the board, the camera interface writing into memory by DMA).
template <class P>
bool target_sync_receive(P& p, BulkTransfer& t) {
  const uint32_t n = t.count;
  const bool check = t.parity_check;
  uint8_t* const d = t.data;
  uint32_t i = t.moved, bad = t.parity_bad, lines = 0;
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
      if (check && bad == 0 && parity_bad(e.lines)) bad = i + 1;
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
    if (!p.bulk_wait(WaitCond{t.atn_seen ? 0u : kAtn, kAtn, kRst, i + 1, t.deadline_ns, false}, &lines)) {
      return suspend(t, i, bad, 1);
    }
    if ((lines & kRst) != 0) {
      p.strobe_stop();
      p.capture_disarm();
      return finish(t, i, bad, BulkEnd::kReset, lines);
    }
    if ((lines & kAtn) != 0) t.atn_seen = true;
    if (p.capture_count() <= i && (lines & kAtn) == 0 && p.now_ns() >= t.deadline_ns) {
      p.strobe_stop();
      p.capture_disarm();
      return finish(t, i, bad, BulkEnd::kDeadline, lines);
    }
  }
last_ack:
  if (!p.bulk_wait(WaitCond{kAck, 0, kRst, 0, t.deadline_ns, false}, &lines)) return suspend(t, i, bad, 2);
  p.strobe_stop();
  p.capture_disarm();
  if ((lines & kRst) != 0) return finish(t, i, bad, BulkEnd::kReset, lines);
  if ((lines & kAck) != 0) return finish(t, i, bad, BulkEnd::kDeadline, lines);
  return finish(t, i, bad, i == n ? BulkEnd::kDone : BulkEnd::kAttention, lines);
}

// Initiator: the capture unit latches every REQ edge for the whole connection (armed at
// selection). Each latched REQ of the transfer's phase is one byte received (DATA IN) or one
// byte asked for (DATA OUT), and grants the generator one ACK pulse (with the byte, for DATA
// OUT). A REQ of another phase ends the transfer and is handed back to the core.
template <class P>
bool initiator_sync(P& p, BulkTransfer& t) {
  const uint32_t n = t.count;
  const bool in = t.phase == kPhaseDataIn;
  const bool check = t.parity_check && in;
  const uint32_t want = kBsy | phase_lines(t.phase);
  const uint32_t look = kBsy | kPhaseLines;
  uint8_t* const d = t.data;
  uint32_t i = t.moved, bad = t.parity_bad, lines = 0;
  CaptureEntry e{};
  if (t.state == 1) goto waiting;
  if (t.state == 2) goto draining;
  if (t.state == 3) goto pulse_wait;
  p.strobe_start(kAck, in ? nullptr : d, n, t.assert_ns, t.negate_ns);
  t.granted = 0;
  while (i < n) {
    if (t.have_first) {
      e.lines = t.first_lines;
      t.have_first = false;
    } else if (!p.capture_pop(&e)) {
      // Nothing latched: wait for the next strobe (counted from now, so one that comes while
      // the loop is suspended still ends the wait).
      t.wait_count = p.capture_count() + 1;
    waiting:
      if (!p.bulk_wait(WaitCond{kBsy, kBsy, kRst, t.wait_count, t.deadline_ns, true}, &lines)) {
        return suspend(t, i, bad, 1);
      }
      if ((lines & kRst) != 0) {
        p.strobe_stop();
        return finish(t, i, bad, BulkEnd::kReset, lines);
      }
      if (p.capture_pop(&e)) {
        // handled below
      } else if ((lines & kBsy) == 0) {
        p.strobe_stop();
        return finish(t, i, bad, BulkEnd::kBusFree, lines);
      } else {
        p.strobe_stop();
        return finish(t, i, bad, BulkEnd::kDeadline, lines);
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
      if (check && bad == 0 && parity_bad(e.lines)) bad = i + 1;
    }
    ++i;
    p.strobe_grant(i);
    t.granted = i;
  }
draining:
  // The generator finishes the ACK pulses granted; the transfer is over when the last is. It
  // takes at most a few pulse periods, so the loop looks again every assertion period.
  while (p.strobe_count() < t.granted || (p.read_lines() & kAck) != 0) {
    t.mark_ns = p.now_ns() + t.assert_ns;
  pulse_wait:
    if (!p.bulk_wait(WaitCond{0, 0, kRst, 0, t.mark_ns, false}, &lines)) return suspend(t, i, bad, 3);
    if ((lines & kRst) != 0) {
      p.strobe_stop();
      return finish(t, i, bad, BulkEnd::kReset, lines);
    }
    if (p.now_ns() >= t.deadline_ns) {
      p.strobe_stop();
      return finish(t, i, bad, BulkEnd::kDeadline, lines);
    }
  }
  p.strobe_stop();
  if (!in) p.release_data();
  return finish(t, i, bad, t.end == BulkEnd::kPhaseChanged ? BulkEnd::kPhaseChanged : BulkEnd::kDone,
                t.have_pending ? t.pending_lines : p.read_lines());
}

// ---- dispatch --------------------------------------------------------------------------

template <class P>
bool run(P& p, BulkTransfer& t) {
  if (t.state == 0 && t.end == BulkEnd::kRunning && t.moved == 0 && !bulk_request_valid(t)) {
    return finish(t, 0, 0, BulkEnd::kInvalid, 0);
  }
  if (t.sync) {
    if (t.initiator) return initiator_sync(p, t);
    return t.phase == kPhaseDataIn ? target_sync_send(p, t) : target_sync_receive(p, t);
  }
  if (t.initiator) return t.phase == kPhaseDataIn ? initiator_async_in(p, t) : initiator_async_out(p, t);
  return t.phase == kPhaseDataIn ? target_async_send(p, t) : target_async_receive(p, t);
}

}  // namespace bulk
}  // namespace sb

// The board's asynchronous byte loops. bulk_loops.h states each handshake once for every
// backend, through WaitCond and a table from look to bus lines; written that way the S3 spent
// 125 to 237 Xtensa instructions a byte (esp32s3/xtensa/loop-cost.sh), too many for 3 MB/s at
// 240 MHz. Here a wait is a compare of the raw dedicated-input pads against the one value the
// handshake expects next, and a second compare tells "not yet" from "something else moved".
// What the loops use of the backend's members is copied into locals first: the register
// stores could alias the members as far as the compiler knows, so it would load them again.
// The loops keep bulk_loops.h's states, so a transfer suspends and resumes in either; the
// first unexpected look hands the byte to the general loop, which decides what ended it.
#include "sb/esp32s3_backend.h"

namespace sb {
namespace s3 {

namespace {

// Pad bits of the dedicated inputs (channel k is kInChannels[k]); a pad is low when asserted.
constexpr uint32_t kPadReq = in_pad(kSigReq), kPadAck = in_pad(kSigAck), kPadAtn = in_pad(kSigAtn),
                   kPadBsy = in_pad(kSigBsy), kPadRst = in_pad(kSigRst), kPadCd = in_pad(kSigCd),
                   kPadIo = in_pad(kSigIo);

// What a raw wait returns above the eight pad bits.
constexpr uint32_t kRawOther = 1u << 8;   // a pad the wait watches moved the wrong way
constexpr uint32_t kRawNotYet = 1u << 9;  // the turns ran out, or the model yielded
// The board's spin_continue allows as many; the bound is also kept here so that a model wait
// that returns at its deadline without the edge ends too.
constexpr uint32_t kRawTurns = 4096;

// Spins until the pads under `watch` read `want` (returns the pads), or the pads under `still`
// leave `idle` (kRawOther), or the turns run out (kRawNotYet). `c` is the same wait as the
// general loop's: the model parks on it; on the board it is folded away.
__attribute__((always_inline)) inline uint32_t raw_wait(const WaitCond& c, uint32_t watch, uint32_t want,
                                                        uint32_t still, uint32_t idle) {
  for (uint32_t turn = 0; turn < kRawTurns && spin_continue(c, turn, true); ++turn) {
    const uint32_t v = dedic_in() & 0xFFu;
    if ((v & watch) == want) {
      code_ran(true);
      return v;
    }
    if ((v & still) != idle) return v | kRawOther;
  }
  return kRawNotYet;
}

// REQ with BSY in a data phase (MSG is not on the dedicated inputs; see esp32s3_backend.h).
constexpr uint32_t kReqWatch = kPadReq | kPadBsy | kPadRst | kPadCd | kPadIo;
constexpr uint32_t kReqDataIn = kPadRst | kPadCd;            // REQ, BSY, I/O asserted
constexpr uint32_t kReqDataOut = kPadRst | kPadCd | kPadIo;  // REQ, BSY asserted
constexpr uint32_t kReqStill = kPadReq | kPadBsy | kPadRst;  // REQ not yet, BSY held, no RST
constexpr uint32_t kReqIdle = kPadReq | kPadRst;

// Byte i from DB0-7 and DBP (nine consecutive pads from `shift`, low = asserted), its parity
// noted when checked.
template <bool kCheck>
__attribute__((always_inline)) inline void take_byte(BulkTransfer& t, uint8_t* d, uint32_t i, uint32_t shift) {
  const uint32_t nine = (~gpio_in(0) >> shift) & 0x1FFu;
  d[i] = static_cast<uint8_t>(nine);
  if (kCheck && bulk::kBadParity.bad[nine] != 0) bulk::note_parity(t, i);
}

}  // namespace

bool Esp32s3Backend::async_not_yet(BulkTransfer& t, uint32_t moved, uint8_t state) {
  if (t.deadline_ns != kNever && now_ns() >= t.deadline_ns) return async_hand_over(t, moved, state);
  return bulk::suspend(t, moved, state);
}

void Esp32s3Backend::async_leave_driven(BulkTransfer& t, uint8_t b, uint32_t from) {
  db_drive_ = bulk::nine_of(b);
  const uint32_t passed = ccount() - from;
  const uint32_t missing = passed < setup_cycles_ ? setup_cycles_ - passed : 0u;
  t.mark_ns = now_ns() + cycles_to_ns(missing);
}

// mark_ns is 0 from bulk_begin until a loop drives a byte of this transfer, and nothing else
// drives the data pads while the transfer is under way, so a match with what the pads carry
// and a mark mean the byte has been there since the mark's setup time began.
uint32_t Esp32s3Backend::async_resume_driven(const BulkTransfer& t, uint8_t b, const Pad& dbp) {
  if (t.mark_ns != 0 && db_drive_ == bulk::nine_of(b)) {
    const uint64_t now = now_ns();
    const uint32_t missing = t.mark_ns > now ? ns_to_cycles(static_cast<uint32_t>(t.mark_ns - now)) : 0u;
    return ccount() - (setup_cycles_ - (missing < setup_cycles_ ? missing : setup_cycles_));
  }
  async_drive(b, dbp);
  return ccount();
}

bool Esp32s3Backend::async_hand_over(BulkTransfer& t, uint32_t moved, uint8_t state) {
  t.moved = moved;
  t.state = state;
  return bulk::run(*this, t);
}

template <bool kCheck>
bool Esp32s3Backend::async_initiator_in(BulkTransfer& t) {
  const WaitCond req_up{kReq | kBsy, kBsy, kRst, 0, t.deadline_ns, true};
  const WaitCond req_down{kReq, 0, kRst, 0, t.deadline_ns, false};
  const uint32_t n = t.count;
  uint8_t* const d = t.data;
  const Pad ack = ack_pad_;
  const uint32_t shift = db_shift_;
  uint32_t i = t.moved, r = 0;
  if (t.state == 1) goto ack_asserted;
  while (i < n) {
    r = raw_wait(req_up, kReqWatch, kReqDataIn, kReqStill, kReqIdle);
    if (r > 0xFFu) return (r & kRawNotYet) != 0 ? async_not_yet(t, i, 0) : async_hand_over(t, i, 0);
    take_byte<kCheck>(t, d, i, shift);
    ++i;  // received: it counts even if the target never lets go of REQ
    pad_low(ack);
  ack_asserted:
    r = raw_wait(req_down, kPadReq | kPadRst, kPadReq | kPadRst, kPadRst, kPadRst);
    if (r > 0xFFu) return (r & kRawNotYet) != 0 ? async_not_yet(t, i, 1) : async_hand_over(t, i, 1);
    pad_high(ack);
  }
  return bulk::finish(t, i, BulkEnd::kDone, in_lines_[r & 0xFFu]);
}

// The next byte goes on the bus as soon as the target has taken this one (REQ negated, ACK
// released), so its setup time runs while the target prepares its next REQ; the hold before
// ACK then only makes up what is missing. Suspended in state 0 or 1, byte i stays on the bus
// and its setup time is not held again on resumption.
bool Esp32s3Backend::async_initiator_out(BulkTransfer& t) {
  const WaitCond req_up{kReq | kBsy, kBsy, kRst, 0, t.deadline_ns, true};
  const WaitCond req_down{kReq, 0, kRst, 0, t.deadline_ns, false};
  const uint32_t n = t.count;
  const uint8_t* const d = t.data;
  const Pad ack = ack_pad_, dbp = dbp_pad_;
  const uint32_t setup = setup_cycles_;
  uint32_t i = t.moved, r = 0, from = 0;
  if (t.state == 2) goto ack_asserted;
  if (i < n) from = async_resume_driven(t, d[i], dbp);
  if (t.state == 1) goto data_setup;
  while (i < n) {
    r = raw_wait(req_up, kReqWatch, kReqDataOut, kReqStill, kReqIdle);
    if (r > 0xFFu) {
      async_leave_driven(t, d[i], from);
      return (r & kRawNotYet) != 0 ? async_not_yet(t, i, 0) : async_hand_over(t, i, 0);
    }
  data_setup:
    if (!hold_since(from, setup)) {
      async_leave_driven(t, d[i], from);
      return bulk::suspend(t, i, 1);
    }
    code_ran(true);
    pad_low(ack);
  ack_asserted:
    r = raw_wait(req_down, kPadReq | kPadRst, kPadReq | kPadRst, kPadRst, kPadRst);
    if (r > 0xFFu) {
      async_driven(d[i]);
      return (r & kRawNotYet) != 0 ? async_not_yet(t, i, 2) : async_hand_over(t, i, 2);
    }
    pad_high(ack);
    if (++i < n) {
      async_drive(d[i], dbp);
      from = ccount();
    }
  }
  release_data();
  return bulk::finish(t, i, BulkEnd::kDone, in_lines_[r & 0xFFu]);
}

// As the initiator's: the next byte goes on the bus once the initiator has taken this one
// (ACK asserted, REQ released), and its setup time runs while the initiator lets go of ACK.
// Suspended in state 1 or 3, byte i (or i + 1) stays on the bus, as the initiator's does.
bool Esp32s3Backend::async_target_send(BulkTransfer& t) {
  const WaitCond ack_up{kAck, kAck, kRst, 0, t.deadline_ns, false};
  const WaitCond ack_down{kAck, 0, kRst, 0, t.deadline_ns, false};
  const uint32_t n = t.count;
  const uint8_t* const d = t.data;
  const Pad req = req_pad_, dbp = dbp_pad_;
  const uint32_t setup = setup_cycles_;
  uint32_t i = t.moved, r = 0, from = 0;
  if (t.state == 2) goto req_asserted;
  if (t.state == 3) {
    if (i + 1 < n) from = async_resume_driven(t, d[i + 1], dbp);
    goto req_released;
  }
  if (i < n) from = async_resume_driven(t, d[i], dbp);
  while (i < n) {
    if (!hold_since(from, setup)) {
      async_leave_driven(t, d[i], from);
      return bulk::suspend(t, i, 1);
    }
    code_ran(true);
    pad_low(req);
  req_asserted:
    r = raw_wait(ack_up, kPadAck | kPadRst, kPadRst, kPadRst, kPadRst);
    if (r > 0xFFu) {
      async_driven(d[i]);
      return (r & kRawNotYet) != 0 ? async_not_yet(t, i, 2) : async_hand_over(t, i, 2);
    }
    pad_high(req);
    if (i + 1 < n) {
      async_drive(d[i + 1], dbp);
      from = ccount();
    }
  req_released:
    // ATN with ACK still asserted: the general loop waits for ACK to go and ends on ATN.
    r = raw_wait(ack_down, kPadAck | kPadRst | kPadAtn, kPadAck | kPadRst | kPadAtn, kPadRst | kPadAtn,
                 kPadRst | kPadAtn);
    if (r > 0xFFu) {
      async_leave_driven(t, d[i + 1 < n ? i + 1 : i], from);
      return (r & kRawNotYet) != 0 ? async_not_yet(t, i, 3) : async_hand_over(t, i, 3);
    }
    ++i;
  }
  if (n != 0) async_driven(d[n - 1]);
  return bulk::finish(t, i, BulkEnd::kDone, in_lines_[r & 0xFFu]);
}

template <bool kCheck>
bool Esp32s3Backend::async_target_receive(BulkTransfer& t) {
  const WaitCond ack_up{kAck, kAck, kRst, 0, t.deadline_ns, false};
  const WaitCond ack_down{kAck, 0, kRst, 0, t.deadline_ns, false};
  const uint32_t n = t.count;
  uint8_t* const d = t.data;
  const Pad req = req_pad_;
  const uint32_t shift = db_shift_;
  uint32_t i = t.moved, r = 0;
  if (t.state == 1) goto req_asserted;
  if (t.state == 2) goto req_released;
  while (i < n) {
    pad_low(req);
  req_asserted:
    r = raw_wait(ack_up, kPadAck | kPadRst, kPadRst, kPadRst, kPadRst);
    if (r > 0xFFu) return (r & kRawNotYet) != 0 ? async_not_yet(t, i, 1) : async_hand_over(t, i, 1);
    take_byte<kCheck>(t, d, i, shift);
    pad_high(req);
  req_released:
    r = raw_wait(ack_down, kPadAck | kPadRst | kPadAtn, kPadAck | kPadRst | kPadAtn, kPadRst | kPadAtn,
                 kPadRst | kPadAtn);
    if (r > 0xFFu) return (r & kRawNotYet) != 0 ? async_not_yet(t, i, 2) : async_hand_over(t, i, 2);
    ++i;
  }
  return bulk::finish(t, i, BulkEnd::kDone, in_lines_[r & 0xFFu]);
}

// Parity checking on or off is decided once a transfer: each loop is as short as it can be.
bool Esp32s3Backend::async_loop(BulkTransfer& t) {
  if (t.initiator) {
    if (t.phase == kPhaseDataOut) return async_initiator_out(t);
    return t.parity_check ? async_initiator_in<true>(t) : async_initiator_in<false>(t);
  }
  if (t.phase == kPhaseDataIn) return async_target_send(t);
  return t.parity_check ? async_target_receive<true>(t) : async_target_receive<false>(t);
}

}  // namespace s3
}  // namespace sb

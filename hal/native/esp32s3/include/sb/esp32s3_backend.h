// The pin backend of the ESP32-S3 board, run by the bus loop on core 1.
// - DB0-7 on the dedicated-GPIO OUT bundle (one instruction puts a byte on the bus), DBP and
//   the control lines as open-drain pads through GPIO_OUT_W1TS/W1TC (a pad low = asserted). On
//   the board a wired-OR line (BSY, SEL, RST) is sensed on one GPIO and asserted on another
//   (its driver's OE#), and the data transceivers' DATA_OE_N and ROLE follow the data gate.
// - Waits look at REQ ACK ATN BSY SEL RST C/D I/O on the dedicated-GPIO IN bundle (one
//   instruction); MSG, DBP and DB0-7 come from one GPIO_IN read when a byte is taken. MSG is
//   not in a bulk loop's look: a target that moved to a reserved phase (MSG alone) would go
//   unseen until the next general wait; no valid phase change differs from DATA only in MSG.
// - Time from CCOUNT, extended past its 32 bits: it must be read at least every 17.8 s (the
//   bus loop's waits read it on every turn that has a deadline).
// - Synchronous strobes from LCD_CAM in i80 mode fed by GDMA descriptors appended as pulses
//   are granted; strobes counted by PCNT and latched by the camera interface into a DMA ring.
#pragma once
#include <stdint.h>

#include "sb/s3_placement.h"  // before bulk_loops.h: the byte loops it instantiates go to IRAM
#include "sb/backend.h"
#include "sb/bulk_loops.h"
#include "sb/lines.h"
#include "sb/s3_hw.h"
#include "sb/s3_pins.h"

namespace sb {
namespace s3 {

// The dedicated IN channels, in order: every control line a wait looks at except MSG.
inline constexpr uint8_t kInChannels[kDedicChannels] = {kSigReq, kSigAck, kSigAtn, kSigBsy,
                                                       kSigSel, kSigRst, kSigCd,  kSigIo};
// A signal's bit in the value the dedicated inputs read (0 for a signal not among them).
constexpr uint32_t in_pad(uint8_t signal) {
  for (uint32_t k = 0; k < kDedicChannels; ++k) {
    if (kInChannels[k] == signal) return 1u << k;
  }
  return 0;
}

// CCOUNT at 240 MHz: 6 cycles every 25 ns, both ways rounded up (a strobe or a setup time is
// never shorter than asked). By subtraction: they run once a transfer or when a loop leaves or
// resumes, on a few dozen cycles at most, and lx106 (the count harness) has no divide.
SB_S3_IRAM inline uint32_t ns_to_cycles(uint32_t ns) {
  uint32_t x = ns * 6u, q = 0;
  while (x >= 25u) {
    x -= 25u;
    ++q;
  }
  return x != 0 ? q + 1u : q;
}
SB_S3_IRAM inline uint32_t cycles_to_ns(uint32_t cycles) {
  uint32_t x = cycles * 25u, q = 0;
  while (x >= 6u) {
    x -= 6u;
    ++q;
  }
  return x != 0 ? q + 1u : q;
}

class Esp32s3Backend final : public PinBackend {
 public:
  // Validates the table and only then sets up the pads; a refused table drives nothing. On
  // the board it must run on the bus loop's core (a dedicated-GPIO bundle belongs to the core
  // that makes it). A set-up the drivers refuse lets go of what it claimed and is refused too.
  Refusal start(const Config& config);
  bool started() const { return started_; }

  SB_S3_IRAM uint32_t read_lines() override { return look() | sample_bank0(); }
  // Control lines alone (the bulk loops' REQ and ACK) take the inline path: one table load
  // and one set or clear store a bank.
  SB_S3_IRAM void assert_lines(uint32_t lines) override {
    if ((lines & kDataAndParity) != 0) return set_pads(lines, true);
    const uint32_t b0 = ctl_bank_[0][lines & 0x1FFu], b1 = ctl_bank_[1][lines & 0x1FFu];
    if (b0 != 0) gpio_out_w1tc(0, b0);
    if (b1 != 0) gpio_out_w1tc(1, b1);
  }
  SB_S3_IRAM void release_lines(uint32_t lines) override {
    if ((lines & kDataAndParity) != 0) return set_pads(lines, false);
    const uint32_t b0 = ctl_bank_[0][lines & 0x1FFu], b1 = ctl_bank_[1][lines & 0x1FFu];
    if (b0 != 0) gpio_out_w1ts(0, b0);
    if (b1 != 0) gpio_out_w1ts(1, b1);
  }
  SB_S3_IRAM void drive_data(uint16_t nine) override {
    db_drive_ = nine & 0x1FFu;
    put_data();
  }
  SB_S3_IRAM void release_data() override;
  SB_S3_IRAM void set_data_gate(DataGate gate) override { transceiver_gate(xcvr_, gate); }
  // CCOUNT at 240 MHz to nanoseconds without a division (the LX7 has one, lx106 has none, and
  // a 64-bit one is a library call): 6 cycles are exactly 25 ns. Whole chunks of 49152 cycles
  // first, so the multiply below cannot overflow; then d / 6 as (d * 43691) >> 18, exact for
  // d < 131072; the cycles left over are carried. Gives floor(cycles * 25 / 6) since start.
  SB_S3_IRAM uint64_t now_ns() override {
    const uint32_t c = ccount();
    uint32_t d = c - cc_last_ + cc_rem_;
    cc_last_ = c;
    while (d >= 49152u) {
      ns_ += 204800u;
      d -= 49152u;
    }
    const uint32_t q = (d * 43691u) >> 18;
    ns_ += q * 25u;
    cc_rem_ = d - q * 6u;
    return ns_ + (cc_rem_ << 2);  // floor(r * 25 / 6) is 4r for r < 6
  }
  SB_S3_IRAM bool wait(const WaitCond& cond, uint32_t* lines) override;
  SB_S3_IRAM void capture_arm(uint32_t strobe_line, bool latch) override;
  SB_S3_IRAM void capture_disarm() override;
  SB_S3_IRAM uint32_t capture_count() override;
  SB_S3_IRAM bool capture_pop(CaptureEntry* entry) override;
  SB_S3_IRAM void strobe_start(uint32_t strobe_line, const uint8_t* data, uint32_t count, uint16_t assert_ns,
                    uint16_t negate_ns) override;
  SB_S3_IRAM void strobe_grant(uint32_t total) override;
  SB_S3_IRAM uint32_t strobe_count() override;
  SB_S3_IRAM void strobe_stop() override;
  SB_S3_IRAM bool transfer(BulkTransfer& t) override;

  // For bulk::run (bulk_loops.h): inline, so the loops' constant conditions fold into the
  // spin (a bulk loop's wait looks at the dedicated inputs only).
  __attribute__((always_inline)) uint32_t bulk_wait(const WaitCond& c) {
    for (uint32_t turn = 0;; ++turn) {
      if (!spin_continue(c, turn, true)) return kBulkNotYet;
      const uint32_t l = look();
      const uint32_t captured = c.capture_at_least != 0 ? capture_count() : 0u;
      if (wait_holds(c, l, captured) || (c.deadline_ns != kNever && now_ns() >= c.deadline_ns)) {
        code_ran(true);
        return l;
      }
    }
  }
  // DB0-7 and DBP are nine consecutive pads, so one shift puts them where the bus mask has
  // them (DBP, bit 17, right above DB7). MSG is not needed here: the look decided the phase.
  SB_S3_IRAM uint32_t bulk_sample(uint32_t lines) { return lines | (((~gpio_in(0) >> db_shift_) & 0x1FFu) << kDataShift); }
  SB_S3_IRAM void bulk_drive(const uint8_t* d, uint32_t i) { drive_data(bulk::nine_of(d[i])); }

  // Entries the camera wrote that the loop had not read before they were overwritten.
  uint32_t capture_overruns() const { return cam_overruns_; }

 private:
  // The asynchronous byte loops of the board (async_loops.cpp): the handshake on raw pad
  // levels of the dedicated inputs, one compare a look, no table and no clock in the byte.
  // They keep the states of bulk_loops.h's loops, so a transfer suspends and resumes in either,
  // and anything but the expected edge hands the byte to those loops, which sort it out.
  SB_S3_IRAM bool async_loop(BulkTransfer& t);
  template <bool kCheck>
  SB_S3_IRAM bool async_initiator_in(BulkTransfer& t);
  SB_S3_IRAM bool async_initiator_out(BulkTransfer& t);
  SB_S3_IRAM bool async_target_send(BulkTransfer& t);
  template <bool kCheck>
  SB_S3_IRAM bool async_target_receive(BulkTransfer& t);
  // A raw wait's turns ran out (the bus loop's mailbox) or the model yielded: past the
  // deadline the general loop ends the transfer; before it, the transfer suspends.
  SB_S3_IRAM bool async_not_yet(BulkTransfer& t, uint32_t moved, uint8_t state);
  // The general loop takes the byte at this state (an edge the raw compare did not expect).
  SB_S3_IRAM bool async_hand_over(BulkTransfer& t, uint32_t moved, uint8_t state);
  // A byte on DB0-7 and DBP in two stores; put_data's record of what is driven is brought up
  // to date when the loop leaves (async_driven).
  SB_S3_IRAM static void async_drive(uint8_t b, const Pad& dbp) {
    dedic_out(0xFFu, ~static_cast<uint32_t>(b) & 0xFFu);
    pad_set(dbp, bulk::kParity.bit[b] != 0);
  }
  SB_S3_IRAM void async_driven(uint8_t b) { db_drive_ = bulk::nine_of(b); }
  // A sending loop leaves (suspends, or hands the byte over) with byte b driven since CCOUNT
  // `from`: the end of its setup time goes into the transfer (mark_ns, as bulk_loops.h keeps
  // it), so that a resumption finds the byte still there and holds only what is missing.
  SB_S3_IRAM void async_leave_driven(BulkTransfer& t, uint8_t b, uint32_t from);
  // On entering a sending loop: byte b is put on the bus and its setup time starts now, unless
  // the pads already carry it (then the setup time counts from when they got it). Returns the
  // CCOUNT the hold counts from.
  SB_S3_IRAM uint32_t async_resume_driven(const BulkTransfer& t, uint8_t b, const Pad& dbp);

  Refusal refuse_setup(PinError e, uint8_t signal, uint8_t gpio);

  static constexpr uint32_t kDescriptors = 32;  // outstanding pulses <= offset 15 < 32
  static constexpr uint32_t kStageWords = 256;  // 16-bit words the i80 sends (nine bits a byte)

  SB_S3_IRAM uint32_t look() { return in_lines_[dedic_in() & 0xFFu]; }
  // DB0-7, DBP and MSG from GPIO_IN (pad low = asserted).
  SB_S3_IRAM uint32_t sample_bank0() {
    const uint32_t in = ~gpio_in(0);
    return (((in >> db_shift_) & 0x1FFu) << kDataShift) | ((in & msg_bit_) ? kMsg : 0u);
  }
  SB_S3_IRAM void set_pads(uint32_t lines, bool assert);
  // DB0-7 by the dedicated bundle, DBP by a set or clear store.
  SB_S3_IRAM void put_data() {
    const uint32_t v = db_ids_ | db_drive_;
    dedic_out(0xFFu, ~v & 0xFFu);
    if ((v & 0x100u) != 0) {
      gpio_out_w1tc(0, dbp_bit_);
    } else {
      gpio_out_w1ts(0, dbp_bit_);
    }
  }
  SB_S3_IRAM uint32_t gpio_of(uint32_t line) const;
  SB_S3_IRAM uint32_t cam_lines(uint16_t entry) const;

  Config cfg_{};
  bool started_ = false;
  uint32_t in_lines_[256] = {};      // dedicated IN value (pad levels) -> bus lines
  uint32_t ctl_bank_[2][512] = {};   // control lines (bits 0-8) -> GPIO mask per bank
  uint32_t db_shift_ = 0, dbp_bit_ = 0, msg_bit_ = 0;
  uint32_t db_ids_ = 0, db_drive_ = 0;  // nine bits each: asserted as lines, driven as data
  Pad req_pad_{}, ack_pad_{}, dbp_pad_{};  // for the byte loops
  Transceivers xcvr_{};                    // DATA_OE_N and ROLE, when the board has them
  uint32_t setup_cycles_ = 0;           // kDataSetup in CCOUNT cycles
  uint32_t cc_last_ = 0, cc_rem_ = 0;
  uint64_t ns_ = 0;

  // Capture unit: PCNT extended past its limit's resets, camera ring read position.
  uint32_t pcnt_last_ = 0, pcnt_total_ = 0;
  bool cam_on_ = false;
  uint32_t cam_strobe_ = 0;  // the line the camera latches on (part of every entry)
  uint32_t cam_read_ = 0, cam_seen_ = 0, cam_overruns_ = 0;
  alignas(4) uint16_t ring_[kMaxCaptureEntries] = {};  // GDMA RX writes whole words

  // Strobe generator: descriptors and the nine-bit words they point at, both reused in turn.
  const uint8_t* gen_data_ = nullptr;
  uint32_t gen_count_ = 0, gen_appended_ = 0, desc_next_ = 0, stage_next_ = 0;
  GdmaDescriptor desc_[kDescriptors] = {};
  uint16_t stage_[kStageWords] = {};
};

}  // namespace s3
}  // namespace sb

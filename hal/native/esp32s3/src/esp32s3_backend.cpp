#include "sb/esp32s3_backend.h"

#include "sb/lines.h"
#include "sb/timing.h"

namespace sb {
namespace s3 {

namespace {

// Bus line of each signal of the table.
SB_S3_IRAM uint32_t line_of(uint8_t s) {
  if (s < 8) return 1u << (kDataShift + s);
  SB_S3_DRAM static const uint32_t kControl[] = {kDbp, kBsy, kSel, kAtn, kAck, kRst, kMsg, kCd, kIo, kReq};
  return kControl[s - 8];
}

// The control lines the core asserts, bits 0-8 of the bus mask, as signals.
const uint8_t kControlSignals[9] = {kSigBsy, kSigSel, kSigAtn, kSigAck, kSigRst, kSigMsg, kSigCd, kSigIo, kSigReq};

}  // namespace

Refusal Esp32s3Backend::start(const Config& config) {
  const Refusal r = validate(config);
  if (r.error != PinError::kNone) return r;
  cfg_ = config;
  const uint8_t* p = cfg_.pins.gpio;
  for (uint32_t v = 0; v < 256; ++v) {
    uint32_t lines = 0;
    for (uint32_t k = 0; k < kDedicChannels; ++k) {
      if ((v & (1u << k)) == 0) lines |= line_of(kInChannels[k]);  // pad low: asserted
    }
    in_lines_[v] = lines;
  }
  for (uint32_t m = 0; m < 512; ++m) {
    ctl_bank_[0][m] = ctl_bank_[1][m] = 0;
    for (uint32_t b = 0; b < 9; ++b) {
      if ((m & (1u << b)) == 0) continue;
      const uint8_t g = drive_gpio(cfg_, kControlSignals[b]);
      ctl_bank_[g >> 5][m] |= 1u << (g & 31u);
    }
  }
  req_pad_ = pad_of(p[kSigReq]);
  ack_pad_ = pad_of(p[kSigAck]);
  dbp_pad_ = pad_of(p[kSigDbp]);
  setup_cycles_ = ns_to_cycles(timing::kDataSetup);
  db_shift_ = p[kSigDb0];
  dbp_bit_ = 1u << p[kSigDbp];
  msg_bit_ = 1u << p[kSigMsg];
  // The data transceivers off and in the initiator's direction before their controls become
  // outputs (pull-ups hold them so while the chip boots); the first data gate enables them.
  const BoardWiring& w = cfg_.board;
  xcvr_.present = w.data_oe_n != kNoPin;
  if (xcvr_.present) {
    xcvr_.oe = pad_of(w.data_oe_n);
    xcvr_.role = pad_of(w.role);
    xcvr_.oe_low = !w.data_oe_active_high;
    xcvr_.target_low = !w.role_target_high;
    pad_set(xcvr_.oe, !xcvr_.oe_low);
    pad_set(xcvr_.role, xcvr_.target_low);
    if (!gpio_output(w.data_oe_n)) return refuse_setup(PinError::kPadSetupRefused, kPinDataOeN, w.data_oe_n);
    if (!gpio_output(w.role)) return refuse_setup(PinError::kPadSetupRefused, kPinRole, w.role);
  }
  // Every pad released (high) before its output is switched on: nothing glitches the bus. A
  // wired-OR line with a drive GPIO of its own is only read on its sense GPIO.
  for (uint8_t s = kSigDbp; s < kSignals; ++s) {
    const uint8_t d = drive_gpio(cfg_, s);
    if (d != p[s] && !gpio_input(p[s])) return refuse_setup(PinError::kPadSetupRefused, s, p[s]);
    if (!gpio_open_drain(d)) return refuse_setup(PinError::kPadSetupRefused, s, d);
  }
  uint8_t in_pads[kDedicChannels];
  for (uint32_t k = 0; k < kDedicChannels; ++k) in_pads[k] = p[kInChannels[k]];
  PinError e = dedic_out_bundle(&p[kSigDb0]);
  if (e != PinError::kNone) return refuse_setup(e, kSigDb0, p[kSigDb0]);
  e = dedic_in_bundle(in_pads);
  if (e != PinError::kNone) return refuse_setup(e, kInChannels[0], in_pads[0]);
  // The camera's 14 inputs in CamBit order (DB0-7, DBP, BSY, MSG, C/D, I/O, RST).
  const uint8_t cam_pads[kCamBits] = {p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[kSigDbp],
                                      p[kSigBsy], p[kSigMsg], p[kSigCd], p[kSigIo], p[kSigRst]};
  e = streams_open(&p[kSigDb0], cam_pads);
  if (e != PinError::kNone) return refuse_setup(e, kPinsEnd, kNoPin);
  // The clock counts from CCOUNT 0, as the bus's time does on the board from reset.
  cc_last_ = cc_rem_ = 0;
  ns_ = 0;
  started_ = true;
  now_ns();
  return r;
}

// A driver refused a set-up the table allowed: what was claimed is let go, the pads stay
// released (each was set high before its output went on), and the backend is not started.
Refusal Esp32s3Backend::refuse_setup(PinError e, uint8_t signal, uint8_t gpio) {
  board_release();
  started_ = false;
  return Refusal{e, signal, gpio};
}

// Control lines 0-8 through the set/clear registers: low (W1TC) asserts, high (W1TS) releases.
// DB0-7 and DBP asserted one by one (IDs in arbitration and selection) share their pads with the
// data drivers, so both are kept and the pads carry their union.
void Esp32s3Backend::set_pads(uint32_t lines, bool assert) {
  const uint32_t m = lines & 0x1FFu;
  const uint32_t b0 = ctl_bank_[0][m];
  const uint32_t b1 = ctl_bank_[1][m];
  if (assert) {
    if (b0 != 0) gpio_out_w1tc(0, b0);
    if (b1 != 0) gpio_out_w1tc(1, b1);
  } else {
    if (b0 != 0) gpio_out_w1ts(0, b0);
    if (b1 != 0) gpio_out_w1ts(1, b1);
  }
  const uint32_t ids = lines_to_data(lines & kDataAndParity);
  if (ids != 0) {
    db_ids_ = assert ? (db_ids_ | ids) : (db_ids_ & ~ids);
    put_data();
  }
}

void Esp32s3Backend::release_data() {
  db_drive_ = 0;
  put_data();
}

// A board wait spins; after a budget of turns it returns "not yet" so the bus loop can look at
// its mailbox (and in the model, so the other devices run).
// A general wait reads the whole bus each turn (the bulk loops' wait, bulk_wait, looks at the
// dedicated inputs only).
bool Esp32s3Backend::wait(const WaitCond& cond, uint32_t* lines) {
  uint32_t turn = 0;
  while (spin_continue(cond, turn++, false)) {
    const uint32_t l = look() | sample_bank0();
    const uint32_t captured = cond.capture_at_least != 0 ? capture_count() : 0u;
    if (wait_holds(cond, l, captured) || (cond.deadline_ns != kNever && now_ns() >= cond.deadline_ns)) {
      code_ran(false);
      *lines = l;
      return true;
    }
  }
  return false;
}

uint32_t Esp32s3Backend::gpio_of(uint32_t line) const {
  for (uint8_t s = 0; s < kSignals; ++s) {
    if (line_of(s) == line) return cfg_.pins.gpio[s];
  }
  return kNoPin;  // not reached: the core strobes and captures only REQ and ACK
}

void Esp32s3Backend::capture_arm(uint32_t strobe_line, bool latch) {
  const uint32_t g = gpio_of(strobe_line);
  if (cam_on_) cam_stop();
  cam_on_ = latch;
  cam_read_ = cam_seen_ = 0;
  cam_strobe_ = strobe_line;
  if (latch) cam_start(g, ring_, cfg_.capture_entries);
  pcnt_start(g);
  pcnt_last_ = pcnt_total_ = 0;
}

void Esp32s3Backend::capture_disarm() {
  pcnt_stop();
  if (cam_on_) cam_stop();
  cam_on_ = false;
}

// PCNT's register resets to 0 at kPcntHighLimit; the total is extended here (never that many
// strobes between two looks: the loops grant at most the offset, 15, ahead).
uint32_t Esp32s3Backend::capture_count() {
  const uint32_t c = pcnt_count();
  pcnt_total_ += pcnt_edges_between(pcnt_last_, c);
  pcnt_last_ = c;
  return pcnt_total_;
}

// The pulse counter gives the strobes sent modulo kPcntHighLimit, and it may not be read for a
// whole transfer; but the strobes sent are never fewer than those appended less the offset (a
// target grants within the offset of the ACKs it has seen, each answering a REQ sent; an
// initiator grants an ACK for each REQ, and the target sends those within the offset of the
// ACKs it has seen), so the count is the one just below the appended total with the
// register's remainder.
uint32_t Esp32s3Backend::strobe_count() {
  return gen_appended_ - pcnt_edges_between(i80_pulses_done(), pcnt_register_of(gen_appended_));
}

uint32_t Esp32s3Backend::cam_lines(uint16_t entry) const {
  const uint32_t a = ~static_cast<uint32_t>(entry);  // pad low: asserted
  return ((a & 0xFFu) << kDataShift) | ((a >> kCamDbp & 1u) ? kDbp : 0u) | ((a >> kCamBsy & 1u) ? kBsy : 0u) |
         ((a >> kCamMsg & 1u) ? kMsg : 0u) | ((a >> kCamCd & 1u) ? kCd : 0u) | ((a >> kCamIo & 1u) ? kIo : 0u) |
         ((a >> kCamRst & 1u) ? kRst : 0u);
}

bool Esp32s3Backend::capture_pop(CaptureEntry* entry) {
  if (!cam_on_) return false;
  if (cam_read_ == cam_seen_) {
    cam_seen_ = cam_written();
    if (cam_read_ == cam_seen_) return false;
    if (cam_seen_ - cam_read_ > cfg_.capture_entries) {
      // The camera went round the ring past entries not read: they are lost, as on the board.
      cam_overruns_ += cam_seen_ - cam_read_ - cfg_.capture_entries;
      cam_read_ = cam_seen_ - cfg_.capture_entries;
    }
  }
  entry->lines = cam_lines(ring_[cam_read_ & (cfg_.capture_entries - 1u)]) | cam_strobe_;
  ++cam_read_;
  return true;
}

void Esp32s3Backend::strobe_start(uint32_t strobe_line, const uint8_t* data, uint32_t count, uint16_t assert_ns,
                                  uint16_t negate_ns) {
  gen_data_ = data;
  gen_count_ = count;
  gen_appended_ = 0;
  i80_start(gpio_of(strobe_line), data != nullptr, count, ns_to_cycles(assert_ns), ns_to_cycles(negate_ns));
}

// Appends descriptors for the pulses from the last grant up to total: nine-bit words (pad
// levels, DBP from the parity table) staged in a ring the GDMA reads, split where the staging
// ring wraps. Strobes without data point at the same staging words (the data pads are not
// routed to the i80 then).
void Esp32s3Backend::strobe_grant(uint32_t total) {
  if (total > gen_count_) total = gen_count_;
  while (gen_appended_ < total) {
    uint32_t n = total - gen_appended_;
    if (n > kStageWords - stage_next_) n = kStageWords - stage_next_;
    if (n > kGdmaDescriptorMax / 2u) n = kGdmaDescriptorMax / 2u;
    uint16_t* words = &stage_[stage_next_];
    if (gen_data_ != nullptr) {
      const uint8_t* src = gen_data_ + gen_appended_;
      for (uint32_t k = 0; k < n; ++k) words[k] = static_cast<uint16_t>(~bulk::nine_of(src[k]) & 0x1FFu);
    }
    GdmaDescriptor& d = desc_[desc_next_];
    d.size = n * 2u;
    d.length = n * 2u;
    d.suc_eof = gen_appended_ + n == gen_count_ ? 1u : 0u;
    d.owner = 1;
    d.buffer = words;
    d.next = nullptr;
    gdma_out_append(&d);
    desc_next_ = (desc_next_ + 1u) % kDescriptors;
    stage_next_ = (stage_next_ + n) % kStageWords;
    gen_appended_ += n;
  }
}

void Esp32s3Backend::strobe_stop() { i80_stop(); }

bool Esp32s3Backend::transfer(BulkTransfer& t) {
  if (t.state == 0 && t.end == BulkEnd::kRunning && t.moved == 0 && t.count > cfg_.ring_slot_bytes) {
    return bulk::finish(t, 0, BulkEnd::kInvalid, 0);
  }
  // IDs still asserted on the data pads (never in a data phase) are put_data's to keep.
  if (t.sync || t.end != BulkEnd::kRunning || db_ids_ != 0 || !bulk_request_valid(t)) return bulk::run(*this, t);
  return async_loop(t);
}

}  // namespace s3
}  // namespace sb

#include "s3_model.h"

#include "sb/lines.h"

namespace sb {
namespace s3 {

S3Model* S3Model::selected = nullptr;

namespace {
uint32_t signal_line(uint8_t s) {
  if (s < 8) return 1u << (kDataShift + s);
  static const uint32_t kControl[] = {kDbp, kBsy, kSel, kAtn, kAck, kRst, kMsg, kCd, kIo, kReq};
  return kControl[s - 8];
}
}  // namespace

S3Model::S3Model(const Config& config) : S3Model(config, config.pins) {}

S3Model::S3Model(const Config& config, const PinTable& wiring)
    : config_(config), wiring_(wiring), backend_(new Esp32s3Backend()), entry_(this, backend_.get()) {
  for (bool& h : out_high_) h = true;
}

PinBackend* S3Model::connect(sim::SimBackend& pads, sim::SimBus& bus, const sim::TimeModel& model) {
  pads_ = &pads;
  bus_ = &bus;
  tm_ = model;
  start();
  return &entry_;
}

Refusal S3Model::start() {
  selected = this;
  refusal_ = backend_->start(config_);
  return refusal_;
}

void S3Model::error(const std::string& what) { errors_.push_back(what); }

// A core-0 flash write stalls this CPU once its clock reaches the chosen moment.
void S3Model::charge(uint32_t ns) {
  if (pads_ == nullptr) return;
  pads_->charge_ns(ns);
  if (!stalled_ && pads_->local_time() >= stall_at_) {
    stalled_ = true;
    pads_->charge_ns(stall_ns_);
  }
}

uint32_t S3Model::line_of_gpio(uint32_t gpio) const {
  for (uint8_t s = 0; s < kSignals; ++s) {
    if (wiring_.gpio[s] == gpio) return signal_line(s);
  }
  return 0;
}

// The pad's output level: a dedicated OUT channel's bit when the bundle has it, else its GPIO
// output register bit; only open-drain pads pull the line.
bool S3Model::pad_low(uint32_t gpio) const {
  if (gpio >= kGpioCount || !od_[gpio]) return false;
  if (dedic_out_on_) {
    for (uint32_t k = 0; k < kDedicChannels; ++k) {
      if (dedic_out_pad_[k] == gpio) return (dedic_value_ & (1u << k)) == 0;
    }
  }
  return !out_high_[gpio];
}

// The pad that asserts a signal: a wired-OR line's drive GPIO when the board has one (its sense
// GPIO then only reads the line), else the signal's own pad.
uint32_t S3Model::drive_pad(uint8_t s) const {
  const BoardWiring& w = config_.board;
  const uint8_t d = s == kSigBsy ? w.bsy_drive : s == kSigSel ? w.sel_drive : s == kSigRst ? w.rst_drive : kNoPin;
  return d != kNoPin ? d : wiring_.gpio[s];
}

// A push-pull board output's level: at `high` when it is an output and its register bit says so.
bool S3Model::output_at(uint8_t gpio, bool high) const {
  return gpio < kGpioCount && pp_[gpio] && out_high_[gpio] == high;
}

// Whether a signal's driver can act: on a board with the data transceivers, DATA_OE_N must
// enable them for DB0-7 and DBP, and ROLE must be the driving role of a one-role line.
bool S3Model::driver_enabled(uint8_t s) const {
  const BoardWiring& w = config_.board;
  if (w.data_oe_n == kNoPin) return true;
  if (s <= kSigDbp) return output_at(w.data_oe_n, w.data_oe_active_high);
  const bool target = output_at(w.role, w.role_target_high);
  const bool initiator = output_at(w.role, !w.role_target_high);
  switch (s) {
    case kSigAtn:
    case kSigAck: return initiator;
    case kSigMsg:
    case kSigCd:
    case kSigIo:
    case kSigReq: return target;
    default: return true;  // BSY, SEL, RST: any role
  }
}

// Puts what the pads pull on the simulated pads: control lines as asserted lines, DB0-7 and DBP
// as the data drivers (through the direction gate). While the i80 sends data it owns the data
// pads (the GPIO matrix routes them to LCD_CAM).
void S3Model::update_pads() {
  if (pads_ == nullptr) return;
  uint32_t ctl = 0, nine = 0;
  for (uint8_t s = 0; s < kSignals; ++s) {
    if (!pad_low(drive_pad(s)) || !driver_enabled(s)) continue;
    const uint32_t l = signal_line(s);
    if ((l & kDataAndParity) != 0) {
      nine |= lines_to_data(l);
    } else {
      ctl |= l;
    }
  }
  if (ctl != ctl_driven_) {
    if ((ctl & ~ctl_driven_) != 0) pads_->assert_lines(ctl & ~ctl_driven_);
    if ((ctl_driven_ & ~ctl) != 0) pads_->release_lines(ctl_driven_ & ~ctl);
    ctl_driven_ = ctl;
  }
  if (i80_data_ && i80_on_) return;
  if (nine != nine_driven_) {
    if (nine == 0) {
      pads_->release_data();
    } else {
      pads_->drive_data(static_cast<uint16_t>(nine));
    }
    nine_driven_ = nine;
  }
}

// A set-up the board's driver would refuse (refuse_setup), as it would: nothing changes.
bool S3Model::refuses(PinError e) {
  if (setup_refusal_ != e) return false;
  setup_refusal_ = PinError::kNone;
  return true;
}

bool S3Model::gpio_open_drain(uint32_t gpio) {
  ++pad_accesses_;
  if (gpio >= kGpioCount) return error("gpio_config on a GPIO that does not exist"), false;
  if (refuses(PinError::kPadSetupRefused)) return false;
  if (!out_high_[gpio]) error("open-drain output enabled on a pad that is low: the bus would glitch");
  od_[gpio] = true;
  update_pads();
  return true;
}

bool S3Model::gpio_input(uint32_t gpio) {
  ++pad_accesses_;
  if (gpio >= kGpioCount) return error("gpio_config on a GPIO that does not exist"), false;
  input_only_[gpio] = true;
  return true;
}

bool S3Model::gpio_output(uint32_t gpio) {
  ++pad_accesses_;
  if (gpio >= kGpioCount) return error("gpio_config on a GPIO that does not exist"), false;
  if (od_[gpio]) error("a push-pull output on a pad that is open drain on the bus");
  pp_[gpio] = true;
  update_pads();
  return true;
}

void S3Model::gpio_out(uint32_t bank, uint32_t mask, bool high) {
  ++pad_accesses_;
  charge(tm_.write_lines_ns);
  for (uint32_t b = 0; b < 32; ++b) {
    const uint32_t g = bank * 32 + b;
    if ((mask & (1u << b)) == 0 || g >= kGpioCount) continue;
    out_high_[g] = high;
    if (input_only_[g]) error("a set/clear store to a pad that is only an input (a sense GPIO): nothing reaches the bus");
  }
  update_pads();
}

uint32_t S3Model::gpio_in(uint32_t bank) {
  charge(tm_.read_data_ns);
  const uint32_t wire = bus_ != nullptr ? bus_->wire() : 0u;
  uint32_t v = 0xFFFFFFFFu;
  for (uint8_t s = 0; s < kSignals; ++s) {
    const uint32_t g = wiring_.gpio[s];
    if (g / 32 == bank && (wire & signal_line(s)) != 0) v &= ~(1u << (g % 32));
  }
  return v;
}

PinError S3Model::dedic_out_bundle(const uint8_t* gpios) {
  ++pad_accesses_;
  if (refuses(PinError::kNotOnBusCore)) return PinError::kNotOnBusCore;
  if (refuses(PinError::kDedicBundleRefused)) return PinError::kDedicBundleRefused;
  ++claims_;
  for (uint32_t k = 0; k < kDedicChannels; ++k) {
    dedic_out_pad_[k] = gpios[k];
    if (gpios[k] < kGpioCount) od_[gpios[k]] = true;
  }
  dedic_value_ = 0xFF;
  dedic_out_on_ = true;
  update_pads();
  return PinError::kNone;
}

PinError S3Model::dedic_in_bundle(const uint8_t* gpios) {
  ++pad_accesses_;
  ++claims_;
  for (uint32_t k = 0; k < kDedicChannels; ++k) dedic_in_pad_[k] = gpios[k];
  dedic_in_on_ = true;
  return PinError::kNone;
}

// The pads the streams use are the table's (the model routes by signal, not by pad); it checks
// that the backend names the data pads and camera inputs the board routes.
PinError S3Model::streams_open(const uint8_t* data_pads, const uint8_t* cam_pads) {
  ++pad_accesses_;
  if (refuses(PinError::kPcntUnitTaken)) return PinError::kPcntUnitTaken;
  if (refuses(PinError::kStreamRefused)) return PinError::kStreamRefused;
  for (uint32_t k = 0; k < 9; ++k) {
    if (data_pads[k] != wiring_.gpio[kSigDb0 + k]) error("streams_open: a data pad that is not DB0-7/DBP's");
  }
  static const uint8_t kCamSignals[kCamBits] = {0, 1, 2, 3, 4, 5, 6, 7, kSigDbp, kSigBsy, kSigMsg, kSigCd, kSigIo, kSigRst};
  for (uint32_t k = 0; k < kCamBits; ++k) {
    if (cam_pads[k] != wiring_.gpio[kCamSignals[k]]) error("streams_open: a camera input on the wrong pad");
  }
  ++claims_;
  return PinError::kNone;
}

// The bundles, PCNT units, LCD_CAM and GDMA channels let go; the pads keep their level (high).
void S3Model::board_release() {
  claims_ = 0;
  dedic_out_on_ = dedic_in_on_ = false;
  update_pads();
}

void S3Model::dedic_out(uint32_t mask, uint32_t value) {
  ++pad_accesses_;
  ++data_stores_;
  charge(tm_.data_ns > tm_.write_lines_ns ? tm_.data_ns - tm_.write_lines_ns : 0u);
  if (!dedic_out_on_) error("ee.wr_mask_gpio_out before the OUT bundle was made");
  dedic_value_ = (dedic_value_ & ~mask) | (value & mask & 0xFFu);
  update_pads();
}

uint32_t S3Model::dedic_in() {
  charge(tm_.bulk_look_ns);
  if (!dedic_in_on_) error("ee.get_gpio_in before the IN bundle was made");
  const uint32_t wire = bus_ != nullptr ? bus_->wire() : 0u;
  uint32_t v = 0xFF;
  for (uint32_t k = 0; k < kDedicChannels; ++k) {
    if ((wire & line_of_gpio(dedic_in_pad_[k])) != 0) v &= ~(1u << k);
  }
  return v;
}

uint32_t S3Model::ccount() {
  charge(tm_.clock_ns);
  const uint64_t ns = pads_ != nullptr ? pads_->now_ns() : 0u;
  return static_cast<uint32_t>((ns * 6u + 24u) / 25u);
}

// Nothing on the bus is looked at while the board spins on CCOUNT: the delay is a wait for
// its end alone (25 ns every 6 cycles, rounded up). One read of the counter is charged; a
// delay already over costs only that.
bool S3Model::hold_since(uint32_t from, uint32_t cycles) {
  if (pads_ == nullptr) return false;
  const uint32_t passed = ccount() - from;
  if (passed >= cycles) return true;
  return pads_->park_for(static_cast<uint32_t>((static_cast<uint64_t>(cycles - passed) * 25u + 5u) / 6u), true);
}

void S3Model::pcnt_start(uint32_t gpio) {
  ++pad_accesses_;
  charge(tm_.strobe_ns);
  pcnt_line_ = line_of_gpio(gpio);
  pcnt_resets_before_ += pcnt_resets_;
  pcnt_resets_ = 0;
  if (pads_ != nullptr) pads_->capture_arm(pcnt_line_, cam_on_ && cam_line_ == pcnt_line_);
  cam_written_ = 0;
}

void S3Model::pcnt_stop() {
  charge(tm_.strobe_ns);
  if (pads_ != nullptr) pads_->capture_disarm();
}

// The register as the chip shows it: reset to 0 each time the count reaches the high limit.
uint32_t S3Model::pcnt_count() {
  charge(tm_.capture_ns);
  if (pads_ == nullptr) return 0u;
  const uint32_t total = pads_->capture_count();
  pcnt_edges_ = total;
  if (total / kPcntHighLimit > pcnt_resets_) pcnt_resets_ = total / kPcntHighLimit;
  return total % kPcntHighLimit;
}

void S3Model::cam_start(uint32_t gpio, uint16_t* ring, uint32_t entries) {
  ++pad_accesses_;
  charge(tm_.strobe_ns);
  if ((reinterpret_cast<uintptr_t>(ring) & 3u) != 0 || (entries & 1u) != 0) {
    error("camera ring not whole 32-bit words: GDMA RX writes word-aligned buffers");
  }
  cam_on_ = true;
  cam_line_ = line_of_gpio(gpio);
  cam_ring_ = ring;
  cam_entries_ = entries;
  cam_written_ = 0;
}

// GDMA's write position; the entries latched since the last look are written into the ring
// now, each as the camera's 16 inputs saw it at its strobe edge.
uint32_t S3Model::cam_written() {
  charge(tm_.capture_ns);
  if (!cam_on_ || pads_ == nullptr) return cam_written_;
  CaptureEntry e{};
  while (pads_->capture_pop(&e)) {
    const uint32_t l = e.lines;
    uint32_t asserted = (l >> kDataShift) & 0xFFu;
    if (l & kDbp) asserted |= 1u << kCamDbp;
    if (l & kBsy) asserted |= 1u << kCamBsy;
    if (l & kMsg) asserted |= 1u << kCamMsg;
    if (l & kCd) asserted |= 1u << kCamCd;
    if (l & kIo) asserted |= 1u << kCamIo;
    if (l & kRst) asserted |= 1u << kCamRst;
    // The board ties cam_data_in14 and 15 to 0 (esp32s3/board/s3_lcd_cam_idf.cpp).
    cam_ring_[cam_written_ & (cam_entries_ - 1u)] = static_cast<uint16_t>(~asserted & 0x3FFFu);
    ++cam_written_;
  }
  return cam_written_;
}

void S3Model::cam_stop() {
  charge(tm_.strobe_ns);
  cam_on_ = false;
}

void S3Model::i80_start(uint32_t gpio, bool with_data, uint32_t total, uint32_t assert_cycles,
                        uint32_t negate_cycles) {
  ++pad_accesses_;
  charge(tm_.strobe_ns);
  if (i80_on_) error("i80 started while running");
  i80_on_ = true;
  i80_running_ = false;
  i80_data_ = with_data;
  i80_line_ = line_of_gpio(gpio);
  i80_total_ = total;
  i80_appended_ = 0;
  i80_resets_before_ += i80_resets_;
  i80_resets_ = 0;
  i80_assert_ns_ = static_cast<uint16_t>(assert_cycles * 25u / 6u);
  i80_negate_ns_ = static_cast<uint16_t>(negate_cycles * 25u / 6u);
  i80_bytes_.assign(total, 0);
}

void S3Model::gdma_out_append(GdmaDescriptor* d) {
  ++pad_accesses_;
  charge(tm_.strobe_ns);
  ++descriptors_;
  if (!i80_on_) return error("descriptor appended with the i80 stopped");
  if (d->owner != 1) error("descriptor appended without DMA ownership");
  if (d->length == 0 || d->length > kGdmaDescriptorMax || d->length > d->size || (d->length & 1u) != 0) {
    return error("descriptor length not 1..4095 bytes of whole 16-bit words");
  }
  const uint32_t n = d->length / 2u;
  if (i80_appended_ + n > i80_total_) return error("descriptors beyond the programmed total");
  if (i80_data_) {
    const uint16_t* w = static_cast<const uint16_t*>(d->buffer);
    for (uint32_t k = 0; k < n; ++k) {
      const uint16_t nine = static_cast<uint16_t>(~w[k] & 0x1FFu);
      if (!parity_ok(nine)) error("a staged word's DBP disagrees with its byte");
      i80_bytes_[i80_appended_ + k] = static_cast<uint8_t>(nine);
    }
  }
  i80_appended_ += n;
  if ((d->suc_eof != 0) != (i80_appended_ == i80_total_)) error("suc_eof not on the chain's last descriptor");
  if (pads_ == nullptr) return;
  if (!i80_running_) {
    pads_->strobe_start(i80_line_, i80_data_ ? i80_bytes_.data() : nullptr, i80_total_, i80_assert_ns_, i80_negate_ns_);
    i80_running_ = true;
  } else if (i80_data_) {
    pads_->generator_data_arrived();
  }
  pads_->strobe_grant(i80_appended_);
}

// PCNT unit 1 on the strobe pad: its register, reset to 0 at the high limit like unit 0's.
uint32_t S3Model::i80_pulses_done() {
  charge(tm_.capture_ns);
  if (!i80_running_ || pads_ == nullptr) return 0u;
  const uint32_t total = pads_->strobe_count();
  if (total / kPcntHighLimit > i80_resets_) i80_resets_ = total / kPcntHighLimit;
  return total % kPcntHighLimit;
}

void S3Model::i80_stop() {
  charge(tm_.strobe_ns);
  if (i80_running_ && pads_ != nullptr) pads_->strobe_stop();
  const bool had_data = i80_data_;
  i80_on_ = i80_running_ = i80_data_ = false;
  if (had_data) {
    // The data pads go back to the dedicated GPIO bundle, whatever it holds.
    nine_driven_ = 0x200;
    update_pads();
  }
}

// The hardware's direction (ROLE xor I/O on the board) as the simulated pads' gate. A board
// without the transceivers' controls charges the gate as one register store; with them, the
// ROLE and DATA_OE_N stores were charged.
void S3Model::transceiver_direction(DataGate gate) {
  if (config_.board.data_oe_n == kNoPin) charge(tm_.write_lines_ns);
  if (pads_ != nullptr) pads_->set_data_gate(gate);
}

bool S3Model::spin_continue(const WaitCond& cond, uint32_t turn, bool bulk) {
  if (pads_ == nullptr) return false;
  if (turn > 1000000u) {
    error("a wait spun a million turns without the bus moving: the backend's look disagrees with the wire");
    return false;
  }
  const bool go_on = pads_->park_unless(cond, bulk);
  if (!go_on && bulk) ++bulk_yields_;
  return go_on;
}

void S3Model::code_ran(bool bulk) {
  if (!bulk) return charge(tm_.code_ns);
  charge(bulk_code_override_ != ~0u ? bulk_code_override_ : tm_.bulk_code_ns);
}

// ---- the accessors of s3_hw.h, on the selected model ----------------------------------------
bool gpio_open_drain(uint32_t gpio) { return S3Model::selected->gpio_open_drain(gpio); }
bool gpio_input(uint32_t gpio) { return S3Model::selected->gpio_input(gpio); }
bool gpio_output(uint32_t gpio) { return S3Model::selected->gpio_output(gpio); }
void gpio_out_w1ts(uint32_t bank, uint32_t mask) { S3Model::selected->gpio_out(bank, mask, true); }
void gpio_out_w1tc(uint32_t bank, uint32_t mask) { S3Model::selected->gpio_out(bank, mask, false); }
uint32_t gpio_in(uint32_t bank) { return S3Model::selected->gpio_in(bank); }
PinError dedic_out_bundle(const uint8_t* gpios) { return S3Model::selected->dedic_out_bundle(gpios); }
PinError dedic_in_bundle(const uint8_t* gpios) { return S3Model::selected->dedic_in_bundle(gpios); }
PinError streams_open(const uint8_t* data_pads, const uint8_t* cam_pads) {
  return S3Model::selected->streams_open(data_pads, cam_pads);
}
void board_release() { S3Model::selected->board_release(); }
void dedic_out(uint32_t mask, uint32_t value) { S3Model::selected->dedic_out(mask, value); }
uint32_t dedic_in() { return S3Model::selected->dedic_in(); }
uint32_t ccount() { return S3Model::selected->ccount(); }
bool hold_since(uint32_t from, uint32_t cycles) { return S3Model::selected->hold_since(from, cycles); }
void pcnt_start(uint32_t gpio) { S3Model::selected->pcnt_start(gpio); }
void pcnt_stop() { S3Model::selected->pcnt_stop(); }
uint32_t pcnt_count() { return S3Model::selected->pcnt_count(); }
void i80_start(uint32_t gpio, bool with_data, uint32_t total, uint32_t a, uint32_t n) {
  S3Model::selected->i80_start(gpio, with_data, total, a, n);
}
void gdma_out_append(GdmaDescriptor* d) { S3Model::selected->gdma_out_append(d); }
uint32_t i80_pulses_done() { return S3Model::selected->i80_pulses_done(); }
void i80_stop() { S3Model::selected->i80_stop(); }
void cam_start(uint32_t gpio, uint16_t* ring, uint32_t entries) { S3Model::selected->cam_start(gpio, ring, entries); }
uint32_t cam_written() { return S3Model::selected->cam_written(); }
void cam_stop() { S3Model::selected->cam_stop(); }
void transceiver_direction(DataGate gate) { S3Model::selected->transceiver_direction(gate); }
bool spin_continue(const WaitCond& cond, uint32_t turn, bool bulk) {
  return S3Model::selected->spin_continue(cond, turn, bulk);
}
void code_ran(bool bulk) { S3Model::selected->code_ran(bulk); }

// ---- ModelEntry ---------------------------------------------------------------------------
void ModelEntry::enter() { S3Model::selected = m_; }
uint32_t ModelEntry::read_lines() { enter(); return b_->read_lines(); }
void ModelEntry::assert_lines(uint32_t lines) { enter(); b_->assert_lines(lines); }
void ModelEntry::release_lines(uint32_t lines) { enter(); b_->release_lines(lines); }
void ModelEntry::drive_data(uint16_t nine) { enter(); b_->drive_data(nine); }
void ModelEntry::release_data() { enter(); b_->release_data(); }
void ModelEntry::set_data_gate(DataGate gate) { enter(); b_->set_data_gate(gate); }
uint64_t ModelEntry::now_ns() { enter(); return b_->now_ns(); }
bool ModelEntry::wait(const WaitCond& cond, uint32_t* lines) { enter(); return b_->wait(cond, lines); }
void ModelEntry::capture_arm(uint32_t line, bool latch) { enter(); b_->capture_arm(line, latch); }
void ModelEntry::capture_disarm() { enter(); b_->capture_disarm(); }
uint32_t ModelEntry::capture_count() { enter(); return b_->capture_count(); }
bool ModelEntry::capture_pop(CaptureEntry* e) { enter(); return b_->capture_pop(e); }
void ModelEntry::strobe_start(uint32_t line, const uint8_t* data, uint32_t count, uint16_t a, uint16_t n) {
  enter();
  b_->strobe_start(line, data, count, a, n);
}
void ModelEntry::strobe_grant(uint32_t total) { enter(); b_->strobe_grant(total); }
uint32_t ModelEntry::strobe_count() { enter(); return b_->strobe_count(); }
void ModelEntry::strobe_stop() { enter(); b_->strobe_stop(); }
bool ModelEntry::transfer(BulkTransfer& t) { enter(); return b_->transfer(t); }

}  // namespace s3
}  // namespace sb

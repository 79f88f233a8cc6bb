// A behavioural model of the ESP32-S3 peripherals the backend uses, attached to the simulated
// bus as one more device, so that the backend's own code runs here against something that
// behaves like the chip.
//
// What it models:
// - the GPIO matrix and open-drain pads: GPIO_OUT_W1TS/W1TC per bank, GPIO_IN/IN1 from the
//   wire (a pad is low while its line is asserted); pads through non-inverting transceivers
//   whose direction for DB0-7/DBP follows I/O as the backend selects (DataGate);
// - the board's wiring when the table gives it (board/pins.csv): a wired-OR line asserted by
//   its drive GPIO and read on its sense GPIO; DATA_OE_N (push-pull) enabling the data drivers;
//   ROLE letting a one-role line's driver act only in the role that drives it (REQ MSG C/D I/O
//   the target, ATN ACK the initiator);
// - dedicated GPIO: the 8 OUT channels as the DB0-7 pads, the 8 IN channels read from the wire;
// - CCOUNT at 240 MHz from the device's virtual clock (rounded up to whole cycles); a busy
//   delay on it (hold_since) is a wait for its end alone, since it looks at nothing meanwhile;
// - PCNT unit 0: a count of one pad's falling edges, its register reset to 0 each time it
//   reaches the high limit (kPcntHighLimit) as the chip's is; unit 1 the same on the i80's
//   strobe pad (the strobes sent whole);
// - LCD_CAM i80: strobes of the programmed widths from the GDMA descriptors appended, never
//   beyond the last descriptor; with data, each 16-bit word's DB0-7 and DBP on the data pads;
//   camera: a 16-bit entry per strobe edge (DB0-7, DBP, BSY, MSG, C/D, I/O, RST) written into the
//   backend's ring, the write position read back as GDMA's;
// - a core-0 flash write: the CPU of this device stops for a while (stall_at); the
//   peripherals keep running through it;
// - the board drivers' refusals at start (a pad, a bundle, the PCNT units, the streams), on
//   request (refuse_setup), and the claims a refused start must let go of.
// Time charged per access, from the simulator's TimeModel (docs/time-model.md): GPIO register
// store write_lines_ns, GPIO_IN read read_data_ns, dedicated GPIO in bulk_look_ns, out
// data_ns - write_lines_ns, CCOUNT clock_ns, PCNT/camera/i80 counters capture_ns, LCD_CAM and
// GDMA set-up strobe_ns, code between waits code_ns (bulk loops bulk_code_ns).
//
// What it leaves out: pad electrical timing (slew, the transceivers' delays), the GPIO matrix's
// input synchroniser (two APB cycles), PCNT glitch filters and its limit interrupts, GDMA
// burst timing and FIFO depth (descriptors are read as soon as they are appended), cache
// misses and interrupts on core 1, register fields the backend does not touch, and ROLE's gate
// on the i80's REQ/ACK strobes (the core strobes only the line its role drives). The camera's
// entries are taken from the simulator's capture latch, so they are exact at the strobe edge.
#pragma once
#include <stdint.h>

#include <memory>
#include <string>
#include <vector>

#include "sb/esp32s3_backend.h"
#include "sb/external_device.h"
#include "sb/sim_bus.h"

namespace sb {
namespace s3 {

class S3Model;

// Selects the model whose accessors the backend's next calls reach (several bridges share a
// bus), then forwards to the backend. Host only; the board has one backend on core 1.
class ModelEntry final : public PinBackend {
 public:
  ModelEntry(S3Model* m, Esp32s3Backend* b) : m_(m), b_(b) {}
  uint32_t read_lines() override;
  void assert_lines(uint32_t lines) override;
  void release_lines(uint32_t lines) override;
  void drive_data(uint16_t nine) override;
  void release_data() override;
  void set_data_gate(DataGate gate) override;
  uint64_t now_ns() override;
  bool wait(const WaitCond& cond, uint32_t* lines) override;
  void capture_arm(uint32_t strobe_line, bool latch) override;
  void capture_disarm() override;
  uint32_t capture_count() override;
  bool capture_pop(CaptureEntry* entry) override;
  void strobe_start(uint32_t strobe_line, const uint8_t* data, uint32_t count, uint16_t assert_ns,
                    uint16_t negate_ns) override;
  void strobe_grant(uint32_t total) override;
  uint32_t strobe_count() override;
  void strobe_stop() override;
  bool transfer(BulkTransfer& t) override;

 private:
  void enter();
  S3Model* m_;
  Esp32s3Backend* b_;
};

class S3Model final : public sim::ExternalCpu {
 public:
  // wiring: how the model board's pads reach the bus (normally the same table as config).
  explicit S3Model(const Config& config);
  S3Model(const Config& config, const PinTable& wiring);
  PinBackend* connect(sim::SimBackend& pads, sim::SimBus& bus, const sim::TimeModel& model) override;

  // Starts the backend with this model's accessors (connect does it; standalone for tests
  // of refused tables, with no bus).
  Refusal start();
  const Refusal& refusal() const { return refusal_; }
  Esp32s3Backend& backend() { return *backend_; }
  // Makes this model the one the backend's accessors reach, for tests that call the backend
  // directly (ModelEntry does it for the controller).
  void select() { selected = this; }

  void stall_at(uint64_t at_ns, uint32_t stall_ns) {
    stall_at_ = at_ns;
    stall_ns_ = stall_ns;
    stalled_ = false;
  }
  bool stalled() const { return stalled_; }
  // The code cost of one pass of a bulk loop between two waits, when it should differ from
  // the time model's (the bench charges the backend's own Xtensa count).
  void set_bulk_code_ns(uint32_t ns) { bulk_code_override_ = ns; }
  // Register and peripheral accesses that set something up or drove a pad.
  uint32_t pad_accesses() const { return pad_accesses_; }
  // Stores to the dedicated OUT bundle (DB0-7), and the times a bulk loop's wait yielded to
  // the other devices (the loop suspends its transfer, or holds the setup time, and resumes).
  uint32_t data_stores() const { return data_stores_; }
  uint32_t bulk_yields() const { return bulk_yields_; }
  // Things the backend asked of the peripherals that the chip would not do as asked.
  const std::vector<std::string>& errors() const { return errors_; }
  uint32_t descriptors_appended() const { return descriptors_; }
  // The next set-up call that the board's driver can refuse with `e` is refused (a pad's
  // gpio_config, the OUT bundle on the wrong core or without channel 0, the PCNT units, the
  // LCD_CAM and GDMA streams), once.
  void refuse_setup(PinError e) { setup_refusal_ = e; }
  // Peripherals the set-up calls claimed and board_release has not let go of.
  uint32_t claims() const { return claims_; }
  // Times a PCNT register the backend read had reset at the high limit (unit 0: capture, unit
  // 1: the i80's strobes), over the model's life.
  uint32_t pcnt_limit_resets() const { return pcnt_resets_before_ + pcnt_resets_; }
  uint32_t i80_limit_resets() const { return i80_resets_before_ + i80_resets_; }
  // The edges unit 0 had counted since its arming when the backend last read it (the true
  // count, before the register's resets).
  uint32_t pcnt_edges_at_last_read() const { return pcnt_edges_; }

  // The accessors (s3_hw.h) of the selected model.
  static S3Model* selected;
  bool gpio_open_drain(uint32_t gpio);
  bool gpio_input(uint32_t gpio);
  bool gpio_output(uint32_t gpio);
  void gpio_out(uint32_t bank, uint32_t mask, bool high);
  uint32_t gpio_in(uint32_t bank);
  PinError dedic_out_bundle(const uint8_t* gpios);
  PinError dedic_in_bundle(const uint8_t* gpios);
  PinError streams_open(const uint8_t* data_pads, const uint8_t* cam_pads);
  void board_release();
  void dedic_out(uint32_t mask, uint32_t value);
  uint32_t dedic_in();
  uint32_t ccount();
  bool hold_since(uint32_t from, uint32_t cycles);
  void pcnt_start(uint32_t gpio);
  void pcnt_stop();
  uint32_t pcnt_count();
  void i80_start(uint32_t gpio, bool with_data, uint32_t total, uint32_t assert_cycles, uint32_t negate_cycles);
  void gdma_out_append(GdmaDescriptor* d);
  uint32_t i80_pulses_done();
  void i80_stop();
  void cam_start(uint32_t gpio, uint16_t* ring, uint32_t entries);
  uint32_t cam_written();
  void cam_stop();
  void transceiver_direction(DataGate gate);
  bool spin_continue(const WaitCond& cond, uint32_t turn, bool bulk);
  void code_ran(bool bulk);

 private:
  void charge(uint32_t ns);
  bool refuses(PinError e);
  void error(const std::string& what);
  uint32_t line_of_gpio(uint32_t gpio) const;
  bool pad_low(uint32_t gpio) const;
  uint32_t drive_pad(uint8_t s) const;
  bool output_at(uint8_t gpio, bool high) const;
  bool driver_enabled(uint8_t s) const;
  void update_pads();

  Config config_;
  PinTable wiring_;
  std::unique_ptr<Esp32s3Backend> backend_;
  ModelEntry entry_;
  sim::SimBackend* pads_ = nullptr;
  sim::SimBus* bus_ = nullptr;
  sim::TimeModel tm_{};
  Refusal refusal_{PinError::kNone, kPinsEnd, kNoPin};

  bool od_[kGpioCount] = {};
  bool pp_[kGpioCount] = {};          // push-pull outputs (the board's DATA_OE_N and ROLE)
  bool input_only_[kGpioCount] = {};  // inputs only (a wired-OR line's sense GPIO)
  bool out_high_[kGpioCount] = {};
  uint8_t dedic_out_pad_[kDedicChannels] = {};
  uint8_t dedic_in_pad_[kDedicChannels] = {};
  bool dedic_out_on_ = false, dedic_in_on_ = false;
  uint32_t dedic_value_ = 0xFF;
  uint32_t ctl_driven_ = 0;
  uint32_t nine_driven_ = 0;

  uint32_t pcnt_line_ = 0;
  uint32_t pcnt_edges_ = 0;
  uint32_t pcnt_resets_ = 0, pcnt_resets_before_ = 0;  // seen by reads since the last arming / before it
  uint32_t i80_resets_ = 0, i80_resets_before_ = 0;
  bool cam_on_ = false;
  uint32_t cam_line_ = 0;
  uint16_t* cam_ring_ = nullptr;
  uint32_t cam_entries_ = 0, cam_written_ = 0;

  bool i80_on_ = false, i80_data_ = false, i80_running_ = false;
  uint32_t i80_line_ = 0, i80_total_ = 0, i80_appended_ = 0;
  uint16_t i80_assert_ns_ = 0, i80_negate_ns_ = 0;
  std::vector<uint8_t> i80_bytes_;
  uint32_t descriptors_ = 0;

  PinError setup_refusal_ = PinError::kNone;
  uint32_t claims_ = 0;
  uint32_t bulk_code_override_ = ~0u;
  uint64_t stall_at_ = ~0ull;
  uint32_t stall_ns_ = 0;
  bool stalled_ = false;
  uint32_t pad_accesses_ = 0;
  uint32_t data_stores_ = 0;
  uint32_t bulk_yields_ = 0;
  std::vector<std::string> errors_;
};

}  // namespace s3
}  // namespace sb

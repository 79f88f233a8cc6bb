// The ESP32-S3 backend's only way to the silicon: exactly the register, instruction and driver
// accesses it uses, and nothing else. Three builds provide them:
//  - the board (neither flag below): the inline register and EE-instruction accesses here, and
//    the set-up and stream control in esp32s3/board/*_idf.cpp on ESP-IDF v5.5;
//  - the host model (SB_S3_MODEL, esp32s3/model/): a behavioural model of these peripherals
//    attached to the simulated bus, charging each access its board cost;
//  - the bare Xtensa builds: code size (board accessors, compiled for lx106 with the EE
//    instructions' assembly left to the S3 assembler: the size check builds with
//    SB_S3_SCRIPTED too) and instruction counts on QEMU's lx106 (SB_S3_SCRIPTED: registers as
//    words in RAM, scripted inputs), since lx106 has neither the EE instructions nor the S3's
//    peripherals.
// Names and fields follow ESP-IDF's public headers (soc/gpio_reg.h, hal/dedic_gpio_cpu_ll.h,
// hal/dma_types.h, hal/lcd_ll.h, hal/cam_ll.h, hal/pcnt_ll.h) and the S3 technical reference.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "sb/backend.h"
#include "sb/s3_pins.h"
#include "sb/s3_placement.h"

namespace sb {
namespace s3 {

// GPIO matrix facts of the ESP32-S3: GPIO 0-21 and 26-48 exist; GPIO_IN_REG / GPIO_OUT_W1TS_REG
// cover GPIO 0-31, GPIO_IN1_REG / GPIO_OUT1_W1TS_REG cover 32-48.
constexpr uint32_t kGpioCount = 49;
constexpr uint32_t kDedicChannels = 8;          // SOC_DEDIC_GPIO_OUT/IN_CHANNELS_NUM per core
constexpr uint32_t kGdmaDescriptorMax = 4095;   // DMA_DESCRIPTOR_BUFFER_MAX_SIZE
// The high limit the board programs into its PCNT units (cnt_h_lim_un). A unit's count is a
// 16-bit signed register (pcnt_ll_get_count reads it as int16_t), so the limit is at most
// SHRT_MAX (PCNT_LL_MAX_LIM); counting up, the register resets to 0 on reaching it, so it reads
// 0 .. kPcntHighLimit - 1 and a count read from it is the true count modulo kPcntHighLimit.
constexpr uint32_t kPcntHighLimit = 32767;
// The count a unit's register reads after `total` edges since it was cleared. By subtraction:
// the backend asks it of one transfer's strobes (a few limits at most), and lx106 (the count
// harness) has no divide.
constexpr uint32_t pcnt_register_of(uint32_t total) {
  while (total >= kPcntHighLimit) total -= kPcntHighLimit;
  return total;
}
// Edges between two reads of one unit's register (fewer than kPcntHighLimit apart).
constexpr uint32_t pcnt_edges_between(uint32_t earlier, uint32_t later) {
  return later >= earlier ? later - earlier : later + kPcntHighLimit - earlier;
}

// One GDMA linked-list descriptor (dma_descriptor_t: size, length, suc_eof and owner in dw0,
// then the buffer and the next descriptor). Word-aligned in internal RAM on the board.
struct GdmaDescriptor {
  uint32_t size : 12;
  uint32_t length : 12;
  uint32_t reserved24 : 4;
  uint32_t err_eof : 1;
  uint32_t reserved29 : 1;
  uint32_t suc_eof : 1;
  uint32_t owner : 1;  // 1: the DMA owns it
  const void* buffer;
  GdmaDescriptor* next;
};

// What the camera interface latches on every strobe, as the board routes its 16 data inputs
// (cam_data_in0..15 through the GPIO matrix): DB0-7, DBP, BSY, MSG, C/D, I/O, RST. Pad levels,
// so a bit is 0 when the line is asserted.
enum CamBit : uint32_t {
  kCamDbp = 8,
  kCamBsy = 9,
  kCamMsg = 10,
  kCamCd = 11,
  kCamIo = 12,
  kCamRst = 13,
  kCamBits = 14,
};

#if defined(SB_S3_MODEL)
// ---- host model: implemented in esp32s3/model/s3_model.cpp --------------------------------
// GPIO: pads set up as input + open-drain output, released (high) before their output is on.
// The set-up calls say whether the driver did it (false: the backend refuses to start).
bool gpio_open_drain(uint32_t gpio);                // gpio_config(GPIO_MODE_INPUT_OUTPUT_OD)
bool gpio_input(uint32_t gpio);                     // gpio_config(GPIO_MODE_INPUT)
bool gpio_output(uint32_t gpio);                    // gpio_config(GPIO_MODE_OUTPUT), its level set before
void gpio_out_w1ts(uint32_t bank, uint32_t mask);   // GPIO_OUT_W1TS_REG / GPIO_OUT1_W1TS_REG
void gpio_out_w1tc(uint32_t bank, uint32_t mask);   // GPIO_OUT_W1TC_REG / GPIO_OUT1_W1TC_REG
uint32_t gpio_in(uint32_t bank);                    // GPIO_IN_REG / GPIO_IN1_REG
// Dedicated GPIO of this core: bundles made with dedic_gpio_new_bundle() (channel k = gpios[k]).
PinError dedic_out_bundle(const uint8_t* gpios);    // 8 out channels, open drain
PinError dedic_in_bundle(const uint8_t* gpios);     // 8 in channels
// Claims what the synchronous transfers use (PCNT units 0 and 1, LCD_CAM, a GDMA TX and an RX
// channel) and notes the pads LCD_CAM drives (data_pads: DB0-7, DBP) and latches (cam_pads:
// the CamBit order below).
PinError streams_open(const uint8_t* data_pads, const uint8_t* cam_pads);
// Lets go of everything the set-up calls claimed (a refused start).
void board_release();
void dedic_out(uint32_t mask, uint32_t value);      // ee.wr_mask_gpio_out
uint32_t dedic_in();                                // ee.get_gpio_in
uint32_t ccount();                                  // rsr.ccount
// A busy delay until `cycles` CCOUNT cycles have passed since `from` (a CCOUNT read), looking
// at nothing on the bus meanwhile: the data setup time before a strobe, counted from when the
// data was driven. False when the model wants the device to yield first (then the delay is
// held again whole on resumption; it is a minimum).
bool hold_since(uint32_t from, uint32_t cycles);
// PCNT unit 0, channel 0: counts the falling edges (assertions) of one pad; the register
// resets to 0 at kPcntHighLimit.
void pcnt_start(uint32_t gpio);
void pcnt_stop();
uint32_t pcnt_count();                              // PCNT_U0_CNT_REG
// LCD_CAM i80: the WR strobe on one pad, assert/negate widths in LCD clock cycles (cycles of
// the 240 MHz source), 16-bit data (DB0-7, DBP) from GDMA when with_data, else strobes only.
// total is the length of the whole chain (its last descriptor carries suc_eof).
void i80_start(uint32_t strobe_gpio, bool with_data, uint32_t total, uint32_t assert_cycles,
               uint32_t negate_cycles);
void gdma_out_append(GdmaDescriptor* d);            // gdma_append(): link d onto the running chain
// Strobes sent whole since i80_start, modulo kPcntHighLimit: PCNT unit 1 counting the rising
// edges (negations) of the strobe pad, which the GPIO matrix also routes to its input.
uint32_t i80_pulses_done();
void i80_stop();                                    // lcd_ll_stop(); its pads let go
// Camera: latches the 16 inputs on every falling edge of the strobe pad into a ring of 16-bit
// entries written by GDMA (a circular descriptor chain over ring[0..entries)).
void cam_start(uint32_t strobe_gpio, uint16_t* ring, uint32_t entries);
uint32_t cam_written();                             // entries written since cam_start (GDMA)
void cam_stop();
// The direction the board's hardware gives the data transceivers (ROLE xor I/O), handed to the
// simulated pads; transceiver_gate below calls it (the board has nothing to do there).
void transceiver_direction(DataGate gate);
// One open-drain pad through the set/clear registers, worked out once (the byte loops strobe
// REQ or ACK and set DBP through it): on the model, its bank and bit.
struct Pad {
  uint32_t bank;
  uint32_t bit;
};
inline Pad pad_of(uint32_t gpio) { return Pad{gpio >> 5, 1u << (gpio & 31u)}; }
inline void pad_low(const Pad& p) { gpio_out_w1tc(p.bank, p.bit); }
inline void pad_high(const Pad& p) { gpio_out_w1ts(p.bank, p.bit); }
inline void pad_set(const Pad& p, bool low) { low ? gpio_out_w1tc(p.bank, p.bit) : gpio_out_w1ts(p.bank, p.bit); }
// Not peripherals, the bus loop's own seams:
// - a wait's spin goes on for another turn (board: until a turn budget ends, so the bus loop
//   can look at its mailbox; the model: lets the simulated bus run the other devices and
//   parks this one until what it waits for changes);
bool spin_continue(const WaitCond& waiting_for, uint32_t turn, bool bulk);
// - the instructions of a block of code ran (board: nothing; the model charges their time).
void code_ran(bool bulk);

#else
// ---- board and bare Xtensa: inline register accesses -----------------------------------
constexpr uintptr_t kGpioBase = 0x60004000u;   // DR_REG_GPIO_BASE
constexpr uintptr_t kGpioOutW1ts = 0x08, kGpioOutW1tc = 0x0C, kGpioOut1W1ts = 0x14, kGpioOut1W1tc = 0x18;
constexpr uintptr_t kGpioIn = 0x3C, kGpioIn1 = 0x40;
constexpr uintptr_t kPcntU0Cnt = 0x60017030u;  // DR_REG_PCNT_BASE + PCNT_U0_CNT_REG
#if defined(SB_S3_SCRIPTED)
// The Xtensa count harness (lx106 on QEMU, no S3 peripherals): the GPIO registers are words
// in RAM, and each look at the dedicated inputs takes the other of a scripted pair of states
// (8-byte aligned, so the cursor flips between them with one xor). The look, the clock and the
// data output are written in assembly that tells the compiler it touches no memory of the
// program's, as ee.get_gpio_in, rsr.ccount and ee.wr_mask_gpio_out do on the board: a store
// to a global here would otherwise make it reload every member around each look.
extern volatile uint32_t g_gpio_regs[32];
extern volatile uint32_t g_pcnt;
extern uint32_t g_dedic_out;
extern const uint32_t* g_in_cursor;
SB_S3_INLINE volatile uint32_t& gpio_reg(uintptr_t offset) { return g_gpio_regs[offset >> 2]; }
SB_S3_INLINE uint32_t pcnt_count() { return g_pcnt; }
SB_S3_INLINE void dedic_out(uint32_t mask, uint32_t value) {
  const uint32_t v = value & mask;
  __asm__ __volatile__("s32i %0, %1, 0" : : "r"(v), "r"(&g_dedic_out));
}
SB_S3_INLINE uint32_t dedic_in() {
  uint32_t v, p, t;
  __asm__ __volatile__(
      "l32i %1, %3, 0\n\t"
      "l32i %0, %1, 0\n\t"
      "movi %2, 4\n\t"
      "xor %1, %1, %2\n\t"
      "s32i %1, %3, 0"
      : "=&r"(v), "=&r"(p), "=&r"(t)
      : "r"(&g_in_cursor));
  return v;
}
#else
SB_S3_INLINE volatile uint32_t& gpio_reg(uintptr_t offset) { return *reinterpret_cast<volatile uint32_t*>(kGpioBase + offset); }
// Counting up from 0 below a high limit of at most 32767, the signed register never goes
// negative: its low 15 bits are the count.
SB_S3_INLINE uint32_t pcnt_count() { return *reinterpret_cast<volatile uint32_t*>(kPcntU0Cnt) & 0x7FFFu; }
SB_S3_INLINE void dedic_out(uint32_t mask, uint32_t value) {
  __asm__ __volatile__("ee.wr_mask_gpio_out %0, %1" : : "r"(value), "r"(mask));
}
SB_S3_INLINE uint32_t dedic_in() {
  uint32_t v;
  __asm__ __volatile__("ee.get_gpio_in %0" : "=r"(v));
  return v;
}
#endif
SB_S3_INLINE void gpio_out_w1ts(uint32_t bank, uint32_t mask) { gpio_reg(bank ? kGpioOut1W1ts : kGpioOutW1ts) = mask; }
SB_S3_INLINE void gpio_out_w1tc(uint32_t bank, uint32_t mask) { gpio_reg(bank ? kGpioOut1W1tc : kGpioOutW1tc) = mask; }
SB_S3_INLINE uint32_t gpio_in(uint32_t bank) { return gpio_reg(bank ? kGpioIn1 : kGpioIn); }
// One open-drain pad through the set/clear registers, worked out once (the byte loops strobe
// REQ or ACK and set DBP through it): its two register addresses and its bit, so a strobe is
// one store with no choice of bank.
struct Pad {
  volatile uint32_t* clear;
  volatile uint32_t* set;
  uint32_t bit;
};
SB_S3_INLINE Pad pad_of(uint32_t gpio) {
  const bool high_bank = gpio >= 32;
  return Pad{&gpio_reg(high_bank ? kGpioOut1W1tc : kGpioOutW1tc), &gpio_reg(high_bank ? kGpioOut1W1ts : kGpioOutW1ts),
             1u << (gpio & 31u)};
}
SB_S3_INLINE void pad_low(const Pad& p) { *p.clear = p.bit; }
SB_S3_INLINE void pad_high(const Pad& p) { *p.set = p.bit; }
SB_S3_INLINE void pad_set(const Pad& p, bool low) { *(low ? p.clear : p.set) = p.bit; }
#if defined(SB_S3_SCRIPTED)
// The harness's clock jumps ahead at every read, so a delay ends at its first look and the
// count is of instructions, not of time spent waiting.
extern uint32_t g_clock;
SB_S3_INLINE uint32_t ccount() {
  uint32_t v;
  __asm__ __volatile__(
      "l32i %0, %1, 0\n\t"
      "addmi %0, %0, 1024\n\t"
      "s32i %0, %1, 0"
      : "=&r"(v)
      : "r"(&g_clock));
  return v;
}
#else
SB_S3_INLINE uint32_t ccount() {
  uint32_t c;
  __asm__ __volatile__("rsr.ccount %0" : "=r"(c));
  return c;
}
#endif
SB_S3_INLINE bool hold_since(uint32_t from, uint32_t cycles) {
  while (ccount() - from < cycles) {
  }
  return true;
}
SB_S3_INLINE bool spin_continue(const WaitCond&, uint32_t turn, bool) { return turn < 4096u; }
SB_S3_INLINE void code_ran(bool) {}
// Set-up (ESP-IDF drivers on the board: esp32s3/board/*_idf.cpp), out of the bus loop's path.
bool gpio_open_drain(uint32_t gpio);
bool gpio_input(uint32_t gpio);
bool gpio_output(uint32_t gpio);
PinError dedic_out_bundle(const uint8_t* gpios);
PinError dedic_in_bundle(const uint8_t* gpios);
PinError streams_open(const uint8_t* data_pads, const uint8_t* cam_pads);
void board_release();
// Stream control (low-level registers on the board), per transfer or per wait: in IRAM.
SB_S3_IRAM void pcnt_start(uint32_t gpio);
SB_S3_IRAM void pcnt_stop();
SB_S3_IRAM void i80_start(uint32_t strobe_gpio, bool with_data, uint32_t total, uint32_t assert_cycles,
                          uint32_t negate_cycles);
SB_S3_IRAM void gdma_out_append(GdmaDescriptor* d);
SB_S3_IRAM uint32_t i80_pulses_done();
SB_S3_IRAM void i80_stop();
SB_S3_IRAM void cam_start(uint32_t strobe_gpio, uint16_t* ring, uint32_t entries);
SB_S3_IRAM uint32_t cam_written();
SB_S3_IRAM void cam_stop();
SB_S3_INLINE void transceiver_direction(DataGate) {}
#endif

// The data transceivers' two controls, resolved once (present false: a board without them,
// whose data pads are open drain both ways). Their direction is ROLE xor I/O in hardware, so a
// target's turn of the bus needs no code; the gate only sets the role and enables them.
struct Transceivers {
  Pad oe;            // DATA_OE_N
  Pad role;          // ROLE
  bool oe_low;       // the level that enables them is low
  bool target_low;   // the ROLE level of the target role is low
  bool present;
};
// kWhenIoAsserted is the target role; kWhenIoReleased and kAlways the initiator's (the core asks
// for kAlways only while I/O is released: a target's arbitration before reselection, when the
// initiator's direction is the one that drives; it asks for kWhenIoAsserted right after it
// asserts I/O). ROLE also lets only the role's one-role line drivers act.
SB_S3_INLINE void transceiver_gate(const Transceivers& t, DataGate gate) {
  if (t.present) {
    pad_set(t.role, (gate == DataGate::kWhenIoAsserted) == t.target_low);
    pad_set(t.oe, t.oe_low);
  }
  transceiver_direction(gate);
}

}  // namespace s3
}  // namespace sb

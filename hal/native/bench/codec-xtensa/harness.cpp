// Counts the Xtensa instructions per byte of the native frame codec on qemu-system-xtensa
// (-cpu lx106, the LX7's base ISA; see codec-cost.sh). Each measurement runs the same work on
// two payload sizes and divides the difference in instructions by the difference in bytes, so
// the per-frame cost and the harness cancel out. Prints through QEMU's semihosting.
#include <stddef.h>
#include <stdint.h>

#include "semihosting.h"

#include "sb/frame_codec.h"
#include "sb/frame_receiver.h"
#include "sb/slot_ring.h"

extern "C" {
// No libgcc for this target: the little the core divides by (per frame, not per byte) comes here.
uint32_t __udivsi3(uint32_t n, uint32_t d) {
  uint32_t q = 0, r = 0;
  for (int i = 31; i >= 0; --i) {
    r = (r << 1) | ((n >> i) & 1u);
    if (r >= d) {
      r -= d;
      q |= 1u << i;
    }
  }
  return q;
}
int32_t __divsi3(int32_t n, int32_t d) {
  bool negative = (n < 0) != (d < 0);
  uint32_t q = __udivsi3(n < 0 ? 0u - static_cast<uint32_t>(n) : static_cast<uint32_t>(n),
                         d < 0 ? 0u - static_cast<uint32_t>(d) : static_cast<uint32_t>(d));
  return negative ? -static_cast<int32_t>(q) : static_cast<int32_t>(q);
}
void* memcpy(void* to, const void* from, size_t n) {
  auto* t = static_cast<uint8_t*>(to);
  auto* f = static_cast<const uint8_t*>(from);
  while (n-- > 0) *t++ = *f++;
  return to;
}
void* memset(void* to, int value, size_t n) {
  auto* t = static_cast<uint8_t*>(to);
  while (n-- > 0) *t++ = static_cast<uint8_t>(value);
  return to;
}
}

namespace {

using sbx::ccount;

// Instructions = CCOUNT ticks x 25 under -icount shift=0 (notes: CCOUNT runs at 40 MHz there).
uint32_t instructions(uint32_t ticks) { return ticks * 25u; }

}  // namespace

constexpr uint32_t kSmall = 1024;
constexpr uint32_t kLarge = 4092;

uint8_t ring_memory[4096] __attribute__((aligned(4)));
uint8_t wire[SB_LINK_MAX_ENCODED] __attribute__((aligned(4)));

extern "C" void harness_main() {
  sb::SlotRing ring;
  if (ring.init(ring_memory, sizeof ring_memory, 1, 4096) != SB_RING_OK) return;
  uint32_t slot = 0;
  ring.acquire(&slot);
  // Data like a disk's: mostly non-zero, a zero every so often (COBS's other branch).
  uint32_t x = 12345;
  for (uint32_t i = 0; i < 4096; ++i) {
    x = x * 1103515245u + 12345u;
    ring_memory[i] = ((x >> 16) & 63u) == 0 ? 0 : static_cast<uint8_t>(x >> 24);
  }
  const uint8_t offset[4] = {0, 0, 0, 0};
  const sb::FrameFields fields{SB_FRAME_DATA, 0, 0x20, 1};
  static sb::FrameReceiver rx;  // 8 KiB: in .bss, not on the stack

  uint32_t encode_ins[2], decode_ins[2];
  const uint32_t sizes[2] = {kSmall, kLarge};
  for (int k = 0; k < 2; ++k) {
    uint32_t t0 = ccount();
    int32_t n = sb::encode_frame_from_slot(fields, offset, 4, ring, slot, 0, sizes[k], wire, sizeof wire);
    uint32_t t1 = ccount();
    if (n <= 0) {
      sbx::Line().put("encode failed").emit();
      return;
    }
    bool complete = false;
    uint32_t t2 = ccount();
    rx.feed(wire, static_cast<size_t>(n), &complete);
    int32_t rc = rx.payload_to_slot(ring, slot, 0, 4, sizes[k]);
    uint32_t t3 = ccount();
    if (!complete || rx.current().error != SB_LINK_NONE || rc != SB_RING_OK) {
      sbx::Line().put("decode failed").emit();
      return;
    }
    encode_ins[k] = instructions(t1 - t0);
    decode_ins[k] = instructions(t3 - t2);
  }
  const uint32_t bytes = kLarge - kSmall;
  const char* names[2] = {"encode from a slot (CRC-32C + COBS)", "receive into a slot (delimit, COBS, CRC-32C, copy)"};
  const uint32_t* figures[2] = {encode_ins, decode_ins};
  for (int k = 0; k < 2; ++k) {
    uint32_t diff = figures[k][1] - figures[k][0];
    uint32_t whole = 0, rest = diff;
    while (rest >= bytes) {
      rest -= bytes;
      ++whole;
    }
    uint32_t tenths = 0;
    rest *= 10u;
    while (rest >= bytes) {
      rest -= bytes;
      ++tenths;
    }
    sbx::Line()
        .put(names[k])
        .put(": ")
        .number(whole)
        .put(".")
        .number(tenths)
        .put(" instructions a byte (")
        .number(figures[k][0])
        .put(" for 1024 bytes, ")
        .number(figures[k][1])
        .put(" for 4092)")
        .emit();
  }
}

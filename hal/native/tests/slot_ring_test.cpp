// The pinned slot ring: handles that go stale, counters, and every out-of-range call refused.
#include <gtest/gtest.h>

#include <vector>

#include "scsibridge_dataplane.h"

namespace {

struct Ring {
  explicit Ring(uint32_t count = 4, uint32_t size = 64) : memory(count * size + 8, 0xEE) {
    EXPECT_EQ(ring.init(memory.data(), count * size, count, size), SB_RING_OK);
  }
  uint32_t take() {
    uint32_t h = 0;
    EXPECT_EQ(ring.acquire(&h), SB_RING_OK);
    return h;
  }
  std::vector<uint8_t> memory;
  sb::SlotRing ring;
};

sb_ring_stats stats_of(const sb::SlotRing& r) {
  sb_ring_stats s{};
  r.stats(&s);
  return s;
}

}  // namespace

TEST(SlotRing, HandsOutLowestSlotFirstAndCountsHighWater) {
  Ring r;
  uint32_t a = r.take(), b = r.take();
  EXPECT_EQ(sb::SlotRing::index_of(a), 0u);
  EXPECT_EQ(sb::SlotRing::index_of(b), 1u);
  EXPECT_EQ(r.ring.release(a), SB_RING_OK);
  uint32_t c = r.take();
  EXPECT_EQ(sb::SlotRing::index_of(c), 0u);
  EXPECT_NE(c, a) << "a new use of the slot must carry a new generation";
  sb_ring_stats s = stats_of(r.ring);
  EXPECT_EQ(s.in_use, 2u);
  EXPECT_EQ(s.high_water, 2u);
  EXPECT_EQ(s.acquires, 3u);
  EXPECT_EQ(s.releases, 1u);
}

TEST(SlotRing, StaleForgedAndDoubleReleasesAreRefusedAndCounted) {
  Ring r;
  uint32_t a = r.take();
  EXPECT_EQ(r.ring.release(a), SB_RING_OK);
  EXPECT_EQ(r.ring.release(a), SB_RING_E_HANDLE);  // twice
  uint32_t b = r.take();                         // same slot, next generation
  EXPECT_EQ(r.ring.release(a), SB_RING_E_HANDLE);  // stale
  EXPECT_EQ(r.ring.release(0), SB_RING_E_HANDLE);  // never valid
  EXPECT_EQ(r.ring.release(sb::SlotRing::make_handle(3, 1)), SB_RING_E_HANDLE);   // free slot
  EXPECT_EQ(r.ring.release(sb::SlotRing::make_handle(200, 1)), SB_RING_E_HANDLE); // no such slot
  EXPECT_EQ(r.ring.release(b | 0x80000000u), SB_RING_E_HANDLE);
  uint8_t byte = 0;
  EXPECT_EQ(r.ring.copy_in(a, 0, &byte, 1), SB_RING_E_HANDLE);
  EXPECT_EQ(stats_of(r.ring).refused_releases, 6u);
  EXPECT_EQ(stats_of(r.ring).in_use, 1u) << "refused releases must leave the ring as it was";
  EXPECT_EQ(r.ring.release(b), SB_RING_OK);
}

TEST(SlotRing, ExhaustionIsAStatusAndCounted) {
  Ring r(2, 16);
  r.take();
  r.take();
  uint32_t h = 77;
  EXPECT_EQ(r.ring.acquire(&h), SB_RING_E_EMPTY);
  EXPECT_EQ(h, 0u);
  EXPECT_EQ(stats_of(r.ring).acquire_failures, 1u);
}

TEST(SlotRing, CopiesStayInsideTheSlot) {
  Ring r(2, 16);
  uint32_t a = r.take(), b = r.take();
  uint8_t in[16], out[16] = {};
  for (int i = 0; i < 16; ++i) in[i] = static_cast<uint8_t>(i + 1);
  EXPECT_EQ(r.ring.copy_in(a, 0, in, 16), SB_RING_OK);
  EXPECT_EQ(r.ring.copy_in(a, 1, in, 16), SB_RING_E_RANGE);
  EXPECT_EQ(r.ring.copy_in(a, 17, in, 0), SB_RING_E_RANGE);
  EXPECT_EQ(r.ring.copy_in(a, 0xFFFFFFF0u, in, 0x20), SB_RING_E_RANGE);  // a sum that would wrap
  EXPECT_EQ(r.ring.copy_in(a, 16, in, 0), SB_RING_OK);  // empty range at the end
  EXPECT_EQ(r.ring.copy_in(a, 0, nullptr, 4), SB_RING_E_ARGUMENT);
  EXPECT_EQ(r.ring.copy_out(a, 4, out, 8), SB_RING_OK);
  EXPECT_EQ(out[0], 5);
  EXPECT_EQ(out[7], 12);
  // Slot to slot, and within one slot (overlapping).
  EXPECT_EQ(r.ring.copy(a, 0, b, 8, 8), SB_RING_OK);
  EXPECT_EQ(r.ring.copy_out(b, 8, out, 8), SB_RING_OK);
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(r.ring.copy(a, 0, a, 2, 14), SB_RING_OK);
  EXPECT_EQ(r.ring.copy_out(a, 0, out, 16), SB_RING_OK);
  EXPECT_EQ(out[2], 1);
  EXPECT_EQ(out[15], 14);
  EXPECT_EQ(r.ring.copy(a, 0, b, 9, 8), SB_RING_E_RANGE);
  // Nothing beyond the ring's memory was touched.
  for (size_t i = 32; i < r.memory.size(); ++i) EXPECT_EQ(r.memory[i], 0xEE);
}

TEST(SlotRing, SpanIsTheSlotsAddress) {
  Ring r(3, 32);
  r.take();
  uint32_t b = r.take();
  uint8_t* at = nullptr;
  ASSERT_EQ(r.ring.span(b, 4, 28, &at), SB_RING_OK);
  EXPECT_EQ(at, r.memory.data() + 32 + 4);
  EXPECT_EQ(r.ring.span(b, 4, 29, &at), SB_RING_E_RANGE);
  EXPECT_EQ(at, nullptr);
}

TEST(SlotRing, BadInitIsRefused) {
  sb::SlotRing ring;
  uint8_t memory[64];
  uint32_t h;
  EXPECT_EQ(ring.acquire(&h), SB_RING_E_UNSET);
  EXPECT_EQ(ring.init(nullptr, 64, 4, 16), SB_RING_E_ARGUMENT);
  EXPECT_EQ(ring.init(memory, 63, 4, 16), SB_RING_E_ARGUMENT);
  EXPECT_EQ(ring.init(memory, 64, 0, 16), SB_RING_E_ARGUMENT);
  EXPECT_EQ(ring.init(memory, 64, SB_RING_MAX_SLOTS + 1, 0), SB_RING_E_ARGUMENT);
  ASSERT_EQ(ring.init(memory, 64, 4, 16), SB_RING_OK);
  ASSERT_EQ(ring.acquire(&h), SB_RING_OK);
  EXPECT_EQ(ring.init(memory, 64, 4, 16), SB_RING_E_ARGUMENT) << "no re-init while a slot is out";
}

TEST(SlotRing, GenerationsWrapPastZero) {
  Ring r(1, 8);
  uint32_t first = r.take();
  uint32_t h = first;
  for (int i = 0; i < 0x7FFF; ++i) {
    ASSERT_EQ(r.ring.release(h), SB_RING_OK);
    h = r.take();
    ASSERT_NE(sb::SlotRing::generation_of(h), 0u);
  }
  EXPECT_EQ(h, first) << "after 0x7FFF uses the generation comes round to 1 again";
}

TEST(SlotRingAbi, CreateCheckAndDestroy) {
  EXPECT_EQ(sb_ring_create(0, 16), nullptr);
  EXPECT_EQ(sb_ring_create(SB_RING_MAX_SLOTS + 1, 16), nullptr);
  EXPECT_EQ(sb_ring_create(4, 0), nullptr);
  sb_ring* ring = sb_ring_create(4, 4096);
  ASSERT_NE(ring, nullptr);
  uint32_t h;
  ASSERT_EQ(sb_ring_acquire(ring, &h), SB_RING_OK);
  uint8_t* address = nullptr;
  EXPECT_EQ(sb_ring_address(ring, h, 0, 4096, &address), SB_RING_OK);
  EXPECT_NE(address, nullptr);
  EXPECT_EQ(sb_ring_address(ring, h, 1, 4096, &address), SB_RING_E_RANGE);
  EXPECT_EQ(sb_ring_acquire(nullptr, &h), SB_RING_E_ARGUMENT);
  EXPECT_EQ(sb_ring_acquire(ring, nullptr), SB_RING_E_ARGUMENT);
  EXPECT_EQ(sb_ring_get_stats(ring, nullptr), SB_RING_E_ARGUMENT);
  sb_ring_stats s{};
  ASSERT_EQ(sb_ring_get_stats(ring, &s), SB_RING_OK);
  EXPECT_EQ(s.slot_count, 4u);
  EXPECT_EQ(s.slot_size, 4096u);
  EXPECT_EQ(s.in_use, 1u);
  EXPECT_STRNE(sb_dataplane_status_text(SB_RING_E_HANDLE), sb_dataplane_status_text(12345));
  sb_ring_destroy(ring);
  sb_ring_destroy(nullptr);
}

TEST(SlotRing, RandomCallsKeepTheRingAndItsModelInStep) {
  // Acquire, release (good, stale, forged), copy in and out at random offsets: every status is
  // what a simple model predicts and the counters agree with it. Fixed seed.
  Ring r(8, 128);
  std::vector<uint32_t> held, stale;
  uint32_t x = 7, refused = 0;
  auto next = [&x]() {
    x = x * 1103515245u + 12345u;
    return x >> 8;
  };
  uint8_t buffer[300] = {};
  for (int step = 0; step < 20000; ++step) {
    switch (next() % 5) {
      case 0: {
        uint32_t h = 0;
        int32_t rc = r.ring.acquire(&h);
        EXPECT_EQ(rc, held.size() < 8 ? SB_RING_OK : SB_RING_E_EMPTY);
        if (rc == SB_RING_OK) held.push_back(h);
        break;
      }
      case 1:
        if (!held.empty()) {
          size_t i = next() % held.size();
          EXPECT_EQ(r.ring.release(held[i]), SB_RING_OK);
          stale.push_back(held[i]);
          held.erase(held.begin() + static_cast<long>(i));
        }
        break;
      case 2: {
        uint32_t h = !stale.empty() && next() % 2 ? stale[next() % stale.size()] : static_cast<uint32_t>(next());
        bool live = false;
        for (uint32_t k : held) live |= k == h;
        if (live) break;
        EXPECT_EQ(r.ring.release(h), SB_RING_E_HANDLE);
        ++refused;
        break;
      }
      default: {
        if (held.empty()) break;
        uint32_t h = held[next() % held.size()];
        uint32_t offset = next() % 160, count = next() % 160;
        int32_t expected = offset + count <= 128 ? SB_RING_OK : SB_RING_E_RANGE;
        EXPECT_EQ(next() % 2 ? r.ring.copy_in(h, offset, buffer, count) : r.ring.copy_out(h, offset, buffer, count), expected);
      }
    }
  }
  sb_ring_stats s = stats_of(r.ring);
  EXPECT_EQ(s.in_use, held.size());
  EXPECT_EQ(s.refused_releases, refused);
  EXPECT_EQ(s.acquires - s.releases, held.size());
  for (size_t i = 8 * 128; i < r.memory.size(); ++i) EXPECT_EQ(r.memory[i], 0xEE);
}

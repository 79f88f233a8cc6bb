// The native frame codec against the shared vectors (tests/vectors/frames.txt, also read by
// ScsiBridge.Protocol.Tests), and its bad-input answers.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sb/cobs.h"
#include "sb/crc32c.h"
#include "sb/frame_codec.h"
#include "scsibridge_dataplane.h"

namespace {

using Bytes = std::vector<uint8_t>;

Bytes unhex(const std::string& s) {
  Bytes out;
  if (s == "-") return out;
  for (size_t i = 0; i + 1 < s.size(); i += 2) out.push_back(static_cast<uint8_t>(std::stoul(s.substr(i, 2), nullptr, 16)));
  return out;
}

std::vector<std::vector<std::string>> vectors(const std::string& kind) {
  std::ifstream in(SB_FRAME_VECTORS);
  EXPECT_TRUE(in.good()) << "cannot read " << SB_FRAME_VECTORS;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::vector<std::string> row;
    for (std::string w; words >> w;) row.push_back(w);
    if (!row.empty() && row[0] == kind) rows.push_back(row);
  }
  return rows;
}

const std::map<std::string, int> kVerdicts = {
    {"none", SB_LINK_NONE},           {"BadCrc", SB_LINK_BAD_CRC},     {"BadCobs", SB_LINK_BAD_COBS},
    {"ShortFrame", SB_LINK_SHORT_FRAME}, {"UnsupportedVersion", SB_LINK_UNSUPPORTED_VERSION},
    {"BadLength", SB_LINK_BAD_LENGTH}, {"PayloadTooLarge", SB_LINK_PAYLOAD_TOO_LARGE}};

sb::FrameFields fields(uint8_t type, uint8_t flags, uint8_t opcode, uint16_t id) { return {type, flags, opcode, id}; }

}  // namespace

TEST(FrameVectors, Crc32c) {
  auto rows = vectors("crc");
  ASSERT_GE(rows.size(), 3u);
  for (auto& r : rows) {
    Bytes data = unhex(r[1]);
    EXPECT_EQ(sb::crc32c(data.data(), data.size()), std::stoul(r[2], nullptr, 16)) << r[1].substr(0, 40);
    // Any split gives the same running CRC (the slicing loop against its byte tail).
    for (size_t cut = 0; cut <= data.size() && cut < 9; ++cut) {
      uint32_t c = sb::crc32c_update(sb::kCrc32cInitial, data.data(), cut);
      c = sb::crc32c_update(c, data.data() + cut, data.size() - cut);
      EXPECT_EQ(sb::crc32c_finish(c), std::stoul(r[2], nullptr, 16));
    }
  }
}

TEST(FrameVectors, EncodeIsByteIdentical) {
  auto rows = vectors("encode");
  ASSERT_GE(rows.size(), 10u);
  std::vector<uint8_t> out(SB_LINK_MAX_ENCODED);
  for (auto& r : rows) {
    Bytes payload = unhex(r[5]), expected = unhex(r[6]);
    auto f = fields(static_cast<uint8_t>(std::stoi(r[1])), static_cast<uint8_t>(std::stoi(r[2])),
                    static_cast<uint8_t>(std::stoi(r[3])), static_cast<uint16_t>(std::stoi(r[4])));
    // Whole payload as one part, and split in two at a few places: the same bytes.
    for (size_t cut : {size_t{0}, payload.size() / 3, payload.size()}) {
      int32_t n = sb::encode_frame(f, payload.data(), static_cast<uint32_t>(cut), payload.data() + cut,
                                   static_cast<uint32_t>(payload.size() - cut), out.data(), out.size());
      ASSERT_EQ(n, static_cast<int32_t>(expected.size())) << "payload of " << payload.size();
      EXPECT_EQ(Bytes(out.begin(), out.begin() + n), expected);
    }
  }
}

TEST(FrameVectors, DecodeGivesTheSameVerdict) {
  auto rows = vectors("decode");
  ASSERT_GE(rows.size(), 15u);
  for (auto& r : rows) {
    Bytes fed = unhex(r[1]);
    fed.push_back(0);
    sb::FrameReceiver rx;
    bool complete = false;
    size_t used = rx.feed(fed.data(), fed.size(), &complete);
    ASSERT_TRUE(complete) << r[2];
    EXPECT_EQ(used, fed.size());
    const sb_frame_info& info = rx.current();
    SCOPED_TRACE(r[2] + " " + r[1].substr(0, 32));
    EXPECT_EQ(info.error, kVerdicts.at(r[2]));
    EXPECT_EQ(info.header_readable, std::stoi(r[3]));
    EXPECT_EQ(info.version, std::stoi(r[4]));
    EXPECT_EQ(info.type, std::stoi(r[5]));
    EXPECT_EQ(info.flags, std::stoi(r[6]));
    EXPECT_EQ(info.opcode, std::stoi(r[7]));
    EXPECT_EQ(info.request_id, std::stoi(r[8]));
    EXPECT_EQ(info.payload_length, std::stoi(r[9]));
    Bytes payload = unhex(r[10]);
    if (info.error == SB_LINK_NONE) {
      Bytes got(payload.size());
      EXPECT_EQ(rx.payload_out(0, got.data(), static_cast<uint32_t>(got.size())), SB_FRAME_OK);
      EXPECT_EQ(got, payload);
    }
  }
}

TEST(FrameCodec, EncodeRefusesWhatCannotBeAFrame) {
  std::vector<uint8_t> out(SB_LINK_MAX_ENCODED);
  std::vector<uint8_t> big(4097);
  auto f = fields(SB_FRAME_DATA, 0, 0x20, 1);
  EXPECT_EQ(sb::encode_frame(f, big.data(), 4097, nullptr, 0, out.data(), out.size()), SB_FRAME_E_TOO_LARGE);
  EXPECT_EQ(sb::encode_frame(f, big.data(), 4, big.data(), 4093, out.data(), out.size()), SB_FRAME_E_TOO_LARGE);
  EXPECT_EQ(sb::encode_frame(f, big.data(), 0xFFFFFFFFu, big.data(), 2, out.data(), out.size()), SB_FRAME_E_TOO_LARGE);
  EXPECT_EQ(sb::encode_frame(f, nullptr, 3, nullptr, 0, out.data(), out.size()), SB_FRAME_E_ARGUMENT);
  EXPECT_EQ(sb::encode_frame(f, nullptr, 0, nullptr, 0, nullptr, 100), SB_FRAME_E_ARGUMENT);
  EXPECT_EQ(sb::encode_frame(f, big.data(), 100, nullptr, 0, out.data(), sb::frame_max_encoded(100) - 1),
            SB_FRAME_E_NO_ROOM);
  EXPECT_GT(sb::encode_frame(f, big.data(), 100, nullptr, 0, out.data(), sb::frame_max_encoded(100)), 0);
}

TEST(FrameCodec, DataFramesGoFromASlotAndIntoOne) {
  std::vector<uint8_t> memory(4 * 4096);
  sb::SlotRing ring;
  ASSERT_EQ(ring.init(memory.data(), memory.size(), 4, 4096), SB_RING_OK);
  uint32_t src, dst;
  ASSERT_EQ(ring.acquire(&src), SB_RING_OK);
  ASSERT_EQ(ring.acquire(&dst), SB_RING_OK);
  std::vector<uint8_t> data(4092);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 7 + (i >> 8));
  ASSERT_EQ(ring.copy_in(src, 4, data.data(), 4092), SB_RING_OK);
  const uint8_t offset[4] = {0x00, 0x10, 0x00, 0x00};
  std::vector<uint8_t> wire(SB_LINK_MAX_ENCODED);
  auto f = fields(SB_FRAME_DATA, 0, 0x20, 77);
  int32_t n = sb::encode_frame_from_slot(f, offset, 4, ring, src, 4, 4092, wire.data(), wire.size());
  ASSERT_GT(n, 0);
  std::vector<uint8_t> expected(SB_LINK_MAX_ENCODED);
  ASSERT_EQ(sb::encode_frame(f, offset, 4, data.data(), 4092, expected.data(), expected.size()), n);
  EXPECT_TRUE(std::equal(wire.begin(), wire.begin() + n, expected.begin()));
  // A range past the slot, or a released slot: the ring's status, nothing written.
  EXPECT_EQ(sb::encode_frame_from_slot(f, offset, 4, ring, src, 5, 4092, wire.data(), wire.size()), SB_RING_E_RANGE);
  uint32_t stale = src;
  ASSERT_EQ(ring.release(src), SB_RING_OK);
  EXPECT_EQ(sb::encode_frame_from_slot(f, offset, 4, ring, stale, 0, 1, wire.data(), wire.size()), SB_RING_E_HANDLE);

  // Received: the data part lands in the slot.
  sb::FrameReceiver rx;
  bool complete = false;
  ASSERT_EQ(rx.feed(wire.data(), static_cast<size_t>(n), &complete), static_cast<size_t>(n));
  ASSERT_TRUE(complete);
  ASSERT_EQ(rx.current().error, SB_LINK_NONE);
  ASSERT_EQ(rx.current().payload_length, 4096);
  EXPECT_EQ(rx.payload_to_slot(ring, dst, 0, 4, 4092), SB_RING_OK);
  std::vector<uint8_t> back(4092);
  ASSERT_EQ(ring.copy_out(dst, 0, back.data(), 4092), SB_RING_OK);
  EXPECT_EQ(back, data);
  EXPECT_EQ(rx.payload_to_slot(ring, dst, 8, 4, 4092), SB_RING_E_RANGE);
  EXPECT_EQ(rx.payload_to_slot(ring, dst, 0, 4, 4093), SB_FRAME_E_NO_FRAME);
  EXPECT_EQ(rx.payload_to_slot(ring, stale, 0, 4, 16), SB_RING_E_HANDLE);

  // A frame longer than a slot of a small ring.
  std::vector<uint8_t> small_memory(2 * 512);
  sb::SlotRing small;
  ASSERT_EQ(small.init(small_memory.data(), small_memory.size(), 2, 512), SB_RING_OK);
  uint32_t s;
  ASSERT_EQ(small.acquire(&s), SB_RING_OK);
  EXPECT_EQ(rx.payload_to_slot(small, s, 0, 4, 4092), SB_FRAME_E_LONGER_THAN_SLOT);

  // After a refused frame nothing can be taken from it.
  std::vector<uint8_t> damaged(wire.begin(), wire.begin() + n);
  damaged[100] ^= 0x01;
  if (damaged[100] == 0) damaged[100] = 0x01;
  ASSERT_EQ(rx.feed(damaged.data(), damaged.size(), &complete), damaged.size());
  ASSERT_TRUE(complete);
  EXPECT_NE(rx.current().error, SB_LINK_NONE);
  EXPECT_EQ(rx.payload_to_slot(ring, dst, 0, 0, 1), SB_FRAME_E_NO_FRAME);
}

TEST(FrameCodec, ReceiverSplitsAStreamAndCounts) {
  std::vector<uint8_t> stream;
  std::vector<uint8_t> one(SB_LINK_MAX_ENCODED);
  const uint8_t payload[2] = {1, 0};
  int32_t n = sb::encode_frame(fields(SB_FRAME_REQUEST, 0, 1, 5), payload, 2, nullptr, 0, one.data(), one.size());
  ASSERT_GT(n, 0);
  stream.insert(stream.end(), {0, 0});                  // padding
  stream.insert(stream.end(), one.begin(), one.begin() + n);
  stream.insert(stream.end(), {0x02, 0x01, 0x00});     // a one-byte frame: short
  stream.insert(stream.end(), one.begin(), one.begin() + n);
  sb::FrameReceiver rx;
  std::vector<int> verdicts;
  size_t at = 0;
  // Fed a few bytes at a time, as a UART would deliver them.
  while (at < stream.size()) {
    size_t chunk = std::min<size_t>(3, stream.size() - at);
    bool complete = false;
    size_t used = rx.feed(stream.data() + at, chunk, &complete);
    at += used;
    if (complete) verdicts.push_back(rx.current().error);
  }
  EXPECT_EQ(verdicts, (std::vector<int>{SB_LINK_NONE, SB_LINK_SHORT_FRAME, SB_LINK_NONE}));
  sb_receiver_stats s{};
  rx.stats(&s);
  EXPECT_EQ(s.frames, 2u);
  EXPECT_EQ(s.short_frames, 1u);
}

TEST(FrameCodecAbi, ArgumentsAreChecked) {
  uint8_t out[64];
  sb_frame_info info{};
  EXPECT_EQ(sb_frame_decode(nullptr, 4, out, sizeof out, &info), SB_FRAME_E_ARGUMENT);
  std::vector<uint8_t> frame(SB_LINK_MAX_FRAME);
  EXPECT_EQ(sb_frame_decode(out, 4, frame.data(), SB_LINK_MAX_FRAME - 1, &info), SB_FRAME_E_ARGUMENT);
  EXPECT_EQ(sb_frame_encode_from_slot(4, 0, 0x20, 1, nullptr, 0, nullptr, 1, 0, 1, out, sizeof out), SB_RING_E_ARGUMENT);
  sb_frame_receiver* rx = sb_frame_receiver_create();
  ASSERT_NE(rx, nullptr);
  int32_t complete = 0;
  EXPECT_EQ(sb_frame_receiver_feed(rx, nullptr, 3, &complete), SB_FRAME_E_ARGUMENT);
  EXPECT_EQ(sb_frame_receiver_feed(rx, out, 1, nullptr), SB_FRAME_E_ARGUMENT);
  EXPECT_EQ(sb_frame_receiver_payload_out(rx, 0, out, 1), SB_FRAME_E_NO_FRAME);
  EXPECT_EQ(sb_frame_receiver_payload_to_slot(rx, nullptr, 1, 0, 0, 1), SB_FRAME_E_ARGUMENT);
  sb_frame_receiver_destroy(rx);
  sb_frame_receiver_destroy(nullptr);
}

TEST(FrameCodec, AnyBytesGiveVerdictsAndTheNextGoodFrameGetsThrough) {
  // Fixed seeds: the same streams every run. Garbage (zeros included, some runs longer than any
  // frame), fed in random chunks; then a delimiter and a good frame, which must decode.
  std::vector<uint8_t> good(SB_LINK_MAX_ENCODED);
  const uint8_t hello[2] = {1, 0};
  int32_t good_length = sb::encode_frame(fields(SB_FRAME_REQUEST, 0, 1, 7), hello, 2, nullptr, 0, good.data(), good.size());
  ASSERT_GT(good_length, 0);
  uint32_t x = 2026;
  auto next = [&x]() {
    x = x * 1664525u + 1013904223u;
    return x >> 8;
  };
  sb::FrameReceiver rx;
  for (int round = 0; round < 300; ++round) {
    std::vector<uint8_t> stream(next() % (round % 10 == 0 ? 9000 : 600));
    for (auto& b : stream) b = next() % 7 == 0 ? 0 : static_cast<uint8_t>(next());
    stream.push_back(0);
    stream.insert(stream.end(), good.begin(), good.begin() + good_length);
    size_t at = 0;
    int last = -1;
    while (at < stream.size()) {
      size_t chunk = 1 + next() % 700;
      if (chunk > stream.size() - at) chunk = stream.size() - at;
      bool complete = false;
      size_t used = rx.feed(stream.data() + at, chunk, &complete);
      ASSERT_GT(used, 0u);
      ASSERT_LE(used, chunk);
      at += used;
      if (complete) {
        last = rx.current().error;
        EXPECT_TRUE((last == SB_LINK_NONE || last == SB_LINK_BAD_CRC || last == SB_LINK_BAD_COBS ||
                                                last == SB_LINK_SHORT_FRAME || last == SB_LINK_UNSUPPORTED_VERSION ||
                                                last == SB_LINK_BAD_LENGTH || last == SB_LINK_PAYLOAD_TOO_LARGE));
      }
    }
    ASSERT_EQ(last, SB_LINK_NONE) << "round " << round;
    EXPECT_EQ(rx.current().request_id, 7);
  }
}

// The interop component's marshalling on the host: the generated-shape handlers called with a
// fake managed stack frame, over the real runtime, ring, codec and controller core, with an
// empty bus behind the controller.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "ScsiBridge_Hal_Esp32.h"
#include "empty_bus.h"
#include "fake_stack_frame.h"
#include "test_platform.h"
#include "sb/command.h"
#include "sb/lines.h"
#include "sb_nf/interop_runtime.h"

namespace {

using Controller = Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController;
using Ring = Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeRing;
using Codec = Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec;
using Link = Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeLinkPort;
namespace nf = sb::nf;

using EmptyBus = sbtest::EmptyBus;

class Channel final : public nf::LinkChannel {
 public:
  int32_t open() override { return nf::kOk; }
  int32_t read(uint8_t* into, uint32_t count) override {
    uint32_t n = 0;
    while (n < count && n < in.size()) into[n] = in[n], ++n;
    in.erase(in.begin(), in.begin() + n);
    return static_cast<int32_t>(n);
  }
  int32_t write(const uint8_t* from, uint32_t count) override {
    const uint32_t n = count < room ? count : room;
    out.insert(out.end(), from, from + n);
    return static_cast<int32_t>(n);
  }
  std::vector<uint8_t> in, out;
  uint32_t room = 1000;
};


class InteropTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(nf::kOk, sbtest::start_runtime(bus_, &channel_)); }
  void TearDown() override { nf::runtime().reset_for_test(); }

  static int64_t call(HRESULT (*handler)(CLR_RT_StackFrame&), CLR_RT_StackFrame& f) {
    const HRESULT hr = handler(f);
    EXPECT_EQ(S_OK, hr);
    return f.result;
  }

  int32_t open_controller(int id) {
    CLR_RT_StackFrame f;
    f.i(id).i(1).i(15).i(100);
    return static_cast<int32_t>(call(&Controller::NativeOpen___STATIC__I4__I4__I4__I4__I4, f));
  }

  int32_t create_ring(int slots, int size) {
    CLR_RT_StackFrame f;
    f.i(slots).i(size);
    return static_cast<int32_t>(call(&Ring::NativeCreate___STATIC__I4__I4__I4, f));
  }

  int32_t acquire() {
    CLR_RT_StackFrame f;
    return static_cast<int32_t>(call(&Ring::NativeAcquire___STATIC__I4, f));
  }

  EmptyBus bus_;
  Channel channel_;
};

std::vector<int32_t> command(uint8_t op) {
  std::vector<int32_t> f(nf::kCommandFields, 0);
  f[nf::kCmdOp] = op;
  return f;
}

TEST_F(InteropTest, TheAssemblyRecordNamesTheManagedAssembly) {
  EXPECT_STREQ("ScsiBridge.Hal.Esp32", g_CLR_AssemblyNative_ScsiBridge_Hal_Esp32.m_szAssemblyName);
  EXPECT_NE(0u, g_CLR_AssemblyNative_ScsiBridge_Hal_Esp32.m_checkSum);
  EXPECT_EQ(1, g_CLR_AssemblyNative_ScsiBridge_Hal_Esp32.m_Version.iMajorVersion);
  // The table's entries are the handlers themselves: the first native method is NativeOpen.
  const CLR_RT_MethodHandler* table =
      static_cast<const CLR_RT_MethodHandler*>(g_CLR_AssemblyNative_ScsiBridge_Hal_Esp32.m_pNativeMethods);
  bool found = false;
  for (int i = 0; i < 200 && !found; ++i) found = table[i] == &Controller::NativeOpen___STATIC__I4__I4__I4__I4__I4;
  EXPECT_TRUE(found);
}

TEST_F(InteropTest, ASelectionOfNobodyCompletesAndPostsTheControllersEvent) {
  const int32_t index = open_controller(7);
  ASSERT_EQ(0, index);

  std::vector<int32_t> fields = command(SB_OP_SELECT);
  fields[nf::kCmdPeerId] = 3;
  std::vector<uint8_t> inline_bytes(SB_INLINE_BYTES, 0);
  CLR_RT_StackFrame submit;
  submit.i(index).ints(&fields).bytes(&inline_bytes);
  EXPECT_EQ(nf::kOk, call(&Controller::NativeSubmit___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1, submit));

  // Nothing completes before the bus loop turns.
  std::vector<int32_t> done(nf::kCompletionFields, -1);
  std::vector<uint8_t> msg(SB_INLINE_BYTES), cdb(SB_INLINE_BYTES);
  CLR_RT_StackFrame early;
  early.i(index).ints(&done).bytes(&msg).bytes(&cdb);
  EXPECT_EQ(0, call(&Controller::NativeTakeCompletion___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1__SZARRAY_U1, early));
  EXPECT_TRUE(posted_events().empty());

  for (int turn = 0; turn < 10000 && posted_events().empty(); ++turn) nf::runtime().run_once();

  ASSERT_EQ(1u, posted_events().size());
  EXPECT_EQ(EVENT_CUSTOM, posted_events()[0].category);
  EXPECT_EQ(nf::kEventCompletion, posted_events()[0].data1);
  EXPECT_EQ(0u, posted_events()[0].data2);

  CLR_RT_StackFrame take;
  take.i(index).ints(&done).bytes(&msg).bytes(&cdb);
  EXPECT_EQ(1, call(&Controller::NativeTakeCompletion___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1__SZARRAY_U1, take));
  EXPECT_EQ(SB_OP_SELECT, done[nf::kDoneOp]);
  EXPECT_EQ(SB_ERR_SELECTION_TIMEOUT, done[nf::kDoneResult]);
  const uint64_t t = (static_cast<uint64_t>(static_cast<uint32_t>(done[nf::kDoneTimeHigh])) << 32) |
                     static_cast<uint32_t>(done[nf::kDoneTimeLow]);
  EXPECT_GE(t, 250000000u);  // the selection timeout ran on the bus's clock

  CLR_RT_StackFrame clock;
  EXPECT_EQ(static_cast<int64_t>(bus_.now_), call(&Controller::NativeNowNs___STATIC__I8, clock));
  EXPECT_EQ(CLR_RT_StackFrame::kInt64, clock.result_kind);
}

TEST_F(InteropTest, AWrongArgumentTypeFailsTheCallAndLeavesNoResult) {
  CLR_RT_StackFrame f;
  f.i(0).i(5).i(6);  // an int where the fields array belongs
  EXPECT_EQ(CLR_E_INVALID_PARAMETER, Controller::NativeSubmit___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1(f));
  EXPECT_EQ(CLR_RT_StackFrame::kNone, f.result_kind);

  CLR_RT_StackFrame n;
  n.i(0).ints(nullptr).bytes(nullptr);
  EXPECT_EQ(CLR_E_ARGUMENT_NULL, Controller::NativeSubmit___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1(n));
}

TEST_F(InteropTest, StatusesNameWhatIsWrong) {
  std::vector<int32_t> shortFields(3, 0);
  std::vector<uint8_t> inline_bytes(SB_INLINE_BYTES, 0);
  CLR_RT_StackFrame none;
  none.i(1).ints(&shortFields).bytes(&inline_bytes);
  EXPECT_EQ(nf::kNoSuchController, call(&Controller::NativeSubmit___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1, none));

  const int32_t index = open_controller(7);
  CLR_RT_StackFrame shortArray;
  shortArray.i(index).ints(&shortFields).bytes(&inline_bytes);
  EXPECT_EQ(nf::kBadArgument, call(&Controller::NativeSubmit___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1, shortArray));

  std::vector<int32_t> fields = command(SB_OP_TRANSFER);
  fields[nf::kCmdOp] = 300;  // not a byte
  CLR_RT_StackFrame wide;
  wide.i(index).ints(&fields).bytes(&inline_bytes);
  EXPECT_EQ(nf::kBadArgument, call(&Controller::NativeSubmit___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1, wide));

  EXPECT_EQ(1, open_controller(6));
  EXPECT_EQ(nf::kNoControllerFree, open_controller(5));

  nf::runtime().reset_for_test();
  EXPECT_EQ(nf::kNotStarted, open_controller(7));
}

TEST_F(InteropTest, ASlotTransferNeedsALiveHandleAndARangeInsideTheSlot) {
  const int32_t index = open_controller(7);
  std::vector<uint8_t> inline_bytes(SB_INLINE_BYTES, 0);
  std::vector<int32_t> fields = command(SB_OP_TRANSFER);
  fields[nf::kCmdDataSource] = nf::kSourceSlot;
  fields[nf::kCmdSlotHandle] = 0x10000;
  fields[nf::kCmdBufferCount] = 16;
  fields[nf::kCmdLength] = 16;
  CLR_RT_StackFrame noRing;
  noRing.i(index).ints(&fields).bytes(&inline_bytes);
  EXPECT_EQ(SB_RING_E_UNSET, call(&Controller::NativeSubmit___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1, noRing));

  ASSERT_EQ(nf::kOk, create_ring(4, 512));
  const int32_t handle = acquire();
  ASSERT_GT(handle, 0);
  fields[nf::kCmdSlotHandle] = handle + 1;  // forged
  CLR_RT_StackFrame forged;
  forged.i(index).ints(&fields).bytes(&inline_bytes);
  EXPECT_EQ(SB_RING_E_HANDLE, call(&Controller::NativeSubmit___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1, forged));

  fields[nf::kCmdSlotHandle] = handle;
  fields[nf::kCmdSlotOffset] = 500;
  CLR_RT_StackFrame past;
  past.i(index).ints(&fields).bytes(&inline_bytes);
  EXPECT_EQ(SB_RING_E_RANGE, call(&Controller::NativeSubmit___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1, past));

  fields[nf::kCmdSlotOffset] = 496;
  CLR_RT_StackFrame fine;
  fine.i(index).ints(&fields).bytes(&inline_bytes);
  EXPECT_EQ(nf::kOk, call(&Controller::NativeSubmit___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1, fine));
}

TEST_F(InteropTest, StagingCopiesWithinTheManagedArrayOnly) {
  const int32_t index = open_controller(7);
  std::vector<uint8_t> data(64);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i);
  CLR_RT_StackFrame in;
  in.i(index).bytes(&data).i(8).i(32);
  EXPECT_EQ(nf::kOk, call(&Controller::NativeStageIn___STATIC__I4__I4__SZARRAY_U1__I4__I4, in));

  std::vector<uint8_t> back(40, 0xEE);
  CLR_RT_StackFrame out;
  out.i(index).bytes(&back).i(4).i(32);
  EXPECT_EQ(nf::kOk, call(&Controller::NativeStageOut___STATIC__I4__I4__SZARRAY_U1__I4__I4, out));
  EXPECT_EQ(0xEE, back[3]);
  EXPECT_EQ(8, back[4]);
  EXPECT_EQ(39, back[35]);
  EXPECT_EQ(0xEE, back[36]);

  CLR_RT_StackFrame over;
  over.i(index).bytes(&back).i(10).i(32);
  EXPECT_EQ(nf::kBadArgument, call(&Controller::NativeStageOut___STATIC__I4__I4__SZARRAY_U1__I4__I4, over));
  CLR_RT_StackFrame negative;
  negative.i(index).bytes(&data).i(-1).i(4);
  EXPECT_EQ(nf::kBadArgument, call(&Controller::NativeStageIn___STATIC__I4__I4__SZARRAY_U1__I4__I4, negative));
}

TEST_F(InteropTest, TheRingCopiesInAndOutAndRefusesWhatItShould) {
  EXPECT_EQ(nf::kNoMemory, create_ring(256, 65536));
  ASSERT_EQ(nf::kOk, create_ring(4, 512));
  EXPECT_EQ(nf::kAlreadyCreated, create_ring(4, 512));
  const int32_t h = acquire();
  ASSERT_GT(h, 0);

  std::vector<uint8_t> src = {1, 2, 3, 4, 5, 6};
  CLR_RT_StackFrame in;
  in.i(h).i(100).bytes(&src).i(1).i(4);
  EXPECT_EQ(SB_RING_OK, call(&Ring::NativeCopyIn___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4, in));
  std::vector<uint8_t> dst(4, 0);
  CLR_RT_StackFrame out;
  out.i(h).i(100).bytes(&dst).i(0).i(4);
  EXPECT_EQ(SB_RING_OK, call(&Ring::NativeCopyOut___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4, out));
  EXPECT_EQ((std::vector<uint8_t>{2, 3, 4, 5}), dst);

  CLR_RT_StackFrame outside;
  outside.i(h).i(0).bytes(&src).i(4).i(4);  // past the managed array
  EXPECT_EQ(SB_RING_E_ARGUMENT, call(&Ring::NativeCopyIn___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4, outside));
  CLR_RT_StackFrame pastSlot;
  pastSlot.i(h).i(510).bytes(&src).i(0).i(4);
  EXPECT_EQ(SB_RING_E_RANGE, call(&Ring::NativeCopyIn___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4, pastSlot));

  CLR_RT_StackFrame release;
  release.i(h);
  EXPECT_EQ(SB_RING_OK, call(&Ring::NativeRelease___STATIC__I4__I4, release));
  CLR_RT_StackFrame again;
  again.i(h);
  EXPECT_EQ(SB_RING_E_HANDLE, call(&Ring::NativeRelease___STATIC__I4__I4, again));

  std::vector<int32_t> stats(nf::kRingStatsFields, -1);
  CLR_RT_StackFrame s;
  s.ints(&stats);
  EXPECT_EQ(SB_RING_OK, call(&Ring::NativeGetStats___STATIC__I4__SZARRAY_I4, s));
  EXPECT_EQ(4, stats[0]);
  EXPECT_EQ(512, stats[1]);
  EXPECT_EQ(0, stats[2]);
  EXPECT_EQ(1, stats[4]);
  EXPECT_EQ(1, stats[5]);
  EXPECT_EQ(1, stats[7]);
}

TEST_F(InteropTest, AFrameEncodedFromASlotIsReceivedWhole) {
  ASSERT_EQ(nf::kOk, create_ring(2, 1024));
  const int32_t h = acquire();
  std::vector<uint8_t> payload(300);
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<uint8_t>(i * 7);  // zeros included
  CLR_RT_StackFrame in;
  in.i(h).i(0).bytes(&payload).i(0).i(300);
  ASSERT_EQ(SB_RING_OK, call(&Ring::NativeCopyIn___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4, in));

  std::vector<int32_t> header = {SB_FRAME_DATA, 0, 0x21, 4660};
  std::vector<uint8_t> prefix = {0, 0, 0x10, 0};
  std::vector<uint8_t> encoded(SB_LINK_MAX_ENCODED);
  CLR_RT_StackFrame enc;
  enc.ints(&header).bytes(&prefix).i(0).i(4).i(h).i(0).i(300).bytes(&encoded).i(0);
  const int64_t length = call(&Codec::NativeEncodeFromSlot___STATIC__I4__SZARRAY_I4__SZARRAY_U1__I4__I4__I4__I4__I4__SZARRAY_U1__I4, enc);
  ASSERT_GT(length, 300);
  EXPECT_EQ(0, encoded[length - 1]);

  CLR_RT_StackFrame create;
  ASSERT_EQ(nf::kOk, call(&Codec::NativeCreateReceiver___STATIC__I4, create));
  encoded.resize(static_cast<size_t>(length));
  std::vector<int32_t> state(1, 0);
  CLR_RT_StackFrame feed;
  feed.bytes(&encoded).i(0).i(static_cast<int32_t>(length)).ints(&state);
  EXPECT_EQ(length, call(&Codec::NativeFeed___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_I4, feed));
  EXPECT_EQ(1, state[0]);

  std::vector<int32_t> info(nf::kFrameInfoFields, -1);
  CLR_RT_StackFrame cur;
  cur.ints(&info);
  ASSERT_EQ(SB_FRAME_OK, call(&Codec::NativeCurrent___STATIC__I4__SZARRAY_I4, cur));
  EXPECT_EQ(SB_FRAME_DATA, info[1]);
  EXPECT_EQ(0x21, info[3]);
  EXPECT_EQ(4660, info[4]);
  EXPECT_EQ(304, info[5]);
  EXPECT_EQ(0, info[6]);

  std::vector<uint8_t> back(300);
  CLR_RT_StackFrame out;
  out.i(4).bytes(&back).i(0).i(300);
  EXPECT_EQ(SB_FRAME_OK, call(&Codec::NativePayloadOut___STATIC__I4__I4__SZARRAY_U1__I4__I4, out));
  EXPECT_EQ(payload, back);
}

TEST_F(InteropTest, TheLinkPassesBytesAndAnnouncesArrivals) {
  CLR_RT_StackFrame open;
  ASSERT_EQ(nf::kOk, call(&Link::NativeOpen___STATIC__I4, open));
  channel_.in = {9, 8, 7};
  nf::runtime().link_data_arrived(3);
  ASSERT_EQ(1u, posted_events().size());
  EXPECT_EQ(nf::kEventLinkData, posted_events()[0].data1);
  EXPECT_EQ(3u, posted_events()[0].data2);

  std::vector<uint8_t> buffer(8, 0);
  CLR_RT_StackFrame read;
  read.bytes(&buffer).i(2).i(6);
  EXPECT_EQ(3, call(&Link::NativeRead___STATIC__I4__SZARRAY_U1__I4__I4, read));
  EXPECT_EQ(9, buffer[2]);
  EXPECT_EQ(7, buffer[4]);

  channel_.room = 2;
  std::vector<uint8_t> data = {1, 2, 3, 4};
  CLR_RT_StackFrame write;
  write.bytes(&data).i(1).i(3);
  EXPECT_EQ(2, call(&Link::NativeWrite___STATIC__I4__SZARRAY_U1__I4__I4, write));
  EXPECT_EQ((std::vector<uint8_t>{2, 3}), channel_.out);

  CLR_RT_StackFrame bad;
  bad.bytes(&data).i(3).i(2);
  EXPECT_EQ(nf::kBadArgument, call(&Link::NativeWrite___STATIC__I4__SZARRAY_U1__I4__I4, bad));
}

TEST(InteropNoLink, ABuildWithoutALinkChannelSaysSo) {
  EmptyBus bus;
  ASSERT_EQ(nf::kOk, sbtest::start_runtime(bus, nullptr));
  CLR_RT_StackFrame open;
  EXPECT_EQ(S_OK, Link::NativeOpen___STATIC__I4(open));
  EXPECT_EQ(nf::kNoLink, open.result);
  nf::runtime().reset_for_test();
}

}  // namespace

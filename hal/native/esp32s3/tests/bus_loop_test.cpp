// The bus loop: commands in through one lock-free queue, completions out through another,
// the hook called once per completion; a full completion queue holds the completion back
// instead of losing it; a refused submit comes back as a completion.
#include <gtest/gtest.h>

#include "s3_rig.h"
#include "sb/bus_loop.h"

using namespace sbtest;
using namespace s3test;

namespace {
void count_hook(void* context) { ++*static_cast<int*>(context); }
}  // namespace

TEST(S3Queues, SingleProducerSingleConsumerRingKeepsOrderAndRefusesWhenFull) {
  sb::s3::CommandQueue q{};
  for (uint32_t i = 0; i < sb::s3::kQueueSlots; ++i) {
    sb_command c{};
    c.length = i;
    ASSERT_TRUE(q.push(c));
  }
  sb_command extra{};
  EXPECT_FALSE(q.push(extra)) << "full";
  for (uint32_t round = 0; round < 3 * sb::s3::kQueueSlots; ++round) {
    sb_command c{};
    ASSERT_TRUE(q.pop(&c));
    EXPECT_EQ(c.length, round);
    c.length = round + sb::s3::kQueueSlots;
    ASSERT_TRUE(q.push(c)) << "room again after a pop, across the wrap";
  }
}

TEST(S3BusLoop, CommandsGoInCompletionsComeOutWithTheHook) {
  SimBus bus;
  S3Bridge s3 = attach_s3(bus, 7);
  sb::s3::CommandQueue commands{};
  sb::s3::CompletionQueue completions{};
  int hooks = 0;
  sb::s3::BusLoop loop;
  loop.init(&bus.controller(s3.device), &commands, &completions, count_hook, &hooks);
  // SET_SYNC completes without the bus; a second command while the first runs waits in the
  // queue, it is not refused.
  ASSERT_TRUE(commands.push(cmd::set_sync(0, 100, 15)));
  ASSERT_TRUE(commands.push(cmd::set_sync(1, 200, 8)));
  for (int i = 0; i < 4; ++i) loop.run_once();
  sb_completion c{};
  ASSERT_TRUE(completions.pop(&c));
  EXPECT_EQ(c.op, SB_OP_SET_SYNC);
  EXPECT_EQ(c.result, SB_OK);
  EXPECT_EQ(c.residual, 15u);
  ASSERT_TRUE(completions.pop(&c));
  EXPECT_EQ(c.residual, 8u);
  EXPECT_FALSE(completions.pop(&c));
  EXPECT_EQ(hooks, 2);
}

TEST(S3BusLoop, AFullCompletionQueueHoldsTheCompletionBack) {
  SimBus bus;
  S3Bridge s3 = attach_s3(bus, 7);
  sb::s3::CommandQueue commands{};
  sb::s3::CompletionQueue completions{};
  int hooks = 0;
  sb::s3::BusLoop loop;
  loop.init(&bus.controller(s3.device), &commands, &completions, count_hook, &hooks);
  sb_completion filler{};
  for (uint32_t i = 0; i < sb::s3::kQueueSlots; ++i) ASSERT_TRUE(completions.push(filler));
  ASSERT_TRUE(commands.push(cmd::set_sync(0, 100, 4)));
  ASSERT_TRUE(commands.push(cmd::set_sync(0, 100, 5)));
  for (int i = 0; i < 3; ++i) loop.run_once();
  EXPECT_EQ(loop.held_back(), 1u);
  EXPECT_EQ(hooks, 0);
  sb_completion c{};
  ASSERT_TRUE(completions.pop(&c));  // room for one
  for (int i = 0; i < 3; ++i) loop.run_once();
  EXPECT_EQ(loop.held_back(), 1u) << "the second waits behind the first";
  EXPECT_EQ(hooks, 1);
  for (uint32_t i = 0; i < sb::s3::kQueueSlots; ++i) ASSERT_TRUE(completions.pop(&c));
  EXPECT_EQ(c.residual, 4u) << "the held-back completion, in order";
  for (int i = 0; i < 3; ++i) loop.run_once();
  ASSERT_TRUE(completions.pop(&c));
  EXPECT_EQ(c.residual, 5u);
  EXPECT_EQ(hooks, 2);
  EXPECT_EQ(loop.held_back(), 0u);
}

TEST(S3BusLoop, ARefusedCommandComesBackAsACompletion) {
  SimBus bus;
  S3Bridge s3 = attach_s3(bus, 7);
  sb::s3::CommandQueue commands{};
  sb::s3::CompletionQueue completions{};
  int hooks = 0;
  sb::s3::BusLoop loop;
  loop.init(&bus.controller(s3.device), &commands, &completions, count_hook, &hooks);
  sb_command bad{};
  bad.op = 0xEE;
  ASSERT_TRUE(commands.push(bad));
  loop.run_once();
  sb_completion c{};
  ASSERT_TRUE(completions.pop(&c));
  EXPECT_EQ(c.op, 0xEE);
  EXPECT_EQ(c.result, SB_ERR_INVALID);
  EXPECT_EQ(hooks, 1);
  volatile bool stop = true;
  loop.run(&stop);  // returns at once when told to stop
}

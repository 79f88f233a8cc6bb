// The S3's pulse counters on the bus: a PCNT unit's register resets to 0 each time it reaches
// the high limit the board programs (kPcntHighLimit, at most 32767), and the model's counters
// do as the chip's. A synchronous 64 KiB transfer takes each counter the backend reads past
// that limit twice; the backend's totals must stay exact through both resets.
#include <gtest/gtest.h>

#include "s3_rig.h"

using namespace sbtest;
using namespace s3test;

TEST(S3PcntLimit, RegisterResetsAtTheHighLimitNotAt65536) {
  EXPECT_EQ(sb::s3::pcnt_register_of(32766), 32766u);
  EXPECT_EQ(sb::s3::pcnt_register_of(32767), 0u);
  EXPECT_EQ(sb::s3::pcnt_register_of(65536), 2u);
  EXPECT_EQ(sb::s3::pcnt_edges_between(32760, 5), 12u);
  EXPECT_EQ(sb::s3::pcnt_edges_between(7, 7), 0u);
}

TEST(S3PcntLimit, CountsStayExactAcrossTwoResetsInASync64KiBTransfer) {
  const uint32_t n = 65536;  // two resets of a counter that counts every byte's strobe
  for (bool s3_initiator : {true, false}) {
    for (bool data_in : {true, false}) {
      SCOPED_TRACE(std::string(s3_initiator ? "S3 initiator" : "S3 target") + (data_in ? ", DATA IN" : ", DATA OUT"));
      S3Pair p(s3_initiator);
      SimBus& bus = p.bus;
      Script &ini = p.ini, &tgt = p.tgt;
      S3Bridge& s3 = p.s3;
      ini.then(cmd::set_sync(0, 100, 15));
      tgt.then(cmd::set_sync(7, 100, 15));
      std::vector<uint8_t> src = random_bytes(n, data_in ? 41 : 42), dst(n, 0);
      if (data_in) {
        initiator_command(ini, 0, {0x08, 0, 0, 0, 128, 0}, &dst, n);
        target_command(tgt, 0x01, &src, n, true);
      } else {
        initiator_command(ini, 0, {0x0A, 0, 0, 0, 128, 0}, &src, n);
        target_command(tgt, 0x01, &dst, n, false);
      }
      ASSERT_TRUE(run(bus, {&ini, &tgt})) << model_errors(s3);
      EXPECT_EQ(dst, src);
      EXPECT_EQ(ini.at(4).result, SB_OK);
      EXPECT_EQ(ini.at(4).bytes_moved, n);
      EXPECT_EQ(violations_text(bus), "");
      EXPECT_EQ(model_errors(s3), "");
      // The counter the backend followed went past the limit twice: REQs as initiator (unit 0,
      // the whole connection), ACKs as a target (unit 0) and the i80's strobes (unit 1) when
      // it waits for its last pulses (the initiator's ACKs).
      EXPECT_GE(s3.model->pcnt_limit_resets(), 2u);
      // The backend's extended total is the true count of edges (reading it reads the register
      // once more, and the model notes the true count at that read).
      s3.model->select();
      const uint32_t counted = s3.model->backend().capture_count();
      EXPECT_EQ(counted, s3.model->pcnt_edges_at_last_read());
      EXPECT_GE(counted, n);
      if (s3_initiator) {
        EXPECT_GE(s3.model->i80_limit_resets(), 2u);
      }
    }
  }
}

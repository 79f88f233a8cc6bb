// The soft SCSI protocol controller: one instance per bus interface, both roles, all timing.
// It owns no memory beyond this object, allocates nothing and never blocks: step() runs until
// the backend says a wait cannot be satisfied yet, then returns. The board calls step() in its
// bus loop; the simulator calls it whenever something the controller waits on has changed.
#pragma once
#include <stdint.h>

#include "sb/backend.h"
#include "sb/bulk.h"
#include "sb/command.h"
#include "sb/coroutine.h"
#include "sb/lines.h"

namespace sb {

constexpr uint32_t kInline = SB_INLINE_BYTES;

enum class StepResult : uint8_t {
  kWaiting,    // blocked on the bus, the clock or a capture; step again when that changes
  kCompleted,  // a completion is ready (take_completion)
};

class Controller {
 public:
  // Must be called once before anything else. Options outside the board's limits are clamped.
  void init(PinBackend* backend, const sb_options& options);

  // Starts a command. Returns SB_OK, SB_ERR_BUSY (one is running, or a completion is unread)
  // or SB_ERR_INVALID (bad ID, length, buffer, byte count, or a command that does not fit the
  // role or connection state). Never touches the bus when it refuses.
  int submit(const sb_command& command);

  // Ends a command that is only waiting (for selection, reselection or a free bus) with
  // SB_ERR_CANCELLED. A command already moving bytes is not interrupted.
  void cancel() { cancel_requested_ = true; }

  StepResult step();

  bool take_completion(sb_completion* out);
  bool busy() const { return running_; }
  bool has_completion() const { return completion_ready_; }
  bool connected() const { return conn_ != Conn::kNone; }
  uint8_t own_id() const { return options_.scsi_id; }
  uint32_t resets_seen() const { return resets_seen_; }

 private:
  enum class Conn : uint8_t { kNone, kInitiator, kTarget };
  enum class Abort : uint8_t { kNone, kReset, kTimeout, kCancel };

  // Waiting. Each returns true when the routine may go on; false means "suspend".
  bool await_lines(uint32_t mask, uint32_t value, uint64_t deadline = kNever);
  bool await_change(uint32_t mask, uint32_t value, uint64_t deadline = kNever);
  bool await_capture(uint32_t count, uint32_t mask, uint32_t value);
  bool await_time(uint64_t deadline);
  bool await_raw(const WaitCond& cond);
  bool guard(WaitCond cond);
  bool await_req();
  void consume_req() { have_entry_ = false; }
  void arm_initiator_capture();

  // Routines (resumable; each keeps its own CoState).
  Co run_command();
  Co idle();
  Co bus_free();
  Co arbitrate();
  Co select();
  Co wait_reselect();
  Co wait_request();
  Co initiator_out_bytes();
  Co initiator_message_in();
  Co initiator_status_in();
  Co initiator_transfer();
  Co accept_message();
  Co reset_bus();
  Co enable_selection();
  Co target_set_phase();
  Co target_receive_messages();
  Co target_receive_command();
  Co target_send();
  Co target_receive();
  Co target_attention();
  Co reselect_as_target();

  // Helpers that never wait.
  int validate(const sb_command& c) const;
  void begin(const sb_command& c);
  void finish(uint8_t result);
  void abort_now();
  void release_everything();
  void finish_data_counts();
  void set_sync_timing();
  void prepare_bulk(uint8_t phase, uint8_t* data, uint32_t count);
  bool take_bulk_outcome();
  bool sync_with_peer() const;
  static uint8_t message_length(const uint8_t* msg, uint8_t have);
  static uint8_t cdb_length(uint8_t opcode);

  PinBackend* be_ = nullptr;
  sb_options options_{};
  struct Agreement {
    uint16_t period_ns;
    uint8_t offset;
  } sync_[8]{};

  // Command in progress and its completion.
  sb_command cmd_{};
  sb_completion done_{};
  bool running_ = false;
  bool completion_ready_ = false;
  bool cancel_requested_ = false;
  bool cancellable_ = false;
  bool self_reset_ = false;
  bool reset_held_ = false;     // a reset was reported; RST has not been seen released since
  Abort abort_ = Abort::kNone;
  uint64_t cmd_deadline_ = kNever;
  uint32_t resets_seen_ = 0;

  // Connection.
  Conn conn_ = Conn::kNone;
  uint8_t peer_ = 0xFF;
  uint8_t as_id_ = 0;           // the ID this controller answers as in the connection
  bool phase_set_ = false;      // target: phase lines have been driven since selection
  uint8_t phase_ = kPhaseBusFree;
  bool atn_ = false;            // initiator: ATN asserted by us
  bool ack_held_ = false;       // initiator: ACK left asserted after MESSAGE_IN

  // Working state shared by the routines (locals do not survive a suspension).
  uint32_t lines_ = 0;          // lines sampled by the last successful wait
  uint64_t mark_ = 0;
  uint64_t deadline2_ = 0;
  uint32_t watched_ = 0;        // lines a wait-for-change started from
  uint32_t index_ = 0;
  uint32_t total_ = 0;
  uint32_t sent_ = 0;
  uint32_t acked_ = 0;
  uint32_t parity_bad_ = 0;     // 1 + index of the first bad byte, 0 when none
  uint8_t want_phase_ = 0;
  uint8_t msg_need_ = 0;
  uint8_t cdb_need_ = 0;
  uint8_t byte_ = 0;
  uint16_t assert_ns_ = 0;
  uint16_t negate_ns_ = 0;
  uint8_t* data_ = nullptr;
  const uint8_t* out_ = nullptr;
  bool capture_armed_ = false;   // initiator: REQ strobes latched (sync agreement in force)
  bool have_entry_ = false;      // a latched REQ not yet consumed
  CaptureEntry entry_{};
  uint32_t req_lines_ = 0;       // lines at the REQ being handled (or at bus free)
  bool driving_ = false;         // initiator: data drivers on (watch I/O to let go in time)
  bool watch_reselect_ = false;  // SELECT: a reselection of us ends the wait for bus free
  bool reselected_seen_ = false;
  bool arb_lost_ = false;
  uint8_t arb_id_ = 0;
  bool atn_stop_ = false;        // target: ATN seen, leave for MESSAGE OUT
  bool data_parity_error_ = false;
  enum class Mode : uint8_t { kData, kCommand, kStatus, kMessage } mode_ = Mode::kData;
  uint8_t msg_start_ = 0;        // where the message being taken starts in done_.msg
  uint8_t msg_head_[2] = {0, 0}; // the first bytes of the message being taken (its length)
  uint32_t msg_taken_ = 0;       // message bytes taken in this command (may exceed msg[])

  BulkTransfer bulk_{};         // the data phase handed to the backend

  CoState co_cmd_, co_idle_, co_free_, co_arb_, co_sel_, co_wresel_, co_req_, co_out_, co_min_,
      co_sin_, co_xfer_, co_acc_, co_rst_, co_en_, co_phase_, co_tmsg_, co_tcmd_,
      co_tsend_, co_trecv_, co_tresel_, co_tatn_;
};

}  // namespace sb

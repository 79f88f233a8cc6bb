// Command intake, validation, the step loop, completions and aborts.
#include "sb/controller.h"

#include "sb/timing.h"

namespace sb {

namespace {
constexpr uint16_t kDefaultMinSyncPeriodNs = 200;  // 5 MB/s: what a polled soft controller sustains

bool is_data_op(uint8_t op) {
  return op == SB_OP_TRANSFER || op == SB_OP_SEND_DATA || op == SB_OP_RECEIVE_DATA;
}
}  // namespace

void Controller::init(PinBackend* backend, const sb_options& options) {
  be_ = backend;
  options_ = options;
  if (options_.scsi_id > 7) options_.scsi_id = 7;
  if (options_.max_sync_offset > timing::kMaxSyncOffset) options_.max_sync_offset = timing::kMaxSyncOffset;
  if (options_.min_sync_period_ns == 0) options_.min_sync_period_ns = kDefaultMinSyncPeriodNs;
  if (options_.min_sync_period_ns < timing::kFastAssertionPeriod + timing::kFastNegationPeriod) {
    options_.min_sync_period_ns = timing::kFastAssertionPeriod + timing::kFastNegationPeriod;
  }
  for (auto& a : sync_) a = Agreement{0, 0};
  running_ = completion_ready_ = false;
  conn_ = Conn::kNone;
  abort_ = Abort::kNone;
}

int Controller::validate(const sb_command& c) const {
  const bool initiator_connected = conn_ == Conn::kInitiator;
  const bool target_connected = conn_ == Conn::kTarget;
  const bool idle_bus = conn_ == Conn::kNone;
  if (c.byte_count > SB_INLINE_BYTES) return SB_ERR_INVALID;
  if (is_data_op(c.op)) {
    if (c.length > c.buffer_size) return SB_ERR_INVALID;
    if (c.length > 0 && c.buffer == 0) return SB_ERR_INVALID;
  }
  switch (c.op) {
    case SB_OP_SELECT:
      return (idle_bus && c.peer_id <= 7 && c.peer_id != options_.scsi_id) ? SB_OK : SB_ERR_INVALID;
    case SB_OP_MESSAGE_OUT:
    case SB_OP_COMMAND_OUT:
      return (initiator_connected && !ack_held_ && c.byte_count > 0) ? SB_OK : SB_ERR_INVALID;
    case SB_OP_TRANSFER:
    case SB_OP_MESSAGE_IN:
    case SB_OP_STATUS_IN:
      return (initiator_connected && !ack_held_) ? SB_OK : SB_ERR_INVALID;
    case SB_OP_ACCEPT_MESSAGE:
      return (initiator_connected && ack_held_) ? SB_OK : SB_ERR_INVALID;
    case SB_OP_SET_ATN:
    case SB_OP_CLEAR_ATN:
      return initiator_connected ? SB_OK : SB_ERR_INVALID;
    case SB_OP_WAIT_RESELECT:
      return idle_bus ? SB_OK : SB_ERR_INVALID;
    case SB_OP_RESET_BUS:
      return SB_OK;
    case SB_OP_SET_SYNC:
      if (c.peer_id > 7 || c.peer_id == options_.scsi_id) return SB_ERR_INVALID;
      if (c.sync_offset > timing::kMaxSyncOffset) return SB_ERR_INVALID;
      return (c.sync_offset == 0 || c.sync_period_ns > 0) ? SB_OK : SB_ERR_INVALID;
    case SB_OP_ENABLE_SELECTION:
      return (idle_bus && c.id_mask != 0) ? SB_OK : SB_ERR_INVALID;
    case SB_OP_RECEIVE_COMMAND:
    case SB_OP_SEND_DATA:
    case SB_OP_RECEIVE_DATA:
    case SB_OP_SEND_STATUS:
    case SB_OP_RECEIVE_MESSAGE:
    case SB_OP_DISCONNECT:
      return target_connected ? SB_OK : SB_ERR_INVALID;
    case SB_OP_SEND_MESSAGE:
      return (target_connected && c.byte_count > 0) ? SB_OK : SB_ERR_INVALID;
    case SB_OP_RESELECT:
      if (!idle_bus || c.peer_id > 7) return SB_ERR_INVALID;
      if (c.id_mask != 0 && (c.id_mask & (c.id_mask - 1)) != 0) return SB_ERR_INVALID;
      {
        uint8_t as = options_.scsi_id;
        for (uint8_t i = 0; i < 8; ++i) {
          if (c.id_mask == (1u << i)) as = i;
        }
        if (as == c.peer_id) return SB_ERR_INVALID;
      }
      return SB_OK;
    default:
      return SB_ERR_INVALID;
  }
}

int Controller::submit(const sb_command& command) {
  if (be_ == nullptr) return SB_ERR_INVALID;
  if (running_ || completion_ready_) return SB_ERR_BUSY;
  const int v = validate(command);
  if (v != SB_OK) return v;
  begin(command);
  return SB_OK;
}

void Controller::begin(const sb_command& c) {
  cmd_ = c;
  done_ = sb_completion{};
  done_.op = c.op;
  done_.result = SB_OK;
  done_.phase = phase_;
  done_.own_id = options_.scsi_id;
  done_.peer_id = peer_;
  running_ = true;
  cancel_requested_ = false;
  cancellable_ = false;
  abort_ = Abort::kNone;
  cmd_deadline_ = c.timeout_ns != 0 ? be_->now_ns() + c.timeout_ns : kNever;
  // The role a connection will have decides which way the data transceivers may drive.
  if (c.op == SB_OP_SELECT || c.op == SB_OP_WAIT_RESELECT) be_->set_data_gate(DataGate::kWhenIoReleased);
  if (c.op == SB_OP_ENABLE_SELECTION) be_->set_data_gate(DataGate::kWhenIoAsserted);
  // A target that reselects first arbitrates with its ID on the data bus while I/O is still
  // released: its drivers must be on for that; reselect_as_target narrows the gate afterwards.
  if (c.op == SB_OP_RESELECT) be_->set_data_gate(DataGate::kAlways);
  co_cmd_.line = 0;
  index_ = total_ = sent_ = acked_ = 0;
  parity_bad_ = 0;
  atn_stop_ = false;
  data_parity_error_ = false;
  msg_taken_ = 0;
  msg_start_ = 0;
}

StepResult Controller::step() {
  // After a reset has been reported, nothing starts until RST is gone: the same reset is
  // never reported twice, and a command submitted meanwhile begins on a clear bus.
  if (reset_held_) {
    if (!await_raw(WaitCond{kRst, 0, 0, 0, kNever, false})) return StepResult::kWaiting;
    reset_held_ = false;
    if (running_) cmd_deadline_ = cmd_.timeout_ns != 0 ? be_->now_ns() + cmd_.timeout_ns : kNever;
  }
  for (;;) {
    const Co r = running_ ? run_command() : idle();
    if (abort_ != Abort::kNone) {
      abort_now();
      if (completion_ready_) return StepResult::kCompleted;
      continue;  // back to the idle routine
    }
    if (r == Co::kDone && running_) {
      finish(done_.result);
      return StepResult::kCompleted;
    }
    return StepResult::kWaiting;
  }
}

bool Controller::take_completion(sb_completion* out) {
  if (!completion_ready_) return false;
  if (out != nullptr) *out = done_;
  completion_ready_ = false;
  return true;
}

void Controller::finish(uint8_t result) {
  // A cancel belongs to the command it was meant for; none outlives it.
  cancel_requested_ = false;
  cancellable_ = false;
  // A target learns of ATN only through its lines; tell the firmware when the initiator
  // still wants MESSAGE OUT (for instance ATN raised during COMMAND).
  if (conn_ == Conn::kTarget && (be_->read_lines() & kAtn) != 0) done_.flags |= SB_CF_ATN_PENDING;
  done_.result = result;
  done_.phase = phase_;
  done_.time_ns = be_->now_ns();
  if (done_.peer_id == 0xFF) done_.peer_id = peer_;
  running_ = false;
  completion_ready_ = true;
}

void Controller::finish_data_counts() {
  done_.bytes_moved = index_;
  done_.residual = total_ > index_ ? total_ - index_ : 0;
}

void Controller::release_everything() {
  be_->release_data();
  be_->release_lines(self_reset_ ? (kAllLines & ~kRst) : kAllLines);
  be_->capture_disarm();
  capture_armed_ = have_entry_ = driving_ = false;
  atn_ = ack_held_ = false;
  conn_ = Conn::kNone;
  phase_set_ = false;
  phase_ = kPhaseBusFree;
  peer_ = 0xFF;
}

void Controller::abort_now() {
  const Abort why = abort_;
  abort_ = Abort::kNone;
  const bool was_connected = conn_ != Conn::kNone;
  // Every routine starts over: an abort leaves no half-finished routine behind.
  CoState* all[] = {&co_cmd_, &co_free_, &co_arb_, &co_sel_, &co_wresel_, &co_req_, &co_out_,
                    &co_min_, &co_sin_, &co_xfer_, &co_acc_, &co_rst_, &co_en_, &co_phase_,
                    &co_tmsg_, &co_tcmd_, &co_tsend_, &co_trecv_, &co_tresel_, &co_tatn_};
  for (CoState* s : all) s->line = 0;
  if (is_data_op(cmd_.op) && running_) finish_data_counts();

  if (why == Abort::kReset) {
    // The bus clear delay is 800 ns: let go of everything at once.
    release_everything();
    self_reset_ = false;
    ++resets_seen_;
    reset_held_ = true;
    co_idle_.line = 0;
    if (running_) {
      finish(SB_ERR_BUS_RESET);
    } else if (was_connected && !completion_ready_) {
      // Nobody asked, but the firmware must learn that its connection is gone.
      done_ = sb_completion{};
      done_.op = SB_OP_NONE;
      done_.own_id = options_.scsi_id;
      done_.peer_id = 0xFF;
      finish(SB_ERR_BUS_RESET);
    }
    return;
  }
  if (!running_) return;
  // A timeout or cancel before a connection exists must not leave arbitration or selection
  // lines behind; within a connection the firmware decides (ABORT message, or a bus reset).
  if (conn_ == Conn::kNone) release_everything();
  finish(why == Abort::kTimeout ? SB_ERR_TIMEOUT : SB_ERR_CANCELLED);
}

bool Controller::sync_with_peer() const {
  return conn_ != Conn::kNone && peer_ <= 7 && sync_[peer_].offset != 0;
}

void Controller::set_sync_timing() {
  const uint32_t period = peer_ <= 7 ? sync_[peer_].period_ns : 0;
  const bool fast = period < timing::kFastPeriodBelow;
  const uint32_t min_a = fast ? timing::kFastAssertionPeriod : timing::kAssertionPeriod;
  const uint32_t min_n = fast ? timing::kFastNegationPeriod : timing::kNegationPeriod;
  uint32_t a = period / 2;
  if (a < min_a) a = min_a;
  uint32_t n = period > a ? period - a : 0;
  if (n < min_n) n = min_n;
  // The next byte goes on the bus while the strobe is negated, so the negation also has to
  // give the data setup time (the fast one for fast synchronous transfers).
  const uint32_t setup = fast ? timing::kFastDataSetup : timing::kDataSetup;
  if (n < setup) n = setup;
  assert_ns_ = static_cast<uint16_t>(a);
  negate_ns_ = static_cast<uint16_t>(n);
}

uint8_t Controller::message_length(const uint8_t* msg, uint8_t have) {
  if (have == 0) return 1;
  const uint8_t first = msg[0];
  if (first == 0x01) {  // extended message: 0x01, length, code, arguments
    if (have < 2) return 2;
    const uint32_t total = 2u + (msg[1] == 0 ? 256u : msg[1]);
    return total > 255 ? 255 : static_cast<uint8_t>(total);
  }
  if (first >= 0x20 && first <= 0x2F) return 2;  // two-byte messages
  return 1;
}

uint8_t Controller::cdb_length(uint8_t opcode) {
  // Plextor's READ CDDA: a 12-byte vendor command, which the CD-ROM emulation serves for a
  // Plextor profile; the rest of group 6 keeps the common 6 bytes.
  if (opcode == 0xD8) return 12;
  switch (opcode >> 5) {
    case 0: return 6;
    case 1:
    case 2: return 10;
    case 4: return 16;
    case 5: return 12;
    case 6: return 6;   // vendor specific: the common choice
    case 7: return 10;  // vendor specific: the common choice
    default: return 6;  // group 3 is reserved; the target rejects it after taking six bytes
  }
}

Co Controller::run_command() {
  SB_CO_BEGIN(co_cmd_);
  if (cmd_.op == SB_OP_SELECT) {
    SB_CO_CALL(co_cmd_, co_sel_, select());
  } else if (cmd_.op == SB_OP_MESSAGE_OUT || cmd_.op == SB_OP_COMMAND_OUT) {
    SB_CO_CALL(co_cmd_, co_out_, initiator_out_bytes());
  } else if (cmd_.op == SB_OP_TRANSFER) {
    SB_CO_CALL(co_cmd_, co_xfer_, initiator_transfer());
  } else if (cmd_.op == SB_OP_MESSAGE_IN) {
    SB_CO_CALL(co_cmd_, co_min_, initiator_message_in());
  } else if (cmd_.op == SB_OP_STATUS_IN) {
    SB_CO_CALL(co_cmd_, co_sin_, initiator_status_in());
  } else if (cmd_.op == SB_OP_ACCEPT_MESSAGE) {
    SB_CO_CALL(co_cmd_, co_acc_, accept_message());
  } else if (cmd_.op == SB_OP_SET_ATN) {
    be_->assert_lines(kAtn);
    atn_ = true;
  } else if (cmd_.op == SB_OP_CLEAR_ATN) {
    be_->release_lines(kAtn);
    atn_ = false;
  } else if (cmd_.op == SB_OP_WAIT_RESELECT) {
    SB_CO_CALL(co_cmd_, co_wresel_, wait_reselect());
  } else if (cmd_.op == SB_OP_RESET_BUS) {
    SB_CO_CALL(co_cmd_, co_rst_, reset_bus());
  } else if (cmd_.op == SB_OP_SET_SYNC) {
    {
      uint8_t offset = cmd_.sync_offset;
      if (offset > options_.max_sync_offset) offset = options_.max_sync_offset;
      uint16_t period = cmd_.sync_period_ns;
      if (period < options_.min_sync_period_ns) period = options_.min_sync_period_ns;
      sync_[cmd_.peer_id] = Agreement{offset != 0 ? period : uint16_t{0}, offset};
      // The agreement in force is reported back: period in bytes_moved, offset in residual.
      done_.bytes_moved = sync_[cmd_.peer_id].period_ns;
      done_.residual = offset;
      if (conn_ == Conn::kInitiator && peer_ == cmd_.peer_id) arm_initiator_capture();
    }
  } else if (cmd_.op == SB_OP_ENABLE_SELECTION) {
    SB_CO_CALL(co_cmd_, co_en_, enable_selection());
  } else if (cmd_.op == SB_OP_RECEIVE_COMMAND) {
    SB_CO_CALL(co_cmd_, co_tcmd_, target_receive_command());
  } else if (cmd_.op == SB_OP_SEND_DATA || cmd_.op == SB_OP_SEND_STATUS ||
             cmd_.op == SB_OP_SEND_MESSAGE) {
    SB_CO_CALL(co_cmd_, co_tsend_, target_send());
  } else if (cmd_.op == SB_OP_RECEIVE_DATA) {
    mode_ = Mode::kData;
    want_phase_ = kPhaseDataOut;
    data_ = reinterpret_cast<uint8_t*>(static_cast<uintptr_t>(cmd_.buffer));
    total_ = cmd_.length;
    SB_CO_CALL(co_cmd_, co_trecv_, target_receive());
    finish_data_counts();
    if (parity_bad_ != 0) {
      done_.parity_index = parity_bad_ - 1;
      data_parity_error_ = true;
    }
    if (atn_stop_) SB_CO_CALL(co_cmd_, co_tatn_, target_attention());
    if (data_parity_error_) done_.result = SB_ERR_PARITY;
  } else if (cmd_.op == SB_OP_RECEIVE_MESSAGE) {
    SB_CO_CALL(co_cmd_, co_tmsg_, target_receive_messages());
  } else if (cmd_.op == SB_OP_DISCONNECT) {
    release_everything();
  } else if (cmd_.op == SB_OP_RESELECT) {
    SB_CO_CALL(co_cmd_, co_tresel_, reselect_as_target());
  }
  SB_CO_END(co_cmd_);
}

// While no command runs, the controller only watches for a bus reset, which ends any
// connection it still holds.
Co Controller::idle() {
  SB_CO_BEGIN(co_idle_);
  for (;;) {
    SB_CO_AWAIT(co_idle_, await_time(kNever));
  }
  SB_CO_END(co_idle_);
}

}  // namespace sb

#include "sb_nf/interop_runtime.h"

namespace sb {
namespace nf {

namespace {
Runtime g_runtime;
// The big buffers live apart from the runtime object, zero-initialised, so they take no room
// in the firmware image (.bss, not .data): the ring, the staging areas, the receiver.
alignas(4) uint8_t g_ring_memory[SB_NF_RING_BYTES];
alignas(4) uint8_t g_staging[kMaxControllers][kStagingBytes];
FrameReceiver g_receiver;

bool byte_field(int32_t v) { return v >= 0 && v <= 0xFF; }
}  // namespace

Runtime& runtime() { return g_runtime; }

int32_t Runtime::start(const Platform& platform) {
  if (started_) return kAlreadyCreated;
  if (platform.backend == nullptr || platform.post_event == nullptr || platform.now_ns == nullptr) return kBadArgument;
  platform_ = platform;
  started_ = true;
  return kOk;
}

void Runtime::reset_for_test() {
  started_ = false;
  platform_ = Platform{};
  for (ControllerSlot& c : controllers_) c.open = false;
  ring_ = SlotRing{};
  ring_created_ = false;
  receiver_created_ = false;
  g_receiver.reset();
  link_open_ = false;
}

Runtime::ControllerSlot* Runtime::slot(int32_t index) {
  if (index < 0 || static_cast<uint32_t>(index) >= kMaxControllers || !controllers_[index].open) return nullptr;
  return &controllers_[index];
}

const Runtime::ControllerSlot* Runtime::slot(int32_t index) const {
  if (index < 0 || static_cast<uint32_t>(index) >= kMaxControllers || !controllers_[index].open) return nullptr;
  return &controllers_[index];
}

// The bus loop's completion hook, on core 1: the index of the controller goes to managed code.
void Runtime::on_completion(void* context) {
  ControllerSlot* c = static_cast<ControllerSlot*>(context);
  Runtime& r = runtime();
  const uint32_t index = static_cast<uint32_t>(c - r.controllers_);
  r.platform_.post_event(kEventCompletion, index);
}

int32_t Runtime::open_controller(int32_t scsi_id, int32_t parity_check, int32_t max_sync_offset,
                                 int32_t min_sync_period_ns) {
  if (!started_) return kNotStarted;
  if (scsi_id < 0 || scsi_id > 7 || max_sync_offset < 0 || max_sync_offset > 15 || min_sync_period_ns < 0 ||
      min_sync_period_ns > 0xFFFF) {
    return kBadArgument;
  }
  for (uint32_t i = 0; i < kMaxControllers; ++i) {
    ControllerSlot& c = controllers_[i];
    if (c.open) continue;
    sb_options o{};
    o.scsi_id = static_cast<uint8_t>(scsi_id);
    o.parity_check = parity_check != 0 ? 1 : 0;
    o.max_sync_offset = static_cast<uint8_t>(max_sync_offset);
    o.min_sync_period_ns = static_cast<uint16_t>(min_sync_period_ns);
    c.commands.head = c.commands.tail = 0;
    c.completions.head = c.completions.tail = 0;
    c.controller.init(platform_.backend, o);
    c.loop.init(&c.controller, &c.commands, &c.completions, &Runtime::on_completion, &c);
    // Published last: the bus loop's task only turns open controllers.
    __atomic_store_n(&c.open, true, __ATOMIC_RELEASE);
    return static_cast<int32_t>(i);
  }
  return kNoControllerFree;
}

int32_t Runtime::submit(int32_t index, const int32_t* f, uint32_t field_count, const uint8_t* inline_bytes,
                        uint32_t inline_count) {
  ControllerSlot* c = slot(index);
  if (c == nullptr) return started_ ? kNoSuchController : kNotStarted;
  if (f == nullptr || field_count < kCommandFields || inline_bytes == nullptr || inline_count < SB_INLINE_BYTES) {
    return kBadArgument;
  }
  if (!byte_field(f[kCmdOp]) || !byte_field(f[kCmdFlags]) || !byte_field(f[kCmdPeerId]) ||
      !byte_field(f[kCmdIdMask]) || !byte_field(f[kCmdStatusByte]) || !byte_field(f[kCmdByteCount]) ||
      !byte_field(f[kCmdSyncOffset]) || f[kCmdSyncPeriodNs] < 0 || f[kCmdSyncPeriodNs] > 0xFFFF ||
      f[kCmdLength] < 0 || f[kCmdBufferCount] < 0 || f[kCmdSlotOffset] < 0) {
    return kBadArgument;
  }
  sb_command cmd{};
  cmd.op = static_cast<uint8_t>(f[kCmdOp]);
  cmd.flags = static_cast<uint8_t>(f[kCmdFlags]);
  cmd.peer_id = static_cast<uint8_t>(f[kCmdPeerId]);
  cmd.id_mask = static_cast<uint8_t>(f[kCmdIdMask]);
  cmd.status_byte = static_cast<uint8_t>(f[kCmdStatusByte]);
  cmd.byte_count = static_cast<uint8_t>(f[kCmdByteCount]);
  cmd.sync_offset = static_cast<uint8_t>(f[kCmdSyncOffset]);
  cmd.sync_period_ns = static_cast<uint16_t>(f[kCmdSyncPeriodNs]);
  cmd.length = static_cast<uint32_t>(f[kCmdLength]);
  cmd.timeout_ns = (static_cast<uint64_t>(static_cast<uint32_t>(f[kCmdTimeoutHigh])) << 32) |
                   static_cast<uint32_t>(f[kCmdTimeoutLow]);
  for (uint32_t i = 0; i < SB_INLINE_BYTES; ++i) cmd.bytes[i] = inline_bytes[i];

  const uint32_t count = static_cast<uint32_t>(f[kCmdBufferCount]);
  switch (f[kCmdDataSource]) {
    case kSourceNone:
      break;
    case kSourceSlot: {
      // The bus loop gets the slot's address: ring memory is native and stays put.
      if (!ring_created_) return SB_RING_E_UNSET;
      uint8_t* at = nullptr;
      const int32_t rc = ring_.span(static_cast<uint32_t>(f[kCmdSlotHandle]), static_cast<uint32_t>(f[kCmdSlotOffset]),
                                    count, &at);
      if (rc != SB_RING_OK) return rc;
      cmd.buffer = reinterpret_cast<uintptr_t>(at);
      cmd.buffer_size = count;
      break;
    }
    case kSourceStaging:
      if (count > kStagingBytes) return kBadArgument;
      cmd.buffer = reinterpret_cast<uintptr_t>(g_staging[index]);
      cmd.buffer_size = count;
      break;
    default:
      return kBadArgument;
  }
  return c->commands.push(cmd) ? kOk : kQueueFull;
}

int32_t Runtime::cancel(int32_t index) {
  ControllerSlot* c = slot(index);
  if (c == nullptr) return started_ ? kNoSuchController : kNotStarted;
  c->controller.cancel();
  return kOk;
}

int32_t Runtime::take_completion(int32_t index, int32_t* f, uint32_t field_count, uint8_t* msg, uint32_t msg_count,
                                 uint8_t* cdb, uint32_t cdb_count) {
  ControllerSlot* c = slot(index);
  if (c == nullptr) return started_ ? kNoSuchController : kNotStarted;
  if (f == nullptr || field_count < kCompletionFields || msg == nullptr || msg_count < SB_INLINE_BYTES ||
      cdb == nullptr || cdb_count < SB_INLINE_BYTES) {
    return kBadArgument;
  }
  sb_completion d{};
  if (!c->completions.pop(&d)) return 0;
  f[kDoneOp] = d.op;
  f[kDoneResult] = d.result;
  f[kDonePhase] = d.phase;
  f[kDoneFlags] = d.flags;
  f[kDonePeerId] = d.peer_id;
  f[kDoneOwnId] = d.own_id;
  f[kDoneIdentify] = d.identify;
  f[kDoneMsgLength] = d.msg_len;
  f[kDoneCdbLength] = d.cdb_len;
  f[kDoneStatusByte] = d.status_byte;
  f[kDoneArbitrationRetries] = d.arbitration_retries;
  f[kDoneBytesMoved] = static_cast<int32_t>(d.bytes_moved);
  f[kDoneResidual] = static_cast<int32_t>(d.residual);
  f[kDoneParityIndex] = static_cast<int32_t>(d.parity_index);
  f[kDoneTimeLow] = static_cast<int32_t>(static_cast<uint32_t>(d.time_ns));
  f[kDoneTimeHigh] = static_cast<int32_t>(static_cast<uint32_t>(d.time_ns >> 32));
  for (uint32_t i = 0; i < SB_INLINE_BYTES; ++i) {
    msg[i] = d.msg[i];
    cdb[i] = d.cdb[i];
  }
  return 1;
}

int32_t Runtime::stage_in(int32_t index, const uint8_t* from, uint32_t from_size, int32_t offset, int32_t count) {
  ControllerSlot* c = slot(index);
  if (c == nullptr) return started_ ? kNoSuchController : kNotStarted;
  if (from == nullptr || offset < 0 || count < 0 || static_cast<uint32_t>(count) > kStagingBytes ||
      static_cast<uint32_t>(offset) > from_size || static_cast<uint32_t>(count) > from_size - static_cast<uint32_t>(offset)) {
    return kBadArgument;
  }
  copy_bytes(g_staging[index], from + offset, static_cast<uint32_t>(count));
  return kOk;
}

int32_t Runtime::stage_out(int32_t index, uint8_t* into, uint32_t into_size, int32_t offset, int32_t count) {
  ControllerSlot* c = slot(index);
  if (c == nullptr) return started_ ? kNoSuchController : kNotStarted;
  if (into == nullptr || offset < 0 || count < 0 || static_cast<uint32_t>(count) > kStagingBytes ||
      static_cast<uint32_t>(offset) > into_size || static_cast<uint32_t>(count) > into_size - static_cast<uint32_t>(offset)) {
    return kBadArgument;
  }
  copy_bytes(into + offset, g_staging[index], static_cast<uint32_t>(count));
  return kOk;
}

int32_t Runtime::state(int32_t index, int32_t* f, uint32_t field_count) const {
  const ControllerSlot* c = slot(index);
  if (c == nullptr) return started_ ? kNoSuchController : kNotStarted;
  if (f == nullptr || field_count < kStateFields) return kBadArgument;
  f[kStateBusy] = c->controller.busy() ? 1 : 0;
  f[kStateQueuedCommands] = static_cast<int32_t>(__atomic_load_n(&c->commands.head, __ATOMIC_ACQUIRE) -
                                                 __atomic_load_n(&c->commands.tail, __ATOMIC_ACQUIRE));
  f[kStateWaitingCompletions] = static_cast<int32_t>(__atomic_load_n(&c->completions.head, __ATOMIC_ACQUIRE) -
                                                     __atomic_load_n(&c->completions.tail, __ATOMIC_ACQUIRE));
  f[kStateHeldBack] = static_cast<int32_t>(c->loop.held_back());
  f[kStateResetsSeen] = static_cast<int32_t>(c->controller.resets_seen());
  return kOk;
}

int64_t Runtime::now_ns() const {
  return started_ ? static_cast<int64_t>(platform_.now_ns()) : 0;
}

bool Runtime::run_once() {
  bool did = false;
  for (ControllerSlot& c : controllers_) {
    if (__atomic_load_n(&c.open, __ATOMIC_ACQUIRE) && c.loop.run_once()) did = true;
  }
  return did;
}

int32_t Runtime::ring_create(int32_t slots, int32_t slot_size) {
  if (!started_) return kNotStarted;
  if (ring_created_) return kAlreadyCreated;
  if (slots <= 0 || slot_size <= 0 || static_cast<uint32_t>(slots) > SB_RING_MAX_SLOTS) return kBadArgument;
  const uint64_t need = static_cast<uint64_t>(slots) * static_cast<uint64_t>(slot_size);
  if (need > SB_NF_RING_BYTES) return kNoMemory;
  const int32_t rc = ring_.init(g_ring_memory, sizeof g_ring_memory, static_cast<uint32_t>(slots),
                                static_cast<uint32_t>(slot_size));
  if (rc != SB_RING_OK) return rc;
  ring_created_ = true;
  return kOk;
}

FrameReceiver* Runtime::receiver() { return receiver_created_ ? &g_receiver : nullptr; }

int32_t Runtime::receiver_create() {
  if (!started_) return kNotStarted;
  if (receiver_created_) return kAlreadyCreated;
  g_receiver.reset();
  receiver_created_ = true;
  return kOk;
}

int32_t Runtime::link_open() {
  if (!started_) return kNotStarted;
  if (platform_.link == nullptr) return kNoLink;
  const int32_t rc = platform_.link->open();
  if (rc == kOk) link_open_ = true;
  return rc;
}

int32_t Runtime::link_read(uint8_t* into, uint32_t count) {
  if (!link_open_) return platform_.link == nullptr ? kNoLink : kLinkClosed;
  return platform_.link->read(into, count);
}

int32_t Runtime::link_write(const uint8_t* from, uint32_t count) {
  if (!link_open_) return platform_.link == nullptr ? kNoLink : kLinkClosed;
  return platform_.link->write(from, count);
}

void Runtime::link_data_arrived(uint32_t waiting) {
  if (started_) platform_.post_event(kEventLinkData, waiting);
}

}  // namespace nf
}  // namespace sb

#include "harness.h"

#include <string.h>

namespace sbtest {

bool run(SimBus& bus, std::vector<Script*> scripts, uint64_t until) {
  for (Script* s : scripts) {
    if (s->next < s->steps.size() && bus.submit(s->device, s->steps[s->next]) != SB_OK) return false;
  }
  for (;;) {
    uint32_t mask = 0;
    for (Script* s : scripts) {
      if (s->next < s->steps.size()) mask |= 1u << s->device;
    }
    if (mask == 0) return true;
    int dev = -1;
    const int r = bus.run(mask, until, &dev);
    if (r != SB_RUN_COMPLETED) return false;
    for (Script* s : scripts) {
      if (s->device != dev) continue;
      sb_completion c{};
      bus.take_completion(dev, &c);
      s->done.push_back(c);
      ++s->next;
      const bool ok = c.result == SB_OK || c.result >= SB_INFO_RESELECTED;
      if (!ok && s->stop_on_error) {
        s->next = s->steps.size();
      } else if (s->next < s->steps.size()) {
        if (bus.submit(dev, s->steps[s->next]) != SB_OK) return false;
      }
    }
  }
}

std::string violations_text(SimBus& bus) {
  std::string out;
  for (const sb_violation& v : bus.monitor().violations()) {
    out += v.text;
    out += '\n';
  }
  return out;
}

sb_options options(uint8_t id, bool parity) {
  sb_options o{};
  o.scsi_id = id;
  o.parity_check = parity ? 1 : 0;
  o.max_sync_offset = 15;
  o.min_sync_period_ns = 100;
  return o;
}

std::vector<uint8_t> random_bytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

namespace cmd {
namespace {
sb_command op(uint8_t o) {
  sb_command c{};
  c.op = o;
  return c;
}
sb_command with_bytes(uint8_t o, const uint8_t* b, size_t n) {
  sb_command c = op(o);
  c.byte_count = static_cast<uint8_t>(n);
  memcpy(c.bytes, b, n);
  return c;
}
sb_command with_buffer(uint8_t o, uint8_t* data, uint32_t length) {
  sb_command c = op(o);
  c.buffer = reinterpret_cast<uintptr_t>(data);
  c.buffer_size = length;
  c.length = length;
  return c;
}
}  // namespace
sb_command select(uint8_t target, bool atn, uint8_t flags) {
  sb_command c = op(SB_OP_SELECT);
  c.peer_id = target;
  c.flags = static_cast<uint8_t>(flags | (atn ? SB_CMD_ATN : 0));
  return c;
}
sb_command message_out(std::initializer_list<uint8_t> bytes) {
  return with_bytes(SB_OP_MESSAGE_OUT, bytes.begin(), bytes.size());
}
sb_command command_out(const std::vector<uint8_t>& cdb) { return with_bytes(SB_OP_COMMAND_OUT, cdb.data(), cdb.size()); }
sb_command transfer(std::vector<uint8_t>& buffer, uint32_t length) {
  sb_command c = with_buffer(SB_OP_TRANSFER, buffer.data(), length);
  c.buffer_size = static_cast<uint32_t>(buffer.size());
  return c;
}
sb_command transfer_at(uint8_t* data, uint32_t length) { return with_buffer(SB_OP_TRANSFER, data, length); }
sb_command status_in() { return op(SB_OP_STATUS_IN); }
sb_command message_in() { return op(SB_OP_MESSAGE_IN); }
sb_command accept() { return op(SB_OP_ACCEPT_MESSAGE); }
sb_command set_atn() { return op(SB_OP_SET_ATN); }
sb_command set_sync(uint8_t peer, uint16_t period_ns, uint8_t offset) {
  sb_command c = op(SB_OP_SET_SYNC);
  c.peer_id = peer;
  c.sync_period_ns = period_ns;
  c.sync_offset = offset;
  return c;
}
sb_command wait_reselect(uint64_t timeout_ns) {
  sb_command c = op(SB_OP_WAIT_RESELECT);
  c.timeout_ns = timeout_ns;
  return c;
}
sb_command reset_bus() { return op(SB_OP_RESET_BUS); }
sb_command enable_selection(uint8_t id_mask) {
  sb_command c = op(SB_OP_ENABLE_SELECTION);
  c.id_mask = id_mask;
  return c;
}
sb_command receive_command() { return op(SB_OP_RECEIVE_COMMAND); }
sb_command send_data(std::vector<uint8_t>& buffer, uint32_t length) {
  sb_command c = with_buffer(SB_OP_SEND_DATA, buffer.data(), length);
  c.buffer_size = static_cast<uint32_t>(buffer.size());
  return c;
}
sb_command send_data_at(uint8_t* data, uint32_t length) { return with_buffer(SB_OP_SEND_DATA, data, length); }
sb_command receive_data_at(uint8_t* data, uint32_t length) { return with_buffer(SB_OP_RECEIVE_DATA, data, length); }
sb_command receive_data(std::vector<uint8_t>& buffer, uint32_t length) {
  sb_command c = with_buffer(SB_OP_RECEIVE_DATA, buffer.data(), length);
  c.buffer_size = static_cast<uint32_t>(buffer.size());
  return c;
}
sb_command send_status(uint8_t status) {
  sb_command c = op(SB_OP_SEND_STATUS);
  c.status_byte = status;
  return c;
}
sb_command send_message(std::initializer_list<uint8_t> bytes) {
  return with_bytes(SB_OP_SEND_MESSAGE, bytes.begin(), bytes.size());
}
sb_command receive_message() { return op(SB_OP_RECEIVE_MESSAGE); }
sb_command disconnect() { return op(SB_OP_DISCONNECT); }
sb_command reselect(uint8_t initiator) {
  sb_command c = op(SB_OP_RESELECT);
  c.peer_id = initiator;
  return c;
}
}  // namespace cmd

void initiator_command(Script& s, uint8_t target, const std::vector<uint8_t>& cdb, std::vector<uint8_t>* data,
                       uint32_t length) {
  s.then(cmd::select(target)).then(cmd::message_out({0xC0})).then(cmd::command_out(cdb));
  if (data != nullptr) s.then(cmd::transfer(*data, length));
  s.then(cmd::status_in()).then(cmd::message_in()).then(cmd::accept());
}

void target_command(Script& s, uint8_t id_mask, std::vector<uint8_t>* data, uint32_t length, bool data_in) {
  s.then(cmd::enable_selection(id_mask));
  if (data != nullptr) s.then(data_in ? cmd::send_data(*data, length) : cmd::receive_data(*data, length));
  s.then(cmd::send_status(0x00)).then(cmd::send_message({0x00})).then(cmd::disconnect());
}

}  // namespace sbtest

// The platform the interop tests start the runtime on: an empty bus, its clock, events posted
// to the fake nanoCLR (fake_stack_frame.h), and the link channel a test gives.
#pragma once
#include "empty_bus.h"
#include "fake_stack_frame.h"
#include "sb_nf/interop_runtime.h"

namespace sbtest {

inline EmptyBus*& platform_bus() {
  static EmptyBus* bus = nullptr;
  return bus;
}
inline uint64_t platform_now() { return platform_bus()->now_; }
inline void platform_post(uint16_t kind, uint32_t data) { PostManagedEvent(EVENT_CUSTOM, 0, kind, data); }

// The runtime reset, then started on this bus with this channel (null: no link).
inline int32_t start_runtime(EmptyBus& bus, sb::nf::LinkChannel* link) {
  sb::nf::runtime().reset_for_test();
  posted_events().clear();
  platform_bus() = &bus;
  sb::nf::Platform p;
  p.backend = &bus;
  p.link = link;
  p.post_event = &platform_post;
  p.now_ns = &platform_now;
  return sb::nf::runtime().start(p);
}

}  // namespace sbtest

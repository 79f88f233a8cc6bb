// A stand-in for nanoCLR's managed stack frame: the arguments a managed call would carry and
// the result the handler leaves, so the marshalling stubs run on the host exactly as written.
// With fake_stack_frame.cpp it implements the declarations of sb_nf/nanoclr_interop_api.h.
#pragma once
#include <stdint.h>

#include <vector>

#include "sb_nf/nanoclr_interop_api.h"

struct FakeArg {
  enum Kind { kInt, kInts, kBytes } kind;
  int32_t value = 0;
  std::vector<int32_t>* ints = nullptr;  // null: a null managed array
  std::vector<uint8_t>* bytes = nullptr;
};

struct CLR_RT_StackFrame {
  std::vector<FakeArg> args;
  enum { kNone, kInt32, kInt64 } result_kind = kNone;
  int64_t result = 0;

  CLR_RT_StackFrame& i(int32_t v) {
    args.push_back(FakeArg{FakeArg::kInt, v, nullptr, nullptr});
    return *this;
  }
  CLR_RT_StackFrame& ints(std::vector<int32_t>* v) {
    args.push_back(FakeArg{FakeArg::kInts, 0, v, nullptr});
    return *this;
  }
  CLR_RT_StackFrame& bytes(std::vector<uint8_t>* v) {
    args.push_back(FakeArg{FakeArg::kBytes, 0, nullptr, v});
    return *this;
  }
};

// Events posted with PostManagedEvent, in order.
struct PostedEvent {
  uint8_t category;
  uint8_t sub;
  uint16_t data1;
  uint32_t data2;
};
std::vector<PostedEvent>& posted_events();

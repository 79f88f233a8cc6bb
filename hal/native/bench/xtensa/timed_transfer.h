// One asynchronous bulk transfer timed on the cycle counter, for the bare-metal Xtensa
// harnesses: the backend's scripted bus is set up by the caller; *ok turns false unless the
// transfer completed whole, with good parity.
#pragma once
#include <stdint.h>

#include "sb/backend.h"
#include "sb/bulk.h"
#include "semihosting.h"

namespace sbx {

template <class Backend>
uint32_t ticks_of_transfer(Backend& backend, uint8_t* buffer, bool initiator, uint8_t phase, uint32_t count, bool* ok) {
  sb::BulkTransfer t{};
  t.data = buffer;
  t.count = count;
  t.deadline_ns = sb::kNever;
  t.phase = phase;
  t.initiator = initiator;
  t.parity_check = true;
  sb::bulk_begin(t);
  const uint32_t start = ccount();
  const bool done = backend.transfer(t);
  const uint32_t stop = ccount();
  *ok = *ok && done && t.end == sb::BulkEnd::kDone && t.moved == count && t.parity_bad == 0;
  return stop - start;
}

}  // namespace sbx

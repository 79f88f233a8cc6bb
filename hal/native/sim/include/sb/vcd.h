// Records every change of the 18 lines and writes them as a Value Change Dump that GTKWave,
// PulseView and Surfer open. 1 means asserted (the cable itself is active low).
#pragma once
#include <stdint.h>

#include <string>
#include <vector>

namespace sb {
namespace sim {

class Trace {
 public:
  void set_enabled(bool on) { enabled_ = on; }
  bool enabled() const { return enabled_; }
  void record(uint64_t t, uint32_t lines);
  size_t size() const { return events_.size(); }
  // The same events always give the same bytes: no date, no version string.
  std::string to_vcd(uint32_t initial_lines) const;

 private:
  struct Event {
    uint64_t t;
    uint32_t lines;
  };
  bool enabled_ = false;
  std::vector<Event> events_;
};

}  // namespace sim
}  // namespace sb

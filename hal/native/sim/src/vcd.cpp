#include "sb/vcd.h"

#include <stdio.h>

#include "sb/lines.h"

namespace sb {
namespace sim {

namespace {
constexpr int kLines = static_cast<int>(kLineCount);
const char* const kNames[kLines] = {"BSY", "SEL", "ATN", "ACK", "RST", "MSG", "C_D", "I_O", "REQ",
                                        "DB0", "DB1", "DB2", "DB3", "DB4", "DB5", "DB6", "DB7", "DBP"};
// One printable identifier per signal. Every signal is a 1-bit wire: sigrok (and so PulseView)
// reads only 1-bit variables, and refuses a file with a vector in it; GTKWave and Surfer can
// still group DB0-DB7 into a bus themselves.
char id_of(int line) { return static_cast<char>('!' + line); }
}  // namespace

void Trace::record(uint64_t t, uint32_t lines) {
  if (enabled_) events_.push_back(Event{t, lines});
}

std::string Trace::to_vcd(uint32_t initial_lines) const {
  std::string out;
  out.reserve(512 + events_.size() * 16);
  out += "$comment ScsiBridge simulated SCSI bus; 1 = asserted $end\n";
  out += "$timescale 1ns $end\n";
  out += "$scope module scsi $end\n";
  for (int i = 0; i < kLines; ++i) {
    out += "$var wire 1 ";
    out += id_of(i);
    out += ' ';
    out += kNames[i];
    out += " $end\n";
  }
  out += "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n";
  for (int i = 0; i < kLines; ++i) {
    out += ((initial_lines >> i) & 1u) ? '1' : '0';
    out += id_of(i);
    out += '\n';
  }
  out += "$end\n";
  uint32_t last = initial_lines;
  uint64_t last_t = 0;
  char stamp[32];
  for (const Event& e : events_) {
    const uint32_t changed = e.lines ^ last;
    if (changed == 0) continue;
    if (e.t != last_t) {
      snprintf(stamp, sizeof stamp, "#%llu\n", static_cast<unsigned long long>(e.t));
      out += stamp;
      last_t = e.t;
    }
    for (int i = 0; i < kLines; ++i) {
      if ((changed >> i) & 1u) {
        out += ((e.lines >> i) & 1u) ? '1' : '0';
        out += id_of(i);
        out += '\n';
      }
    }
    last = e.lines;
  }
  return out;
}

}  // namespace sim
}  // namespace sb

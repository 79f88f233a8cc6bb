#include "sb/vcd.h"

#include <stdio.h>

#include "sb/lines.h"

namespace sb {
namespace sim {

namespace {
constexpr int kLines = static_cast<int>(kLineCount);
const char* const kNames[kLines] = {"BSY", "SEL", "ATN", "ACK", "RST", "MSG", "C_D", "I_O", "REQ",
                                        "DB0", "DB1", "DB2", "DB3", "DB4", "DB5", "DB6", "DB7", "DBP"};
// One printable identifier per signal; '=' is the 8-bit data bus as a vector.
char id_of(int line) { return static_cast<char>('!' + line); }
constexpr char kDataId = '=';

void append_data(std::string& out, uint32_t lines) {
  out += 'b';
  for (int bit = 7; bit >= 0; --bit) out += ((lines >> (kDataShift + bit)) & 1u) ? '1' : '0';
  out += ' ';
  out += kDataId;
  out += '\n';
}
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
  out += "$var wire 8 ";
  out += kDataId;
  out += " DATA [7:0] $end\n";
  out += "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n";
  for (int i = 0; i < kLines; ++i) {
    out += ((initial_lines >> i) & 1u) ? '1' : '0';
    out += id_of(i);
    out += '\n';
  }
  append_data(out, initial_lines);
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
    if ((changed & kDataLines) != 0) append_data(out, e.lines);
    last = e.lines;
  }
  return out;
}

}  // namespace sim
}  // namespace sb

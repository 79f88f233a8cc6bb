// Resumable routines without a heap or threads: a routine records the line it stopped at and
// continues there when called again (the protothread technique). The controller's protocol
// code reads top to bottom while the simulator and the board decide how waiting happens.
// Rules for bodies: locals do not survive a suspension (keep state in members); no switch
// statement inside a body.
#pragma once
#include <stdint.h>

namespace sb {

enum class Co : uint8_t { kPending, kDone };

struct CoState {
  uint16_t line = 0;
};

}  // namespace sb

#define SB_CO_BEGIN(st) switch ((st).line) { case 0:
#define SB_CO_END(st) } (st).line = 0; return ::sb::Co::kDone
// Suspend until expr is true; expr is evaluated again on each resume.
#define SB_CO_AWAIT(st, expr) \
  do { (st).line = __LINE__; [[fallthrough]]; case __LINE__: if (!(expr)) return ::sb::Co::kPending; } while (0)
// Run a child routine to its end; the child's state is reset before the first call.
#define SB_CO_CALL(st, child_st, call) \
  do { (child_st).line = 0; (st).line = __LINE__; [[fallthrough]]; case __LINE__: \
       if ((call) == ::sb::Co::kPending) return ::sb::Co::kPending; } while (0)
#define SB_CO_RETURN(st) do { (st).line = 0; return ::sb::Co::kDone; } while (0)

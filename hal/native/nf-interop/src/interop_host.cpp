// The host build's start: nothing to bring up; a test starts the runtime with its own platform.
#include "sb_nf/interop_runtime.h"

namespace sb {
namespace nf {

int32_t ensure_started() { return runtime().started() ? kOk : kNotStarted; }

}  // namespace nf
}  // namespace sb

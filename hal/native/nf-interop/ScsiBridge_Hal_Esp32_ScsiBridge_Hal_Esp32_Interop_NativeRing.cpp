// NativeRing's methods: the board's one ring (sb/slot_ring.h) in the runtime's static memory.
// Managed arrays are checked against their real size here; handles and slot ranges by the ring.
#include "ScsiBridge_Hal_Esp32.h"
#include "ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeRing.h"
#include "sb_nf/interop_runtime.h"

using namespace ScsiBridge_Hal_Esp32::ScsiBridge_Hal_Esp32;
using sb::nf::runtime;

namespace
{
// [offset, offset + count) inside an array of size elements.
bool fits(unsigned int size, signed int offset, signed int count)
{
    return offset >= 0 && count >= 0 && static_cast<unsigned int>(offset) <= size &&
           static_cast<unsigned int>(count) <= size - static_cast<unsigned int>(offset);
}
} // namespace

signed int NativeRing::NativeCreate(signed int param0, signed int param1, HRESULT &hr)
{
    (void)hr;
    const int32_t up = sb::nf::ensure_started();
    if (up != sb::nf::kOk) return up;
    return runtime().ring_create(param0, param1);
}

signed int NativeRing::NativeAcquire(HRESULT &hr)
{
    (void)hr;
    if (!runtime().ring_ready()) return SB_RING_E_UNSET;
    uint32_t handle = 0;
    const int32_t rc = runtime().ring().acquire(&handle);
    return rc == SB_RING_OK ? static_cast<signed int>(handle) : rc;
}

signed int NativeRing::NativeRelease(signed int param0, HRESULT &hr)
{
    (void)hr;
    if (!runtime().ring_ready()) return SB_RING_E_UNSET;
    return runtime().ring().release(static_cast<uint32_t>(param0));
}

signed int NativeRing::NativeCopyIn(signed int param0, signed int param1, CLR_RT_TypedArray_UINT8 &param2,
                                    signed int param3, signed int param4, HRESULT &hr)
{
    (void)hr;
    if (!runtime().ring_ready()) return SB_RING_E_UNSET;
    if (param1 < 0 || !fits(param2.GetSize(), param3, param4)) return SB_RING_E_ARGUMENT;
    return runtime().ring().copy_in(static_cast<uint32_t>(param0), static_cast<uint32_t>(param1),
                                    param2.GetBuffer() + param3, static_cast<uint32_t>(param4));
}

signed int NativeRing::NativeCopyOut(signed int param0, signed int param1, CLR_RT_TypedArray_UINT8 &param2,
                                     signed int param3, signed int param4, HRESULT &hr)
{
    (void)hr;
    if (!runtime().ring_ready()) return SB_RING_E_UNSET;
    if (param1 < 0 || !fits(param2.GetSize(), param3, param4)) return SB_RING_E_ARGUMENT;
    return runtime().ring().copy_out(static_cast<uint32_t>(param0), static_cast<uint32_t>(param1),
                                     param2.GetBuffer() + param3, static_cast<uint32_t>(param4));
}

signed int NativeRing::NativeCopy(signed int param0, signed int param1, signed int param2, signed int param3,
                                  signed int param4, HRESULT &hr)
{
    (void)hr;
    if (!runtime().ring_ready()) return SB_RING_E_UNSET;
    if (param1 < 0 || param3 < 0 || param4 < 0) return SB_RING_E_ARGUMENT;
    return runtime().ring().copy(static_cast<uint32_t>(param0), static_cast<uint32_t>(param1),
                                 static_cast<uint32_t>(param2), static_cast<uint32_t>(param3),
                                 static_cast<uint32_t>(param4));
}

signed int NativeRing::NativeGetStats(CLR_RT_TypedArray_INT32 &param0, HRESULT &hr)
{
    (void)hr;
    if (!runtime().ring_ready()) return SB_RING_E_UNSET;
    if (param0.GetSize() < sb::nf::kRingStatsFields) return sb::nf::kBadArgument;
    sb_ring_stats s{};
    runtime().ring().stats(&s);
    signed int *out = param0.GetBuffer();
    out[0] = static_cast<signed int>(s.slot_count);
    out[1] = static_cast<signed int>(s.slot_size);
    out[2] = static_cast<signed int>(s.in_use);
    out[3] = static_cast<signed int>(s.high_water);
    out[4] = static_cast<signed int>(s.acquires);
    out[5] = static_cast<signed int>(s.releases);
    out[6] = static_cast<signed int>(s.acquire_failures);
    out[7] = static_cast<signed int>(s.refused_releases);
    return SB_RING_OK;
}

// NativeLinkPort's methods: the byte channel to the PC that the firmware build gives the runtime.
#include "ScsiBridge_Hal_Esp32.h"
#include "ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeLinkPort.h"
#include "sb_nf/interop_runtime.h"

using namespace ScsiBridge_Hal_Esp32::ScsiBridge_Hal_Esp32;
using sb::nf::runtime;

namespace
{
bool fits(unsigned int size, signed int offset, signed int count)
{
    return offset >= 0 && count >= 0 && static_cast<unsigned int>(offset) <= size &&
           static_cast<unsigned int>(count) <= size - static_cast<unsigned int>(offset);
}
} // namespace

signed int NativeLinkPort::NativeOpen(HRESULT &hr)
{
    (void)hr;
    const int32_t up = sb::nf::ensure_started();
    if (up != sb::nf::kOk) return up;
    return runtime().link_open();
}

signed int NativeLinkPort::NativeRead(CLR_RT_TypedArray_UINT8 &param0, signed int param1, signed int param2, HRESULT &hr)
{
    (void)hr;
    if (!fits(param0.GetSize(), param1, param2)) return sb::nf::kBadArgument;
    return runtime().link_read(param0.GetBuffer() + param1, static_cast<uint32_t>(param2));
}

signed int NativeLinkPort::NativeWrite(CLR_RT_TypedArray_UINT8 &param0, signed int param1, signed int param2,
                                       HRESULT &hr)
{
    (void)hr;
    if (!fits(param0.GetSize(), param1, param2)) return sb::nf::kBadArgument;
    return runtime().link_write(param0.GetBuffer() + param1, static_cast<uint32_t>(param2));
}

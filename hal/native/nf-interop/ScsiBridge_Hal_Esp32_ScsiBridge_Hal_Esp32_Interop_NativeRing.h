// The native half of NativeRing (ScsiBridge.Hal.Esp32.Interop.NativeRing), in the metadata
// processor's shape: one static function per InternalCall method, its arguments in managed
// order, failures through hr (a failed hr becomes a managed exception; the component's own
// statuses are return values, which ScsiBridge.Hal.Esp32 turns into named exceptions).
#ifndef SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_INTEROP_NATIVERING_H
#define SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_INTEROP_NATIVERING_H

#include <stdint.h>

namespace ScsiBridge_Hal_Esp32
{
namespace ScsiBridge_Hal_Esp32
{
struct NativeRing
{
    static signed int NativeCreate(signed int param0, signed int param1, HRESULT &hr);
    static signed int NativeAcquire(HRESULT &hr);
    static signed int NativeRelease(signed int param0, HRESULT &hr);
    static signed int NativeCopyIn(signed int param0, signed int param1, CLR_RT_TypedArray_UINT8 &param2, signed int param3, signed int param4, HRESULT &hr);
    static signed int NativeCopyOut(signed int param0, signed int param1, CLR_RT_TypedArray_UINT8 &param2, signed int param3, signed int param4, HRESULT &hr);
    static signed int NativeCopy(signed int param0, signed int param1, signed int param2, signed int param3, signed int param4, HRESULT &hr);
    static signed int NativeGetStats(CLR_RT_TypedArray_INT32 &param0, HRESULT &hr);
};
} // namespace ScsiBridge_Hal_Esp32
} // namespace ScsiBridge_Hal_Esp32

#endif // SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_INTEROP_NATIVERING_H

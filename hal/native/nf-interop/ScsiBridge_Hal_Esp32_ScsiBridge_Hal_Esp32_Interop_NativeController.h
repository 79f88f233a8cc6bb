// The native half of NativeController (ScsiBridge.Hal.Esp32.Interop.NativeController), in the metadata
// processor's shape: one static function per InternalCall method, its arguments in managed
// order, failures through hr (a failed hr becomes a managed exception; the component's own
// statuses are return values, which ScsiBridge.Hal.Esp32 turns into named exceptions).
#ifndef SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_INTEROP_NATIVECONTROLLER_H
#define SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_INTEROP_NATIVECONTROLLER_H

#include <stdint.h>

namespace ScsiBridge_Hal_Esp32
{
namespace ScsiBridge_Hal_Esp32
{
struct NativeController
{
    static signed int NativeOpen(signed int param0, signed int param1, signed int param2, signed int param3, HRESULT &hr);
    static signed int NativeSubmit(signed int param0, CLR_RT_TypedArray_INT32 &param1, CLR_RT_TypedArray_UINT8 &param2, HRESULT &hr);
    static void NativeCancel(signed int param0, HRESULT &hr);
    static signed int NativeTakeCompletion(signed int param0, CLR_RT_TypedArray_INT32 &param1, CLR_RT_TypedArray_UINT8 &param2, CLR_RT_TypedArray_UINT8 &param3, HRESULT &hr);
    static signed int NativeStageIn(signed int param0, CLR_RT_TypedArray_UINT8 &param1, signed int param2, signed int param3, HRESULT &hr);
    static signed int NativeStageOut(signed int param0, CLR_RT_TypedArray_UINT8 &param1, signed int param2, signed int param3, HRESULT &hr);
    static signed int NativeGetState(signed int param0, CLR_RT_TypedArray_INT32 &param1, HRESULT &hr);
    static int64_t NativeNowNs(HRESULT &hr);
};
} // namespace ScsiBridge_Hal_Esp32
} // namespace ScsiBridge_Hal_Esp32

#endif // SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_INTEROP_NATIVECONTROLLER_H

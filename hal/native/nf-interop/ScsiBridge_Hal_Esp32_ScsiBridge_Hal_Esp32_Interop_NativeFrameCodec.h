// The native half of NativeFrameCodec (ScsiBridge.Hal.Esp32.Interop.NativeFrameCodec), in the metadata
// processor's shape: one static function per InternalCall method, its arguments in managed
// order, failures through hr (a failed hr becomes a managed exception; the component's own
// statuses are return values, which ScsiBridge.Hal.Esp32 turns into named exceptions).
#ifndef SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_INTEROP_NATIVEFRAMECODEC_H
#define SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_INTEROP_NATIVEFRAMECODEC_H

#include <stdint.h>

namespace ScsiBridge_Hal_Esp32
{
namespace ScsiBridge_Hal_Esp32
{
struct NativeFrameCodec
{
    static signed int NativeEncodeFromSlot(CLR_RT_TypedArray_INT32 &param0, CLR_RT_TypedArray_UINT8 &param1, signed int param2, signed int param3, signed int param4, signed int param5, signed int param6, CLR_RT_TypedArray_UINT8 &param7, signed int param8, HRESULT &hr);
    static signed int NativeCreateReceiver(HRESULT &hr);
    static signed int NativeFeed(CLR_RT_TypedArray_UINT8 &param0, signed int param1, signed int param2, CLR_RT_TypedArray_INT32 &param3, HRESULT &hr);
    static signed int NativeCurrent(CLR_RT_TypedArray_INT32 &param0, HRESULT &hr);
    static signed int NativePayloadOut(signed int param0, CLR_RT_TypedArray_UINT8 &param1, signed int param2, signed int param3, HRESULT &hr);
    static signed int NativePayloadToSlot(signed int param0, signed int param1, signed int param2, signed int param3, HRESULT &hr);
    static signed int NativeGetReceiverStats(CLR_RT_TypedArray_INT32 &param0, HRESULT &hr);
    static void NativeResetReceiver(HRESULT &hr);
};
} // namespace ScsiBridge_Hal_Esp32
} // namespace ScsiBridge_Hal_Esp32

#endif // SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_INTEROP_NATIVEFRAMECODEC_H

// The native half of NativeLinkPort (ScsiBridge.Hal.Esp32.Interop.NativeLinkPort), in the metadata
// processor's shape: one static function per InternalCall method, its arguments in managed
// order, failures through hr (a failed hr becomes a managed exception; the component's own
// statuses are return values, which ScsiBridge.Hal.Esp32 turns into named exceptions).
#ifndef SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_INTEROP_NATIVELINKPORT_H
#define SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_INTEROP_NATIVELINKPORT_H

#include <stdint.h>

namespace ScsiBridge_Hal_Esp32
{
namespace ScsiBridge_Hal_Esp32
{
struct NativeLinkPort
{
    static signed int NativeOpen(HRESULT &hr);
    static signed int NativeRead(CLR_RT_TypedArray_UINT8 &param0, signed int param1, signed int param2, HRESULT &hr);
    static signed int NativeWrite(CLR_RT_TypedArray_UINT8 &param0, signed int param1, signed int param2, HRESULT &hr);
};
} // namespace ScsiBridge_Hal_Esp32
} // namespace ScsiBridge_Hal_Esp32

#endif // SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_INTEROP_NATIVELINKPORT_H

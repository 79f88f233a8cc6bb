// The interop component's assembly header, in the shape nanoFramework's metadata processor
// gives it (<Assembly>.h): one struct per class of ScsiBridge.Hal.Esp32 with native methods,
// declaring a handler per method, and the assembly record. Written for this project; the
// method names encode the managed signatures exactly as the processor names them
// (hal/native/nf-interop/README.md), and InteropChecksumTests checks them against the assembly.
#ifndef SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_H
#define SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_H

#if defined(SB_NF_HOST)
#include "sb_nf/nanoclr_interop_api.h"
#else
#include <nanoCLR_Interop.h>
#include <nanoCLR_Runtime.h>
#include <nanoPackStruct.h>
#endif

struct Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController
{
    NANOCLR_NATIVE_DECLARE(NativeOpen___STATIC__I4__I4__I4__I4__I4);
    NANOCLR_NATIVE_DECLARE(NativeSubmit___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1);
    NANOCLR_NATIVE_DECLARE(NativeCancel___STATIC__VOID__I4);
    NANOCLR_NATIVE_DECLARE(NativeTakeCompletion___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1__SZARRAY_U1);
    NANOCLR_NATIVE_DECLARE(NativeStageIn___STATIC__I4__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(NativeStageOut___STATIC__I4__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(NativeGetState___STATIC__I4__I4__SZARRAY_I4);
    NANOCLR_NATIVE_DECLARE(NativeNowNs___STATIC__I8);

    //--//
};

struct Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec
{
    NANOCLR_NATIVE_DECLARE(NativeEncodeFromSlot___STATIC__I4__SZARRAY_I4__SZARRAY_U1__I4__I4__I4__I4__I4__SZARRAY_U1__I4);
    NANOCLR_NATIVE_DECLARE(NativeCreateReceiver___STATIC__I4);
    NANOCLR_NATIVE_DECLARE(NativeFeed___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_I4);
    NANOCLR_NATIVE_DECLARE(NativeCurrent___STATIC__I4__SZARRAY_I4);
    NANOCLR_NATIVE_DECLARE(NativePayloadOut___STATIC__I4__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(NativePayloadToSlot___STATIC__I4__I4__I4__I4__I4);
    NANOCLR_NATIVE_DECLARE(NativeGetReceiverStats___STATIC__I4__SZARRAY_I4);
    NANOCLR_NATIVE_DECLARE(NativeResetReceiver___STATIC__VOID);

    //--//
};

struct Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeLinkPort
{
    NANOCLR_NATIVE_DECLARE(NativeOpen___STATIC__I4);
    NANOCLR_NATIVE_DECLARE(NativeRead___STATIC__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(NativeWrite___STATIC__I4__SZARRAY_U1__I4__I4);

    //--//
};

struct Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeRing
{
    NANOCLR_NATIVE_DECLARE(NativeCreate___STATIC__I4__I4__I4);
    NANOCLR_NATIVE_DECLARE(NativeAcquire___STATIC__I4);
    NANOCLR_NATIVE_DECLARE(NativeRelease___STATIC__I4__I4);
    NANOCLR_NATIVE_DECLARE(NativeCopyIn___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(NativeCopyOut___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(NativeCopy___STATIC__I4__I4__I4__I4__I4__I4);
    NANOCLR_NATIVE_DECLARE(NativeGetStats___STATIC__I4__SZARRAY_I4);

    //--//
};

extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_ScsiBridge_Hal_Esp32;

#endif // SCSIBRIDGE_HAL_ESP32_SCSIBRIDGE_HAL_ESP32_H

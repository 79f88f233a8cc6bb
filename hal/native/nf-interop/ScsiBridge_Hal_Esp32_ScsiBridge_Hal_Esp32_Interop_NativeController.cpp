// NativeController's methods (the user-code file of the metadata processor's shape): each one
// checks that the runtime is up and hands its arguments to it. Arrays are the managed arrays'
// elements, used during the call only.
#include "ScsiBridge_Hal_Esp32.h"
#include "ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController.h"
#include "sb_nf/interop_runtime.h"

using namespace ScsiBridge_Hal_Esp32::ScsiBridge_Hal_Esp32;
using sb::nf::ensure_started;
using sb::nf::runtime;

signed int NativeController::NativeOpen(signed int param0, signed int param1, signed int param2, signed int param3,
                                        HRESULT &hr)
{
    (void)hr;
    const int32_t up = ensure_started();
    if (up != sb::nf::kOk) return up;
    return runtime().open_controller(param0, param1, param2, param3);
}

signed int NativeController::NativeSubmit(signed int param0, CLR_RT_TypedArray_INT32 &param1,
                                          CLR_RT_TypedArray_UINT8 &param2, HRESULT &hr)
{
    (void)hr;
    return runtime().submit(param0, param1.GetBuffer(), param1.GetSize(), param2.GetBuffer(), param2.GetSize());
}

void NativeController::NativeCancel(signed int param0, HRESULT &hr)
{
    (void)hr;
    runtime().cancel(param0);
}

signed int NativeController::NativeTakeCompletion(signed int param0, CLR_RT_TypedArray_INT32 &param1,
                                                  CLR_RT_TypedArray_UINT8 &param2, CLR_RT_TypedArray_UINT8 &param3,
                                                  HRESULT &hr)
{
    (void)hr;
    return runtime().take_completion(param0, param1.GetBuffer(), param1.GetSize(), param2.GetBuffer(), param2.GetSize(),
                                     param3.GetBuffer(), param3.GetSize());
}

signed int NativeController::NativeStageIn(signed int param0, CLR_RT_TypedArray_UINT8 &param1, signed int param2,
                                           signed int param3, HRESULT &hr)
{
    (void)hr;
    return runtime().stage_in(param0, param1.GetBuffer(), param1.GetSize(), param2, param3);
}

signed int NativeController::NativeStageOut(signed int param0, CLR_RT_TypedArray_UINT8 &param1, signed int param2,
                                            signed int param3, HRESULT &hr)
{
    (void)hr;
    return runtime().stage_out(param0, param1.GetBuffer(), param1.GetSize(), param2, param3);
}

signed int NativeController::NativeGetState(signed int param0, CLR_RT_TypedArray_INT32 &param1, HRESULT &hr)
{
    (void)hr;
    return runtime().state(param0, param1.GetBuffer(), param1.GetSize());
}

int64_t NativeController::NativeNowNs(HRESULT &hr)
{
    (void)hr;
    return runtime().now_ns();
}

// Marshalling of NativeController's native methods (the metadata processor's <Assembly>_<Class>_mshl.cpp
// shape): each handler reads its arguments off the managed stack frame, calls the function in
// ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController.cpp and leaves its result on the frame.
#include "ScsiBridge_Hal_Esp32.h"
#include "ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController.h"

using namespace ScsiBridge_Hal_Esp32::ScsiBridge_Hal_Esp32;

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController::NativeOpen___STATIC__I4__I4__I4__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        signed int param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 0, param0));
        signed int param1;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 1, param1));
        signed int param2;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 2, param2));
        signed int param3;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 3, param3));
        signed int retValue = NativeController::NativeOpen(param0, param1, param2, param3, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController::NativeSubmit___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        signed int param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 0, param0));
        CLR_RT_TypedArray_INT32 param1;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32_ARRAY(stack, 1, param1));
        CLR_RT_TypedArray_UINT8 param2;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_UINT8_ARRAY(stack, 2, param2));
        signed int retValue = NativeController::NativeSubmit(param0, param1, param2, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController::NativeCancel___STATIC__VOID__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        signed int param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 0, param0));
        NativeController::NativeCancel(param0, hr);
        NANOCLR_CHECK_HRESULT(hr);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController::NativeTakeCompletion___STATIC__I4__I4__SZARRAY_I4__SZARRAY_U1__SZARRAY_U1(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        signed int param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 0, param0));
        CLR_RT_TypedArray_INT32 param1;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32_ARRAY(stack, 1, param1));
        CLR_RT_TypedArray_UINT8 param2;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_UINT8_ARRAY(stack, 2, param2));
        CLR_RT_TypedArray_UINT8 param3;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_UINT8_ARRAY(stack, 3, param3));
        signed int retValue = NativeController::NativeTakeCompletion(param0, param1, param2, param3, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController::NativeStageIn___STATIC__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        signed int param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 0, param0));
        CLR_RT_TypedArray_UINT8 param1;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_UINT8_ARRAY(stack, 1, param1));
        signed int param2;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 2, param2));
        signed int param3;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 3, param3));
        signed int retValue = NativeController::NativeStageIn(param0, param1, param2, param3, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController::NativeStageOut___STATIC__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        signed int param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 0, param0));
        CLR_RT_TypedArray_UINT8 param1;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_UINT8_ARRAY(stack, 1, param1));
        signed int param2;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 2, param2));
        signed int param3;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 3, param3));
        signed int retValue = NativeController::NativeStageOut(param0, param1, param2, param3, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController::NativeGetState___STATIC__I4__I4__SZARRAY_I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        signed int param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 0, param0));
        CLR_RT_TypedArray_INT32 param1;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32_ARRAY(stack, 1, param1));
        signed int retValue = NativeController::NativeGetState(param0, param1, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController::NativeNowNs___STATIC__I8(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        int64_t retValue = NativeController::NativeNowNs(hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT64(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

// Marshalling of NativeRing's native methods (the metadata processor's <Assembly>_<Class>_mshl.cpp
// shape): each handler reads its arguments off the managed stack frame, calls the function in
// ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeRing.cpp and leaves its result on the frame.
#include "ScsiBridge_Hal_Esp32.h"
#include "ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeRing.h"

using namespace ScsiBridge_Hal_Esp32::ScsiBridge_Hal_Esp32;

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeRing::NativeCreate___STATIC__I4__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        signed int param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 0, param0));
        signed int param1;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 1, param1));
        signed int retValue = NativeRing::NativeCreate(param0, param1, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeRing::NativeAcquire___STATIC__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        signed int retValue = NativeRing::NativeAcquire(hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeRing::NativeRelease___STATIC__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        signed int param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 0, param0));
        signed int retValue = NativeRing::NativeRelease(param0, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeRing::NativeCopyIn___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        signed int param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 0, param0));
        signed int param1;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 1, param1));
        CLR_RT_TypedArray_UINT8 param2;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_UINT8_ARRAY(stack, 2, param2));
        signed int param3;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 3, param3));
        signed int param4;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 4, param4));
        signed int retValue = NativeRing::NativeCopyIn(param0, param1, param2, param3, param4, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeRing::NativeCopyOut___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        signed int param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 0, param0));
        signed int param1;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 1, param1));
        CLR_RT_TypedArray_UINT8 param2;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_UINT8_ARRAY(stack, 2, param2));
        signed int param3;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 3, param3));
        signed int param4;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 4, param4));
        signed int retValue = NativeRing::NativeCopyOut(param0, param1, param2, param3, param4, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeRing::NativeCopy___STATIC__I4__I4__I4__I4__I4__I4(CLR_RT_StackFrame &stack)
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
        signed int param4;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 4, param4));
        signed int retValue = NativeRing::NativeCopy(param0, param1, param2, param3, param4, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeRing::NativeGetStats___STATIC__I4__SZARRAY_I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        CLR_RT_TypedArray_INT32 param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32_ARRAY(stack, 0, param0));
        signed int retValue = NativeRing::NativeGetStats(param0, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

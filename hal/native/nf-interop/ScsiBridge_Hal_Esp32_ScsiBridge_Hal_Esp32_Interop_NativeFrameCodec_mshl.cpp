// Marshalling of NativeFrameCodec's native methods (the metadata processor's <Assembly>_<Class>_mshl.cpp
// shape): each handler reads its arguments off the managed stack frame, calls the function in
// ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec.cpp and leaves its result on the frame.
#include "ScsiBridge_Hal_Esp32.h"
#include "ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec.h"

using namespace ScsiBridge_Hal_Esp32::ScsiBridge_Hal_Esp32;

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec::NativeEncodeFromSlot___STATIC__I4__SZARRAY_I4__SZARRAY_U1__I4__I4__I4__I4__I4__SZARRAY_U1__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        CLR_RT_TypedArray_INT32 param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32_ARRAY(stack, 0, param0));
        CLR_RT_TypedArray_UINT8 param1;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_UINT8_ARRAY(stack, 1, param1));
        signed int param2;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 2, param2));
        signed int param3;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 3, param3));
        signed int param4;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 4, param4));
        signed int param5;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 5, param5));
        signed int param6;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 6, param6));
        CLR_RT_TypedArray_UINT8 param7;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_UINT8_ARRAY(stack, 7, param7));
        signed int param8;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 8, param8));
        signed int retValue = NativeFrameCodec::NativeEncodeFromSlot(param0, param1, param2, param3, param4, param5, param6, param7, param8, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec::NativeCreateReceiver___STATIC__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        signed int retValue = NativeFrameCodec::NativeCreateReceiver(hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec::NativeFeed___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        CLR_RT_TypedArray_UINT8 param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_UINT8_ARRAY(stack, 0, param0));
        signed int param1;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 1, param1));
        signed int param2;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 2, param2));
        CLR_RT_TypedArray_INT32 param3;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32_ARRAY(stack, 3, param3));
        signed int retValue = NativeFrameCodec::NativeFeed(param0, param1, param2, param3, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec::NativeCurrent___STATIC__I4__SZARRAY_I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        CLR_RT_TypedArray_INT32 param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32_ARRAY(stack, 0, param0));
        signed int retValue = NativeFrameCodec::NativeCurrent(param0, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec::NativePayloadOut___STATIC__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
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
        signed int retValue = NativeFrameCodec::NativePayloadOut(param0, param1, param2, param3, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec::NativePayloadToSlot___STATIC__I4__I4__I4__I4__I4(CLR_RT_StackFrame &stack)
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
        signed int retValue = NativeFrameCodec::NativePayloadToSlot(param0, param1, param2, param3, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec::NativeGetReceiverStats___STATIC__I4__SZARRAY_I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        CLR_RT_TypedArray_INT32 param0;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32_ARRAY(stack, 0, param0));
        signed int retValue = NativeFrameCodec::NativeGetReceiverStats(param0, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec::NativeResetReceiver___STATIC__VOID(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        (void)stack; // no arguments, no result
        NativeFrameCodec::NativeResetReceiver(hr);
        NANOCLR_CHECK_HRESULT(hr);
    }
    NANOCLR_NOCLEANUP();
}

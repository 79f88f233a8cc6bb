// Marshalling of NativeLinkPort's native methods (the metadata processor's <Assembly>_<Class>_mshl.cpp
// shape): each handler reads its arguments off the managed stack frame, calls the function in
// ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeLinkPort.cpp and leaves its result on the frame.
#include "ScsiBridge_Hal_Esp32.h"
#include "ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeLinkPort.h"

using namespace ScsiBridge_Hal_Esp32::ScsiBridge_Hal_Esp32;

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeLinkPort::NativeOpen___STATIC__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    hr = S_OK;
    {
        signed int retValue = NativeLinkPort::NativeOpen(hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeLinkPort::NativeRead___STATIC__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
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
        signed int retValue = NativeLinkPort::NativeRead(param0, param1, param2, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeLinkPort::NativeWrite___STATIC__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
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
        signed int retValue = NativeLinkPort::NativeWrite(param0, param1, param2, hr);
        NANOCLR_CHECK_HRESULT(hr);
        SetResult_INT32(stack, retValue);
    }
    NANOCLR_NOCLEANUP();
}

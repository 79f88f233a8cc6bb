// The part of nanoCLR's native interop API this component uses, declared for the host build
// (compiling and testing the component without nf-interpreter). Declarations only, written from
// the facts of nanoframework/nf-interpreter at a3e8139 (src/CLR/Include/nanoCLR_Interop.h,
// nf_errors_exceptions.h, nanoCLR_Types.h, src/HAL/Include/nanoHAL_v2.h, src/PAL/Include/
// nanoPAL_Events.h); nothing is implemented here. On the board the component includes
// nf-interpreter's own headers instead (ScsiBridge_Hal_Esp32.h), and the host tests implement
// these declarations with a fake stack frame (tests/fake_stack_frame.cpp).
#pragma once
#include <stddef.h>
#include <stdint.h>

// ---- status codes (nf_errors_exceptions.h): negative is failure ----
typedef int HRESULT;
#define S_OK ((HRESULT)0x00000000L)
#define FAILED(status) ((HRESULT)(status) < 0)
#define SUCCEEDED(status) ((HRESULT)(status) >= 0)
// MAKE_HRESULT(SEVERITY_ERROR, 0x7D00, 0): the argument the managed caller gave is unusable.
#define CLR_E_INVALID_PARAMETER ((HRESULT)0xFD000000L)
// MAKE_HRESULT(SEVERITY_ERROR, 0x4E00, 0): a reference argument is null.
#define CLR_E_ARGUMENT_NULL ((HRESULT)0xCE000000L)

// ---- the method body frame (nanoCLR_Interop.h): a method's handler gets the stack frame,
// reads its arguments and leaves a result; on failure the hr becomes a managed exception ----
#define NANOCLR_HEADER() HRESULT hr
#define NANOCLR_LEAVE() goto nanoCLR_Cleanup
#define NANOCLR_CHECK_HRESULT(expr)                                                                \
  {                                                                                                \
    if (FAILED(hr = (expr))) NANOCLR_LEAVE();                                                      \
  }
#define NANOCLR_SET_AND_LEAVE(expr)                                                                \
  {                                                                                                \
    hr = (expr);                                                                                   \
    NANOCLR_LEAVE();                                                                               \
  }
#define NANOCLR_CLEANUP()                                                                          \
  hr = S_OK;                                                                                       \
  nanoCLR_Cleanup:
#define NANOCLR_NOCLEANUP()                                                                        \
  NANOCLR_CLEANUP();                                                                               \
  return hr
#define NANOCLR_NATIVE_DECLARE(method) static HRESULT method(CLR_RT_StackFrame& stack)

struct CLR_RT_StackFrame;

typedef HRESULT (*CLR_RT_MethodHandler)(CLR_RT_StackFrame& stack);

// ---- the assembly record (nanoCLR_Types.h, nanoCLR_Interop.h) the nanoCLR looks up by name ----
struct CLR_RECORD_VERSION {
  uint16_t iMajorVersion;
  uint16_t iMinorVersion;
  uint16_t iBuildNumber;
  uint16_t iRevisionNumber;
};

struct CLR_RT_NativeAssemblyData {
  const char* m_szAssemblyName;
  unsigned int m_checkSum;         // must equal the managed assembly's native checksum
  const void* m_pNativeMethods;    // the CLR_RT_MethodHandler table, one entry per method
  CLR_RECORD_VERSION m_Version;
};

// ---- arguments and results (nanoCLR_Interop.h) ----
// An array argument: the managed array's elements, valid during the call only (the garbage
// collector moves arrays between calls).
template <class T>
class CLR_RT_TypedArray {
  T* m_pData;
  unsigned int m_ElemCount;
  friend HRESULT Interop_Marshal_UINT8_ARRAY(const CLR_RT_StackFrame& stackFrame, unsigned int paramIndex,
                                             CLR_RT_TypedArray<unsigned char>& typedArray);
  friend HRESULT Interop_Marshal_INT32_ARRAY(const CLR_RT_StackFrame& stackFrame, unsigned int paramIndex,
                                             CLR_RT_TypedArray<signed int>& typedArray);

 public:
  CLR_RT_TypedArray();
  unsigned int GetSize();
  T* GetBuffer();
};
typedef CLR_RT_TypedArray<unsigned char> CLR_RT_TypedArray_UINT8;
typedef CLR_RT_TypedArray<signed int> CLR_RT_TypedArray_INT32;

// Argument paramIndex (0 = the first argument of a static method) into a native variable;
// a type mismatch is a failed HRESULT.
HRESULT Interop_Marshal_INT32(const CLR_RT_StackFrame& stackFrame, unsigned int paramIndex, signed int& param);
HRESULT Interop_Marshal_UINT8_ARRAY(const CLR_RT_StackFrame& stackFrame, unsigned int paramIndex,
                                    CLR_RT_TypedArray_UINT8& typedArray);
HRESULT Interop_Marshal_INT32_ARRAY(const CLR_RT_StackFrame& stackFrame, unsigned int paramIndex,
                                    CLR_RT_TypedArray_INT32& typedArray);

// The method's return value. nanoCLR spells the 64-bit type `signed __int64`, which its GCC
// builds define as long long.
void SetResult_INT32(CLR_RT_StackFrame& stackFrame, signed int value);
void SetResult_INT64(CLR_RT_StackFrame& stackFrame, long long value);

// ---- native to managed events (nanoHAL_v2.h, nanoPAL_Events.h) ----
// PostManagedEvent(EVENT_CUSTOM, sub, data1, data2) raises nanoFramework.Runtime.Events'
// CustomEvent.CustomEventPosted with Data1 = data1, Data2 = data2 (the sub-category does not
// reach managed code). On the board it is called under GLOBAL_LOCK (a cross-core spinlock on the
// ESP32 targets).
#define EVENT_CUSTOM 10
void PostManagedEvent(uint8_t category, uint8_t subCategory, uint16_t data1, uint32_t data2);

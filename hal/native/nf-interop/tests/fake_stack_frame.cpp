#include "fake_stack_frame.h"

template <class T>
CLR_RT_TypedArray<T>::CLR_RT_TypedArray() : m_pData(nullptr), m_ElemCount(0) {}
template <class T>
unsigned int CLR_RT_TypedArray<T>::GetSize() {
  return m_ElemCount;
}
template <class T>
T* CLR_RT_TypedArray<T>::GetBuffer() {
  return m_pData;
}
template class CLR_RT_TypedArray<unsigned char>;
template class CLR_RT_TypedArray<signed int>;

namespace {
const FakeArg* arg(const CLR_RT_StackFrame& s, unsigned int index, FakeArg::Kind kind) {
  if (index >= s.args.size() || s.args[index].kind != kind) return nullptr;
  return &s.args[index];
}
}  // namespace

HRESULT Interop_Marshal_INT32(const CLR_RT_StackFrame& stackFrame, unsigned int paramIndex, signed int& param) {
  const FakeArg* a = arg(stackFrame, paramIndex, FakeArg::kInt);
  if (a == nullptr) return CLR_E_INVALID_PARAMETER;
  param = a->value;
  return S_OK;
}

HRESULT Interop_Marshal_UINT8_ARRAY(const CLR_RT_StackFrame& stackFrame, unsigned int paramIndex,
                                    CLR_RT_TypedArray_UINT8& typedArray) {
  const FakeArg* a = arg(stackFrame, paramIndex, FakeArg::kBytes);
  if (a == nullptr) return CLR_E_INVALID_PARAMETER;
  if (a->bytes == nullptr) return CLR_E_ARGUMENT_NULL;
  typedArray.m_pData = a->bytes->data();
  typedArray.m_ElemCount = static_cast<unsigned int>(a->bytes->size());
  return S_OK;
}

HRESULT Interop_Marshal_INT32_ARRAY(const CLR_RT_StackFrame& stackFrame, unsigned int paramIndex,
                                    CLR_RT_TypedArray_INT32& typedArray) {
  const FakeArg* a = arg(stackFrame, paramIndex, FakeArg::kInts);
  if (a == nullptr) return CLR_E_INVALID_PARAMETER;
  if (a->ints == nullptr) return CLR_E_ARGUMENT_NULL;
  typedArray.m_pData = a->ints->data();
  typedArray.m_ElemCount = static_cast<unsigned int>(a->ints->size());
  return S_OK;
}

void SetResult_INT32(CLR_RT_StackFrame& stackFrame, signed int value) {
  stackFrame.result_kind = CLR_RT_StackFrame::kInt32;
  stackFrame.result = value;
}

void SetResult_INT64(CLR_RT_StackFrame& stackFrame, long long value) {
  stackFrame.result_kind = CLR_RT_StackFrame::kInt64;
  stackFrame.result = value;
}

std::vector<PostedEvent>& posted_events() {
  static std::vector<PostedEvent> events;
  return events;
}

void PostManagedEvent(uint8_t category, uint8_t subCategory, uint16_t data1, uint32_t data2) {
  posted_events().push_back(PostedEvent{category, subCategory, data1, data2});
}

// NativeFrameCodec's methods: data frames encoded straight from ring slots (sb/frame_codec.h)
// and the board's one receiver (sb/frame_receiver.h).
#include "ScsiBridge_Hal_Esp32.h"
#include "ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec.h"
#include "sb/frame_codec.h"
#include "sb_nf/interop_runtime.h"

using namespace ScsiBridge_Hal_Esp32::ScsiBridge_Hal_Esp32;
using sb::nf::runtime;

namespace
{
bool fits(unsigned int size, signed int offset, signed int count)
{
    return offset >= 0 && count >= 0 && static_cast<unsigned int>(offset) <= size &&
           static_cast<unsigned int>(count) <= size - static_cast<unsigned int>(offset);
}
} // namespace

signed int NativeFrameCodec::NativeEncodeFromSlot(CLR_RT_TypedArray_INT32 &param0, CLR_RT_TypedArray_UINT8 &param1,
                                                  signed int param2, signed int param3, signed int param4,
                                                  signed int param5, signed int param6,
                                                  CLR_RT_TypedArray_UINT8 &param7, signed int param8, HRESULT &hr)
{
    (void)hr;
    if (!runtime().ring_ready()) return SB_RING_E_UNSET;
    if (param0.GetSize() < 4 || !fits(param1.GetSize(), param2, param3) || param5 < 0 || param6 < 0 ||
        !fits(param7.GetSize(), param8, 0))
    {
        return SB_FRAME_E_ARGUMENT;
    }
    const signed int *h = param0.GetBuffer();
    if (h[0] < 0 || h[0] > 0xFF || h[1] < 0 || h[1] > 0xFF || h[2] < 0 || h[2] > 0xFF || h[3] < 0 || h[3] > 0xFFFF)
    {
        return SB_FRAME_E_ARGUMENT;
    }
    sb::FrameFields fields{};
    fields.type = static_cast<uint8_t>(h[0]);
    fields.flags = static_cast<uint8_t>(h[1]);
    fields.opcode = static_cast<uint8_t>(h[2]);
    fields.request_id = static_cast<uint16_t>(h[3]);
    return sb::encode_frame_from_slot(fields, param1.GetBuffer() + param2, static_cast<uint32_t>(param3),
                                      runtime().ring(), static_cast<uint32_t>(param4), static_cast<uint32_t>(param5),
                                      static_cast<uint32_t>(param6), param7.GetBuffer() + param8,
                                      param7.GetSize() - static_cast<unsigned int>(param8));
}

signed int NativeFrameCodec::NativeCreateReceiver(HRESULT &hr)
{
    (void)hr;
    const int32_t up = sb::nf::ensure_started();
    if (up != sb::nf::kOk) return up;
    return runtime().receiver_create();
}

signed int NativeFrameCodec::NativeFeed(CLR_RT_TypedArray_UINT8 &param0, signed int param1, signed int param2,
                                        CLR_RT_TypedArray_INT32 &param3, HRESULT &hr)
{
    (void)hr;
    sb::FrameReceiver *r = runtime().receiver();
    if (r == nullptr) return sb::nf::kNotStarted;
    if (!fits(param0.GetSize(), param1, param2) || param3.GetSize() < 1) return SB_FRAME_E_ARGUMENT;
    bool complete = false;
    const size_t used = r->feed(param0.GetBuffer() + param1, static_cast<size_t>(param2), &complete);
    param3.GetBuffer()[0] = complete ? 1 : 0;
    return static_cast<signed int>(used);
}

signed int NativeFrameCodec::NativeCurrent(CLR_RT_TypedArray_INT32 &param0, HRESULT &hr)
{
    (void)hr;
    sb::FrameReceiver *r = runtime().receiver();
    if (r == nullptr) return sb::nf::kNotStarted;
    if (param0.GetSize() < sb::nf::kFrameInfoFields) return SB_FRAME_E_ARGUMENT;
    const sb_frame_info &i = r->current();
    signed int *out = param0.GetBuffer();
    out[0] = i.version;
    out[1] = i.type;
    out[2] = i.flags;
    out[3] = i.opcode;
    out[4] = i.request_id;
    out[5] = i.payload_length;
    out[6] = i.error;
    out[7] = i.header_readable;
    return SB_FRAME_OK;
}

signed int NativeFrameCodec::NativePayloadOut(signed int param0, CLR_RT_TypedArray_UINT8 &param1, signed int param2,
                                              signed int param3, HRESULT &hr)
{
    (void)hr;
    sb::FrameReceiver *r = runtime().receiver();
    if (r == nullptr) return sb::nf::kNotStarted;
    if (param0 < 0 || !fits(param1.GetSize(), param2, param3)) return SB_FRAME_E_ARGUMENT;
    return r->payload_out(static_cast<uint32_t>(param0), param1.GetBuffer() + param2, static_cast<uint32_t>(param3));
}

signed int NativeFrameCodec::NativePayloadToSlot(signed int param0, signed int param1, signed int param2,
                                                 signed int param3, HRESULT &hr)
{
    (void)hr;
    sb::FrameReceiver *r = runtime().receiver();
    if (r == nullptr) return sb::nf::kNotStarted;
    if (!runtime().ring_ready()) return SB_RING_E_UNSET;
    if (param1 < 0 || param2 < 0 || param3 < 0) return SB_FRAME_E_ARGUMENT;
    return r->payload_to_slot(runtime().ring(), static_cast<uint32_t>(param0), static_cast<uint32_t>(param1),
                              static_cast<uint32_t>(param2), static_cast<uint32_t>(param3));
}

signed int NativeFrameCodec::NativeGetReceiverStats(CLR_RT_TypedArray_INT32 &param0, HRESULT &hr)
{
    (void)hr;
    sb::FrameReceiver *r = runtime().receiver();
    if (r == nullptr) return sb::nf::kNotStarted;
    if (param0.GetSize() < sb::nf::kReceiverStatsFields) return SB_FRAME_E_ARGUMENT;
    sb_receiver_stats s{};
    r->stats(&s);
    signed int *out = param0.GetBuffer();
    out[0] = static_cast<signed int>(s.frames);
    out[1] = static_cast<signed int>(s.bad_crc);
    out[2] = static_cast<signed int>(s.bad_cobs);
    out[3] = static_cast<signed int>(s.short_frames);
    out[4] = static_cast<signed int>(s.bad_version);
    out[5] = static_cast<signed int>(s.bad_length);
    out[6] = static_cast<signed int>(s.too_large);
    return SB_FRAME_OK;
}

void NativeFrameCodec::NativeResetReceiver(HRESULT &hr)
{
    (void)hr;
    sb::FrameReceiver *r = runtime().receiver();
    if (r != nullptr) r->reset();
}

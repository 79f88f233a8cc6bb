/* C ABI of the data plane in the host shared library libscsibridge_sim: the pinned slot ring
 * (sb/slot_ring.h) and the link's frame codec (sb/frame_codec.h, sb/frame_receiver.h), the same
 * core sources the board runs. Every pointer, handle, offset and count is checked: bad input is
 * a negative status (sb_ring_status or sb_frame_status), never a crash. Not thread-safe: one
 * caller at a time per ring or receiver (the managed binding serialises). */
#ifndef SCSIBRIDGE_DATAPLANE_H
#define SCSIBRIDGE_DATAPLANE_H
#include <stddef.h>
#include <stdint.h>

#include "sb/frame_receiver.h"
#include "sb/link_frame.h"
#include "sb/slot_ring.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef SB_API
#if defined(_WIN32)
#define SB_API __declspec(dllexport)
#else
#define SB_API __attribute__((visibility("default")))
#endif
#endif

#define SB_DATAPLANE_ABI_VERSION 1

typedef struct sb_ring sb_ring;
typedef struct sb_frame_receiver sb_frame_receiver;

SB_API int32_t sb_dataplane_abi_version(void);

/* A person-readable sentence for any sb_ring_status or sb_frame_status value. */
SB_API const char* sb_dataplane_status_text(int32_t status);

/* ---- the ring ---- */

/* A ring of slot_count slots (1 to SB_RING_MAX_SLOTS) of slot_size bytes (1 to 1 MiB), in one
 * allocation made here; null when the arguments are out of range or memory ran out. */
SB_API sb_ring* sb_ring_create(uint32_t slot_count, uint32_t slot_size);
/* Frees the ring and its memory; null is ignored. Slots still in use die with it. */
SB_API void sb_ring_destroy(sb_ring* ring);

SB_API int32_t sb_ring_acquire(sb_ring* ring, uint32_t* handle);
SB_API int32_t sb_ring_release(sb_ring* ring, uint32_t handle);
SB_API int32_t sb_ring_copy_in(sb_ring* ring, uint32_t handle, uint32_t offset, const uint8_t* source, uint32_t count);
SB_API int32_t sb_ring_copy_out(const sb_ring* ring, uint32_t handle, uint32_t offset, uint8_t* destination,
                                uint32_t count);
SB_API int32_t sb_ring_copy(sb_ring* ring, uint32_t from, uint32_t from_offset, uint32_t to, uint32_t to_offset,
                            uint32_t count);
/* The address of [offset, offset + count) of a slot in use (what sb_command.buffer takes). */
SB_API int32_t sb_ring_address(const sb_ring* ring, uint32_t handle, uint32_t offset, uint32_t count,
                               uint8_t** address);
SB_API int32_t sb_ring_get_stats(const sb_ring* ring, sb_ring_stats* stats);

/* ---- the frame codec ---- */

/* Encodes a frame (payload: first then second) into out; the encoded length with its delimiter,
 * or a negative sb_frame_status. out needs SB_LINK_MAX_ENCODED bytes for any frame. */
SB_API int32_t sb_frame_encode(uint8_t type, uint8_t flags, uint8_t opcode, uint16_t request_id,
                               const uint8_t* first, uint32_t first_count, const uint8_t* second,
                               uint32_t second_count, uint8_t* out, uint32_t capacity);
/* As sb_frame_encode, the payload being prefix then [slot_offset, slot_offset + count) of a slot. */
SB_API int32_t sb_frame_encode_from_slot(uint8_t type, uint8_t flags, uint8_t opcode, uint16_t request_id,
                                         const uint8_t* prefix, uint32_t prefix_count, const sb_ring* ring,
                                         uint32_t handle, uint32_t slot_offset, uint32_t count, uint8_t* out,
                                         uint32_t capacity);
/* Decodes one encoded frame (without its delimiter) into frame (SB_LINK_MAX_FRAME bytes).
 * Returns the sb_link_error verdict (0: good), or SB_FRAME_E_ARGUMENT. */
SB_API int32_t sb_frame_decode(const uint8_t* encoded, uint32_t count, uint8_t* frame, uint32_t frame_capacity,
                               sb_frame_info* info);

SB_API sb_frame_receiver* sb_frame_receiver_create(void);
SB_API void sb_frame_receiver_destroy(sb_frame_receiver* receiver);
/* Bytes consumed (>= 0), *complete 1 when a frame ended; or SB_FRAME_E_ARGUMENT. */
SB_API int32_t sb_frame_receiver_feed(sb_frame_receiver* receiver, const uint8_t* data, uint32_t count,
                                      int32_t* complete);
SB_API int32_t sb_frame_receiver_current(const sb_frame_receiver* receiver, sb_frame_info* info);
SB_API int32_t sb_frame_receiver_payload_to_slot(const sb_frame_receiver* receiver, sb_ring* ring, uint32_t handle,
                                                 uint32_t slot_offset, uint32_t payload_offset, uint32_t count);
SB_API int32_t sb_frame_receiver_payload_out(const sb_frame_receiver* receiver, uint32_t payload_offset,
                                             uint8_t* destination, uint32_t count);
SB_API int32_t sb_frame_receiver_get_stats(const sb_frame_receiver* receiver, sb_receiver_stats* stats);
SB_API int32_t sb_frame_receiver_reset(sb_frame_receiver* receiver);

#ifdef __cplusplus
}
#endif
#endif

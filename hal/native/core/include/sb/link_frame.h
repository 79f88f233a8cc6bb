/* The link's frame layout and the codes the frame codec reports (docs/protocol.md, "Frames"
 * and "Error frames"). Plain C so the simulator's C ABI and the managed mirror share it; keep in
 * step with host-tools/ScsiBridge.Protocol (LinkConstants.cs, LinkErrors.cs). */
#ifndef SB_LINK_FRAME_H
#define SB_LINK_FRAME_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SB_LINK_VERSION 1u
#define SB_LINK_HEADER_SIZE 8u
#define SB_LINK_CRC_SIZE 4u
#define SB_LINK_MAX_PAYLOAD 4096u
#define SB_LINK_MAX_FRAME (SB_LINK_HEADER_SIZE + SB_LINK_MAX_PAYLOAD + SB_LINK_CRC_SIZE)
/* COBS adds one byte per 254 and the code byte; the delimiter follows. */
#define SB_LINK_MAX_ENCODED (SB_LINK_MAX_FRAME + SB_LINK_MAX_FRAME / 254u + 2u)
#define SB_LINK_DELIMITER 0x00u

/* Frame types (the type byte). */
enum sb_frame_type {
  SB_FRAME_REQUEST = 1,
  SB_FRAME_RESPONSE = 2,
  SB_FRAME_EVENT = 3,
  SB_FRAME_DATA = 4,
  SB_FRAME_ERROR = 5
};

/* Why a received frame was refused: the link's error frame codes (LinkErrors), 0 for a good
 * frame. Only the codes the decoder itself finds appear here. */
enum sb_link_error {
  SB_LINK_NONE = 0,
  SB_LINK_BAD_CRC = 1,
  SB_LINK_BAD_COBS = 2,
  SB_LINK_SHORT_FRAME = 3,
  SB_LINK_UNSUPPORTED_VERSION = 4,
  SB_LINK_BAD_LENGTH = 6,
  SB_LINK_PAYLOAD_TOO_LARGE = 7
};

/* Status of a codec call (negative), distinct from the ring's sb_ring_status values, which a
 * call that touches a slot passes through unchanged. */
enum sb_frame_status {
  SB_FRAME_OK = 0,
  SB_FRAME_E_ARGUMENT = -16,        /* null pointer with a count, unknown field value */
  SB_FRAME_E_TOO_LARGE = -17,       /* a payload of more than SB_LINK_MAX_PAYLOAD bytes */
  SB_FRAME_E_NO_ROOM = -18,         /* the output cannot hold the encoded frame's worst case */
  SB_FRAME_E_NO_FRAME = -19,        /* no good frame decoded, or a range beyond its payload */
  SB_FRAME_E_LONGER_THAN_SLOT = -20 /* the bytes asked for do not fit in one ring slot */
};

/* A decoded frame's header and verdict (12 bytes). */
typedef struct sb_frame_info {
  uint8_t version;
  uint8_t type;
  uint8_t flags;
  uint8_t opcode;
  uint16_t request_id;
  uint16_t payload_length;
  uint8_t error;            /* sb_link_error */
  uint8_t header_readable;  /* 1 when the header fields came from the frame (even a refused one) */
  uint16_t reserved;
} sb_frame_info;

#ifdef __cplusplus
}
#endif
#endif

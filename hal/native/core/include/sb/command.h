/* The controller's command set and completion status word.
 * Plain C so that the same layout serves the C++ core, the simulator's C ABI and the managed
 * P/Invoke mirror (hal/ScsiBridge.Hal.Sim). Fixed-width fields only; keep in step with
 * hal/ScsiBridge.Hal/ControllerCommand.cs and Completion.cs. */
#ifndef SB_COMMAND_H
#define SB_COMMAND_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum sb_op {
  SB_OP_NONE = 0,
  /* initiator role */
  SB_OP_SELECT = 1,          /* arbitrate and select peer_id (flags: ATN, NO_ARBITRATION) */
  SB_OP_MESSAGE_OUT = 2,     /* send bytes[0..byte_count) in MESSAGE OUT; ATN released before the last */
  SB_OP_COMMAND_OUT = 3,     /* send the CDB bytes[0..byte_count) in COMMAND */
  SB_OP_TRANSFER = 4,        /* move length bytes in the current DATA phase, in or out */
  SB_OP_MESSAGE_IN = 5,      /* receive one whole message; ACK stays asserted on its last byte */
  SB_OP_ACCEPT_MESSAGE = 6,  /* release the ACK held by MESSAGE_IN */
  SB_OP_SET_ATN = 7,
  SB_OP_CLEAR_ATN = 8,
  SB_OP_WAIT_RESELECT = 9,   /* answer a reselection by any target */
  SB_OP_RESET_BUS = 10,      /* assert RST for the reset hold time */
  SB_OP_SET_SYNC = 11,       /* record the agreement with peer_id: sync_period_ns, sync_offset (0 = async) */
  SB_OP_STATUS_IN = 12,      /* receive the status byte */
  /* target role */
  SB_OP_ENABLE_SELECTION = 20, /* answer selection on id_mask unattended, take IDENTIFY and the CDB */
  SB_OP_RECEIVE_COMMAND = 21,  /* go to COMMAND and take a CDB (after handling messages) */
  SB_OP_SEND_DATA = 22,        /* DATA IN: length bytes from buffer */
  SB_OP_RECEIVE_DATA = 23,     /* DATA OUT: length bytes into buffer */
  SB_OP_SEND_STATUS = 24,      /* STATUS: status_byte */
  SB_OP_SEND_MESSAGE = 25,     /* MESSAGE IN: bytes[0..byte_count) */
  SB_OP_RECEIVE_MESSAGE = 26,  /* MESSAGE OUT: take messages while ATN stays asserted */
  SB_OP_DISCONNECT = 27,       /* release every line: bus free */
  SB_OP_RESELECT = 28          /* arbitrate and reselect initiator peer_id as the ID in id_mask
                                  (one bit; 0 = the controller's own ID) */
};

enum sb_command_flags {
  SB_CMD_ATN = 1u << 0,            /* SELECT: assert ATN during selection */
  SB_CMD_NO_ARBITRATION = 1u << 1, /* SELECT: SCSI-1 style, no arbitration, target ID only */
  SB_CMD_NO_RETRY = 1u << 2        /* SELECT/RESELECT: report a lost arbitration instead of retrying */
};

enum sb_result {
  SB_OK = 0,
  SB_ERR_SELECTION_TIMEOUT = 1,
  SB_ERR_ARBITRATION_LOST = 2,
  SB_ERR_PARITY = 3,               /* parity_index names the first bad byte */
  SB_ERR_BUS_RESET = 4,
  SB_ERR_UNEXPECTED_DISCONNECT = 5,
  SB_ERR_PHASE_MISMATCH = 6,       /* the target changed phase before length was reached */
  SB_ERR_TIMEOUT = 7,
  SB_ERR_INVALID = 8,              /* bad argument, wrong role or wrong phase for the command */
  SB_ERR_BUSY = 9,                 /* a command is already running */
  SB_ERR_CANCELLED = 10,
  SB_INFO_RESELECTED = 11,         /* SELECT gave way to a reselection; peer_id is the target */
  SB_INFO_ATTENTION = 12,          /* target: ATN raised; the messages taken are in msg */
  SB_INFO_MESSAGES = 13            /* target: selected with messages beyond IDENTIFY (in msg) */
};

enum sb_completion_flags {
  SB_CF_ATN = 1u << 0,              /* selected with ATN */
  SB_CF_ACK_HELD = 1u << 1,         /* MESSAGE_IN left ACK asserted */
  SB_CF_IDENTIFY = 1u << 2,         /* identify holds an IDENTIFY message */
  SB_CF_INITIATOR_KNOWN = 1u << 3,  /* peer_id is valid (SCSI-1 hosts may not give their ID) */
  SB_CF_SYNC = 1u << 4,             /* the data moved synchronously */
  SB_CF_ARBITRATED = 1u << 5,       /* the selection came after arbitration */
  SB_CF_ATN_PENDING = 1u << 6       /* target: ATN is asserted as the command ends; go to MESSAGE OUT */
};

enum { SB_INLINE_BYTES = 16 };

typedef struct sb_command {
  uint8_t op;
  uint8_t flags;
  uint8_t peer_id;        /* SELECT: target; RESELECT: initiator; SET_SYNC: the peer */
  uint8_t id_mask;        /* ENABLE_SELECTION: the IDs to answer */
  uint8_t status_byte;    /* SEND_STATUS */
  uint8_t byte_count;     /* bytes used in bytes[] */
  uint8_t sync_offset;    /* SET_SYNC */
  uint8_t reserved0;
  uint16_t sync_period_ns;/* SET_SYNC */
  uint16_t reserved1;
  uint32_t length;        /* data phases: bytes to move */
  uint8_t bytes[SB_INLINE_BYTES];
  uint64_t timeout_ns;    /* 0: none (SELECT always has the selection timeout) */
  uint64_t buffer;        /* data phases: address of the caller's buffer */
  uint32_t buffer_size;   /* its size: length may not exceed it */
  uint32_t reserved2;
} sb_command;

typedef struct sb_completion {
  uint8_t op;
  uint8_t result;         /* sb_result */
  uint8_t phase;          /* phase the bus requests now (sb::Phase), or bus free */
  uint8_t flags;          /* sb_completion_flags */
  uint8_t peer_id;        /* the other device of the connection */
  uint8_t own_id;         /* the ID this controller was selected or reselected as */
  uint8_t identify;
  uint8_t msg_len;
  uint8_t msg[SB_INLINE_BYTES];
  uint8_t cdb_len;
  uint8_t status_byte;    /* STATUS_IN */
  uint8_t arbitration_retries;
  uint8_t reserved0;
  uint8_t cdb[SB_INLINE_BYTES];
  uint32_t bytes_moved;
  uint32_t residual;
  uint32_t parity_index;  /* SB_ERR_PARITY: index of the first bad byte in this command */
  uint32_t reserved1;
  uint64_t time_ns;       /* when it completed */
} sb_completion;

typedef struct sb_options {
  uint8_t scsi_id;            /* the ID used to arbitrate and to reselect */
  uint8_t parity_check;       /* 1: check parity on every byte received */
  uint8_t max_sync_offset;    /* the board's limit, at most 15 */
  uint8_t reserved0;
  uint16_t min_sync_period_ns;/* the board's limit */
  uint16_t reserved1;
} sb_options;

#ifdef __cplusplus
}
#endif
#endif

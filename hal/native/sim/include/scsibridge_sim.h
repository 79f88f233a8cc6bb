/* C ABI of the simulated bus, exported by the host shared library libscsibridge_sim.
 * Devices on the bus run the same controller core as the board, stepped in virtual time.
 * Nothing here sleeps; every call returns in bounded wall time. Not thread-safe: one caller
 * at a time per bus (the managed binding serialises). */
#ifndef SCSIBRIDGE_SIM_H
#define SCSIBRIDGE_SIM_H
#include <stddef.h>
#include <stdint.h>

#include "sb/command.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define SB_API __declspec(dllexport)
#else
#define SB_API __attribute__((visibility("default")))
#endif

#define SB_SIM_ABI_VERSION 1
#define SB_SIM_MAX_DEVICES 8

typedef struct sb_sim sb_sim;

/* sb_sim_run results */
enum sb_run_result {
  SB_RUN_COMPLETED = 0,   /* a device in the mask has a completion; *completed_device names it */
  SB_RUN_TIME_REACHED = 1,/* virtual time reached until_ns first */
  SB_RUN_IDLE = 2,        /* nothing can ever happen again without a new command */
  SB_RUN_BAD_ARGUMENT = -1
};

/* Errors of the non-command calls (negative). Command results are sb_result. */
enum sb_sim_error {
  SB_SIM_OK = 0,
  SB_SIM_E_ARGUMENT = -1,   /* null pointer, bad device index, bad field */
  SB_SIM_E_FULL = -2,       /* 8 devices already, or the fault table is full */
  SB_SIM_E_IO = -3          /* a file could not be written */
};

enum sb_fault_kind {
  SB_FAULT_PARITY = 1,          /* invert DBP on byte byte_index of phase (sender strobe to release) */
  SB_FAULT_STOP_RESPONDING = 2, /* device stops stepping, its lines stay as they are */
  SB_FAULT_VANISH = 3,          /* device stops stepping and releases every line */
  SB_FAULT_RESET = 4,           /* a reset source asserts RST for the reset hold time */
  SB_FAULT_GLITCH = 5,          /* a line is asserted for duration_ns by no device */
  SB_FAULT_PHASE_VIOLATION = 6  /* the phase lines change while REQ is asserted, for duration_ns */
};

/* Trigger: phase == SB_TRIGGER_AT_TIME fires at time_ns; otherwise it fires the first time the
 * bus is in that phase (sb::Phase values 0-11) and byte byte_index of it is strobed (for
 * information phases), or when the phase is entered (others). */
#define SB_TRIGGER_AT_TIME 0xFF

typedef struct sb_fault {
  uint8_t kind;        /* sb_fault_kind */
  uint8_t device;      /* STOP_RESPONDING, VANISH */
  uint8_t phase;       /* trigger phase, or SB_TRIGGER_AT_TIME */
  uint8_t line;        /* GLITCH: bit index of the line (0-17) */
  uint32_t byte_index;
  uint64_t time_ns;
  uint64_t duration_ns;/* GLITCH, PHASE_VIOLATION; 0 = 100 ns */
} sb_fault;

/* Monitor rules */
enum sb_rule {
  SB_RULE_DATA_CHANGED_IN_WINDOW = 1, /* DB changed while the receiver may be sampling it */
  SB_RULE_ACK_WITHOUT_REQ = 2,
  SB_RULE_TWO_DATA_DRIVERS = 3,
  SB_RULE_SELECTION_TOO_LATE = 4,     /* BSY answered after the selection abort time */
  SB_RULE_BUS_FREE_DELAY = 5,         /* arbitration began less than a bus free delay after bus free */
  SB_RULE_ARBITRATION_DELAY = 6,      /* SEL less than an arbitration delay after BSY */
  SB_RULE_PHASE_SETTLE = 7,           /* REQ less than a bus settle delay after a phase change */
  SB_RULE_DATA_SETUP = 8,             /* strobe less than deskew + cable skew after data changed */
  SB_RULE_RESET_NOT_RELEASED = 9,     /* a line still asserted a bus clear delay after RST */
  SB_RULE_ATN_RELEASED_DURING_ACK = 10,
  SB_RULE_PHASE_CHANGED_DURING_HANDSHAKE = 11
};

typedef struct sb_violation {
  uint64_t time_ns;
  uint32_t lines;      /* the bus at that moment */
  uint32_t rule;       /* sb_rule */
  char text[112];      /* a sentence for people, NUL-terminated */
} sb_violation;

typedef struct sb_sim_stats {
  uint64_t now_ns;
  uint64_t edges;       /* line changes seen on the bus */
  uint64_t steps;       /* controller steps run */
  uint32_t violations;
  uint32_t devices;
} sb_sim_stats;

SB_API int sb_sim_abi_version(void);
SB_API sb_sim* sb_sim_create(void);
SB_API void sb_sim_destroy(sb_sim* sim);

/* Adds a device running a controller. Returns its index (0-7) or a negative sb_sim_error. */
SB_API int sb_sim_attach(sb_sim* sim, const sb_options* options);
/* Starts a command on a device: an sb_result (SB_OK, SB_ERR_BUSY, SB_ERR_INVALID) or SB_SIM_E_ARGUMENT. */
SB_API int sb_sim_submit(sb_sim* sim, int device, const sb_command* command);
SB_API int sb_sim_cancel(sb_sim* sim, int device);
/* Runs the bus until a device whose bit is set in device_mask has a completion, or until
 * virtual time until_ns, or until nothing can happen any more. A completion already waiting
 * returns at once. */
SB_API int sb_sim_run(sb_sim* sim, uint32_t device_mask, uint64_t until_ns, int* completed_device);
/* 1 and fills *out when the device had a completion, 0 when not, negative on a bad argument. */
SB_API int sb_sim_take_completion(sb_sim* sim, int device, sb_completion* out);
SB_API uint64_t sb_sim_now(sb_sim* sim);
SB_API uint32_t sb_sim_lines(sb_sim* sim);
SB_API int sb_sim_inject(sb_sim* sim, const sb_fault* fault);
/* Edge recording for VCD export; off by default (a long transfer records many edges). */
SB_API int sb_sim_set_trace(sb_sim* sim, int enabled);
SB_API int sb_sim_export_vcd(sb_sim* sim, const char* path);
/* Writes the VCD into buf (up to size bytes) and returns its full length; call with size 0 to ask. */
SB_API int64_t sb_sim_vcd_bytes(sb_sim* sim, char* buf, int64_t size);
SB_API int sb_sim_violation_count(sb_sim* sim);
SB_API int sb_sim_get_violation(sb_sim* sim, int index, sb_violation* out);
SB_API int sb_sim_get_stats(sb_sim* sim, sb_sim_stats* out);

#ifdef __cplusplus
}
#endif
#endif

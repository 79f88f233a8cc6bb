// The bus loop: the one task on core 1 (pinned there, code and data in internal RAM). Commands
// come from core 0 through one single-producer single-consumer queue, completions go back
// through another, and each completion calls a hook (the interop turns it into a
// nanoFramework custom event; managed code never polls). Nothing here blocks on core 0: the
// queues are lock-free, and the controller's waits return now and then so the loop can look
// at its mailbox.
#pragma once
#include <stdint.h>

#include "sb/command.h"
#include "sb/s3_placement.h"
#include "sb/controller.h"

namespace sb {
namespace s3 {

// Lock-free single-producer single-consumer rings (their code is inlined into the queues'
// methods, which are in IRAM: a section attribute does not reach a template's instantiation):
// the producer writes only head, the consumer only tail; an acquire load of the other side's
// index orders the slot access.
constexpr uint32_t kQueueSlots = 8;  // a power of two

struct CommandQueue {
  sb_command slot[kQueueSlots];
  uint32_t head;  // written by core 0
  uint32_t tail;  // written by core 1
  SB_S3_IRAM bool push(const sb_command& c);
  SB_S3_IRAM bool pop(sb_command* c);
};

struct CompletionQueue {
  sb_completion slot[kQueueSlots];
  uint32_t head;  // written by core 1
  uint32_t tail;  // written by core 0
  SB_S3_IRAM bool push(const sb_completion& c);
  SB_S3_IRAM bool pop(sb_completion* c);
};

typedef void (*CompletionHook)(void* context);

class BusLoop {
 public:
  void init(Controller* controller, CommandQueue* commands, CompletionQueue* completions, CompletionHook hook,
            void* context);
  // One turn: take a command if the controller is free, step it, post what completed.
  // Returns true when it did something (a command taken or a completion posted).
  SB_S3_IRAM bool run_once();
  // The task body: turns until *stop is set (never on the board).
  SB_S3_IRAM void run(const volatile bool* stop);
  // Completions that waited for room in a full completion queue.
  uint32_t held_back() const { return held_ ? 1u : 0u; }

 private:
  SB_S3_IRAM bool post(const sb_completion& c);

  Controller* ctrl_ = nullptr;
  CommandQueue* commands_ = nullptr;
  CompletionQueue* completions_ = nullptr;
  CompletionHook hook_ = nullptr;
  void* context_ = nullptr;
  bool busy_ = false;       // a command is in the controller
  bool held_ = false;       // a completion is waiting for room
  sb_completion pending_{};
};

}  // namespace s3
}  // namespace sb

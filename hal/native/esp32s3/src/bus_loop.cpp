#include "sb/bus_loop.h"

namespace sb {
namespace s3 {

namespace {
template <class Q, class T>
SB_S3_INLINE bool ring_push(Q& q, const T& v) {
  const uint32_t head = q.head;
  if (head - __atomic_load_n(&q.tail, __ATOMIC_ACQUIRE) >= kQueueSlots) return false;
  q.slot[head & (kQueueSlots - 1u)] = v;
  __atomic_store_n(&q.head, head + 1u, __ATOMIC_RELEASE);
  return true;
}
template <class Q, class T>
SB_S3_INLINE bool ring_pop(Q& q, T* v) {
  const uint32_t tail = q.tail;
  if (__atomic_load_n(&q.head, __ATOMIC_ACQUIRE) == tail) return false;
  *v = q.slot[tail & (kQueueSlots - 1u)];
  __atomic_store_n(&q.tail, tail + 1u, __ATOMIC_RELEASE);
  return true;
}
}  // namespace

bool CommandQueue::push(const sb_command& c) { return ring_push(*this, c); }
bool CommandQueue::pop(sb_command* c) { return ring_pop(*this, c); }
bool CompletionQueue::push(const sb_completion& c) { return ring_push(*this, c); }
bool CompletionQueue::pop(sb_completion* c) { return ring_pop(*this, c); }

void BusLoop::init(Controller* controller, CommandQueue* commands, CompletionQueue* completions,
                   CompletionHook hook, void* context) {
  ctrl_ = controller;
  commands_ = commands;
  completions_ = completions;
  hook_ = hook;
  context_ = context;
  busy_ = held_ = false;
}

bool BusLoop::post(const sb_completion& c) {
  if (!completions_->push(c)) {
    pending_ = c;
    held_ = true;
    return false;
  }
  held_ = false;
  if (hook_ != nullptr) hook_(context_);
  return true;
}

bool BusLoop::run_once() {
  bool did = false;
  // A completion that found the queue full goes first; nothing new starts before it is out.
  if (held_) {
    if (!post(pending_)) return false;
    did = true;
  }
  sb_command c;
  if (!busy_ && commands_->pop(&c)) {
    did = true;
    const int r = ctrl_->submit(c);
    if (r != SB_OK) {
      sb_completion refused{};
      refused.op = c.op;
      refused.result = static_cast<uint8_t>(r);
      post(refused);
      return true;
    }
    busy_ = true;
  }
  // Stepped even when idle: the idle routine watches for a bus reset and unattended selection.
  if (ctrl_->step() == StepResult::kCompleted) {
    sb_completion done{};
    if (ctrl_->take_completion(&done)) {
      busy_ = false;
      post(done);
      did = true;
    }
  }
  return did;
}

void BusLoop::run(const volatile bool* stop) {
  while (!*stop) run_once();
}

}  // namespace s3
}  // namespace sb

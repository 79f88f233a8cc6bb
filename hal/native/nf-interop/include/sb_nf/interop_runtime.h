// The interop component's state and the work behind every InternalCall of ScsiBridge.Hal.Esp32:
// up to two controllers (the initiator adapter and the target side) sharing the board's pin
// backend, each with its command and completion queues to the bus loop on core 1 and a
// staging area for data phases from managed arrays; the board's one pinned ring in static
// internal RAM; the frame codec and the one receiver; the link channel. Managed code names
// everything by index and handle; no pointer into managed memory is kept after a call returns.
// Freestanding C++17 like the core (no heap, exceptions or RTTI): the same source runs on the
// board and in the host tests.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "sb/backend.h"
#include "sb/bus_loop.h"
#include "sb/controller.h"
#include "sb/frame_receiver.h"
#include "sb/slot_ring.h"
#include "sb_nf/interop_layout.h"

#ifndef SB_NF_RING_BYTES
// The ring's fixed memory: the adapter's default ring (16 slots of 4 KiB) fits.
#define SB_NF_RING_BYTES (64u * 1024u)
#endif

namespace sb {
namespace nf {

// The byte channel to the PC the firmware build provides. read and write never block: they
// move what they can now (0 when nothing), or return kLinkClosed. The channel announces arrived
// bytes by calling Runtime::link_data_arrived (from any task or core).
class LinkChannel {
 public:
  virtual int32_t open() = 0;
  virtual int32_t read(uint8_t* into, uint32_t count) = 0;
  virtual int32_t write(const uint8_t* from, uint32_t count) = 0;

 protected:
  ~LinkChannel() = default;
};

// What the board (or a test) gives the component.
struct Platform {
  PinBackend* backend = nullptr;  // the bus pins, shared by the controllers
  LinkChannel* link = nullptr;    // null: the build has no link channel
  // Posts a custom event to managed code (PostManagedEvent(EVENT_CUSTOM, ...) on the board).
  void (*post_event)(uint16_t kind, uint32_t data) = nullptr;
  // The clock the completions' times are on, in nanoseconds.
  uint64_t (*now_ns)() = nullptr;
};

class Runtime {
 public:
  // Takes the platform; refuses a second start (kAlreadyCreated) and an incomplete platform.
  int32_t start(const Platform& platform);
  bool started() const { return started_; }

  // ---- controllers ----
  int32_t open_controller(int32_t scsi_id, int32_t parity_check, int32_t max_sync_offset, int32_t min_sync_period_ns);
  int32_t submit(int32_t index, const int32_t* fields, uint32_t field_count, const uint8_t* inline_bytes,
                 uint32_t inline_count);
  int32_t cancel(int32_t index);
  // 1 and the completion, 0 when none is waiting, or a negative status.
  int32_t take_completion(int32_t index, int32_t* fields, uint32_t field_count, uint8_t* msg, uint32_t msg_count,
                          uint8_t* cdb, uint32_t cdb_count);
  int32_t stage_in(int32_t index, const uint8_t* from, uint32_t from_size, int32_t offset, int32_t count);
  int32_t stage_out(int32_t index, uint8_t* into, uint32_t into_size, int32_t offset, int32_t count);
  int32_t state(int32_t index, int32_t* fields, uint32_t field_count) const;
  int64_t now_ns() const;

  // One turn of every open controller's bus loop (the core-1 task's body; tests call it).
  bool run_once();

  // ---- the ring ----
  int32_t ring_create(int32_t slots, int32_t slot_size);
  SlotRing& ring() { return ring_; }
  bool ring_ready() const { return ring_created_; }

  // ---- the receiver ----
  int32_t receiver_create();
  FrameReceiver* receiver();

  // ---- the link ----
  int32_t link_open();
  int32_t link_read(uint8_t* into, uint32_t count);
  int32_t link_write(const uint8_t* from, uint32_t count);
  // Called by the channel when bytes arrived: posts the link event.
  void link_data_arrived(uint32_t waiting);

  // Forgets everything (host tests only; the board starts once).
  void reset_for_test();

 private:
  struct ControllerSlot {
    Controller controller;
    s3::CommandQueue commands;
    s3::CompletionQueue completions;
    s3::BusLoop loop;
    bool open;
  };

  static void on_completion(void* context);
  ControllerSlot* slot(int32_t index);
  const ControllerSlot* slot(int32_t index) const;

  Platform platform_{};
  bool started_ = false;
  ControllerSlot controllers_[kMaxControllers] = {};
  SlotRing ring_{};
  bool ring_created_ = false;
  bool receiver_created_ = false;
  bool link_open_ = false;
};

// The component's one runtime (board: started by board_start; tests: by the test).
Runtime& runtime();

// On the board: starts the runtime with the ESP32-S3 backend and the bus loop's task on core 1
// the first time any call needs it (interop_board.cpp); on the host it only reports whether a
// test started it.
int32_t ensure_started();

// On the board: the link channel of the firmware build (a weak default gives none).
LinkChannel* board_link_channel();

}  // namespace nf
}  // namespace sb

// What the data plane's opaque C handles hold (scsibridge_dataplane.h); private to the library.
#ifndef SB_DATAPLANE_HANDLES_H
#define SB_DATAPLANE_HANDLES_H
#include "sb/frame_receiver.h"
#include "sb/slot_ring.h"

struct sb_ring {
  sb::SlotRing ring;
  uint8_t* memory = nullptr;  // the one allocation the ring lives in
};

struct sb_frame_receiver {
  sb::FrameReceiver receiver;
};

#endif

// How commands, completions and counters cross between ScsiBridge.Hal.Esp32 and this component:
// nanoFramework's interop passes integers and arrays of them, not structures, so each travels
// as fixed slots of an int array. Keep in step with hal/ScsiBridge.Hal.Esp32/InteropLayout.cs
// and InteropStatus.cs.
#pragma once
#include <stdint.h>

namespace sb {
namespace nf {

enum CommandField : uint32_t {
  kCmdOp = 0, kCmdFlags, kCmdPeerId, kCmdIdMask, kCmdStatusByte, kCmdByteCount, kCmdSyncOffset,
  kCmdSyncPeriodNs, kCmdLength, kCmdDataSource, kCmdSlotHandle, kCmdSlotOffset, kCmdBufferCount,
  kCmdTimeoutLow, kCmdTimeoutHigh, kCommandFields
};

enum DataSource : int32_t { kSourceNone = 0, kSourceSlot = 1, kSourceStaging = 2 };

enum CompletionField : uint32_t {
  kDoneOp = 0, kDoneResult, kDonePhase, kDoneFlags, kDonePeerId, kDoneOwnId, kDoneIdentify,
  kDoneMsgLength, kDoneCdbLength, kDoneStatusByte, kDoneArbitrationRetries, kDoneBytesMoved,
  kDoneResidual, kDoneParityIndex, kDoneTimeLow, kDoneTimeHigh, kCompletionFields
};

enum StateField : uint32_t {
  kStateBusy = 0, kStateQueuedCommands, kStateWaitingCompletions, kStateHeldBack, kStateResetsSeen,
  kStateFields
};

constexpr uint32_t kRingStatsFields = 8;
constexpr uint32_t kFrameInfoFields = 8;
constexpr uint32_t kReceiverStatsFields = 7;

// The component's own statuses (negative, below the ring's and the codec's).
enum InteropStatus : int32_t {
  kOk = 0,
  kBadArgument = -32,
  kNotStarted = -33,
  kNoSuchController = -34,
  kNoControllerFree = -35,
  kPinsRefused = -36,
  kNoMemory = -37,
  kQueueFull = -38,
  kNoLink = -39,
  kLinkClosed = -40,
  kAlreadyCreated = -41,
};

// The custom events posted to managed code (CustomEventArgs.Data1; Data2 says which).
constexpr uint16_t kEventCompletion = 0x5B01;  // Data2: the controller's index
constexpr uint16_t kEventLinkData = 0x5B02;    // Data2: bytes waiting

constexpr uint32_t kMaxControllers = 2;
constexpr uint32_t kStagingBytes = 4096;

}  // namespace nf
}  // namespace sb

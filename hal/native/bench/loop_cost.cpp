// The cost of the initiator's asynchronous DATA IN loop in instructions per byte, measured on
// the host: the real sb::Controller selects a scripted target (ScriptedPeer) and runs one
// TRANSFER of --bytes N through a backend that, like the board's, never yields.
//
// The program prints what it moved; the instruction count comes from running it under
// callgrind twice with different sizes (loop-cost.sh), so that selection and setup cancel.
// Only transfer_through_controller() is meant to be counted (callgrind --toggle-collect), so
// filling and checking the buffers does not blur the figure.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <chrono>
#include <vector>

#include "sb/command.h"
#include "sb/controller.h"
#include "scripted_peer.h"

namespace {

constexpr uint8_t kInitiatorId = 7;
constexpr uint8_t kTargetId = 0;
constexpr uint32_t kDefaultBytes = 4u << 20;

// Steps the controller until its command completes. With this backend a step that ends
// without a completion means the scripted peer can never satisfy the controller's wait.
bool run_command(sb::Controller& ctrl, sbbench::ScriptedPeer& peer, const sb_command& command, sb_completion* done) {
  if (ctrl.submit(command) != SB_OK) return false;
  while (ctrl.step() != sb::StepResult::kCompleted) {
    if (peer.stuck()) return false;
  }
  return ctrl.take_completion(done);
}

// The measured part: one TRANSFER of the whole buffer. Kept out of line so that callgrind can
// count just this function and what it calls.
__attribute__((noinline)) bool transfer_through_controller(sb::Controller& ctrl, sbbench::ScriptedPeer& peer,
                                                          uint8_t* buffer, uint32_t length, sb_completion* done) {
  sb_command transfer{};
  transfer.op = SB_OP_TRANSFER;
  transfer.buffer = reinterpret_cast<uintptr_t>(buffer);
  transfer.buffer_size = length;
  transfer.length = length;
  return run_command(ctrl, peer, transfer, done);
}

}  // namespace

int main(int argc, char** argv) {
  uint32_t bytes = kDefaultBytes;
  for (int i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--bytes") == 0 && i + 1 < argc) {
      char* end = nullptr;
      const unsigned long long v = strtoull(argv[++i], &end, 10);
      if (end == argv[i] || *end != '\0' || v == 0 || v > 0xFFFFFFFFull) {
        fprintf(stderr, "--bytes takes a count from 1 to 4294967295\n");
        return 2;
      }
      bytes = static_cast<uint32_t>(v);
    } else {
      fprintf(stderr, "usage: %s [--bytes N]   (default %u)\n", argv[0], kDefaultBytes);
      return 2;
    }
  }

  // Varied bytes so that every parity value occurs; a cheap generator keeps setup short.
  std::vector<uint8_t> source(bytes);
  uint32_t x = 2463534242u;
  for (uint8_t& b : source) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    b = static_cast<uint8_t>(x);
  }
  std::vector<uint8_t> received(bytes, 0);

  sbbench::ScriptedPeer peer(kTargetId, source.data(), bytes);
  sb::Controller ctrl;
  sb_options options{};
  options.scsi_id = kInitiatorId;
  options.parity_check = 1;  // the firmware checks parity on every byte, so the loop does too
  options.max_sync_offset = 15;
  options.min_sync_period_ns = 200;
  ctrl.init(&peer, options);

  sb_command select{};
  select.op = SB_OP_SELECT;
  select.peer_id = kTargetId;
  sb_completion done{};
  if (!run_command(ctrl, peer, select, &done) || done.result != SB_OK || done.phase != sb::kPhaseDataIn) {
    fprintf(stderr, "selection failed: result %u, phase %u\n", done.result, done.phase);
    return 1;
  }

  const auto start = std::chrono::steady_clock::now();
  const bool completed = transfer_through_controller(ctrl, peer, received.data(), bytes, &done);
  const auto stop = std::chrono::steady_clock::now();
  if (!completed || done.result != SB_OK || done.bytes_moved != bytes || done.phase != sb::kPhaseStatus) {
    fprintf(stderr, "transfer failed: result %u, %u of %u bytes, phase %u\n", done.result, done.bytes_moved, bytes,
            done.phase);
    return 1;
  }
  if (memcmp(received.data(), source.data(), bytes) != 0) {
    fprintf(stderr, "transfer corrupted the data\n");
    return 1;
  }

  const double ns = std::chrono::duration<double, std::nano>(stop - start).count();
  printf("bytes: %u (DATA IN, asynchronous, parity checked, verified)\n", bytes);
  printf("host time: %.1f ns per byte (meaningless under valgrind)\n", ns / bytes);
  printf("instructions per byte: run loop-cost.sh (callgrind, two sizes)\n");
  return 0;
}

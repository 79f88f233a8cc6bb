// The board's link to the PC (board/link.md): the S3's USB-OTG as a CDC-ACM serial port,
// moved by TinyUSB, read and written here without blocking, as LinkChannel asks.
// - A port the host has not opened (DTR clear) reads nothing and refuses writes: nobody is
//   listening. The host closing it (DTR falling) reads as kLinkClosed once, so the firmware
//   sees the peer go, as it does when a UART adapter is unplugged.
// - Writes take what TinyUSB's transmit buffer has room for now (CONFIG_TINYUSB_CDC_TX_BUFSIZE,
//   4096 on the board: a whole data frame) and are flushed at once, so packets leave while the
//   rest of the frame is being handed over.
// - TinyUSB's receive and line-state callbacks (the board's glue, usb_cdc_board.cpp) call
//   on_received and on_line_state, from TinyUSB's task; the arrival wakes managed code.
#pragma once
#include <stdint.h>

#include "sb_nf/interop_runtime.h"

namespace sb {
namespace nf {

class UsbCdcChannel final : public LinkChannel {
 public:
  explicit UsbCdcChannel(uint8_t interface_number) : itf_(interface_number) {}

  int32_t open() override;
  int32_t read(uint8_t* into, uint32_t count) override;
  int32_t write(const uint8_t* from, uint32_t count) override;

  // From TinyUSB's callbacks.
  void on_received();
  void on_line_state(bool dtr);

 private:
  uint8_t itf_;
  bool opened_ = false;
  volatile bool hung_up_ = false;  // DTR fell since the last read: report it once
};

}  // namespace nf
}  // namespace sb

#include "sb_nf/usb_cdc_channel.h"

#include "sb_nf/interop_layout.h"
#include "sb_nf/tinyusb_cdc.h"

namespace sb {
namespace nf {

int32_t UsbCdcChannel::open() {
  // The device is installed by the board's start (usb_cdc_board.cpp); the port may not be
  // enumerated or opened yet, which read and write tell apart later.
  opened_ = true;
  hung_up_ = false;
  return kOk;
}

int32_t UsbCdcChannel::read(uint8_t* into, uint32_t count) {
  if (!opened_) return kLinkClosed;
  if (hung_up_) {
    hung_up_ = false;
    return kLinkClosed;
  }
  if (count == 0 || !tud_cdc_n_connected(itf_)) return 0;
  const uint32_t waiting = tud_cdc_n_available(itf_);
  if (waiting == 0) return 0;
  return static_cast<int32_t>(tud_cdc_n_read(itf_, into, waiting < count ? waiting : count));
}

int32_t UsbCdcChannel::write(const uint8_t* from, uint32_t count) {
  if (!opened_ || !tud_mounted() || !tud_cdc_n_connected(itf_)) return kLinkClosed;
  const uint32_t room = tud_cdc_n_write_available(itf_);
  if (room == 0 || count == 0) return 0;
  const uint32_t n = tud_cdc_n_write(itf_, from, room < count ? room : count);
  tud_cdc_n_write_flush(itf_);
  return static_cast<int32_t>(n);
}

void UsbCdcChannel::on_received() {
  runtime().link_data_arrived(tud_cdc_n_available(itf_));
}

void UsbCdcChannel::on_line_state(bool dtr) {
  if (!dtr && opened_) {
    hung_up_ = true;
    runtime().link_data_arrived(0);  // wake the reader: it reads the hang-up
  }
}

}  // namespace nf
}  // namespace sb

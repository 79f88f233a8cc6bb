// Fakes of the ESP-IDF calls the board's accessors make (declared by board/idf-stand-in/), for
// host tests of the accessors' own logic: what they ask of the drivers, in which order, and
// what they do with a refusal. They model no peripheral; behaviour on silicon is untested.
#pragma once
#include <stdint.h>

#include <vector>

namespace fake_idf {

struct Bundle {
  std::vector<int> gpios;
  bool out = false;
  bool deleted = false;
  uint32_t written_mask = 0, written_value = 0;
};

struct State {
  // Settings of the next calls.
  int core_id = 1;
  uint32_t bundle_offset = 0;       // what dedic_gpio_get_*_offset reports
  bool refuse_gpio_config = false;
  int first_free_pcnt_unit = 0;     // the unit pcnt_new_unit gives first
  bool refuse_rx_channel = false;
  bool fail_gdma_append = false;
  // What the accessors did.
  std::vector<uint64_t> od_masks, input_masks, output_masks;
  std::vector<Bundle> bundles;
  int pcnt_units_live = 0, pcnt_channels_live = 0;
  int unit_low_limit[4] = {0, 0, 0, 0}, unit_high_limit[4] = {0, 0, 0, 0};
  int unit_count[4] = {0, 0, 0, 0};
  int gdma_channels_live = 0;
  int lcd_cam_module_refs = 0;
  int lcd_div = 0;
  uint32_t lcd_prescale = 0;
  bool lcd_started = false;
  intptr_t tx_started_at = 0;
  int tx_appends = 0;
  intptr_t rx_started_at = 0;
  uint32_t cam_bytelen = 0;
  std::vector<uint32_t> in_routes;   // gpio << 16 | signal, in the order asked
  std::vector<uint32_t> out_routes;
};

State& state();
void reset();

}  // namespace fake_idf

// Where the bus loop's code goes on the board. Core 1 runs it straight from internal
// instruction RAM, as ESP-IDF's IRAM_ATTR places a function (esp_attr.h): a section named
// ".iram1.<n>", which ESP-IDF's linker fragments (esp_common/soc.lf, `[sections:iram]` =
// `.iram1+`) map to iram0_text. A flash-cache miss costs microseconds, longer than a Fast-10
// byte; code in IRAM never misses.
// SB_S3_IRAM goes on everything the bus loop runs per byte or per wait. It places code only in
// an Xtensa build for the board, or the size check's (SB_S3_SECTIONS, xtensa/check.sh), which
// measures the sections; the host model and the QEMU count harness keep ordinary sections.
// SB_S3_DRAM goes on the constant tables they read. Other data the loop touches needs nothing:
// static storage (.bss, .data) is internal DRAM on the S3 unless marked EXT_RAM_BSS_ATTR
// (docs/esp32s3-backend.md).
#pragma once

#define SB_S3_PLACEMENT_STR2(x) #x
#define SB_S3_PLACEMENT_STR(x) SB_S3_PLACEMENT_STR2(x)
#if defined(__XTENSA__) && !defined(SB_S3_MODEL) && (!defined(SB_S3_SCRIPTED) || defined(SB_S3_SECTIONS))
#define SB_S3_IRAM __attribute__((section(".iram1.sb" SB_S3_PLACEMENT_STR(__COUNTER__))))
// Constant tables the loops read, in internal DRAM as DRAM_ATTR puts them (".dram1.<n>",
// `[sections:dram]` = `.dram1+`, mapped to dram0_data), not in flash behind the cache.
#define SB_S3_DRAM __attribute__((section(".dram1.sb" SB_S3_PLACEMENT_STR(__COUNTER__))))
#else
#define SB_S3_IRAM
#define SB_S3_DRAM
#endif

// The register and instruction accessors (s3_hw.h): always inline, so no out-of-line copy of
// one lands in flash.
#define SB_S3_INLINE inline __attribute__((always_inline))

// The parity tables of the core's byte loops (sb/bulk_loops.h) go with this backend. This
// header must come before bulk_loops.h for that (esp32s3_backend.h includes it first). The
// loops themselves are template instantiations, to which GCC applies no section attribute:
// board/sb_s3_iram.lf places the backend's objects whole.
#if defined(SB_BULK_LOOP)
#error "sb/s3_placement.h must be included before sb/bulk_loops.h"
#endif
#define SB_BULK_TABLE_PLACEMENT SB_S3_DRAM

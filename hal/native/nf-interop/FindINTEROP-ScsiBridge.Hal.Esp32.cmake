# nf-interpreter's module for the interop component of the assembly ScsiBridge.Hal.Esp32.
# Copy this file to nf-interpreter's CMake/Modules/ and this folder (hal/native/nf-interop) to
# nf-interpreter's InteropAssemblies/ScsiBridge.Hal.Esp32/, then configure with
#   -DNF_INTEROP_ASSEMBLIES=ScsiBridge.Hal.Esp32 -DSB_NATIVE_DIR=<ScsiBridge checkout>/hal/native
# (hal/native/nf-interop/README.md). The component also builds the controller core, the data
# plane and the ESP32-S3 backend from SB_NATIVE_DIR.

set(BASE_PATH_FOR_THIS_MODULE ${PROJECT_SOURCE_DIR}/InteropAssemblies/ScsiBridge.Hal.Esp32)

if(NOT SB_NATIVE_DIR)
    message(FATAL_ERROR "ScsiBridge.Hal.Esp32: set SB_NATIVE_DIR to the hal/native folder of a ScsiBridge checkout (-DSB_NATIVE_DIR=/path/to/scsibridge/hal/native)")
endif()

list(APPEND ScsiBridge.Hal.Esp32_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/CLR/Core)
list(APPEND ScsiBridge.Hal.Esp32_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/CLR/Include)
list(APPEND ScsiBridge.Hal.Esp32_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/HAL/Include)
list(APPEND ScsiBridge.Hal.Esp32_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/PAL/Include)
list(APPEND ScsiBridge.Hal.Esp32_INCLUDE_DIRS ${BASE_PATH_FOR_THIS_MODULE})
list(APPEND ScsiBridge.Hal.Esp32_INCLUDE_DIRS ${BASE_PATH_FOR_THIS_MODULE}/include)
list(APPEND ScsiBridge.Hal.Esp32_INCLUDE_DIRS ${SB_NATIVE_DIR}/core/include)
list(APPEND ScsiBridge.Hal.Esp32_INCLUDE_DIRS ${SB_NATIVE_DIR}/esp32s3/include)
list(APPEND ScsiBridge.Hal.Esp32_INCLUDE_DIRS ${SB_NATIVE_DIR}/esp32s3/board)

set(ScsiBridge.Hal.Esp32_SRCS
    ScsiBridge_Hal_Esp32.cpp
    ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController_mshl.cpp
    ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeController.cpp
    ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeRing_mshl.cpp
    ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeRing.cpp
    ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec_mshl.cpp
    ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeFrameCodec.cpp
    ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeLinkPort_mshl.cpp
    ScsiBridge_Hal_Esp32_ScsiBridge_Hal_Esp32_Interop_NativeLinkPort.cpp
    interop_runtime.cpp
    interop_board.cpp
    usb_cdc_channel.cpp
    usb_cdc_board.cpp
)

foreach(SRC_FILE ${ScsiBridge.Hal.Esp32_SRCS})
    set(ScsiBridge.Hal.Esp32_SRC_FILE SRC_FILE-NOTFOUND)
    find_file(ScsiBridge.Hal.Esp32_SRC_FILE ${SRC_FILE}
        PATHS ${BASE_PATH_FOR_THIS_MODULE} ${BASE_PATH_FOR_THIS_MODULE}/src
        CMAKE_FIND_ROOT_PATH_BOTH)
    list(APPEND ScsiBridge.Hal.Esp32_SOURCES ${ScsiBridge.Hal.Esp32_SRC_FILE})
endforeach()

# The controller core, the data plane, the ESP32-S3 backend with its bus loop and byte loops,
# and the board's accessors on ESP-IDF (esp32s3/board/*_idf.cpp: GPIO and dedicated GPIO, PCNT,
# LCD_CAM with GDMA). The backend's per-byte code carries IRAM placement itself (SB_S3_IRAM);
# esp32s3/board/sb_s3_iram.lf maps its objects whole, for the template instantiations GCC
# will not place by attribute, where the build registers linker fragments.
foreach(SRC_FILE
        core/src/controller.cpp core/src/bus_access.cpp core/src/initiator.cpp
        core/src/initiator_transfer.cpp core/src/target.cpp core/src/target_transfer.cpp
        core/src/slot_ring.cpp core/src/crc32c.cpp core/src/cobs.cpp core/src/frame_codec.cpp
        core/src/frame_receiver.cpp
        esp32s3/src/esp32s3_backend.cpp esp32s3/src/async_loops.cpp esp32s3/src/s3_pins.cpp
        esp32s3/src/bus_loop.cpp
        esp32s3/board/s3_gpio_idf.cpp esp32s3/board/s3_pcnt_idf.cpp esp32s3/board/s3_lcd_cam_idf.cpp)
    list(APPEND ScsiBridge.Hal.Esp32_SOURCES ${SB_NATIVE_DIR}/${SRC_FILE})
endforeach()

include(FindPackageHandleStandardArgs)

FIND_PACKAGE_HANDLE_STANDARD_ARGS(ScsiBridge.Hal.Esp32 DEFAULT_MSG ScsiBridge.Hal.Esp32_INCLUDE_DIRS ScsiBridge.Hal.Esp32_SOURCES)

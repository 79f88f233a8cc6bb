/* Reset entry of the bare-metal harness on QEMU's Xtensa "sim" machine: execution starts at
 * 0x50000000 (the ELF entry is not used), so this is linked first there. Sets the stack, runs
 * harness_main, then asks the simulator to exit (simcall 1) with its return value. */
    .section .entry, "ax"
    .global _start
    .align 4
_start:
    j 1f
    .literal_position
    .align 4
1:
    movi a1, 0x3fff0000
    call0 harness_main
    mov a3, a2
    movi a2, 1
    simcall
2:
    j 2b

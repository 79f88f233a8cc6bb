/* Bare-metal entry for the codec cost harness on qemu-system-xtensa -M sim -cpu lx106: QEMU
 * starts at the reset vector 0x50000000, where the linker script puts this first. */
    .section .entry.text, "ax"
    .global _start
    .align 4
_start:
    j 1f
    .literal_position
    .align 4
1:
    movi a1, 0x3ffffff0      /* stack at the top of the sim machine's data RAM */
    call0 harness_main
    movi a2, 1               /* simcall exit, status 0 */
    movi a3, 0
    simcall
2:
    j 2b

namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>Operation codes the adapter issues itself, and the write-class table that keeps
    /// sessions read-only unless writes were enabled.</summary>
    public static class ScsiOpcodes
    {
        public const byte TestUnitReady = 0x00;
        public const byte RequestSense = 0x03;
        public const byte Inquiry = 0x12;

        /// <summary>
        /// Commands that change what is stored on the medium or the device's settings: a vintage
        /// drive is often the last copy of its data, so these need a session with writes enabled.
        /// </summary>
        public static bool IsWriteClass(byte opcode)
        {
            switch (opcode)
            {
                case 0x04: // FORMAT UNIT
                case 0x07: // REASSIGN BLOCKS
                case 0x0A: // WRITE(6)
                case 0x10: // WRITE FILEMARKS
                case 0x15: // MODE SELECT(6)
                case 0x18: // COPY (may write to another device)
                case 0x19: // ERASE
                case 0x2A: // WRITE(10)
                case 0x2E: // WRITE AND VERIFY(10)
                case 0x3A: // COPY AND VERIFY
                case 0x3B: // WRITE BUFFER (also downloads microcode)
                case 0x3D: // UPDATE BLOCK
                case 0x3F: // WRITE LONG
                case 0x41: // WRITE SAME
                case 0x4C: // LOG SELECT
                case 0x55: // MODE SELECT(10)
                case 0x8A: // WRITE(16)
                case 0x8E: // WRITE AND VERIFY(16)
                case 0x93: // WRITE SAME(16)
                case 0xAA: // WRITE(12)
                case 0xAE: // WRITE AND VERIFY(12)
                    return true;
                default:
                    return false;
            }
        }
    }
}

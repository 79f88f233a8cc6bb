namespace ScsiBridge.Firmware.Tests.Targets
{
    /// <summary>SCSI-2 status bytes.</summary>
    public static class ScsiStatus
    {
        public const int Good = 0x00;
        public const int CheckCondition = 0x02;
        public const int Busy = 0x08;
        public const int ReservationConflict = 0x18;
    }

    /// <summary>SCSI-2 message codes.</summary>
    public static class ScsiMessage
    {
        public const byte CommandComplete = 0x00;
        public const byte Extended = 0x01;
        public const byte SaveDataPointer = 0x02;
        public const byte RestorePointers = 0x03;
        public const byte Disconnect = 0x04;
        public const byte InitiatorDetectedError = 0x05;
        public const byte Abort = 0x06;
        public const byte MessageReject = 0x07;
        public const byte NoOperation = 0x08;
        public const byte MessageParityError = 0x09;
        public const byte BusDeviceReset = 0x0C;

        /// <summary>IDENTIFY: bit 7 set, bit 6 grants disconnection, bits 0-2 the LUN.</summary>
        public const byte Identify = 0x80;
        public const byte IdentifyDisconnectPrivilege = 0x40;

        /// <summary>Extended message codes (third byte of an extended message).</summary>
        public const byte ExtendedSdtr = 0x01;
        public const byte ExtendedWdtr = 0x03;

        /// <summary>SYNCHRONOUS DATA TRANSFER REQUEST with a period factor (x 4 ns) and a REQ/ACK offset.</summary>
        public static byte[] Sdtr(int periodFactor, int offset)
        {
            return new byte[] { Extended, 0x03, ExtendedSdtr, (byte)periodFactor, (byte)offset };
        }

        /// <summary>WIDE DATA TRANSFER REQUEST (exponent 1 = 16 bits).</summary>
        public static byte[] Wdtr(int widthExponent)
        {
            return new byte[] { Extended, 0x02, ExtendedWdtr, (byte)widthExponent };
        }

        public static byte IdentifyLun(int lun, bool mayDisconnect)
        {
            return (byte)(Identify | (mayDisconnect ? IdentifyDisconnectPrivilege : 0) | (lun & 0x07));
        }
    }

    /// <summary>Operation codes the scripted target knows.</summary>
    public static class ScsiOpcode
    {
        public const byte TestUnitReady = 0x00;
        public const byte RequestSense = 0x03;
        public const byte Read6 = 0x08;
        public const byte Write6 = 0x0A;
        public const byte Inquiry = 0x12;
        public const byte Reserve6 = 0x16;
        public const byte Release6 = 0x17;
        public const byte ReadCapacity10 = 0x25;
        public const byte Read10 = 0x28;
        public const byte Write10 = 0x2A;
    }

    /// <summary>Sense keys and the additional sense codes the scripted target reports.</summary>
    public static class ScsiSense
    {
        public const int NoSense = 0x0;
        public const int NotReady = 0x2;
        public const int MediumError = 0x3;
        public const int IllegalRequest = 0x5;
        public const int UnitAttention = 0x6;
        public const int AbortedCommand = 0xB;

        public const int AscInvalidCommandOperationCode = 0x20;
        public const int AscLbaOutOfRange = 0x21;
        public const int AscInvalidFieldInCdb = 0x24;
        public const int AscLogicalUnitNotSupported = 0x25;
        public const int AscPowerOnOrReset = 0x29;
        public const int AscScsiParityError = 0x47;
        public const int AscInitiatorDetectedErrorMessageReceived = 0x48;

        /// <summary>Length of the fixed-format sense data the target returns.</summary>
        public const int FixedLength = 18;
    }

    /// <summary>CDBs for the commands the scripted target serves (allocating; for tests).</summary>
    public static class Cdb
    {
        public static byte[] TestUnitReady(int lun = 0)
        {
            return new byte[] { ScsiOpcode.TestUnitReady, Lun(lun), 0, 0, 0, 0 };
        }

        public static byte[] Inquiry(int allocationLength = 36, int lun = 0)
        {
            return new byte[] { ScsiOpcode.Inquiry, Lun(lun), 0, 0, (byte)allocationLength, 0 };
        }

        public static byte[] RequestSense(int allocationLength = ScsiSense.FixedLength, int lun = 0)
        {
            return new byte[] { ScsiOpcode.RequestSense, Lun(lun), 0, 0, (byte)allocationLength, 0 };
        }

        public static byte[] Read6(int lba, int blocks, int lun = 0)
        {
            return new byte[] { ScsiOpcode.Read6, (byte)(Lun(lun) | ((lba >> 16) & 0x1F)), (byte)(lba >> 8), (byte)lba, (byte)blocks, 0 };
        }

        public static byte[] Write6(int lba, int blocks, int lun = 0)
        {
            return new byte[] { ScsiOpcode.Write6, (byte)(Lun(lun) | ((lba >> 16) & 0x1F)), (byte)(lba >> 8), (byte)lba, (byte)blocks, 0 };
        }

        public static byte[] Read10(long lba, int blocks, int lun = 0)
        {
            return Group1(ScsiOpcode.Read10, lba, blocks, lun);
        }

        public static byte[] Write10(long lba, int blocks, int lun = 0)
        {
            return Group1(ScsiOpcode.Write10, lba, blocks, lun);
        }

        public static byte[] ReadCapacity10(int lun = 0)
        {
            return new byte[] { ScsiOpcode.ReadCapacity10, Lun(lun), 0, 0, 0, 0, 0, 0, 0, 0 };
        }

        public static byte[] Reserve6(int lun = 0)
        {
            return new byte[] { ScsiOpcode.Reserve6, Lun(lun), 0, 0, 0, 0 };
        }

        public static byte[] Release6(int lun = 0)
        {
            return new byte[] { ScsiOpcode.Release6, Lun(lun), 0, 0, 0, 0 };
        }

        private static byte[] Group1(byte opcode, long lba, int blocks, int lun)
        {
            return new byte[]
            {
                opcode, Lun(lun), (byte)(lba >> 24), (byte)(lba >> 16), (byte)(lba >> 8), (byte)lba,
                0, (byte)(blocks >> 8), (byte)blocks, 0,
            };
        }

        /// <summary>The SCSI-1/2 LUN field of CDB byte 1 (bits 5-7).</summary>
        private static byte Lun(int lun)
        {
            return (byte)((lun & 0x07) << 5);
        }
    }
}

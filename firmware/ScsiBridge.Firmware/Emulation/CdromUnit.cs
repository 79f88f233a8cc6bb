using ScsiBridge.Firmware.Target;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// A CD-ROM drive (type 05h, removable) on an ISO image of 2048-byte sectors: one data track 1
    /// from LBA 0 and the lead-out after the last whole sector. Serves, beyond
    /// <see cref="BlockUnit"/>: READ(12) and READ TOC (formats 0 and 1, LBA and MSF). Writes are
    /// not CD-ROM commands: ILLEGAL REQUEST, INVALID COMMAND OPERATION CODE. The logical block
    /// length is 2048, or 512 after a MODE SELECT block descriptor asks for it (what Sun and SGI
    /// systems do before booting from CD); then every 2048-byte sector is four logical blocks.
    /// Mode pages: 01h (CD-ROM error recovery), 02h, 0Ah, 0Dh (CD-ROM parameters), 0Eh (audio
    /// control) and 2Ah (MM capabilities and mechanical status, MMC-1 layout).
    /// Insert/Eject change the disc; every initiator then gets UNIT ATTENTION, NOT READY TO READY
    /// CHANGE once.
    /// </summary>
    public sealed class CdromUnit : BlockUnit
    {
        public const int SectorLength = 2048;

        /// <summary>4x (176 kB/s each), as reported in page 2Ah.</summary>
        public const int ReadSpeedKBps = 706;

        public CdromUnit(DeviceProfile profile, IBlockStore? store)
            : base(profile, store, SectorLength)
        {
        }

        /// <summary>A generic SCSI-2 CD-ROM drive.</summary>
        public CdromUnit(IBlockStore? store)
            : this(DeviceProfile.GenericCdrom(), store)
        {
        }

        protected override bool AcceptsDeviceType(int deviceType)
        {
            return deviceType == DeviceProfile.CdRom;
        }

        protected override bool IsSupportedBlockLength(int blockLength)
        {
            return blockLength == 512 || blockLength == SectorLength;
        }

        protected override long CapacityOf(long length, int blockLength)
        {
            long blocks = (length / SectorLength) * (SectorLength / blockLength);
            return blocks > DiskUnit.MaxBlocks ? DiskUnit.MaxBlocks : blocks;
        }

        protected override void DefineModePages()
        {
            // 01h CD-ROM read error recovery (SCSI-2 13.3.3.4): parameter byte and retry count changeable.
            byte[] recovery = new byte[8];
            recovery[0] = 0x01;
            recovery[1] = 0x06;
            byte[] recoveryMask = new byte[8];
            recoveryMask[2] = 0xFF;
            recoveryMask[3] = 0xFF;
            DefinePage(recovery, recoveryMask);

            DefinePage(DiskUnit.DisconnectReconnectPage(), DiskUnit.DisconnectReconnectMask());
            DefinePage(DiskUnit.ControlModePage(), null);

            // 0Dh CD-ROM device parameters (13.3.3.2): 60 S units per M unit, 75 F units per S
            // unit; the inactivity timer multiplier is changeable.
            byte[] parameters = new byte[8];
            parameters[0] = 0x0D;
            parameters[1] = 0x06;
            parameters[5] = 60;
            parameters[7] = 75;
            byte[] parametersMask = new byte[8];
            parametersMask[3] = 0x0F;
            DefinePage(parameters, parametersMask);

            // 0Eh CD-ROM audio control (13.3.3.1): IMMED set; port 0 plays channel 0, port 1
            // channel 1, both at full volume. IMMED, SOTC, the port selections and volumes are
            // changeable (the unit plays no audio; the values are kept for hosts that set them).
            byte[] audio = new byte[16];
            audio[0] = 0x0E;
            audio[1] = 0x0E;
            audio[2] = 0x04;
            audio[8] = 0x01;
            audio[9] = 0xFF;
            audio[10] = 0x02;
            audio[11] = 0xFF;
            byte[] audioMask = new byte[16];
            audioMask[2] = 0x06;
            for (int i = 8; i <= 15; i += 2)
            {
                audioMask[i] = 0x0F;
                audioMask[i + 1] = 0xFF;
            }
            DefinePage(audio, audioMask);

            // 2Ah CD capabilities and mechanical status (MMC-1, page length 14h): reads CD-ROM
            // data only; lock, eject, tray loading; 4x speed; 64 kB buffer.
            byte[] capabilities = new byte[22];
            capabilities[0] = 0x2A;
            capabilities[1] = 0x14;
            capabilities[6] = 0x29;  // tray (001b << 5), Eject, Lock; Lock State filled in
            BigEndian.Put16(capabilities, 8, ReadSpeedKBps);
            BigEndian.Put16(capabilities, 10, 256);  // volume levels
            BigEndian.Put16(capabilities, 12, 64);   // buffer, kB
            BigEndian.Put16(capabilities, 14, ReadSpeedKBps);
            DefinePage(capabilities, null);
        }

        protected override void FillDynamicFields(int code, byte[] page, int offset, int length)
        {
            if (code == 0x2A && length > 6)
            {
                if (IsRemovalPrevented) page[offset + 6] |= 0x02;
                else page[offset + 6] &= 0xFD;
            }
        }

        protected override bool ExecuteSpecific(byte opcode, TargetCommand command, ITargetIo io)
        {
            switch (opcode)
            {
                case TargetOpcodes.Read12:
                    Read12(command, io);
                    return true;
                case TargetOpcodes.ReadToc:
                    ReadToc(command, io);
                    return true;
                default:
                    return false;
            }
        }

        private void Read12(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command)) return;
            byte[] cdb = command.Cdb;
            if ((cdb[1] & 0x01) != 0)
            {
                command.FailField(1);
                return;
            }
            long lba = BigEndian.Get32(cdb, 2);
            long count = BigEndian.Get32(cdb, 6);
            if (!CheckRange(command, lba, count)) return;
            ReadBlocks(command, io, lba, count);
        }

        /// <summary>
        /// READ TOC (SCSI-2 13.2.8). Format 0: track 1 (data, ADR 1, control 4) at address 0 and
        /// the lead-out (AAh); starting track 0 or 1 lists both, AAh only the lead-out, any other
        /// track does not exist. Format 1 (multi-session information, MMC): one session, its first
        /// track 1 at 0. LBA addresses count logical blocks of the current length; MSF addresses
        /// count 2048-byte sectors from 00:02:00.
        /// </summary>
        private void ReadToc(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command)) return;
            byte[] cdb = command.Cdb;
            bool msf = (cdb[1] & 0x02) != 0;
            int format = cdb[2] & 0x0F;
            int formatField = 2;
            if (format == 0 && (cdb[9] & 0xC0) != 0)
            {
                format = cdb[9] >> 6;  // the older place of the format (SFF-8020, vendor bits of SCSI-2)
                formatField = 9;
            }
            int start = cdb[6];
            int allocation = BigEndian.Get16(cdb, 7);
            byte[] r = Response;
            long leadOutSector = Store!.Length / SectorLength;
            int position = 4;
            if (format == 0)
            {
                if (start > 1 && start != 0xAA)
                {
                    command.FailField(6);
                    return;
                }
                if (start <= 1) position = TocEntry(r, position, 1, 0, 0, msf);
                position = TocEntry(r, position, 0xAA, Blocks, leadOutSector, msf);
            }
            else if (format == 1)
            {
                position = TocEntry(r, position, 1, 0, 0, msf);
            }
            else
            {
                command.FailField(formatField);
                return;
            }
            BigEndian.Put16(r, 0, position - 2);
            r[2] = 1;  // first track, or first session
            r[3] = 1;  // last track, or last session
            SendResponse(command, io, position, allocation);
        }

        private static int TocEntry(byte[] r, int position, int track, long lba, long sector, bool msf)
        {
            r[position] = 0;
            r[position + 1] = 0x14;  // ADR 1 (current position), control 4 (data track)
            r[position + 2] = (byte)track;
            r[position + 3] = 0;
            if (msf)
            {
                long frame = sector + 150;
                r[position + 4] = 0;
                r[position + 5] = (byte)(frame / (60 * 75));
                r[position + 6] = (byte)(frame / 75 % 60);
                r[position + 7] = (byte)(frame % 75);
            }
            else
            {
                BigEndian.Put32(r, position + 4, lba);
            }
            return position + 8;
        }
    }
}

using ScsiBridge.Firmware.Target;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// A direct-access device (type 00h, or 07h for magneto-optical) on an image: a fixed disk, or
    /// with a removable profile a cartridge drive (Zip, SyQuest, MO) whose medium the host side
    /// changes with Insert/Eject. Serves, beyond <see cref="BlockUnit"/>: WRITE(6)/(10), WRITE AND
    /// VERIFY(10), FORMAT UNIT, SYNCHRONIZE CACHE; mode pages 01h (read-write error recovery),
    /// 02h (disconnect-reconnect), 03h (format device), 04h (rigid disk geometry), 08h (caching),
    /// 0Ah (control mode) plus the profile's additions (Apple's 30h, Iomega's 2Fh).
    /// Block lengths 256, 512, 1024 and 2048; the image holds blocks back to back from byte 0 and
    /// a partial block at its end is not addressable. The geometry reported (pages 03h and 04h) is
    /// a made-up one of <see cref="Heads"/> heads and <see cref="SectorsPerTrack"/> sectors per track.
    /// </summary>
    public sealed class DiskUnit : BlockUnit
    {
        public const int DefaultBlockLength = 512;
        public const int Heads = 16;
        public const int SectorsPerTrack = 63;
        public const int RotationRate = 5400;

        /// <summary>The largest number of blocks READ CAPACITY(10) can describe (last LBA FFFFFFFEh).</summary>
        public const long MaxBlocks = 0xFFFFFFFFL;

        public DiskUnit(DeviceProfile profile, IBlockStore? store)
            : base(profile, store, DefaultBlockLength)
        {
        }

        /// <summary>A generic SCSI-2 fixed disk.</summary>
        public DiskUnit(IBlockStore? store)
            : this(DeviceProfile.GenericScsi2Disk(), store)
        {
        }

        protected override bool AcceptsDeviceType(int deviceType)
        {
            return deviceType == DeviceProfile.DirectAccess || deviceType == DeviceProfile.OpticalMemory;
        }

        protected override bool IsSupportedBlockLength(int blockLength)
        {
            return blockLength == 256 || blockLength == 512 || blockLength == 1024 || blockLength == 2048;
        }

        protected override long CapacityOf(long length, int blockLength)
        {
            long blocks = length / blockLength;
            return blocks > MaxBlocks ? MaxBlocks : blocks;
        }

        protected override int MediumTypeCode
        {
            // Optical memory: 03h, erasable (SCSI-2 table 15-8); direct access: 00h, default.
            get { return DeviceType == DeviceProfile.OpticalMemory ? 0x03 : 0x00; }
        }

        protected override int DeviceSpecificParameter
        {
            get { return IsWriteProtected ? 0x80 : 0x00; }  // WP
        }

        protected override void DefineModePages()
        {
            // 01h read-write error recovery (SCSI-2 8.3.3.6). TB, PER, DTE set: OpenVMS insists on
            // them for a SCSI-2 disk. Flags, retry counts and the time limit are changeable.
            byte[] recovery = new byte[12];
            recovery[0] = 0x01;
            recovery[1] = 0x0A;
            recovery[2] = 0x26;
            byte[] recoveryMask = new byte[12];
            recoveryMask[2] = 0xFF;
            recoveryMask[3] = 0xFF;
            recoveryMask[8] = 0xFF;
            recoveryMask[10] = 0xFF;
            recoveryMask[11] = 0xFF;
            DefinePage(recovery, recoveryMask);

            DefinePage(DisconnectReconnectPage(), DisconnectReconnectMask());

            // 03h format device (8.3.3.3): sectors per track and the block length are filled in
            // when sensed; the data bytes per physical sector are changeable (block length).
            byte[] format = new byte[24];
            format[0] = 0x03;
            format[1] = 0x16;
            format[15] = 1;  // interleave 1
            format[20] = (byte)(0x40 | (Removable ? 0x20 : 0x00));  // HSEC, RMB
            byte[] formatMask = new byte[24];
            formatMask[12] = 0xFF;
            formatMask[13] = 0xFF;
            DefinePage(format, formatMask);

            // 04h rigid disk geometry (8.3.3.7): cylinders and heads filled in when sensed.
            byte[] geometry = new byte[24];
            geometry[0] = 0x04;
            geometry[1] = 0x16;
            geometry[20] = RotationRate >> 8;
            geometry[21] = RotationRate & 0xFF;
            DefinePage(geometry, null);

            // 08h caching (8.3.3.1): WCE and RCD changeable (an image is written through anyway).
            byte[] caching = new byte[12];
            caching[0] = 0x08;
            caching[1] = 0x0A;
            byte[] cachingMask = new byte[12];
            cachingMask[2] = 0x05;
            DefinePage(caching, cachingMask);

            DefinePage(ControlModePage(), null);
        }

        /// <summary>02h disconnect-reconnect (SCSI-2 7.3.3.2): ratios, limits and burst size changeable.</summary>
        internal static byte[] DisconnectReconnectPage()
        {
            byte[] page = new byte[16];
            page[0] = 0x02;
            page[1] = 0x0E;
            return page;
        }

        internal static byte[] DisconnectReconnectMask()
        {
            byte[] mask = new byte[16];
            for (int i = 2; i <= 11; i++) mask[i] = 0xFF;
            return mask;
        }

        /// <summary>0Ah control mode (SCSI-2 7.3.3.1): tagged queuing disabled (DQue).</summary>
        internal static byte[] ControlModePage()
        {
            byte[] page = new byte[8];
            page[0] = 0x0A;
            page[1] = 0x06;
            page[3] = 0x01;
            return page;
        }

        protected override void FillDynamicFields(int code, byte[] page, int offset, int length)
        {
            if (code == 0x03 && length >= 14)
            {
                if (BigEndian.Get16(page, offset + 10) == 0) BigEndian.Put16(page, offset + 10, SectorsPerTrack);
                BigEndian.Put16(page, offset + 12, CurrentBlockLength);
            }
            else if (code == 0x04 && length >= 6)
            {
                if (BigEndian.Get24(page, offset + 2) == 0) BigEndian.Put24(page, offset + 2, Cylinders());
                if (page[offset + 5] == 0) page[offset + 5] = Heads;
            }
        }

        protected override bool CheckSelectedPage(int code, byte[] list, int offset, int length, ref int newBlockLength)
        {
            if (code != 0x03 || length < 14) return true;
            int bytesPerSector = BigEndian.Get16(list, offset + 12);
            if (bytesPerSector == 0 || bytesPerSector == CurrentBlockLength) return true;
            if (!IsSupportedBlockLength(bytesPerSector)) return false;
            // A block descriptor in the same list that asks for another length contradicts it.
            if (newBlockLength != CurrentBlockLength && newBlockLength != bytesPerSector) return false;
            newBlockLength = bytesPerSector;
            return true;
        }

        /// <summary>PMI: the last block of the cylinder holding <paramref name="lba"/>.</summary>
        protected override long LastBlockBeforeDelay(long lba)
        {
            long cylinder = (long)Heads * SectorsPerTrack;
            long last = (lba / cylinder + 1) * cylinder - 1;
            return last < Blocks - 1 ? last : Blocks - 1;
        }

        private int Cylinders()
        {
            long cylinders = Blocks / ((long)Heads * SectorsPerTrack);
            if (cylinders == 0 && Blocks > 0) cylinders = 1;
            return cylinders > 0xFFFFFF ? 0xFFFFFF : (int)cylinders;
        }

        protected override bool ExecuteSpecific(byte opcode, TargetCommand command, ITargetIo io)
        {
            switch (opcode)
            {
                case TargetOpcodes.Write6:
                    Write6(command, io);
                    return true;
                case TargetOpcodes.Write10:
                case TargetOpcodes.WriteAndVerify10:
                    Write10(command, io);
                    return true;
                case TargetOpcodes.FormatUnit:
                    FormatUnit(command, io);
                    return true;
                case TargetOpcodes.SynchronizeCache10:
                    SynchronizeCache(command);
                    return true;
                default:
                    return false;
            }
        }

        private void Write6(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command)) return;
            byte[] cdb = command.Cdb;
            long lba = ((cdb[1] & 0x1F) << 16) | BigEndian.Get16(cdb, 2);
            long count = cdb[4] == 0 ? 256 : cdb[4];
            if (!CheckWritable(command) || !CheckRange(command, lba, count)) return;
            WriteBlocks(command, io, lba, count);
        }

        private void Write10(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command)) return;
            byte[] cdb = command.Cdb;
            if ((cdb[1] & 0x01) != 0)
            {
                command.FailField(1);  // RelAdr
                return;
            }
            long lba = BigEndian.Get32(cdb, 2);
            long count = BigEndian.Get16(cdb, 7);
            if (!CheckWritable(command) || !CheckRange(command, lba, count)) return;
            WriteBlocks(command, io, lba, count);
        }

        private bool CheckWritable(TargetCommand command)
        {
            if (!IsWriteProtected) return true;
            command.Fail(SenseData.DataProtect, SenseData.WriteProtected);
            return false;
        }

        /// <summary>FORMAT UNIT (SCSI-2 9.2.1): takes the defect list header, an initialization
        /// pattern and the defect list when FmtData is set, and succeeds; the image keeps its data.</summary>
        private void FormatUnit(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command) || !CheckWritable(command)) return;
            byte[] cdb = command.Cdb;
            if ((cdb[1] & 0x10) == 0) return;  // no FmtData: no parameter list
            byte[] r = Response;
            if (!ReceiveInto(command, io, r, 0, 4)) return;
            int flags = r[1];
            int defectListLength = BigEndian.Get16(r, 2);
            if ((flags & 0x08) != 0)
            {
                // IP: an initialization pattern descriptor precedes the defect list.
                if (!ReceiveInto(command, io, r, 0, 4)) return;
                if (!Discard(command, io, BigEndian.Get16(r, 2))) return;
            }
            Discard(command, io, defectListLength);
        }

        private void SynchronizeCache(TargetCommand command)
        {
            if (!RequireMedium(command)) return;
            byte[] cdb = command.Cdb;
            if ((cdb[1] & 0x01) != 0)
            {
                command.FailField(1);
                return;
            }
            long lba = BigEndian.Get32(cdb, 2);
            long count = BigEndian.Get16(cdb, 7);
            // A count of zero means "from lba to the end".
            if (!CheckRange(command, lba, count == 0 ? 1 : count)) return;
            if (!FlushMedium()) command.Fail(SenseData.MediumError, SenseData.WriteError);
        }
    }
}

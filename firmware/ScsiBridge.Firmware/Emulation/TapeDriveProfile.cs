using System;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// What an emulated tape drive is and can do: its INQUIRY identity (a <see cref="DeviceProfile"/>
    /// of type 01h, from a built-in or a profile file), its block limits, the block length it
    /// starts with (0: variable), its density code, and which of the optional commands its drive
    /// had (setmarks, LOCATE and READ POSITION). The built-ins are made fresh by each call.
    /// </summary>
    public sealed class TapeDriveProfile
    {
        /// <summary>The largest record a SIMH .tap image holds (24-bit length).</summary>
        public const int MaxTapRecord = 0x00FFFFFF;

        public TapeDriveProfile(DeviceProfile identity)
        {
            if (identity == null) throw new ArgumentNullException("identity");
            if (identity.DeviceType != DeviceProfile.SequentialAccess) throw new ArgumentException("a tape drive's profile has peripheral device type 01h", "identity");
            Identity = identity;
            MinBlockLength = 1;
            MaxBlockLength = 0x40000;
        }

        /// <summary>INQUIRY identity, mode pages a clone adds or replaces, VPD pages.</summary>
        public DeviceProfile Identity { get; private set; }

        /// <summary>READ BLOCK LIMITS: the shortest record the drive writes.</summary>
        public int MinBlockLength { get; set; }

        /// <summary>READ BLOCK LIMITS: the longest record (at most <see cref="MaxTapRecord"/>).</summary>
        public int MaxBlockLength { get; set; }

        /// <summary>The block length after power-on: 0 variable, otherwise fixed blocks of it.</summary>
        public int DefaultBlockLength { get; set; }

        /// <summary>The drive only records fixed blocks of <see cref="DefaultBlockLength"/> (QIC).</summary>
        public bool FixedOnly { get; set; }

        /// <summary>Density code reported in the block descriptor; MODE SELECT takes 0 or this.</summary>
        public int DensityCode { get; set; }

        /// <summary>WRITE FILEMARKS with WSmk and SPACE over setmarks (DDS).</summary>
        public bool Setmarks { get; set; }

        /// <summary>LOCATE (2Bh) and READ POSITION (34h).</summary>
        public bool Locate { get; set; }

        public TapeDriveProfile Clone()
        {
            var p = new TapeDriveProfile(Identity.Clone());
            p.MinBlockLength = MinBlockLength;
            p.MaxBlockLength = MaxBlockLength;
            p.DefaultBlockLength = DefaultBlockLength;
            p.FixedOnly = FixedOnly;
            p.DensityCode = DensityCode;
            p.Setmarks = Setmarks;
            p.Locate = Locate;
            return p;
        }

        /// <summary>A SCSI-2 drive with every command: variable blocks up to 16 MiB - 1 (what a
        /// .tap holds), setmarks, LOCATE and READ POSITION.</summary>
        public static TapeDriveProfile Generic()
        {
            var p = new TapeDriveProfile(Tape("SCSIBRDG", "EMULATED TAPE", "1.0", 2));
            p.MaxBlockLength = MaxTapRecord;
            p.Setmarks = true;
            p.Locate = true;
            return p;
        }

        /// <summary>HP C1533A, a DDS-2 DAT drive (SCSI-2): variable or fixed blocks, density
        /// code 24h (DDS-2), setmarks (part of the DDS format), LOCATE and READ POSITION.</summary>
        public static TapeDriveProfile HpC1533A()
        {
            var p = new TapeDriveProfile(Tape("HP", "C1533A", "1.0", 2));
            p.Identity.Name = "HP C1533A (DDS-2)";
            p.MaxBlockLength = MaxTapRecord;
            p.DensityCode = 0x24;
            p.Setmarks = true;
            p.Locate = true;
            return p;
        }

        /// <summary>Exabyte EXB-8200, 8 mm (SCSI-1, CCS): fixed 1024-byte blocks after power-on,
        /// variable on request, blocks up to 240 KiB (3C000h), density code 14h; no setmarks,
        /// no LOCATE or READ POSITION (the 8200 positions with SPACE only).</summary>
        public static TapeDriveProfile ExabyteExb8200()
        {
            DeviceProfile id = Tape("EXABYTE", "EXB-8200", "1.0", 1);
            id.ResponseDataFormat = 1;
            id.InquiryFlags = 0;
            id.Name = "Exabyte EXB-8200 (8 mm)";
            var p = new TapeDriveProfile(id);
            p.MaxBlockLength = 0x3C000;
            p.DefaultBlockLength = 1024;
            p.DensityCode = 0x14;
            return p;
        }

        /// <summary>Archive Viper 2150S, QIC-150 quarter-inch cartridge (SCSI-1, CCS): fixed
        /// 512-byte blocks only, density code 10h; no setmarks, no LOCATE or READ POSITION.</summary>
        public static TapeDriveProfile ArchiveViper150()
        {
            DeviceProfile id = Tape("ARCHIVE", "VIPER 150  21247", "-005", 1);
            id.ResponseDataFormat = 1;
            id.InquiryFlags = 0;
            id.Name = "Archive Viper 2150S (QIC-150)";
            var p = new TapeDriveProfile(id);
            p.MinBlockLength = 512;
            p.MaxBlockLength = 512;
            p.DefaultBlockLength = 512;
            p.FixedOnly = true;
            p.DensityCode = 0x10;
            return p;
        }

        /// <summary>The built-in profile called name (generic, dds, exabyte, qic), or null.</summary>
        public static TapeDriveProfile? Named(string name)
        {
            if (name == "generic") return Generic();
            if (name == "dds" || name == "hp-c1533a") return HpC1533A();
            if (name == "exabyte" || name == "exb-8200") return ExabyteExb8200();
            if (name == "qic" || name == "viper-150") return ArchiveViper150();
            return null;
        }

        private static DeviceProfile Tape(string vendor, string product, string revision, int ansi)
        {
            var id = new DeviceProfile(DeviceProfile.SequentialAccess, vendor, product, revision);
            id.Removable = true;
            id.AnsiVersion = ansi;
            return id;
        }
    }
}

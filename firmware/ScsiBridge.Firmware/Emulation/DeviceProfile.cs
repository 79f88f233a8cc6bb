using System;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// Who an emulated unit says it is: the INQUIRY identity (vendor, product, revision, serial,
    /// peripheral device type, ANSI version, removable medium) and the mode pages that differ from
    /// the unit's built-in set (overridden, added or removed). The built-in profiles are made fresh
    /// by each call, so a caller may change one (a serial number per unit) without touching others.
    /// A profile cloned from a real drive comes from <see cref="ProfileFile"/>.
    /// Profiles are set up before a unit is made and read only while it is made.
    /// </summary>
    public sealed class DeviceProfile
    {
        public const int DirectAccess = 0x00;
        public const int SequentialAccess = 0x01;
        public const int CdRom = 0x05;
        public const int OpticalMemory = 0x07;

        /// <summary>Byte 7 of standard INQUIRY data: Sync (synchronous transfers).</summary>
        public const int InquirySync = 0x10;

        /// <summary>The longest VPD page a profile may carry (header included).</summary>
        public const int MaxVpdLength = 1024;

        private const int PageSlots = 0x3F;  // page codes 00h..3Eh; 3Fh means "all"

        private readonly byte[]?[] _pages = new byte[PageSlots][];
        private readonly byte[]?[] _masks = new byte[PageSlots][];
        private readonly byte[]?[] _vpd = new byte[256][];
        private long _removedPages;
        private byte[]? _rawInquiry;

        public DeviceProfile(int deviceType, string vendor, string product, string revision)
        {
            if (deviceType < 0 || deviceType > 0x1F) throw new ArgumentOutOfRangeException("deviceType", "a peripheral device type is 00h to 1Fh");
            DeviceType = deviceType;
            Vendor = vendor == null ? string.Empty : vendor;
            Product = product == null ? string.Empty : product;
            Revision = revision == null ? string.Empty : revision;
            Serial = string.Empty;
            Name = (Vendor + " " + Product).Trim();
            AnsiVersion = 2;
            ResponseDataFormat = 2;
            InquiryFlags = InquirySync;
        }

        /// <summary>A name for people (lists, logs); not sent on the bus.</summary>
        public string Name { get; set; }

        /// <summary>T10 vendor identification, up to 8 ASCII characters (space padded on the bus).</summary>
        public string Vendor { get; set; }

        /// <summary>Product identification, up to 16 ASCII characters.</summary>
        public string Product { get; set; }

        /// <summary>Product revision level, up to 4 ASCII characters.</summary>
        public string Revision { get; set; }

        /// <summary>Unit serial number (VPD page 80h, device identification page 83h).</summary>
        public string Serial { get; set; }

        /// <summary>Peripheral device type: 00h direct access, 05h CD-ROM, 07h optical memory.</summary>
        public int DeviceType { get; set; }

        /// <summary>ANSI-approved version: 1 (SCSI-1, with CCS), 2 (SCSI-2).</summary>
        public int AnsiVersion { get; set; }

        /// <summary>Response data format: 1 (CCS), 2 (SCSI-2).</summary>
        public int ResponseDataFormat { get; set; }

        /// <summary>Removable medium (INQUIRY RMB bit): Insert/Eject, START STOP UNIT LoEj and
        /// PREVENT ALLOW MEDIUM REMOVAL act on the medium.</summary>
        public bool Removable { get; set; }

        /// <summary>Byte 7 of standard INQUIRY data (RelAdr, WBus32, WBus16, Sync, Linked, CmdQue, SftRe).</summary>
        public int InquiryFlags { get; set; }

        /// <summary>The logical block length the unit starts with; 0 takes the unit's default
        /// (512 for a disk, 2048 for a CD-ROM).</summary>
        public int BlockLength { get; set; }

        /// <summary>Standard INQUIRY data to send verbatim (a cloned drive); null builds it from the
        /// fields above. 36 to 255 bytes.</summary>
        public byte[]? RawInquiry
        {
            get { return _rawInquiry; }
            set
            {
                if (value != null && (value.Length < 36 || value.Length > 255)) throw new ArgumentException("standard INQUIRY data has 36 to 255 bytes", "value");
                _rawInquiry = value;
            }
        }

        /// <summary>Overrides or adds a mode page, unchangeable.</summary>
        public void SetModePage(byte[] page)
        {
            SetModePage(page, null);
        }

        /// <summary>
        /// Overrides or adds a mode page: <paramref name="page"/> holds the page code byte, the page
        /// length byte and the parameters (page length + 2 bytes; the PS bit is ignored). The page is
        /// the default, saved and initial current value; <paramref name="changeable"/> (same length,
        /// or null for none) is the mask MODE SENSE reports for changeable values and MODE SELECT
        /// enforces.
        /// </summary>
        public void SetModePage(byte[] page, byte[]? changeable)
        {
            if (page == null) throw new ArgumentNullException("page");
            if (page.Length < 2 || page[1] + 2 != page.Length) throw new ArgumentException("a mode page is its code, its length n and n bytes", "page");
            int code = page[0] & 0x3F;
            if (code == 0x3F) throw new ArgumentException("page code 3Fh means all pages and cannot be defined", "page");
            if (changeable != null && changeable.Length != page.Length) throw new ArgumentException("the changeable mask has the length of its page", "changeable");
            byte[] p = Copy(page);
            p[0] = (byte)code;
            _pages[code] = p;
            byte[]? m = changeable == null ? null : Copy(changeable);
            if (m != null)
            {
                m[0] = (byte)code;
                m[1] = p[1];
            }
            _masks[code] = m;
            _removedPages &= ~(1L << code);
        }

        /// <summary>A copy of the page set by <see cref="SetModePage(byte[], byte[])"/>, or null.</summary>
        public byte[]? GetModePage(int code)
        {
            if (code < 0 || code >= PageSlots) return null;
            byte[]? p = _pages[code];
            return p == null ? null : Copy(p);
        }

        /// <summary>A copy of the changeable mask of an overridden page, or null (none changeable).</summary>
        public byte[]? GetChangeableMask(int code)
        {
            if (code < 0 || code >= PageSlots) return null;
            byte[]? m = _masks[code];
            return m == null ? null : Copy(m);
        }

        /// <summary>Takes a built-in page away from the unit (and any override of it).</summary>
        public void RemoveModePage(int code)
        {
            if (code < 0 || code >= PageSlots) throw new ArgumentOutOfRangeException("code", "page codes are 00h to 3Eh");
            _pages[code] = null;
            _masks[code] = null;
            _removedPages |= 1L << code;
        }

        public bool IsModePageRemoved(int code)
        {
            if (code < 0 || code >= PageSlots) return false;
            return (_removedPages & (1L << code)) != 0;
        }

        /// <summary>
        /// A vital product data page to send verbatim for INQUIRY with EVPD (a cloned drive's serial
        /// number page, say): byte 1 is the page code, bytes 2-3 the page length n, then n bytes.
        /// Page 00h (the list) is always built by the unit.
        /// </summary>
        public void SetVpdPage(byte[] page)
        {
            if (page == null) throw new ArgumentNullException("page");
            if (page.Length < 4 || ((page[2] << 8) | page[3]) + 4 != page.Length) throw new ArgumentException("a VPD page is a 4-byte header with its length n, then n bytes", "page");
            if (page[1] == 0) throw new ArgumentException("VPD page 00h is built by the unit", "page");
            if (page.Length > MaxVpdLength) throw new ArgumentException("a VPD page of this unit has at most 1024 bytes", "page");
            _vpd[page[1]] = Copy(page);
        }

        public byte[]? GetVpdPage(int code)
        {
            if (code < 0 || code > 0xFF) return null;
            byte[]? p = _vpd[code];
            return p == null ? null : Copy(p);
        }

        /// <summary>The standard INQUIRY data: <see cref="RawInquiry"/>, or 36 bytes from the fields.</summary>
        public byte[] BuildInquiry()
        {
            if (_rawInquiry != null) return Copy(_rawInquiry);
            byte[] d = new byte[36];
            d[0] = (byte)(DeviceType & 0x1F);
            d[1] = (byte)(Removable ? 0x80 : 0x00);
            d[2] = (byte)(AnsiVersion & 0x07);
            d[3] = (byte)(ResponseDataFormat & 0x0F);
            d[4] = 36 - 5;
            d[7] = (byte)InquiryFlags;
            PutAscii(d, 8, 8, Vendor);
            PutAscii(d, 16, 16, Product);
            PutAscii(d, 32, 4, Revision);
            return d;
        }

        /// <summary>Sets the identity fields from standard INQUIRY data and keeps the data verbatim.</summary>
        public void TakeInquiry(byte[] inquiry)
        {
            RawInquiry = inquiry;
            byte[] d = _rawInquiry!;
            DeviceType = d[0] & 0x1F;
            Removable = (d[1] & 0x80) != 0;
            AnsiVersion = d[2] & 0x07;
            ResponseDataFormat = d[3] & 0x0F;
            InquiryFlags = d[7];
            Vendor = Ascii(d, 8, 8);
            Product = Ascii(d, 16, 16);
            Revision = Ascii(d, 32, 4);
            Name = (Vendor + " " + Product).Trim();
        }

        public DeviceProfile Clone()
        {
            DeviceProfile c = new DeviceProfile(DeviceType, Vendor, Product, Revision);
            c.Name = Name;
            c.Serial = Serial;
            c.AnsiVersion = AnsiVersion;
            c.ResponseDataFormat = ResponseDataFormat;
            c.Removable = Removable;
            c.InquiryFlags = InquiryFlags;
            c.BlockLength = BlockLength;
            c._rawInquiry = _rawInquiry == null ? null : Copy(_rawInquiry);
            c._removedPages = _removedPages;
            for (int i = 0; i < PageSlots; i++)
            {
                byte[]? p = _pages[i];
                byte[]? m = _masks[i];
                c._pages[i] = p == null ? null : Copy(p);
                c._masks[i] = m == null ? null : Copy(m);
            }
            for (int i = 0; i < _vpd.Length; i++)
            {
                byte[]? v = _vpd[i];
                c._vpd[i] = v == null ? null : Copy(v);
            }
            return c;
        }

        // ---- built-in profiles ----

        /// <summary>A plain SCSI-2 fixed disk, 512-byte blocks.</summary>
        public static DeviceProfile GenericScsi2Disk()
        {
            DeviceProfile p = new DeviceProfile(DirectAccess, "SCSIBRDG", "EMULATED DISK", "1.0");
            p.Serial = "SB00000001";
            p.Name = "Generic SCSI-2 disk";
            return p;
        }

        /// <summary>A SCSI-2 disk with a removable medium (a SyQuest- or Bernoulli-like cartridge).</summary>
        public static DeviceProfile GenericRemovableDisk()
        {
            DeviceProfile p = new DeviceProfile(DirectAccess, "SCSIBRDG", "REMOVABLE DISK", "1.0");
            p.Removable = true;
            p.Serial = "SB00000002";
            p.Name = "Generic removable disk";
            return p;
        }

        /// <summary>A magneto-optical drive: optical memory device (07h), removable.</summary>
        public static DeviceProfile GenericMagnetoOptical()
        {
            DeviceProfile p = new DeviceProfile(OpticalMemory, "SCSIBRDG", "EMULATED MO", "1.0");
            p.Removable = true;
            p.Serial = "SB00000003";
            p.Name = "Generic magneto-optical drive";
            return p;
        }

        /// <summary>
        /// An Iomega Zip 100 as hosts' Zip drivers expect it: "IOMEGA" / "ZIP 100", removable, with
        /// Iomega's vendor page 2Fh (the values ZuluSCSI serves for its Zip 100 mode).
        /// </summary>
        public static DeviceProfile IomegaZip100()
        {
            DeviceProfile p = new DeviceProfile(DirectAccess, "IOMEGA", "ZIP 100", "D.13");
            p.Removable = true;
            p.Serial = "SB00000004";
            p.Name = "Iomega Zip 100";
            p.SetModePage(new byte[] { 0x2F, 0x04, 0x5C, 0x0F, 0xFF, 0x0F });
            return p;
        }

        /// <summary>
        /// A disk that Apple's classic Mac OS drive tools accept. HD SC Setup only initialises drives
        /// whose INQUIRY vendor and product it knows (it reads INQUIRY and matches a list of Apple
        /// OEM drives); Drive Setup also asks for vendor mode page 30h and looks for the text
        /// "APPLE COMPUTER, INC." there. The identity is the Quantum Fireball that PiSCSI/SCSI2Pi
        /// present for the same reason; page 30h has the layout of Apple's OEM firmware as Aaru
        /// decodes it (page length 1Ch, the 20-byte text at byte 10).
        /// </summary>
        public static DeviceProfile AppleDisk()
        {
            DeviceProfile p = new DeviceProfile(DirectAccess, "QUANTUM", "FIREBALL", "1.0");
            p.Serial = "SB00000005";
            p.Name = "Apple-compatible disk (Quantum Fireball)";
            p.SetModePage(ApplePage30());
            return p;
        }

        /// <summary>The Apple OEM vendor page 30h: 30 bytes, "APPLE COMPUTER, INC." at byte 10.</summary>
        public static byte[] ApplePage30()
        {
            byte[] page = new byte[30];
            page[0] = 0x30;
            page[1] = 0x1C;
            PutAscii(page, 10, 20, "APPLE COMPUTER, INC.");
            return page;
        }

        /// <summary>
        /// A SCSI-1 disk with the Common Command Set: ANSI version 1, response data format 1, no
        /// Sync flag, and the CCS lengths of pages 01h (6), 02h (0Ah) and 04h (12h); no caching or
        /// control mode page (SCSI-2 additions that some SCSI-1 hosts choke on).
        /// </summary>
        public static DeviceProfile Scsi1CcsDisk()
        {
            DeviceProfile p = new DeviceProfile(DirectAccess, "SCSIBRDG", "CCS DISK", "1.0");
            p.AnsiVersion = 1;
            p.ResponseDataFormat = 1;
            p.InquiryFlags = 0;
            p.Serial = "SB00000006";
            p.Name = "SCSI-1 CCS disk";
            byte[] recovery = new byte[8];
            recovery[0] = 0x01;
            recovery[1] = 0x06;
            recovery[2] = 0x26;
            byte[] recoveryMask = new byte[8];
            recoveryMask[2] = 0xFF;
            recoveryMask[3] = 0xFF;
            p.SetModePage(recovery, recoveryMask);
            byte[] disconnect = new byte[12];
            disconnect[0] = 0x02;
            disconnect[1] = 0x0A;
            p.SetModePage(disconnect);
            byte[] geometry = new byte[20];  // cylinders and heads are filled in by the unit
            geometry[0] = 0x04;
            geometry[1] = 0x12;
            p.SetModePage(geometry);
            p.RemoveModePage(0x08);
            p.RemoveModePage(0x0A);
            return p;
        }

        /// <summary>A SCSI-2 CD-ROM drive, 2048-byte blocks (512 after MODE SELECT).</summary>
        public static DeviceProfile GenericCdrom()
        {
            DeviceProfile p = new DeviceProfile(CdRom, "SCSIBRDG", "EMULATED CD-ROM", "1.0");
            p.Removable = true;
            p.BlockLength = 2048;
            p.Serial = "SB00000007";
            p.Name = "Generic CD-ROM";
            return p;
        }

        /// <summary>Toshiba XM-3401 (SCSI-2), the CD-ROM Sun and SGI systems boot from: no page
        /// 2Ah, so no READ CD (the real drive reads audio only after a MODE SELECT of density
        /// 82h, which the emulation does not serve); audio play and the sub-channel as SCSI-2 has them.</summary>
        public static DeviceProfile ToshibaXm3401()
        {
            DeviceProfile p = new DeviceProfile(CdRom, "TOSHIBA", "CD-ROM XM-3401TA", "1.0");
            p.Removable = true;
            p.BlockLength = 2048;
            p.Name = "Toshiba XM-3401";
            p.RemoveModePage(0x2A);
            return p;
        }

        /// <summary>Plextor PX-12CS (SCSI-2): no page 2Ah and no READ CD; audio frames are read
        /// with Plextor's vendor command READ CDDA (D8h).</summary>
        public static DeviceProfile PlextorPx12Cs()
        {
            DeviceProfile p = new DeviceProfile(CdRom, "PLEXTOR", "CD-ROM PX-12CS", "1.0");
            p.Removable = true;
            p.BlockLength = 2048;
            p.Name = "Plextor PX-12CS";
            p.RemoveModePage(0x2A);
            return p;
        }

        // ---- helpers ----

        internal static byte[] Copy(byte[] source)
        {
            byte[] c = new byte[source.Length];
            Array.Copy(source, c, source.Length);
            return c;
        }

        /// <summary>Writes text as ASCII into a space-padded field (characters outside 20h-7Eh become '?').</summary>
        internal static void PutAscii(byte[] dest, int offset, int width, string text)
        {
            for (int i = 0; i < width; i++)
            {
                int c = i < text.Length ? text[i] : ' ';
                dest[offset + i] = (byte)(c >= 0x20 && c <= 0x7E ? c : '?');
            }
        }

        /// <summary>An ASCII field as text, trailing spaces and NULs removed.</summary>
        internal static string Ascii(byte[] source, int offset, int width)
        {
            int end = width;
            while (end > 0 && (source[offset + end - 1] == 0x20 || source[offset + end - 1] == 0)) end--;
            char[] chars = new char[end];
            for (int i = 0; i < end; i++)
            {
                int c = source[offset + i];
                chars[i] = (char)(c >= 0x20 && c <= 0x7E ? c : '?');
            }
            return new string(chars);
        }
    }
}

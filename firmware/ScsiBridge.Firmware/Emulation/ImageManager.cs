using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// Attaches, detaches and ejects the images the bridge serves as a target: a disk, a CD-ROM,
    /// a removable disk or a tape drive (a SIMH .tap image) at an ID and LUN of the target engine,
    /// made from an image the library opens by name. Attaching to a removable unit that has no
    /// medium inserts one.
    /// </summary>
    public sealed class ImageManager
    {
        public const int KindDisk = 0;
        public const int KindCdrom = 1;
        public const int KindRemovable = 2;
        public const int KindTape = 3;

        /// <summary>Longest image name: the u8-length string of the link.</summary>
        public const int MaxNameLength = 255;

        private readonly object _lock = new object();
        private readonly TargetEngine _engine;
        private readonly IImageLibrary _library;
        private readonly int _idMask;
        private readonly ILogicalUnit?[] _units = new ILogicalUnit?[64];
        private readonly IBlockStore?[] _stores = new IBlockStore?[64];

        /// <summary>The clock a CD-ROM's audio play advances on (the HAL's).</summary>
        public IHalClock? Clock { get; set; }

        /// <summary>The longest CUE sheet taken (bytes).</summary>
        public const int MaxCueSheet = 16384;

        /// <summary>idMask: the IDs images may use (the engine's IDs less any it serves otherwise).</summary>
        public ImageManager(TargetEngine engine, IImageLibrary library, int idMask)
        {
            _engine = engine;
            _library = library;
            _idMask = idMask;
        }

        /// <summary>The images that can be attached, with their sizes in bytes.</summary>
        public string[] List(out long[] sizes)
        {
            return _library.List(out sizes);
        }

        /// <summary>
        /// EINVAL: ID or LUN not one images may use, unknown kind, empty name. EBUSY: an image is
        /// attached there (unless it is a removable unit without a medium). ENODEV: no image by
        /// that name (or not writable when asked to be). EIO: the image is smaller than a block.
        /// </summary>
        public int Attach(int id, int lun, int kind, bool readOnly, string name)
        {
            if (!Usable(id, lun) || kind < KindDisk || kind > KindTape || name == null || name.Length == 0 || name.Length > MaxNameLength)
            {
                return Errno.EINVAL;
            }
            int slot = id * 8 + lun;
            lock (_lock)
            {
                ILogicalUnit? present = _units[slot];
                BlockUnit? block = present as BlockUnit;
                TapeUnit? tape = present as TapeUnit;
                bool insert = (block != null && kind != KindTape && block.Removable && !block.MediumPresent && (kind == KindCdrom) == (present is CdromUnit))
                              || (tape != null && kind == KindTape && !tape.MediumPresent);
                if (present != null && !insert) return Errno.EBUSY;
                IBlockStore? store = _library.Open(name, readOnly || kind == KindCdrom);
                if (store == null) return Errno.ENODEV;
                if (kind == KindCdrom && EndsWithCue(name))
                {
                    // A CUE sheet: the disc of its BINs, which the disc's data store owns from here.
                    CdDisc? disc = LoadCue(store);
                    if (disc == null) return Errno.EIO;
                    store = disc.DataStore;
                }
                try
                {
                    if (insert)
                    {
                        if (tape != null) tape.Insert(store);
                        else block!.Insert(store);
                    }
                    else
                    {
                        ILogicalUnit unit;
                        if (kind == KindTape) unit = new TapeUnit(store);
                        else if (kind == KindCdrom) unit = new CdromUnit(store) { Clock = Clock };
                        else if (kind == KindRemovable) unit = new DiskUnit(DeviceProfile.GenericRemovableDisk(), store);
                        else unit = new DiskUnit(store);
                        _units[slot] = unit;
                        _engine.SetUnit(id, lun, unit, true);
                    }
                }
                catch (System.ArgumentException)
                {
                    Close(store);
                    return Errno.EIO;
                }
                Close(_stores[slot]);
                _stores[slot] = store;
            }
            return Errno.Ok;
        }

        /// <summary>Removes the unit and closes its image. EINVAL: nothing attached there.</summary>
        public int Detach(int id, int lun)
        {
            if (!Usable(id, lun)) return Errno.EINVAL;
            int slot = id * 8 + lun;
            lock (_lock)
            {
                if (_units[slot] == null) return Errno.EINVAL;
                _engine.SetUnit(id, lun, null, true);
                _units[slot] = null;
                Close(_stores[slot]);
                _stores[slot] = null;
            }
            return Errno.Ok;
        }

        /// <summary>The eject button: the medium leaves a removable unit, CD-ROM or tape drive, which stays
        /// at its ID answering NOT READY. EINVAL: nothing there or not removable. EBUSY: the host
        /// prevents medium removal.</summary>
        public int Eject(int id, int lun)
        {
            if (!Usable(id, lun)) return Errno.EINVAL;
            int slot = id * 8 + lun;
            lock (_lock)
            {
                ILogicalUnit? unit = _units[slot];
                BlockUnit? block = unit as BlockUnit;
                TapeUnit? tape = unit as TapeUnit;
                if (tape != null)
                {
                    if (!tape.MediumPresent) return Errno.EINVAL;
                    if (!tape.Eject()) return Errno.EBUSY;
                }
                else
                {
                    if (block == null || !block.Removable || !block.MediumPresent) return Errno.EINVAL;
                    if (!block.Eject()) return Errno.EBUSY;
                }
                Close(_stores[slot]);
                _stores[slot] = null;
            }
            return Errno.Ok;
        }

        /// <summary>Detaches everything (the bridge shuts down).</summary>
        public void DetachAll()
        {
            for (int slot = 0; slot < 64; slot++)
            {
                if (_units[slot] != null) Detach(slot >> 3, slot & 7);
            }
        }

        private static bool EndsWithCue(string name)
        {
            int n = name.Length;
            if (n < 4 || name[n - 4] != '.') return false;
            char a = name[n - 3], b = name[n - 2], c = name[n - 1];
            return (a == 'c' || a == 'C') && (b == 'u' || b == 'U') && (c == 'e' || c == 'E');
        }

        /// <summary>Reads the sheet (closing its file) and opens the BINs it names from the
        /// library; null when it is too long, unreadable or not a disc the unit can serve.</summary>
        private CdDisc? LoadCue(IBlockStore sheet)
        {
            string? text = null;
            long length = sheet.Length;
            if (length > 0 && length <= MaxCueSheet)
            {
                byte[] bytes = new byte[(int)length];
                if (sheet.Read(0, bytes, 0, bytes.Length))
                {
                    // A few hundred bytes, once per attach: plain ASCII, as CUE sheets are.
                    char[] chars = new char[bytes.Length];
                    for (int i = 0; i < bytes.Length; i++) chars[i] = (char)bytes[i];
                    text = new string(chars);
                }
            }
            Close(sheet);
            if (text == null) return null;
            string error;
            var opener = new LibraryCueOpener(_library);
            CdDisc? disc = CueSheet.Parse(text, opener, out error);
            if (disc == null) opener.CloseAll();  // the BINs opened before the sheet went wrong
            return disc;
        }

        /// <summary>The BINs of a sheet, read-only, from the same library.</summary>
        private sealed class LibraryCueOpener : ICueFileOpener
        {
            private readonly IImageLibrary _library;

            public LibraryCueOpener(IImageLibrary library)
            {
                _library = library;
            }

            private readonly IBlockStore?[] _opened = new IBlockStore?[CdDisc.MaxTracks];
            private int _count;

            public IBlockStore? Open(string name)
            {
                if (_count == _opened.Length) return null;  // no more FILEs than tracks
                IBlockStore? store = _library.Open(name, true);
                if (store != null) _opened[_count++] = store;
                return store;
            }

            public void CloseAll()
            {
                for (int i = 0; i < _count; i++) Close(_opened[i]);
                _count = 0;
            }
        }

        private bool Usable(int id, int lun)
        {
            return id >= 0 && id <= 7 && lun >= 0 && lun <= 7 && (_idMask & (1 << id)) != 0;
        }

        private static void Close(IBlockStore? store)
        {
            System.IDisposable? d = store as System.IDisposable;
            if (d != null) d.Dispose();
        }
    }
}

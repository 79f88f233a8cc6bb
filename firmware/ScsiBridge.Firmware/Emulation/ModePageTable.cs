using System;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// The mode pages of one unit, indexed by page code (00h-3Eh), each with its four values
    /// (SCSI-2 8.2.10, the PC field): current, changeable (a mask), default and saved. Every page
    /// array holds the page code byte, the page length byte and the parameters. Saved values live
    /// in RAM: they survive a reset (which restores them as current), not a power cycle of the
    /// bridge. Built once when the unit is made; MODE SENSE and MODE SELECT allocate nothing.
    /// </summary>
    internal sealed class ModePageTable
    {
        public const int CurrentValues = 0;
        public const int ChangeableValues = 1;
        public const int DefaultValues = 2;
        public const int SavedValues = 3;

        private const int Slots = 0x3F;

        private readonly byte[]?[] _current = new byte[Slots][];
        private readonly byte[]?[] _changeable = new byte[Slots][];
        private readonly byte[]?[] _default = new byte[Slots][];
        private readonly byte[]?[] _saved = new byte[Slots][];

        /// <summary>Defines (or redefines) a page; <paramref name="changeable"/> null means none.</summary>
        public void Define(byte[] page, byte[]? changeable)
        {
            int code = page[0] & 0x3F;
            byte[] d = DeviceProfile.Copy(page);
            d[0] = (byte)code;
            byte[] m = changeable == null ? new byte[page.Length] : DeviceProfile.Copy(changeable);
            m[0] = (byte)code;
            m[1] = d[1];
            _default[code] = d;
            _current[code] = DeviceProfile.Copy(d);
            _saved[code] = DeviceProfile.Copy(d);
            _changeable[code] = m;
        }

        public void Remove(int code)
        {
            _default[code] = null;
            _current[code] = null;
            _saved[code] = null;
            _changeable[code] = null;
        }

        public bool Has(int code)
        {
            return code >= 0 && code < Slots && _current[code] != null;
        }

        /// <summary>The page's total length (code and length bytes included), or 0.</summary>
        public int Length(int code)
        {
            byte[]? p = code >= 0 && code < Slots ? _current[code] : null;
            return p == null ? 0 : p.Length;
        }

        /// <summary>Any parameter of the page can be changed (so it is reported savable, PS=1).</summary>
        public bool Savable(int code)
        {
            byte[]? m = _changeable[code];
            if (m == null) return false;
            for (int i = 2; i < m.Length; i++)
            {
                if (m[i] != 0) return true;
            }
            return false;
        }

        /// <summary>The page array for a PC value (CurrentValues...SavedValues).</summary>
        public byte[] Get(int code, int pageControl)
        {
            byte[]? p;
            switch (pageControl)
            {
                case ChangeableValues: p = _changeable[code]; break;
                case DefaultValues: p = _default[code]; break;
                case SavedValues: p = _saved[code]; break;
                default: p = _current[code]; break;
            }
            if (p == null) throw new ArgumentException("no such mode page", "code");
            return p;
        }

        /// <summary>Takes the changeable bits of <paramref name="source"/> (a page as sent by MODE
        /// SELECT, at <paramref name="offset"/>) into the current value, and into the saved value
        /// when <paramref name="save"/>. True when the current value changed.</summary>
        public bool Apply(int code, byte[] source, int offset, bool save)
        {
            byte[] cur = _current[code]!;
            byte[] mask = _changeable[code]!;
            bool changed = false;
            for (int i = 2; i < cur.Length; i++)
            {
                int v = (cur[i] & ~mask[i]) | (source[offset + i] & mask[i]);
                if (v != cur[i]) changed = true;
                cur[i] = (byte)v;
            }
            if (save) Array.Copy(cur, _saved[code]!, cur.Length);
            return changed;
        }

        /// <summary>After a reset: every current value becomes the saved one again.</summary>
        public void RestoreSaved()
        {
            for (int i = 0; i < Slots; i++)
            {
                byte[]? s = _saved[i];
                byte[]? c = _current[i];
                if (s != null && c != null) Array.Copy(s, c, s.Length);
            }
        }
    }
}

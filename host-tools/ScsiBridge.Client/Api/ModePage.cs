using System;
using System.Collections.Generic;

namespace ScsiBridge.Client.Api
{
    /// <summary>One mode page as a device returned it: code, subpage (0 for the short form) and
    /// its bytes, header included.</summary>
    public sealed record ModePage(int Code, int Subpage, byte[] Bytes)
    {
        /// <summary>Savable (PS bit).</summary>
        public bool Savable => (Bytes[0] & 0x80) != 0;

        /// <summary>The pages of a MODE SENSE answer (6- or 10-byte header), after any block
        /// descriptors. A page running past the data ends the list.</summary>
        public static IReadOnlyList<ModePage> Parse(byte[] data, bool tenByteHeader)
        {
            var pages = new List<ModePage>();
            int headerLength = tenByteHeader ? 8 : 4;
            if (data.Length < headerLength) return pages;
            int total = tenByteHeader ? ((data[0] << 8) | data[1]) + 2 : data[0] + 1;
            int descriptors = tenByteHeader ? (data[6] << 8) | data[7] : data[3];
            int end = Math.Min(total, data.Length);
            for (int at = headerLength + descriptors; at + 2 <= end;)
            {
                bool subpageForm = (data[at] & 0x40) != 0;
                int length = subpageForm ? 4 + ((at + 3 < end ? data[at + 2] << 8 | data[at + 3] : 0)) : 2 + data[at + 1];
                if (at + length > end) break;
                pages.Add(new ModePage(data[at] & 0x3F, subpageForm ? data[at + 1] : 0, data.AsSpan(at, length).ToArray()));
                at += length;
            }
            return pages;
        }
    }
}

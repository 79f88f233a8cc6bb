using System;
using System.Collections.Generic;
using System.Globalization;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// A set of logical block ranges, written as a list: "100", "100-103", "7,100-103,2000".
    /// The simulator uses it for the blocks of a device that cannot be read.
    /// </summary>
    public sealed class BlockRanges
    {
        private readonly List<(long First, long Last)> _ranges = new List<(long, long)>();

        public IReadOnlyList<(long First, long Last)> Ranges => _ranges;

        public void Add(long first, long last)
        {
            if (first < 0 || last < first) throw new ArgumentException("block range " + first + "-" + last + " is empty or negative");
            _ranges.Add((first, last));
        }

        /// <summary>True when any block of [first, first + count) is in the set.</summary>
        public bool Overlaps(long first, long count)
        {
            long end = first + count - 1;
            foreach (var (f, l) in _ranges)
            {
                if (f <= end && l >= first) return true;
            }
            return false;
        }

        /// <summary>The list in text; ArgumentException says which item is not a block or range.</summary>
        public static BlockRanges Parse(string text)
        {
            var set = new BlockRanges();
            foreach (string item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string[] ends = item.Split('-', 2);
                if (!long.TryParse(ends[0], NumberStyles.None, CultureInfo.InvariantCulture, out long first)
                    || (ends.Length == 2 && !long.TryParse(ends[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    throw new ArgumentException("'" + item + "' is not a block number or range like 100-103");
                }
                set.Add(first, ends.Length == 2 ? long.Parse(ends[1], CultureInfo.InvariantCulture) : first);
            }
            if (set._ranges.Count == 0) throw new ArgumentException("no blocks in '" + text + "'");
            return set;
        }

        public override string ToString()
        {
            var parts = new List<string>();
            foreach (var (f, l) in _ranges) parts.Add(f == l ? f.ToString(CultureInfo.InvariantCulture) : f + "-" + l);
            return string.Join(",", parts);
        }
    }
}

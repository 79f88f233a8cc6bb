using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace ScsiBridge.Client.Imaging
{
    /// <summary>
    /// How far a tape dump got, for a dump that stops (Ctrl-C, a lost link, a crash) to go on
    /// where it was, as a disk dump does from its mapfile: how many tape marks (files) and records
    /// of the current file are in the image, and how many bytes of the image hold them. A text
    /// file, one "key: value" a line; it is written through a temporary file and a rename, always
    /// after the image bytes it counts are flushed, so it never claims more than the image holds.
    /// </summary>
    public sealed class TapeDumpRecord
    {
        /// <summary>Bytes of the .tap image (length words, data, marks) this record vouches for.</summary>
        public long ImageBytes { get; set; }

        /// <summary>Tape marks passed (files ended).</summary>
        public int Files { get; set; }

        /// <summary>Records read since the last tape mark.</summary>
        public int RecordsInFile { get; set; }

        /// <summary>Records read in all.</summary>
        public int Records { get; set; }

        public int BadRecords { get; set; }

        /// <summary>Data bytes of those records.</summary>
        public long DataBytes { get; set; }

        /// <summary>The block length the tape was read with: 0 variable, else fixed blocks.</summary>
        public int BlockLength { get; set; }

        /// <summary>Setmarks passed (counted among the files too); optional in the text, 0 when absent.</summary>
        public int Setmarks { get; set; }

        public string Format()
        {
            var s = new StringBuilder();
            s.Append("# scsibridge tape dump: where it stopped; the same dump command goes on from here\n");
            s.Append("image-bytes: ").Append(ImageBytes.ToString(CultureInfo.InvariantCulture)).Append('\n');
            s.Append("files: ").Append(Files.ToString(CultureInfo.InvariantCulture)).Append('\n');
            s.Append("records-in-file: ").Append(RecordsInFile.ToString(CultureInfo.InvariantCulture)).Append('\n');
            s.Append("records: ").Append(Records.ToString(CultureInfo.InvariantCulture)).Append('\n');
            s.Append("bad-records: ").Append(BadRecords.ToString(CultureInfo.InvariantCulture)).Append('\n');
            s.Append("data-bytes: ").Append(DataBytes.ToString(CultureInfo.InvariantCulture)).Append('\n');
            s.Append("block-length: ").Append(BlockLength.ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (Setmarks > 0) s.Append("setmarks: ").Append(Setmarks.ToString(CultureInfo.InvariantCulture)).Append('\n');
            return s.ToString();
        }

        /// <summary>Parses <see cref="Format"/>'s text; FormatException names the line and what is wrong.</summary>
        public static TapeDumpRecord Parse(string text, string source)
        {
            var r = new TapeDumpRecord();
            int seen = 0;
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                int colon = line.IndexOf(':');
                if (colon < 0) throw new FormatException(source + ": line " + (i + 1) + " is not 'key: value'");
                string key = line.Substring(0, colon).Trim();
                string value = line.Substring(colon + 1).Trim();
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n > int.MaxValue && key != "image-bytes" && key != "data-bytes")
                {
                    throw new FormatException(source + ": line " + (i + 1) + ": '" + value + "' is not a count");
                }
                switch (key)
                {
                    case "image-bytes": r.ImageBytes = n; seen |= 1; break;
                    case "files": r.Files = (int)n; seen |= 2; break;
                    case "records-in-file": r.RecordsInFile = (int)n; seen |= 4; break;
                    case "records": r.Records = (int)n; seen |= 8; break;
                    case "bad-records": r.BadRecords = (int)n; seen |= 16; break;
                    case "data-bytes": r.DataBytes = n; seen |= 32; break;
                    case "block-length": r.BlockLength = (int)n; seen |= 64; break;
                    case "setmarks": r.Setmarks = (int)n; break;
                    default: throw new FormatException(source + ": line " + (i + 1) + ": unknown key '" + key + "'");
                }
            }
            if (seen != 127) throw new FormatException(source + ": it lacks some of image-bytes, files, records-in-file, records, bad-records, data-bytes, block-length");
            if (r.RecordsInFile > r.Records || r.BadRecords > r.Records) throw new FormatException(source + ": its counts do not agree (more records in the file, or bad ones, than in all)");
            return r;
        }

        /// <summary>Writes the record to path through a temporary file and a rename.</summary>
        public void Save(string path)
        {
            string temp = path + ".tmp";
            File.WriteAllText(temp, Format());
            File.Move(temp, path, overwrite: true);
        }
    }
}

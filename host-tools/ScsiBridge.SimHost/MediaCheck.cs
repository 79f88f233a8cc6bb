using System;
using System.IO;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// Checks the media given to the simulator before it serves them, so a wrong file is refused
    /// with what is wrong and what to do, rather than served short (a 1300-byte disk as two
    /// blocks), served as something it is not (random bytes as a blank tape), or failing deep
    /// inside an emulation. ArgumentException carries the message.
    /// </summary>
    public static class MediaCheck
    {
        /// <summary>The block length a device is served with: its profile's, else 2048 for a
        /// CD-ROM and 512 for a disk.</summary>
        public static int BlockLength(SimDevice d) =>
            d.Profile != null && d.Profile.BlockLength > 0 ? d.Profile.BlockLength : d.Cdrom ? 2048 : 512;

        public static void Check(SimDevice d)
        {
            string flag = (d.Tape ? "--tape " : d.Cdrom ? "--cdrom " : "--disk ") + d.Id + ":" + d.Path;
            long size = new FileInfo(d.Path).Length;
            if (d.Tape)
            {
                if (size == 0 && !d.ReadOnly) return;  // a blank tape to write
                if (d.BadBlocks != null) throw new ArgumentException("--bad-blocks " + d.Id + ": the device at ID " + d.Id + " is a tape; mark its bad records in the .tap image (class 8) instead");
                if (d.Profile != null && d.Profile.DeviceType != 1)
                {
                    throw new ArgumentException("--profile " + d.Id + ": the profile is of a device of type " + d.Profile.DeviceType.ToString("X2") + "h, and the device at ID " + d.Id + " is a tape (01h)");
                }
                string? wrong = TapeProblem(d.Path);
                if (wrong != null)
                {
                    throw new ArgumentException(flag + ": " + d.Path + " is not a SIMH .tap image: " + wrong
                                                + "; give a .tap file (`scsibridge dump` of a tape writes one)");
                }
                return;
            }
            if (d.Cdrom && d.Path.EndsWith(".cue", StringComparison.OrdinalIgnoreCase))
            {
                if (d.BadBlocks != null) throw new ArgumentException("--bad-blocks " + d.Id + ": the CD-ROM at ID " + d.Id + " is a CUE sheet; bad blocks are served for ISO images only");
                var opened = new System.Collections.Generic.List<IDisposable>();
                try
                {
                    FolderCueOpener.Load(d.Path, opened);  // every FILE there, every TRACK servable
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException(flag + ": " + e.Message);
                }
                finally
                {
                    foreach (IDisposable o in opened) o.Dispose();
                }
                return;
            }
            int block = BlockLength(d);
            string kind = d.Cdrom ? "CD-ROM" : "disk";
            if (size == 0)
            {
                throw new ArgumentException(flag + ": " + d.Path + " is empty (0 bytes); a " + kind + " image holds at least one " + block + "-byte block");
            }
            if (size % block != 0)
            {
                long whole = size / block;
                throw new ArgumentException(flag + ": " + d.Path + " has " + size + " bytes, not a whole number of " + block + "-byte blocks ("
                                            + whole + " blocks and " + size % block + " bytes over); give the whole image, or pad it to "
                                            + (whole + 1) * block + " bytes (truncate -s " + (whole + 1) * block + ")");
            }
            if (d.BadBlocks != null)
            {
                long last = size / block - 1;
                foreach (var (first, end) in d.BadBlocks.Ranges)
                {
                    if (end > last)
                    {
                        throw new ArgumentException("--bad-blocks " + d.Id + ":" + d.BadBlocks + ": block " + (first > last ? first : end) + " is outside the "
                                                    + kind + " at ID " + d.Id + ", whose blocks are 0 to " + last);
                    }
                }
            }
        }

        /// <summary>What is wrong with a SIMH tape image, or null: records are a 32-bit
        /// little-endian length (its top byte the record's class), the data padded to an even
        /// length, and the same length again; 0 is a tape mark, FFFFFFFFh the end of the medium.</summary>
        private static string? TapeProblem(string path)
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (f.Length == 0) return "it is empty (0 bytes; a blank tape has at least its end-of-medium marker FFFFFFFFh, or give it as ID:PATH:rw to write it)";
            byte[] word = new byte[4];
            long at = 0;
            while (at < f.Length)
            {
                if (f.Length - at < 4) return "at byte " + at + ", " + (f.Length - at) + " bytes are left over, too few for a length word";
                f.Position = at;
                f.ReadExactly(word, 0, 4);
                uint header = BitConverter.ToUInt32(word, 0);
                if (header == 0xFFFFFFFF) return null;  // end of medium: what follows is never read
                if (header == 0 || header == 0xFFFFFFFE || header == ScsiBridge.Firmware.Emulation.TapeUnit.SetmarkWord)
                {
                    at += 4;  // a tape mark, an erase gap, a setmark
                    continue;
                }
                long length = header & 0x00FFFFFF;
                uint cls = header >> 24;
                if (cls != 0 && cls != 0x80) return "at byte " + at + ", the length word " + header.ToString("X8") + "h has an unknown record class " + cls.ToString("X2") + "h";
                long trailer = at + 4 + length + (length & 1);
                if (trailer + 4 > f.Length) return "the record at byte " + at + " (" + length + " bytes) runs past the end of the file (" + f.Length + " bytes)";
                f.Position = trailer;
                f.ReadExactly(word, 0, 4);
                if (BitConverter.ToUInt32(word, 0) != header)
                {
                    return "the record at byte " + at + " ends with the length word " + BitConverter.ToUInt32(word, 0).ToString("X8") + "h, not " + header.ToString("X8") + "h";
                }
                at = trailer + 4;
            }
            return null;  // ends after a record or mark: the emulation reports the end of data there
        }
    }
}

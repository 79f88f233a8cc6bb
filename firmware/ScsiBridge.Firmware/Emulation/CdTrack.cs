using ScsiBridge.Firmware.Target;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// One track of an emulated disc: its number, what it holds (audio, mode 1 or mode 2 data),
    /// where it lies on the disc (logical block addresses: 0 is 00:02:00, after the 150-frame
    /// lead-in offset) and where its frames are in an image file.
    /// </summary>
    public sealed class CdTrack
    {
        public const int Audio = 0;
        public const int Mode1 = 1;
        public const int Mode2 = 2;

        /// <summary>Bytes of a raw CD frame (audio samples, or a data sector with sync, header, EDC/ECC).</summary>
        public const int RawSectorLength = 2352;

        /// <summary>Bytes of user data in a mode 1 (or mode 2 form 1) sector.</summary>
        public const int UserDataLength = 2048;

        public CdTrack(int number, int type, int sectorLength)
        {
            Number = number;
            Type = type;
            SectorLength = sectorLength;
        }

        /// <summary>Track number, 1 to 99.</summary>
        public int Number { get; private set; }

        /// <summary><see cref="Audio"/>, <see cref="Mode1"/> or <see cref="Mode2"/>.</summary>
        public int Type { get; private set; }

        /// <summary>Bytes of one frame in the image file: 2048 (user data only) or 2352 (raw).</summary>
        public int SectorLength { get; private set; }

        /// <summary>The file holding the track's frames.</summary>
        public IBlockStore? Store { get; set; }

        /// <summary>LBA of index 0, where the pregap begins (= <see cref="Start"/> without one).</summary>
        public long PregapStart { get; set; }

        /// <summary>Frames of pregap that are not in the file (the CUE sheet's PREGAP): silence.</summary>
        public long SilentPregap { get; set; }

        /// <summary>LBA of index 1: where the track begins in the table of contents.</summary>
        public long Start { get; set; }

        /// <summary>LBA after the track's last frame.</summary>
        public long End { get; set; }

        /// <summary>Byte offset in the file of the frame at <see cref="Start"/>.</summary>
        public long FileOffset { get; set; }

        /// <summary>The track's ISRC (12 characters), or null.</summary>
        public string? Isrc { get; set; }

        /// <summary>Q sub-channel control nibble: 0 two-channel audio, 4 data; CUE FLAGS PRE
        /// (1) and DCP (2) add to an audio track's.</summary>
        public int Control { get; set; }

        public bool IsAudio
        {
            get { return Type == Audio; }
        }

        /// <summary>Byte offset in the file of frame <paramref name="lba"/> of this track (index 0
        /// frames in the file included); -1 for a silent pregap frame.</summary>
        public long FileOffsetOf(long lba)
        {
            if (lba < Start && lba < PregapStart + SilentPregap) return -1;
            return FileOffset + (lba - Start) * SectorLength;
        }
    }
}

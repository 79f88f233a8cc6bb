using System;
using ScsiBridge.Firmware.Target;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// The layout of an emulated disc: its tracks in order, the lead-out, the media catalog
    /// number. An ISO image is one mode 1 track of 2048-byte sectors; a CUE sheet (<see cref="CueSheet"/>)
    /// gives several, audio and data, from one or more BIN files. <see cref="DataStore"/> is the
    /// disc as 2048-byte user-data sectors for READ; audio frames come raw through <see cref="ReadRaw"/>.
    /// </summary>
    public sealed class CdDisc
    {
        public const int MaxTracks = 99;

        /// <summary>Frames per second of CD audio, and the 2-second offset of LBA 0 (MSF 00:02:00).</summary>
        public const int FramesPerSecond = 75;
        public const int LeadInOffset = 150;

        private readonly CdTrack[] _tracks;
        private readonly int _count;
        private readonly DiscDataStore _data;

        public CdDisc(CdTrack[] tracks, int count, long leadOut, string? catalog)
        {
            if (tracks == null) throw new ArgumentNullException("tracks");
            if (count < 1 || count > MaxTracks || count > tracks.Length) throw new ArgumentException("a disc has 1 to 99 tracks", "tracks");
            _tracks = tracks;
            _count = count;
            LeadOut = leadOut;
            Catalog = catalog;
            _data = new DiscDataStore(this);
        }

        /// <summary>A disc of one data track over an ISO image (2048-byte sectors).</summary>
        public static CdDisc FromIso(IBlockStore store)
        {
            var track = new CdTrack(1, CdTrack.Mode1, CdTrack.UserDataLength);
            track.Store = store;
            track.End = store.Length / CdTrack.UserDataLength;
            track.Control = 4;
            var tracks = new CdTrack[1];
            tracks[0] = track;
            return new CdDisc(tracks, 1, track.End, null);
        }

        public int TrackCount
        {
            get { return _count; }
        }

        /// <summary>LBA of the lead-out (the disc's frames are 0 to LeadOut - 1).</summary>
        public long LeadOut { get; private set; }

        /// <summary>The media catalog number (13 digits), or null.</summary>
        public string? Catalog { get; private set; }

        /// <summary>The disc as user-data sectors of 2048 bytes (an audio frame there fails).</summary>
        public IBlockStore DataStore
        {
            get { return _data; }
        }

        /// <summary>The i-th track (0-based).</summary>
        public CdTrack Track(int index)
        {
            return _tracks[index];
        }

        /// <summary>The track numbered <paramref name="number"/>, or null.</summary>
        public CdTrack? TrackNumbered(int number)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_tracks[i].Number == number) return _tracks[i];
            }
            return null;
        }

        /// <summary>The track the frame at <paramref name="lba"/> belongs to (its pregap included), or null past the end.</summary>
        public CdTrack? TrackAt(long lba)
        {
            if (lba < 0 || lba >= LeadOut) return null;
            for (int i = _count - 1; i >= 0; i--)
            {
                if (lba >= _tracks[i].PregapStart) return _tracks[i];
            }
            return _tracks[0];
        }

        /// <summary>Every frame of lba to lba+count-1 is audio.</summary>
        public bool AllAudio(long lba, long count)
        {
            for (int i = 0; i < _count; i++)
            {
                CdTrack t = _tracks[i];
                if (!t.IsAudio && t.PregapStart < lba + count && t.End > lba) return false;
            }
            return true;
        }

        /// <summary>Every frame of lba to lba+count-1 is data.</summary>
        public bool AllData(long lba, long count)
        {
            for (int i = 0; i < _count; i++)
            {
                CdTrack t = _tracks[i];
                if (t.IsAudio && t.PregapStart < lba + count && t.End > lba) return false;
            }
            return true;
        }

        /// <summary>Reads whole raw frames (2352 bytes each) from lba: audio samples, or a data
        /// sector as the file holds it raw. False when a frame is not stored raw (a 2048-byte
        /// data track) or the file cannot be read. A silent pregap frame reads as zeros.</summary>
        public bool ReadRaw(long lba, int frames, byte[] buffer, int offset)
        {
            int done = 0;
            while (done < frames)
            {
                CdTrack? t = TrackAt(lba + done);
                if (t == null || t.SectorLength != CdTrack.RawSectorLength || t.Store == null) return false;
                long at = t.FileOffsetOf(lba + done);
                int run = 1;
                if (at < 0)
                {
                    Array.Clear(buffer, offset + done * CdTrack.RawSectorLength, CdTrack.RawSectorLength);
                }
                else
                {
                    // The frames up to the track's end (or the request's) are one run in the file.
                    long left = t.End - (lba + done);
                    run = (int)(left < frames - done ? left : frames - done);
                    if (!t.Store.Read(at, buffer, offset + done * CdTrack.RawSectorLength, run * CdTrack.RawSectorLength)) return false;
                }
                done += run;
            }
            return true;
        }

        /// <summary>MSF of an LBA (with the 150-frame offset).</summary>
        public static void ToMsf(long lba, byte[] b, int offset)
        {
            long frame = lba + LeadInOffset;
            b[offset] = (byte)(frame / (60 * FramesPerSecond));
            b[offset + 1] = (byte)(frame / FramesPerSecond % 60);
            b[offset + 2] = (byte)(frame % FramesPerSecond);
        }

        /// <summary>The LBA of an MSF address.</summary>
        public static long FromMsf(int m, int s, int f)
        {
            return (m * 60L + s) * FramesPerSecond + f - LeadInOffset;
        }
    }
}

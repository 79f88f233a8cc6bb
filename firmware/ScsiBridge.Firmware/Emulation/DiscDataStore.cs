using System;
using ScsiBridge.Firmware.Target;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// A disc's data as a CD-ROM drive's READ sees it: 2048-byte user-data sectors at LBA x 2048,
    /// taken from each data track's file: whole from a MODE1/2048 track (one file read for a run
    /// of sectors), at byte 16 of each raw frame of a MODE1/2352 track, at byte 24 (after the
    /// subheader, form 1) of a MODE2/2352 track. An audio frame has no user data: its read fails
    /// (the unit refuses such a READ before it gets here). Read-only. Disposing it closes the
    /// track files (each once) that can be closed.
    /// </summary>
    internal sealed class DiscDataStore : IBlockStore, System.IDisposable
    {
        private readonly CdDisc _disc;

        public DiscDataStore(CdDisc disc)
        {
            _disc = disc;
        }

        public CdDisc Disc
        {
            get { return _disc; }
        }

        public long Length
        {
            get { return _disc.LeadOut * CdTrack.UserDataLength; }
        }

        public bool ReadOnly
        {
            get { return true; }
        }

        public bool Read(long position, byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count || position < 0 || position > Length - count) return false;
            int done = 0;
            while (done < count)
            {
                long at = position + done;
                long sector = at / CdTrack.UserDataLength;
                int within = (int)(at % CdTrack.UserDataLength);
                CdTrack? t = _disc.TrackAt(sector);
                if (t == null || t.IsAudio || t.Store == null) return false;
                long file = t.FileOffsetOf(sector);
                int n;
                if (file < 0)
                {
                    n = CdTrack.UserDataLength - within < count - done ? CdTrack.UserDataLength - within : count - done;
                    Array.Clear(buffer, offset + done, n);  // a pregap not in the file
                }
                else if (t.SectorLength == CdTrack.UserDataLength)
                {
                    long run = (t.End - sector) * CdTrack.UserDataLength - within;
                    n = run < count - done ? (int)run : count - done;
                    if (!t.Store.Read(file + within, buffer, offset + done, n)) return false;
                }
                else
                {
                    int user = t.Type == CdTrack.Mode2 ? 24 : 16;
                    n = CdTrack.UserDataLength - within < count - done ? CdTrack.UserDataLength - within : count - done;
                    if (!t.Store.Read(file + user + within, buffer, offset + done, n)) return false;
                }
                done += n;
            }
            return true;
        }

        public bool Write(long position, byte[] buffer, int offset, int count)
        {
            return false;
        }

        public bool Flush()
        {
            return true;
        }

        public void Dispose()
        {
            for (int i = 0; i < _disc.TrackCount; i++)
            {
                IBlockStore? s = _disc.Track(i).Store;
                bool seen = false;
                for (int j = 0; j < i; j++) seen |= _disc.Track(j).Store == s;
                System.IDisposable? d = s as System.IDisposable;
                if (!seen && d != null) d.Dispose();
            }
        }
    }
}

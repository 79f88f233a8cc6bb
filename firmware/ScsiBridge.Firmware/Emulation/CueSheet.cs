using ScsiBridge.Firmware.Target;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>Opens the files a CUE sheet names (relative to the sheet's folder), read-only.</summary>
    public interface ICueFileOpener
    {
        /// <summary>The file, or null when there is none or it cannot be opened.</summary>
        IBlockStore? Open(string name);
    }

    /// <summary>
    /// A CUE sheet (the text that goes with BIN images) made into a <see cref="CdDisc"/>. Takes
    /// FILE "name" BINARY; TRACK nn AUDIO, MODE1/2048, MODE1/2352 or MODE2/2352; INDEX 00 and 01
    /// (mm:ss:ff, 75 frames a second, counted from the start of the FILE); PREGAP (silence not in
    /// the file); CATALOG (13 digits); ISRC (12 characters); FLAGS DCP, PRE, 4CH; REM, TITLE,
    /// PERFORMER, SONGWRITER and CDTEXTFILE are passed over. Several FILEs are several BINs in
    /// disc order. What it cannot serve (WAVE or MOTOROLA files, MODE2/2336, CDG, POSTGAP) is
    /// refused with the line and the reason, as is anything malformed. Parsed by hand (no
    /// System.Text), so it runs on the board too.
    /// </summary>
    public static class CueSheet
    {
        private const int MaxWords = 8;

        /// <summary>The disc, or null with <paramref name="error"/> saying what is wrong and where.</summary>
        public static CdDisc? Parse(string text, ICueFileOpener files, out string error)
        {
            error = "";
            if (text == null || files == null)
            {
                error = "no CUE sheet";
                return null;
            }
            string[] lines = text.Split('\n');
            string[] words = new string[MaxWords];
            var tracks = new CdTrack[CdDisc.MaxTracks];
            int count = 0;
            string? catalog = null;

            IBlockStore? store = null;
            long fileBase = 0;        // LBA of the current file's frame 0 (silent pregaps before it included)
            long shift = 0;           // silent pregap frames since the current file began
            long fileBytes = 0;       // bytes of the current file before the current track's first index
            long trackFirstFrame = -1;
            long index1Frame = -1;
            long pregap = 0;
            CdTrack? track = null;

            for (int n = 0; n < lines.Length; n++)
            {
                string where = "line " + (n + 1) + ": ";
                int w = Words(lines[n], words);
                if (w < 0)
                {
                    error = where + "a quote is not closed";
                    return null;
                }
                if (w == 0) continue;
                string key = words[0];
                if (key == "REM" || key == "TITLE" || key == "PERFORMER" || key == "SONGWRITER" || key == "CDTEXTFILE") continue;
                if (key == "CATALOG")
                {
                    if (w != 2 || words[1].Length != 13 || !AllDigits(words[1]))
                    {
                        error = where + "CATALOG takes the 13 digits of the media catalog number";
                        return null;
                    }
                    catalog = words[1];
                    continue;
                }
                if (key == "FILE")
                {
                    if (w != 3)
                    {
                        error = where + "FILE takes a name and a type (FILE \"disc.bin\" BINARY)";
                        return null;
                    }
                    if (words[2] != "BINARY")
                    {
                        error = where + "FILE type " + words[2] + " is not served: give the tracks as raw BINARY files (little-endian audio)";
                        return null;
                    }
                    if (track != null && !Close(track, store!, index1Frame, where, out error)) return null;
                    if (track != null) fileBase = track.End;
                    store = files.Open(words[1]);
                    if (store == null)
                    {
                        error = where + "the file " + words[1] + " is not there or cannot be opened";
                        return null;
                    }
                    shift = 0;
                    fileBytes = 0;
                    trackFirstFrame = -1;
                    index1Frame = -1;
                    track = null;
                    continue;
                }
                if (key == "TRACK")
                {
                    if (store == null)
                    {
                        error = where + "TRACK comes before any FILE";
                        return null;
                    }
                    if (w != 3)
                    {
                        error = where + "TRACK takes a number and a mode (TRACK 01 MODE1/2352)";
                        return null;
                    }
                    int number = Number(words[1]);
                    if (number < 1 || number > 99 || (count > 0 && number != tracks[count - 1].Number + 1))
                    {
                        error = where + "track " + words[1] + " is not the next track number (1 to 99, in order)";
                        return null;
                    }
                    int type, size;
                    if (!Mode(words[2], out type, out size))
                    {
                        error = where + "track mode " + words[2] + " is not served (AUDIO, MODE1/2048, MODE1/2352 or MODE2/2352)";
                        return null;
                    }
                    if (track != null)
                    {
                        // The previous track in this file ends where this one's first index will be:
                        // closed when that index is read.
                        if (index1Frame < 0)
                        {
                            error = where + "track " + track.Number + " has no INDEX 01";
                            return null;
                        }
                    }
                    var t = new CdTrack(number, type, size);
                    t.Store = store;
                    t.Control = type == CdTrack.Audio ? 0 : 4;
                    tracks[count++] = t;
                    pregap = 0;
                    continue;
                }
                if (count == 0)
                {
                    error = where + key + (key == "FLAGS" || key == "ISRC" || key == "PREGAP" || key == "INDEX" || key == "POSTGAP" ? " comes before any TRACK" : " is not a CUE command");
                    return null;
                }
                CdTrack current = tracks[count - 1];
                if (key == "FLAGS")
                {
                    for (int i = 1; i < w; i++)
                    {
                        if (words[i] == "DCP") current.Control |= 2;
                        else if (words[i] == "PRE") current.Control |= 1;
                        else if (words[i] == "4CH") current.Control |= 8;
                        else if (words[i] != "SCMS")
                        {
                            error = where + "unknown flag " + words[i];
                            return null;
                        }
                    }
                    continue;
                }
                if (key == "ISRC")
                {
                    if (w != 2 || words[1].Length != 12)
                    {
                        error = where + "ISRC takes the 12 characters of the recording code";
                        return null;
                    }
                    current.Isrc = words[1];
                    continue;
                }
                if (key == "POSTGAP")
                {
                    error = where + "POSTGAP is not served; put the silence in the BIN instead";
                    return null;
                }
                if (key == "PREGAP")
                {
                    long frames = w == 2 ? Msf(words[1]) : -1;
                    if (frames < 0)
                    {
                        error = where + "PREGAP takes a length mm:ss:ff";
                        return null;
                    }
                    pregap = frames;
                    continue;
                }
                if (key == "INDEX")
                {
                    int index = w == 3 ? Number(words[1]) : -1;
                    long frame = w == 3 ? Msf(words[2]) : -1;
                    if (index < 0 || index > 99 || frame < 0)
                    {
                        error = where + "INDEX takes a number and a time mm:ss:ff (INDEX 01 00:00:00)";
                        return null;
                    }
                    if (index > 1) continue;  // indexes within a track: not kept
                    bool first = current != track;
                    if (first)
                    {
                        // The first index of a new track: the previous one in this file ends here.
                        if (track != null)
                        {
                            if (frame < trackFirstFrame)
                            {
                                error = where + "the index goes back in the file";
                                return null;
                            }
                            track.End = fileBase + shift + frame;
                            fileBytes += (frame - trackFirstFrame) * track.SectorLength;
                        }
                        shift += pregap;
                        current.SilentPregap = pregap;
                        trackFirstFrame = frame;
                        current.PregapStart = fileBase + shift + frame - pregap;
                        track = current;
                        index1Frame = -1;
                    }
                    if (index == 0 && !first)
                    {
                        error = where + "INDEX 00 comes after the track's first index";
                        return null;
                    }
                    if (index == 1)
                    {
                        if (index1Frame >= 0)
                        {
                            error = where + "a second INDEX 01";
                            return null;
                        }
                        index1Frame = frame;
                        current.Start = fileBase + shift + frame;
                        current.FileOffset = fileBytes + (frame - trackFirstFrame) * current.SectorLength;
                    }
                    continue;
                }
                error = where + "unknown command " + key;
                return null;
            }
            if (count == 0 || track == null)
            {
                error = "the sheet has no TRACK with an INDEX";
                return null;
            }
            if (track != tracks[count - 1])
            {
                error = "track " + tracks[count - 1].Number + " has no INDEX 01";
                return null;
            }
            if (!Close(track, store!, index1Frame, "the last track: ", out error)) return null;
            for (int i = 0; i + 1 < count; i++)
            {
                if (tracks[i].End > tracks[i + 1].PregapStart) tracks[i].End = tracks[i + 1].PregapStart;
            }
            return new CdDisc(tracks, count, track.End, catalog);
        }

        /// <summary>The last track of a file ends with the file.</summary>
        private static bool Close(CdTrack track, IBlockStore store, long index1Frame, string where, out string error)
        {
            error = "";
            if (index1Frame < 0)
            {
                error = where + "track " + track.Number + " has no INDEX 01";
                return false;
            }
            long left = store.Length - track.FileOffset;
            if (left < track.SectorLength)
            {
                error = where + "track " + track.Number + " starts at byte " + track.FileOffset + ", at or past the end of its file (" + store.Length + " bytes)";
                return false;
            }
            track.End = track.Start + left / track.SectorLength;
            return true;
        }

        private static bool Mode(string text, out int type, out int size)
        {
            type = CdTrack.Audio;
            size = CdTrack.RawSectorLength;
            if (text == "AUDIO") return true;
            if (text == "MODE1/2352")
            {
                type = CdTrack.Mode1;
                return true;
            }
            if (text == "MODE1/2048")
            {
                type = CdTrack.Mode1;
                size = CdTrack.UserDataLength;
                return true;
            }
            if (text == "MODE2/2352")
            {
                type = CdTrack.Mode2;
                return true;
            }
            return false;
        }

        /// <summary>mm:ss:ff as frames, or -1.</summary>
        private static long Msf(string text)
        {
            int a = text.IndexOf(':');
            int b = a < 0 ? -1 : text.IndexOf(':', a + 1);
            if (a < 1 || b < a + 2 || b == text.Length - 1) return -1;
            int m = Number(text.Substring(0, a));
            int s = Number(text.Substring(a + 1, b - a - 1));
            int f = Number(text.Substring(b + 1));
            if (m < 0 || s < 0 || s > 59 || f < 0 || f >= CdDisc.FramesPerSecond) return -1;
            return (m * 60L + s) * CdDisc.FramesPerSecond + f;
        }

        /// <summary>A decimal number of up to 6 digits, or -1.</summary>
        private static int Number(string text) => DecimalText.Parse(text, 6);

        private static bool AllDigits(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9') return false;
            }
            return true;
        }

        /// <summary>Splits a line into words (a quoted word may hold blanks); the count, or -1 for
        /// an open quote. Words past <see cref="MaxWords"/> are dropped.</summary>
        private static int Words(string line, string[] words)
        {
            int count = 0;
            int i = 0;
            int end = line.Length;
            while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == ' ' || line[end - 1] == '\t')) end--;
            while (i < end)
            {
                while (i < end && (line[i] == ' ' || line[i] == '\t')) i++;
                if (i >= end) break;
                int start;
                int stop;
                if (line[i] == '"')
                {
                    start = i + 1;
                    stop = line.IndexOf('"', start);
                    if (stop < 0 || stop >= end) return -1;
                    i = stop + 1;
                }
                else
                {
                    start = i;
                    while (i < end && line[i] != ' ' && line[i] != '\t') i++;
                    stop = i;
                }
                if (count < words.Length) words[count] = line.Substring(start, stop - start);
                count++;
            }
            return count < words.Length ? count : words.Length;
        }
    }
}

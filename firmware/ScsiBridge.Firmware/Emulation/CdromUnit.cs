using ScsiBridge.Firmware.Target;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// A CD-ROM drive (type 05h, removable; SCSI-2 clause 13) on an ISO image of 2048-byte
    /// sectors (one data track 1 from LBA 0, the lead-out after the last whole sector), or on a
    /// disc of several tracks, audio and data, from a CUE sheet and its BINs (<see cref="CdDisc"/>).
    /// Serves, beyond <see cref="BlockUnit"/>: READ(12); READ TOC formats 0 (tracks), 1 (session)
    /// and 2 (full TOC), LBA or MSF; READ HEADER; READ SUB-CHANNEL (current position, media
    /// catalog number, ISRC); PLAY AUDIO(10), PLAY AUDIO(12), PLAY AUDIO MSF, PLAY AUDIO TRACK
    /// INDEX, PAUSE/RESUME and STOP PLAY/SCAN (START STOP UNIT with Start 0 stops play too); and
    /// READ CD (MMC) when the drive's page 2Ah says CD-DA commands are supported. Play moves the
    /// position in the firmware's clock (<see cref="Clock"/>); it always completes the command at
    /// once, as with IMMED set. READ of an audio frame: ILLEGAL REQUEST, ILLEGAL MODE FOR THIS TRACK.
    /// Writes are
    /// not CD-ROM commands: ILLEGAL REQUEST, INVALID COMMAND OPERATION CODE. The logical block
    /// length is 2048, or 512 after a MODE SELECT block descriptor asks for it (what Sun and SGI
    /// systems do before booting from CD); then every 2048-byte sector is four logical blocks.
    /// Mode pages: 01h (CD-ROM error recovery), 02h, 0Ah, 0Dh (CD-ROM parameters), 0Eh (audio
    /// control) and 2Ah (MM capabilities and mechanical status, MMC-1 layout).
    /// Insert/Eject change the disc; every initiator then gets UNIT ATTENTION, NOT READY TO READY
    /// CHANGE once.
    /// </summary>
    public sealed class CdromUnit : BlockUnit
    {
        public const int SectorLength = 2048;

        /// <summary>4x (176 kB/s each), as reported in page 2Ah.</summary>
        public const int ReadSpeedKBps = 706;

        private const int IllegalModeForThisTrack = 0x6400;
        private const int CommandSequenceError = 0x2C00;

        private readonly CdAudioPlayer _player = new CdAudioPlayer();
        private readonly bool _readCd;
        private readonly bool _readCdda;  // Plextor's vendor READ CDDA (D8h)
        private CdDisc? _iso;
        private IBlockStore? _isoStore;

        public CdromUnit(DeviceProfile profile, IBlockStore? store)
            : base(profile, store, SectorLength)
        {
            byte[]? capabilities = profile.GetModePage(0x2A);
            _readCd = !profile.IsModePageRemoved(0x2A) && (capabilities == null || (capabilities.Length > 5 && (capabilities[5] & 0x01) != 0));
            _readCdda = profile.Vendor == "PLEXTOR";
        }

        /// <summary>A drive of <paramref name="profile"/> with a disc of several tracks (from a CUE sheet).</summary>
        public static CdromUnit ForDisc(DeviceProfile profile, CdDisc disc)
        {
            if (disc == null) throw new System.ArgumentNullException("disc");
            return new CdromUnit(profile, disc.DataStore);
        }

        /// <summary>The clock audio play advances on: the HAL's (virtual time in simulation).</summary>
        public ScsiBridge.Hal.IHalClock? Clock
        {
            get { return _player.Clock; }
            set { _player.Clock = value; }
        }

        /// <summary>Changes the disc to one of several tracks (as <see cref="BlockUnit.Insert"/>).</summary>
        public void InsertDisc(CdDisc disc)
        {
            if (disc == null) throw new System.ArgumentNullException("disc");
            Insert(disc.DataStore);
        }

        /// <summary>A generic SCSI-2 CD-ROM drive.</summary>
        public CdromUnit(IBlockStore? store)
            : this(DeviceProfile.GenericCdrom(), store)
        {
        }

        protected override bool AcceptsDeviceType(int deviceType)
        {
            return deviceType == DeviceProfile.CdRom;
        }

        protected override bool IsSupportedBlockLength(int blockLength)
        {
            return blockLength == 512 || blockLength == SectorLength;
        }

        protected override long CapacityOf(long length, int blockLength)
        {
            long blocks = (length / SectorLength) * (SectorLength / blockLength);
            return blocks > DiskUnit.MaxBlocks ? DiskUnit.MaxBlocks : blocks;
        }

        protected override void DefineModePages()
        {
            // 01h CD-ROM read error recovery (SCSI-2 13.3.3.4): parameter byte and retry count changeable.
            byte[] recovery = new byte[8];
            recovery[0] = 0x01;
            recovery[1] = 0x06;
            byte[] recoveryMask = new byte[8];
            recoveryMask[2] = 0xFF;
            recoveryMask[3] = 0xFF;
            DefinePage(recovery, recoveryMask);

            DefinePage(DiskUnit.DisconnectReconnectPage(), DiskUnit.DisconnectReconnectMask());
            DefinePage(DiskUnit.ControlModePage(), null);

            // 0Dh CD-ROM device parameters (13.3.3.2): 60 S units per M unit, 75 F units per S
            // unit; the inactivity timer multiplier is changeable.
            byte[] parameters = new byte[8];
            parameters[0] = 0x0D;
            parameters[1] = 0x06;
            parameters[5] = 60;
            parameters[7] = 75;
            byte[] parametersMask = new byte[8];
            parametersMask[3] = 0x0F;
            DefinePage(parameters, parametersMask);

            // 0Eh CD-ROM audio control (13.3.3.1): IMMED set; port 0 plays channel 0, port 1
            // channel 1, both at full volume. IMMED, SOTC, the port selections and volumes are
            // changeable (the unit plays no audio; the values are kept for hosts that set them).
            byte[] audio = new byte[16];
            audio[0] = 0x0E;
            audio[1] = 0x0E;
            audio[2] = 0x04;
            audio[8] = 0x01;
            audio[9] = 0xFF;
            audio[10] = 0x02;
            audio[11] = 0xFF;
            byte[] audioMask = new byte[16];
            audioMask[2] = 0x06;
            for (int i = 8; i <= 15; i += 2)
            {
                audioMask[i] = 0x0F;
                audioMask[i + 1] = 0xFF;
            }
            DefinePage(audio, audioMask);

            // 2Ah CD capabilities and mechanical status (MMC-1, page length 14h): reads CD-ROM
            // data and, with READ CD, CD-DA (byte 5: CD-DA commands supported, stream accurate);
            // audio play; lock, eject, tray loading; 4x speed; 64 kB buffer.
            byte[] capabilities = new byte[22];
            capabilities[0] = 0x2A;
            capabilities[1] = 0x14;
            capabilities[4] = 0x01;  // audio play
            capabilities[5] = 0x03;  // CD-DA commands supported, CD-DA stream is accurate
            capabilities[6] = 0x29;  // tray (001b << 5), Eject, Lock; Lock State filled in
            BigEndian.Put16(capabilities, 8, ReadSpeedKBps);
            BigEndian.Put16(capabilities, 10, 256);  // volume levels
            BigEndian.Put16(capabilities, 12, 64);   // buffer, kB
            BigEndian.Put16(capabilities, 14, ReadSpeedKBps);
            DefinePage(capabilities, null);
        }

        protected override void FillDynamicFields(int code, byte[] page, int offset, int length)
        {
            if (code == 0x2A && length > 6)
            {
                if (IsRemovalPrevented) page[offset + 6] |= 0x02;
                else page[offset + 6] &= 0xFD;
            }
        }

        protected override bool ExecuteSpecific(byte opcode, TargetCommand command, ITargetIo io)
        {
            switch (opcode)
            {
                case TargetOpcodes.Read12:
                    Read12(command, io);
                    return true;
                case TargetOpcodes.ReadToc:
                    ReadToc(command, io);
                    return true;
                case CdOpcodes.ReadHeader:
                    ReadHeader(command, io);
                    return true;
                case CdOpcodes.ReadSubChannel:
                    ReadSubChannel(command, io);
                    return true;
                case CdOpcodes.PlayAudio10:
                    PlayRange(command, BigEndian.Get32(command.Cdb, 2), BigEndian.Get16(command.Cdb, 7));
                    return true;
                case CdOpcodes.PlayAudio12:
                    PlayRange(command, BigEndian.Get32(command.Cdb, 2), BigEndian.Get32(command.Cdb, 6));
                    return true;
                case CdOpcodes.PlayAudioMsf:
                    PlayMsf(command);
                    return true;
                case CdOpcodes.PlayAudioTrackIndex:
                    PlayTrackIndex(command);
                    return true;
                case CdOpcodes.PauseResume:
                    PauseResume(command);
                    return true;
                case CdOpcodes.StopPlayScan:
                    if (!RequireMedium(command)) return true;
                    _player.Stop();
                    return true;
                case CdOpcodes.ReadCd:
                    if (!_readCd) return false;
                    ReadCd(command, io);
                    return true;
                case CdOpcodes.PlextorReadCdda:
                    if (!_readCdda) return false;
                    ReadCdda(command, io);
                    return true;
                default:
                    return false;
            }
        }

        protected override bool CanRead(TargetCommand command, long lba, long count)
        {
            CdDisc? disc = Disc();
            if (disc == null) return true;
            long first = lba * CurrentBlockLength / SectorLength;
            long last = ((lba + count) * CurrentBlockLength + SectorLength - 1) / SectorLength;
            if (disc.AllData(first, last - first)) return true;
            command.FailAt(SenseData.IllegalRequest, IllegalModeForThisTrack, lba);
            return false;
        }

        protected override void OnStartStop(bool start)
        {
            if (!start) _player.Stop();
        }

        /// <summary>The disc in the drive: the CUE disc behind the store, or the ISO as one track.</summary>
        private CdDisc? Disc()
        {
            IBlockStore? store = Store;
            if (store == null) return null;
            DiscDataStore? data = store as DiscDataStore;
            if (data != null) return data.Disc;
            if (_isoStore != store)
            {
                _iso = CdDisc.FromIso(store);  // once per medium change
                _isoStore = store;
                _player.Stop();
            }
            return _iso;
        }

        private void Read12(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command)) return;
            byte[] cdb = command.Cdb;
            if ((cdb[1] & 0x01) != 0)
            {
                command.FailField(1);
                return;
            }
            long lba = BigEndian.Get32(cdb, 2);
            long count = BigEndian.Get32(cdb, 6);
            if (!CheckRange(command, lba, count)) return;
            ReadBlocks(command, io, lba, count);
        }

        /// <summary>
        /// READ TOC (SCSI-2 13.2.8). Format 0: the tracks from the starting track (0 or 1: all),
        /// then the lead-out (AAh: only it). Format 1 (MMC, session information): one session,
        /// its first track. Format 2 (MMC, full TOC, always MSF): points A0h, A1h, A2h and a
        /// descriptor per track. LBA addresses count logical blocks of the current length; MSF
        /// addresses count frames from 00:02:00.
        /// </summary>
        private void ReadToc(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command)) return;
            CdDisc disc = Disc()!;
            byte[] cdb = command.Cdb;
            bool msf = (cdb[1] & 0x02) != 0;
            int format = cdb[2] & 0x0F;
            int formatField = 2;
            if (format == 0 && (cdb[9] & 0xC0) != 0)
            {
                format = cdb[9] >> 6;  // the older place of the format (SFF-8020, vendor bits of SCSI-2)
                formatField = 9;
            }
            int start = cdb[6];
            int allocation = BigEndian.Get16(cdb, 7);
            byte[] r = Response;
            CdTrack firstTrack = disc.Track(0);
            CdTrack lastTrack = disc.Track(disc.TrackCount - 1);
            int position = 4;
            if (format == 0)
            {
                if (start > lastTrack.Number && start != 0xAA)
                {
                    command.FailField(6);
                    return;
                }
                for (int i = 0; i < disc.TrackCount && start != 0xAA; i++)
                {
                    CdTrack t = disc.Track(i);
                    if (t.Number >= start) position = TocEntry(r, position, t.Number, t.Control, t.Start, msf);
                }
                position = TocEntry(r, position, 0xAA, lastTrack.Control, disc.LeadOut, msf);
                r[2] = (byte)firstTrack.Number;
                r[3] = (byte)lastTrack.Number;
            }
            else if (format == 1)
            {
                position = TocEntry(r, position, firstTrack.Number, firstTrack.Control, firstTrack.Start, msf);
                r[2] = 1;  // first session
                r[3] = 1;  // last session
            }
            else if (format == 2)
            {
                if (start > 1)
                {
                    command.FailField(6);  // one session
                    return;
                }
                bool xa = false;
                for (int i = 0; i < disc.TrackCount; i++) xa |= disc.Track(i).Type == CdTrack.Mode2;
                position = FullTocEntry(r, position, 0xA0, firstTrack.Control, firstTrack.Number, xa ? 0x20 : 0x00, 0);
                position = FullTocEntry(r, position, 0xA1, lastTrack.Control, lastTrack.Number, 0, 0);
                CdDisc.ToMsf(disc.LeadOut, r, position + 8);
                position = FullTocEntry(r, position, 0xA2, lastTrack.Control, r[position + 8], r[position + 9], r[position + 10]);
                for (int i = 0; i < disc.TrackCount; i++)
                {
                    CdTrack t = disc.Track(i);
                    CdDisc.ToMsf(t.Start, r, position + 8);
                    position = FullTocEntry(r, position, t.Number, t.Control, r[position + 8], r[position + 9], r[position + 10]);
                }
                r[2] = 1;
                r[3] = 1;
            }
            else
            {
                command.FailField(formatField);
                return;
            }
            BigEndian.Put16(r, 0, position - 2);
            SendResponse(command, io, position, allocation);
        }

        private int TocEntry(byte[] r, int position, int track, int control, long sector, bool msf)
        {
            r[position] = 0;
            r[position + 1] = (byte)(0x10 | control);  // ADR 1 (current position)
            r[position + 2] = (byte)track;
            r[position + 3] = 0;
            if (msf)
            {
                r[position + 4] = 0;
                CdDisc.ToMsf(sector, r, position + 5);
            }
            else
            {
                BigEndian.Put32(r, position + 4, sector * (SectorLength / CurrentBlockLength));
            }
            return position + 8;
        }

        private static int FullTocEntry(byte[] r, int position, int point, int control, int pmin, int psec, int pframe)
        {
            r[position] = 1;                              // session
            r[position + 1] = (byte)(0x10 | control);     // ADR 1
            r[position + 2] = 0;                          // TNO: the lead-in
            r[position + 3] = (byte)point;
            r[position + 4] = 0;
            r[position + 5] = 0;
            r[position + 6] = 0;
            r[position + 7] = 0;
            r[position + 8] = (byte)pmin;
            r[position + 9] = (byte)psec;
            r[position + 10] = (byte)pframe;
            return position + 11;
        }

        /// <summary>READ HEADER (13.2.5): the data mode of the sector at the LBA and its address
        /// (LBA or MSF); an audio frame has none: ILLEGAL MODE FOR THIS TRACK.</summary>
        private void ReadHeader(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command)) return;
            CdDisc disc = Disc()!;
            byte[] cdb = command.Cdb;
            bool msf = (cdb[1] & 0x02) != 0;
            long lba = BigEndian.Get32(cdb, 2);
            long sector = lba * CurrentBlockLength / SectorLength;
            CdTrack? t = disc.TrackAt(sector);
            if (t == null)
            {
                command.FailAt(SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange, lba);
                return;
            }
            if (t.IsAudio)
            {
                command.FailAt(SenseData.IllegalRequest, IllegalModeForThisTrack, lba);
                return;
            }
            byte[] r = Response;
            System.Array.Clear(r, 0, 8);
            r[0] = (byte)t.Type;
            if (msf) CdDisc.ToMsf(sector, r, 5);
            else BigEndian.Put32(r, 4, lba);
            SendResponse(command, io, 8, BigEndian.Get16(cdb, 7));
        }

        /// <summary>READ SUB-CHANNEL (13.2.10): the audio status, then (SubQ) format 1 the current
        /// position (track, index, absolute and track-relative address), 2 the media catalog
        /// number, 3 a track's ISRC.</summary>
        private void ReadSubChannel(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command)) return;
            CdDisc disc = Disc()!;
            byte[] cdb = command.Cdb;
            bool msf = (cdb[1] & 0x02) != 0;
            bool subQ = (cdb[2] & 0x40) != 0;
            int format = cdb[3];
            int allocation = BigEndian.Get16(cdb, 7);
            byte[] r = Response;
            System.Array.Clear(r, 0, 24);
            if (subQ && (format < 1 || format > 3))
            {
                command.FailField(3);
                return;
            }
            CdTrack? isrcTrack = null;
            if (subQ && format == 3)
            {
                isrcTrack = disc.TrackNumbered(cdb[6]);
                if (isrcTrack == null)
                {
                    command.FailField(6);
                    return;
                }
            }
            r[1] = (byte)_player.TakeStatus();
            if (!subQ)
            {
                SendResponse(command, io, 4, allocation);
                return;
            }
            int length;
            r[4] = (byte)format;
            if (format == 1)
            {
                long at = _player.Position;
                if (at >= disc.LeadOut) at = disc.LeadOut - 1;
                CdTrack t = disc.TrackAt(at)!;
                r[5] = (byte)(0x10 | t.Control);
                r[6] = (byte)t.Number;
                r[7] = (byte)(at < t.Start ? 0 : 1);
                long relative = at - t.Start;
                if (msf)
                {
                    CdDisc.ToMsf(at, r, 9);
                    long frames = relative < 0 ? -relative : relative;  // the pregap counts down to index 1
                    r[13] = (byte)(frames / (60 * CdDisc.FramesPerSecond));
                    r[14] = (byte)(frames / CdDisc.FramesPerSecond % 60);
                    r[15] = (byte)(frames % CdDisc.FramesPerSecond);
                }
                else
                {
                    BigEndian.Put32(r, 8, at * (SectorLength / CurrentBlockLength));
                    BigEndian.Put32(r, 12, relative * (SectorLength / CurrentBlockLength));
                }
                length = 16;
            }
            else if (format == 2)
            {
                string? mcn = disc.Catalog;
                if (mcn != null)
                {
                    r[8] = 0x80;  // MCVal
                    for (int i = 0; i < 13; i++) r[9 + i] = (byte)mcn[i];
                }
                length = 24;
            }
            else
            {
                r[5] = (byte)(0x10 | isrcTrack!.Control);
                r[6] = (byte)isrcTrack.Number;
                string? isrc = isrcTrack.Isrc;
                if (isrc != null)
                {
                    r[8] = 0x80;  // TCVal
                    for (int i = 0; i < 12; i++) r[9 + i] = (byte)isrc[i];
                }
                length = 24;
            }
            BigEndian.Put16(r, 2, length - 4);
            SendResponse(command, io, length, allocation);
        }

        /// <summary>PLAY AUDIO(10)/(12) (13.2.1-2): count blocks from the LBA; 0 plays nothing.</summary>
        private void PlayRange(TargetCommand command, long lba, long count)
        {
            if (!RequireMedium(command)) return;
            long scale = SectorLength / CurrentBlockLength;
            long first = lba / scale;
            long end = (lba + count + scale - 1) / scale;
            if (count == 0)
            {
                CdDisc disc = Disc()!;
                if (lba >= disc.LeadOut * scale) command.FailAt(SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange, lba);
                return;
            }
            StartPlay(command, first, end, lba);
        }

        /// <summary>PLAY AUDIO MSF (13.2.3): from the starting to the ending MSF; FF:FF:FF starts at
        /// the current position (MMC).</summary>
        private void PlayMsf(TargetCommand command)
        {
            if (!RequireMedium(command)) return;
            byte[] cdb = command.Cdb;
            bool here = cdb[3] == 0xFF && cdb[4] == 0xFF && cdb[5] == 0xFF;
            long from = here ? _player.Position : CdDisc.FromMsf(cdb[3], cdb[4], cdb[5]);
            long end = CdDisc.FromMsf(cdb[6], cdb[7], cdb[8]);
            if (!here && (cdb[4] > 59 || cdb[5] > 74))
            {
                command.FailField(3);
                return;
            }
            if (cdb[7] > 59 || cdb[8] > 74 || end < from)
            {
                command.FailField(6);
                return;
            }
            if (end == from) return;
            StartPlay(command, from, end, from);
        }

        /// <summary>PLAY AUDIO TRACK INDEX (13.2.4): from a track's index (0: its pregap) to the
        /// end of the ending track.</summary>
        private void PlayTrackIndex(TargetCommand command)
        {
            if (!RequireMedium(command)) return;
            CdDisc disc = Disc()!;
            byte[] cdb = command.Cdb;
            CdTrack? first = disc.TrackNumbered(cdb[4]);
            if (first == null)
            {
                command.FailField(4);
                return;
            }
            int lastNumber = cdb[7] < first.Number ? -1 : cdb[7];
            if (lastNumber < 0)
            {
                command.FailField(7);
                return;
            }
            CdTrack? last = disc.TrackNumbered(lastNumber);
            if (last == null) last = disc.Track(disc.TrackCount - 1);
            long from = cdb[5] == 0 ? first.PregapStart : first.Start;
            StartPlay(command, from, last.End, from);
        }

        private void StartPlay(TargetCommand command, long from, long end, long reported)
        {
            CdDisc disc = Disc()!;
            if (from < 0 || from >= disc.LeadOut || end > disc.LeadOut)
            {
                command.FailAt(SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange, reported);
                return;
            }
            CdTrack t = disc.TrackAt(from)!;
            if (!t.IsAudio)
            {
                command.FailAt(SenseData.IllegalRequest, IllegalModeForThisTrack, reported);
                return;
            }
            // Play stops where the audio does: at the first data track after the start.
            for (int i = 0; i < disc.TrackCount; i++)
            {
                CdTrack d = disc.Track(i);
                if (!d.IsAudio && d.PregapStart > from && d.PregapStart < end) end = d.PregapStart;
            }
            _player.Play(from, end);
        }

        /// <summary>PAUSE/RESUME (13.2.6): Resume bit in byte 8; with no play to pause or resume,
        /// COMMAND SEQUENCE ERROR.</summary>
        private void PauseResume(TargetCommand command)
        {
            if (!RequireMedium(command)) return;
            bool resume = (command.Cdb[8] & 0x01) != 0;
            if (!(resume ? _player.Resume() : _player.Pause())) command.Fail(SenseData.IllegalRequest, CommandSequenceError);
        }

        /// <summary>Plextor READ CDDA (D8h): LBA in bytes 2-5, frames in 6-9, sub-code in 10 (0:
        /// none, the only one served); 2352 bytes of each audio frame.</summary>
        private void ReadCdda(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command)) return;
            CdDisc disc = Disc()!;
            byte[] cdb = command.Cdb;
            long lba = BigEndian.Get32(cdb, 2);
            long count = BigEndian.Get32(cdb, 6);
            if (cdb[10] != 0)
            {
                command.FailField(10);
                return;
            }
            if (lba < 0 || lba + count > disc.LeadOut)
            {
                command.FailAt(SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange, lba);
                return;
            }
            if (count == 0) return;
            if (!disc.AllAudio(lba, count))
            {
                command.FailAt(SenseData.IllegalRequest, IllegalModeForThisTrack, lba);
                return;
            }
            SendFrames(command, io, disc, lba, count, CdTrack.RawSectorLength);
        }

        /// <summary>
        /// READ CD (MMC): byte 1 the expected sector type (0 any, 1 CD-DA, 2 mode 1, 3 mode 2,
        /// 4 mode 2 form 1), byte 9 what of each frame: audio frames give their 2352 bytes when
        /// user data is asked; data frames give their 2048 bytes of user data (10h) or, from a
        /// track stored raw, the whole 2352-byte frame (F8h). Sub-channel data is not served.
        /// </summary>
        private void ReadCd(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command)) return;
            CdDisc disc = Disc()!;
            byte[] cdb = command.Cdb;
            int expected = (cdb[1] >> 2) & 0x07;
            long lba = BigEndian.Get32(cdb, 2);
            long count = BigEndian.Get24(cdb, 6);
            int fields = cdb[9];
            if (cdb[10] != 0)
            {
                command.FailField(10);
                return;
            }
            if (expected > 4)
            {
                command.FailField(1);
                return;
            }
            if (lba < 0 || lba + count > disc.LeadOut)
            {
                command.FailAt(SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange, lba);
                return;
            }
            if (count == 0) return;
            bool audio = disc.AllAudio(lba, count);
            bool data = !audio && disc.AllData(lba, count);
            CdTrack first = disc.TrackAt(lba)!;
            if ((!audio && !data) || (expected == 1 && !audio) || (expected >= 2 && !data)
                || (expected == 2 && first.Type != CdTrack.Mode1) || (expected >= 3 && first.Type != CdTrack.Mode2))
            {
                command.FailAt(SenseData.IllegalRequest, IllegalModeForThisTrack, lba);
                return;
            }
            int frameBytes;
            if (audio) frameBytes = (fields & 0x10) != 0 ? CdTrack.RawSectorLength : 0;
            else if (fields == 0x10) frameBytes = CdTrack.UserDataLength;
            else if (fields == 0xF8 && disc.TrackAt(lba)!.SectorLength == CdTrack.RawSectorLength && disc.TrackAt(lba + count - 1)!.SectorLength == CdTrack.RawSectorLength) frameBytes = CdTrack.RawSectorLength;
            else if (fields == 0)
            {
                frameBytes = 0;
            }
            else
            {
                command.FailField(9);  // header-only or EDC-only reads, or raw frames of a 2048-byte track
                return;
            }
            if (frameBytes == 0) return;
            SendFrames(command, io, disc, lba, count, frameBytes);
        }

        /// <summary>DATA IN of count frames from lba: raw (2352 bytes each) or user data (2048).</summary>
        private void SendFrames(TargetCommand command, ITargetIo io, CdDisc disc, long lba, long count, int frameBytes)
        {
            long done = 0;
            while (done < count)
            {
                ScsiBridge.Hal.Buffers.RingBuffer? b = io.AcquireBuffer();
                if (b == null) b = io.WaitForBuffer();
                if (b == null) return;
                int frames = b.Data.Length / frameBytes;
                if (frames == 0) frames = 1;
                if (frames > count - done) frames = (int)(count - done);
                bool ok = true;
                int rc = ScsiBridge.Hal.Errno.Ok;
                try
                {
                    if (frameBytes > b.Data.Length)
                    {
                        ok = false;  // a ring buffer smaller than a frame: not on any configured ring
                    }
                    else if (frameBytes == CdTrack.RawSectorLength)
                    {
                        ok = disc.ReadRaw(lba + done, frames, b.Data, 0);
                    }
                    else
                    {
                        ok = disc.DataStore.Read((lba + done) * CdTrack.UserDataLength, b.Data, 0, frames * CdTrack.UserDataLength);
                    }
                    if (ok)
                    {
                        b.Length = frames * frameBytes;
                        rc = io.Send(b.Data, 0, frames * frameBytes);
                    }
                }
                finally
                {
                    io.ReleaseBuffer(b);
                }
                if (!ok)
                {
                    command.FailAt(SenseData.MediumError, SenseData.UnrecoveredReadError, lba + done);
                    return;
                }
                if (rc != ScsiBridge.Hal.Errno.Ok) return;
                done += frames;
            }
        }
    }
}

using System;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// A tape drive (type 01h, removable; SCSI-2 X3.131-1994 clause 9) on a SIMH .tap image:
    /// each record is a 32-bit little-endian length (bit 31: recorded with an error), the data
    /// padded to an even length, and the length again; a zero length is a tape mark; FFFFFFFFh,
    /// or the end of the image, is the end of the recorded data; FFFFFFFEh (an erase gap) is
    /// passed over. SIMH has no setmark, so a setmark is kept as the private marker
    /// <see cref="SetmarkWord"/>.
    ///
    /// Serves TEST UNIT READY, INQUIRY, REQUEST SENSE (the engine), REWIND, READ BLOCK LIMITS,
    /// READ(6) and WRITE(6) in variable or fixed mode, WRITE FILEMARKS (setmarks where the profile
    /// has them), SPACE (blocks, filemarks, sequential filemarks, end of data, setmarks; forward
    /// and reverse), ERASE, LOAD/UNLOAD, PREVENT ALLOW MEDIUM REMOVAL, MODE SENSE(6) and MODE
    /// SELECT(6) (block descriptor: density and block length; pages 02h and 10h), and LOCATE and
    /// READ POSITION where the profile's drive had them.
    ///
    /// Writing cuts the tape after what was written (the end of data follows it, as on a real
    /// drive) and puts the end-of-medium word after it, so an image written from the start is a
    /// whole .tap. The tape's length is the store's capacity (<see cref="IResizableStore"/>), or
    /// its size; the early warning lies <see cref="EarlyWarningBytes"/> before the end. A write
    /// past the early warning succeeds and answers NO SENSE with EOM; one that does not fit
    /// answers VOLUME OVERFLOW with EOM and writes nothing of the block. Sense of every
    /// exception carries FILEMARK, EOM or ILI and the residue in INFORMATION (bytes in variable
    /// mode, blocks in fixed mode or when spacing), as clause 9 asks.
    /// </summary>
    public sealed class TapeUnit : ILogicalUnit
    {
        /// <summary>A setmark in the image: SIMH class E (private marker), value 1.</summary>
        public const uint SetmarkWord = 0xE0000001;

        public const uint EndOfMediumWord = 0xFFFFFFFF;
        public const uint EraseGapWord = 0xFFFFFFFE;
        private const uint BadRecordFlag = 0x80000000;
        private const uint LengthMask = 0x00FFFFFF;

        // Additional sense codes of clause 9 (table 7-41): ASC << 8 | ASCQ.
        private const int FilemarkDetected = 0x0001;
        private const int EndOfPartitionDetected = 0x0002;
        private const int SetmarkDetected = 0x0003;
        private const int BeginningOfPartitionDetected = 0x0004;
        private const int EndOfDataDetected = 0x0005;
        private const int SequentialPositioningError = 0x3B00;
        private const int VolumeOverflow = 0xD;  // sense key

        // What lies at a position of the tape.
        private const int ObjectRecord = 0;
        private const int ObjectFilemark = 1;
        private const int ObjectSetmark = 2;
        private const int ObjectEnd = 3;
        private const int ObjectBeginning = 4;
        private const int ObjectBroken = 5;  // the store failed, or the image is not a valid .tap there

        private readonly object _sync = new object();
        private readonly TapeDriveProfile _profile;
        private readonly byte[] _inquiry;
        private readonly ModePageTable _pages = new ModePageTable();
        private readonly byte[] _word = new byte[4];
        private readonly byte[] _response = new byte[64];
        private readonly byte[] _parameters = new byte[64];
        private readonly byte[] _zero = new byte[1];
        private IBlockStore? _store;
        private bool _loaded;
        private long _position;     // byte offset in the image
        private long _block;        // objects (records and marks) between the beginning and the position
        private int _blockLength;   // 0: variable
        private int _savedBlockLength;
        private int _density;
        private bool _writeProtect;
        private int _prevent;
        private int _uaMediumChanged;
        private int _objectLength;  // the record the last look found
        private bool _objectBad;
        private long _objectStart;

        /// <summary>A generic SCSI-2 drive on <paramref name="store"/> (null: no tape).</summary>
        public TapeUnit(IBlockStore? store)
            : this(TapeDriveProfile.Generic(), store)
        {
        }

        public TapeUnit(TapeDriveProfile profile, IBlockStore? store)
        {
            if (profile == null) throw new ArgumentNullException("profile");
            _profile = profile.Clone();
            if (_profile.MaxBlockLength < _profile.MinBlockLength || _profile.MaxBlockLength > TapeDriveProfile.MaxTapRecord || _profile.MinBlockLength < 1)
            {
                throw new ArgumentException("the profile's block limits are not 1 <= min <= max <= 16 MiB - 1", "profile");
            }
            _inquiry = _profile.Identity.BuildInquiry();
            _blockLength = _profile.DefaultBlockLength;
            _savedBlockLength = _blockLength;
            _density = _profile.DensityCode;
            DefineModePages();
            if (store != null)
            {
                _store = store;
                _loaded = true;
            }
        }

        public byte[] InquiryData
        {
            get { return _inquiry; }
        }

        /// <summary>Bytes between the early warning and the end of the tape.</summary>
        public long EarlyWarningBytes { get; set; } = 4096;

        /// <summary>The write-protect tab; a read-only store protects the tape as well.</summary>
        public bool WriteProtect
        {
            get { lock (_sync) { return _writeProtect; } }
            set { lock (_sync) { _writeProtect = value; } }
        }

        /// <summary>The block length now in use: 0 in variable mode.</summary>
        public int BlockLength
        {
            get { lock (_sync) { return _blockLength; } }
        }

        /// <summary>The byte offset in the image (for tests and status).</summary>
        public long Position
        {
            get { lock (_sync) { return _position; } }
        }

        public bool MediumPresent
        {
            get { lock (_sync) { return _store != null; } }
        }

        /// <summary>Puts a tape in (or changes it): at its beginning, loaded; every initiator gets
        /// UNIT ATTENTION, NOT READY TO READY CHANGE once.</summary>
        public void Insert(IBlockStore store)
        {
            if (store == null) throw new ArgumentNullException("store");
            lock (_sync)
            {
                _store = store;
                _loaded = true;
                _position = 0;
                _block = 0;
                _uaMediumChanged = 0x1FF;
            }
        }

        /// <summary>Takes the tape out, as the eject button does; false while a host prevents it.</summary>
        public bool Eject()
        {
            lock (_sync)
            {
                if (_prevent != 0) return false;
                _store = null;
                _loaded = false;
                return true;
            }
        }

        public void OnReset()
        {
            lock (_sync)
            {
                _position = 0;
                _block = 0;
                _prevent = 0;
                _blockLength = _savedBlockLength;
                _pages.RestoreSaved();
            }
        }

        public void Execute(TargetCommand command, ITargetIo io)
        {
            lock (_sync)
            {
                try
                {
                    Dispatch(command, io);
                }
                catch (Exception)
                {
                    command.Fail(SenseData.HardwareError, EmulationSense.InternalTargetFailure);
                }
            }
        }

        private void Dispatch(TargetCommand command, ITargetIo io)
        {
            byte[] cdb = command.Cdb;
            byte opcode = cdb[0];
            if (opcode == TargetOpcodes.Inquiry)
            {
                Inquiry(command, io);
                return;
            }
            int slot = command.InitiatorId < 0 || command.InitiatorId > 7 ? 8 : command.InitiatorId;
            if ((_uaMediumChanged & (1 << slot)) != 0)
            {
                _uaMediumChanged &= ~(1 << slot);
                command.Fail(SenseData.UnitAttention, SenseData.NotReadyToReadyChange);
                return;
            }
            switch (opcode)
            {
                case TargetOpcodes.ModeSense6:
                    ModeSense(command, io);
                    return;
                case TargetOpcodes.ModeSelect6:
                    ModeSelect(command, io);
                    return;
                case TapeOpcodes.ReadBlockLimits:
                    ReadBlockLimits(command, io);
                    return;
                case TargetOpcodes.PreventAllowMediumRemoval:
                    int bit = 1 << slot;
                    if ((cdb[4] & 0x01) != 0) _prevent |= bit; else _prevent &= ~bit;
                    return;
                case TapeOpcodes.LoadUnload:
                    LoadUnload(command);
                    return;
            }
            if (_store == null || !_loaded)
            {
                command.Fail(SenseData.NotReady, SenseData.MediumNotPresent);
                return;
            }
            switch (opcode)
            {
                case TargetOpcodes.TestUnitReady:
                    return;
                case TapeOpcodes.Rewind:
                    _position = 0;
                    _block = 0;
                    return;
                case TargetOpcodes.Read6:
                    Read(command, io);
                    return;
                case TargetOpcodes.Write6:
                    Write(command, io);
                    return;
                case TapeOpcodes.WriteFilemarks:
                    WriteFilemarks(command);
                    return;
                case TapeOpcodes.Space:
                    Space(command);
                    return;
                case TapeOpcodes.Erase:
                    Erase(command);
                    return;
                case TapeOpcodes.Locate:
                    if (!_profile.Locate) break;
                    Locate(command);
                    return;
                case TapeOpcodes.ReadPosition:
                    if (!_profile.Locate) break;
                    ReadPosition(command, io);
                    return;
            }
            command.Fail(SenseData.IllegalRequest, SenseData.InvalidCommandOperationCode);
        }

        // ---- identity and parameters ----

        private void Inquiry(TargetCommand command, ITargetIo io)
        {
            byte[] cdb = command.Cdb;
            if ((cdb[1] & 0x01) != 0)
            {
                byte[]? page = _profile.Identity.GetVpdPage(cdb[2]);
                if (page == null)
                {
                    command.FailField(2);
                    return;
                }
                io.Send(page, 0, page.Length < cdb[4] ? page.Length : cdb[4]);
                return;
            }
            if (cdb[2] != 0)
            {
                command.FailField(2);
                return;
            }
            io.Send(_inquiry, 0, cdb[4] < _inquiry.Length ? cdb[4] : _inquiry.Length);
        }

        private void ReadBlockLimits(TargetCommand command, ITargetIo io)
        {
            Clear(6);
            int max = _profile.MaxBlockLength;
            _response[1] = (byte)(max >> 16);
            _response[2] = (byte)(max >> 8);
            _response[3] = (byte)max;
            BigEndian.Put16(_response, 4, _profile.MinBlockLength);
            io.Send(_response, 0, 6);
        }

        private void DefineModePages()
        {
            _pages.Define(DiskUnit.DisconnectReconnectPage(), DiskUnit.DisconnectReconnectMask());

            // 10h device configuration (SCSI-2 9.3.3.1): BIS when blocks have addresses (LOCATE),
            // EEG and SEW (the end of data is written, early warning is reported on write);
            // RSmk is changeable on a drive with setmarks.
            byte[] configuration = new byte[16];
            configuration[0] = 0x10;
            configuration[1] = 0x0E;
            configuration[8] = (byte)(_profile.Locate ? 0x40 : 0x00);
            configuration[10] = 0x18;
            byte[] mask = new byte[16];
            mask[4] = 0xFF;  // write buffer full ratio
            mask[5] = 0xFF;  // read buffer empty ratio
            if (_profile.Setmarks) mask[8] = 0x20;
            _pages.Define(configuration, mask);

            for (int code = 0; code <= 0x3E; code++)
            {
                if (_profile.Identity.IsModePageRemoved(code)) _pages.Remove(code);
                byte[]? page = _profile.Identity.GetModePage(code);
                if (page != null) _pages.Define(page, _profile.Identity.GetChangeableMask(code));
            }
        }

        /// <summary>MODE SENSE(6): header (WP, buffered mode 1), one block descriptor (density,
        /// block length) unless DBD, then the page asked for (3Fh: all).</summary>
        private void ModeSense(TargetCommand command, ITargetIo io)
        {
            byte[] cdb = command.Cdb;
            bool dbd = (cdb[1] & 0x08) != 0;
            int pageControl = cdb[2] >> 6;
            int code = cdb[2] & 0x3F;
            if (pageControl == 3)
            {
                command.Fail(SenseData.IllegalRequest, SenseData.SavingParametersNotSupported);
                return;
            }
            if (code != 0 && code != 0x3F && !_pages.Has(code))
            {
                command.FailField(2);
                return;
            }
            byte[] r = _response;
            Clear(r.Length);
            r[2] = (byte)((IsWriteProtected() ? 0x80 : 0x00) | 0x10);
            int n = 4;
            if (!dbd)
            {
                r[3] = 8;
                r[4] = (byte)(pageControl == 1 ? 0 : _density);
                BigEndian.Put24(r, 9, pageControl == 1 ? (_profile.FixedOnly ? 0 : 0xFFFFFF) : _blockLength);
                n = 12;
            }
            for (int c = 1; c <= 0x3E; c++)
            {
                if (!_pages.Has(c) || (code != 0x3F && code != c)) continue;
                int length = _pages.Length(c);
                if (n + length > r.Length) break;
                Array.Copy(_pages.Get(c, pageControl), 0, r, n, length);
                if (_pages.Savable(c)) r[n] |= 0x80;
                n += length;
            }
            r[0] = (byte)(n - 1);
            int allocation = cdb[4];
            io.Send(r, 0, n < allocation ? n : allocation);
        }

        /// <summary>MODE SELECT(6): the block descriptor sets density (0 or the drive's) and block
        /// length (0 variable, or within the limits; a fixed-only drive takes only its own); pages
        /// (PF=1) change their changeable bits. A SCSI-1 parameter list (PF=0) may carry vendor
        /// bytes after the descriptor (the EXB-8200's); they are taken as information only.</summary>
        private void ModeSelect(TargetCommand command, ITargetIo io)
        {
            byte[] cdb = command.Cdb;
            bool pf = (cdb[1] & 0x10) != 0;
            bool save = (cdb[1] & 0x01) != 0;
            int length = cdb[4];
            if (length == 0) return;
            if (length > _parameters.Length || length < 4)
            {
                command.Fail(SenseData.IllegalRequest, SenseData.ParameterListLengthError);
                return;
            }
            if (io.Receive(_parameters, 0, length) != Errno.Ok)
            {
                command.Fail(SenseData.AbortedCommand, SenseData.InitiatorDetectedErrorReceived);
                return;
            }
            byte[] p = _parameters;
            int descriptors = p[3];
            if ((descriptors != 0 && descriptors != 8) || 4 + descriptors > length)
            {
                command.Fail(SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
                return;
            }
            int newLength = _blockLength;
            int newDensity = _density;
            if (descriptors == 8)
            {
                int density = p[4];
                if (density != 0 && density != _profile.DensityCode && density != 0x7F)
                {
                    command.Fail(SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
                    return;
                }
                if (density != 0 && density != 0x7F) newDensity = density;
                newLength = BigEndian.Get24(p, 9);
                if (!BlockLengthAllowed(newLength))
                {
                    command.Fail(SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
                    return;
                }
            }
            int at = 4 + descriptors;
            if (pf)
            {
                // Check every page before changing any.
                int check = at;
                while (check < length)
                {
                    int code = p[check] & 0x3F;
                    if (check + 2 > length || !_pages.Has(code) || p[check + 1] + 2 != _pages.Length(code) || check + _pages.Length(code) > length)
                    {
                        command.Fail(SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
                        return;
                    }
                    byte[] current = _pages.Get(code, ModePageTable.CurrentValues);
                    byte[] mask = _pages.Get(code, ModePageTable.ChangeableValues);
                    for (int i = 2; i < current.Length; i++)
                    {
                        if (((p[check + i] ^ current[i]) & ~mask[i]) != 0)
                        {
                            command.Fail(SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
                            return;
                        }
                    }
                    check += current.Length;
                }
                while (at < length)
                {
                    int code = p[at] & 0x3F;
                    _pages.Apply(code, p, at, save);
                    at += _pages.Length(code);
                }
            }
            _blockLength = newLength;
            _density = newDensity;
            if (save) _savedBlockLength = newLength;
        }

        private bool BlockLengthAllowed(int length)
        {
            if (_profile.FixedOnly) return length == _profile.DefaultBlockLength;
            return length == 0 || (length >= _profile.MinBlockLength && length <= _profile.MaxBlockLength);
        }

        private bool IsWriteProtected()
        {
            return _writeProtect || _store == null || _store.ReadOnly;
        }

        // ---- reading ----

        /// <summary>READ(6) (SCSI-2 9.2.4).</summary>
        private void Read(TargetCommand command, ITargetIo io)
        {
            byte[] cdb = command.Cdb;
            bool fixedMode = (cdb[1] & 0x01) != 0;
            bool sili = (cdb[1] & 0x02) != 0;
            int length = (int)command.Field(2, 3);
            if (fixedMode && (sili || _blockLength == 0))
            {
                command.FailField(1);
                return;
            }
            if (!fixedMode && _profile.FixedOnly)
            {
                command.FailField(1);
                return;
            }
            if (length == 0) return;
            if (!fixedMode)
            {
                ReadVariable(command, io, length, sili);
                return;
            }
            for (int i = 0; i < length; i++)
            {
                if (!ReadOneRecord(command, io, _blockLength, length - i, true)) return;
            }
        }

        private void ReadVariable(TargetCommand command, ITargetIo io, int requested, bool sili)
        {
            if (!ReadOneRecord(command, io, requested, requested, false)) return;
            int length = _objectLength;
            if (length != requested && (!sili || length > requested))
            {
                command.FailSequential(SenseData.NoSense, TargetCommand.IncorrectLength, 0, requested - length);
            }
        }

        /// <summary>Reads the next record, sending at most <paramref name="requested"/> bytes of it.
        /// False when the command ends here (a mark, the end of data, an error, a record of the
        /// wrong length in fixed mode): the sense is set, with <paramref name="residue"/> as
        /// INFORMATION.</summary>
        private bool ReadOneRecord(TargetCommand command, ITargetIo io, int requested, int residue, bool fixedMode)
        {
            int kind = LookForward();
            switch (kind)
            {
                case ObjectFilemark:
                    StepOver(kind);
                    command.FailSequential(SenseData.NoSense, TargetCommand.Filemark, FilemarkDetected, residue);
                    return false;
                case ObjectSetmark:
                    StepOver(kind);
                    command.FailSequential(SenseData.NoSense, 0, SetmarkDetected, residue);
                    return false;
                case ObjectEnd:
                    bool atEnd = _position >= Capacity();
                    command.FailSequential(SenseData.BlankCheck, atEnd ? TargetCommand.EndOfMedium : 0, EndOfDataDetected, residue);
                    return false;
                case ObjectBroken:
                    command.FailSequential(SenseData.MediumError, 0, SenseData.UnrecoveredReadError, residue);
                    return false;
            }
            int length = _objectLength;
            long data = _objectStart + 4;
            bool bad = _objectBad;
            StepOver(kind);
            if (fixedMode && length != requested)
            {
                command.FailSequential(SenseData.NoSense, TargetCommand.IncorrectLength, 0, residue);
                return false;
            }
            int send = length < requested ? length : requested;
            if (!SendFromStore(io, data, send))
            {
                command.FailSequential(SenseData.MediumError, 0, SenseData.UnrecoveredReadError, residue);
                return false;
            }
            if (bad)
            {
                command.FailSequential(SenseData.MediumError, 0, SenseData.UnrecoveredReadError, fixedMode ? residue : requested - length);
                return false;
            }
            return true;
        }

        private bool SendFromStore(ITargetIo io, long position, int count)
        {
            int sent = 0;
            while (sent < count)
            {
                RingBuffer? b = io.AcquireBuffer();
                if (b == null) b = io.WaitForBuffer();
                if (b == null) return false;  // the command was ended meanwhile
                int n = count - sent < b.Data.Length ? count - sent : b.Data.Length;
                int rc = Errno.EIO;
                try
                {
                    if (_store!.Read(position + sent, b.Data, 0, n))
                    {
                        b.Length = n;
                        rc = io.Send(b.Data, 0, n);
                    }
                }
                finally
                {
                    io.ReleaseBuffer(b);
                }
                if (rc != Errno.Ok) return false;
                sent += n;
            }
            return true;
        }

        // ---- writing ----

        /// <summary>WRITE(6) (SCSI-2 9.2.14): each block is a record.</summary>
        private void Write(TargetCommand command, ITargetIo io)
        {
            byte[] cdb = command.Cdb;
            bool fixedMode = (cdb[1] & 0x01) != 0;
            int length = (int)command.Field(2, 3);
            if (fixedMode ? _blockLength == 0 : _profile.FixedOnly)
            {
                command.FailField(1);
                return;
            }
            if (!fixedMode && length != 0 && (length < _profile.MinBlockLength || length > _profile.MaxBlockLength))
            {
                command.FailField(2);
                return;
            }
            if (IsWriteProtected())
            {
                command.Fail(SenseData.DataProtect, SenseData.WriteProtected);
                return;
            }
            if (length == 0) return;
            int records = fixedMode ? length : 1;
            int recordLength = fixedMode ? _blockLength : length;
            for (int i = 0; i < records; i++)
            {
                int residue = fixedMode ? records - i : length;
                long end = _position + 8 + recordLength + (recordLength & 1);
                if (end + 4 > Capacity())
                {
                    command.FailSequential(VolumeOverflow, TargetCommand.EndOfMedium, EndOfPartitionDetected, residue);
                    return;
                }
                if (!WriteRecord(io, recordLength))
                {
                    command.FailSequential(SenseData.MediumError, 0, SenseData.WriteError, residue);
                    return;
                }
            }
            if (_position > Capacity() - EarlyWarningBytes)
            {
                command.FailSequential(SenseData.NoSense, TargetCommand.EndOfMedium, EndOfPartitionDetected, 0);
            }
        }

        /// <summary>Receives one record from the host and writes it at the position, then the end
        /// of data after it. The length word at the front is written last, so a transfer that
        /// fails leaves the end of data where the record would have begun.</summary>
        private bool WriteRecord(ITargetIo io, int length)
        {
            long start = _position;
            long data = start + 4;
            int done = 0;
            bool ok = true;
            while (done < length && ok)
            {
                RingBuffer? b = io.AcquireBuffer();
                if (b == null) b = io.WaitForBuffer();
                if (b == null)
                {
                    ok = false;
                    break;
                }
                int n = length - done < b.Data.Length ? length - done : b.Data.Length;
                try
                {
                    ok = io.Receive(b.Data, 0, n) == Errno.Ok && _store!.Write(data + done, b.Data, 0, n);
                }
                finally
                {
                    io.ReleaseBuffer(b);
                }
                done += n;
            }
            long end = data + length;
            if (ok && (length & 1) != 0)
            {
                _zero[0] = 0;
                ok = _store!.Write(end, _zero, 0, 1);
                end++;
            }
            ok = ok && PutWord(end, (uint)length) && EndDataAt(end + 4) && PutWord(start, (uint)length);
            if (!ok)
            {
                EndDataAt(start);
                return false;
            }
            _position = end + 4;
            _block++;
            return true;
        }

        /// <summary>WRITE FILEMARKS (9.2.15): count marks (setmarks with WSmk where the drive has
        /// them); zero writes nothing (the buffer is always empty).</summary>
        private void WriteFilemarks(TargetCommand command)
        {
            byte[] cdb = command.Cdb;
            bool setmark = (cdb[1] & 0x02) != 0;
            int count = (int)command.Field(2, 3);
            if (setmark && !_profile.Setmarks)
            {
                command.FailField(1);
                return;
            }
            if (IsWriteProtected())
            {
                command.Fail(SenseData.DataProtect, SenseData.WriteProtected);
                return;
            }
            for (int i = 0; i < count; i++)
            {
                if (_position + 8 > Capacity())
                {
                    command.FailSequential(VolumeOverflow, TargetCommand.EndOfMedium, EndOfPartitionDetected, count - i);
                    return;
                }
                if (!PutWord(_position, setmark ? SetmarkWord : 0) || !EndDataAt(_position + 4))
                {
                    command.FailSequential(SenseData.MediumError, 0, SenseData.WriteError, count - i);
                    return;
                }
                _position += 4;
                _block++;
            }
            if (count > 0 && _position > Capacity() - EarlyWarningBytes)
            {
                command.FailSequential(SenseData.NoSense, TargetCommand.EndOfMedium, EndOfPartitionDetected, 0);
            }
        }

        /// <summary>ERASE (9.2.3): from the position to the end of the tape (LONG), or a gap
        /// (short); either way the end of data is here now.</summary>
        private void Erase(TargetCommand command)
        {
            if (IsWriteProtected())
            {
                command.Fail(SenseData.DataProtect, SenseData.WriteProtected);
                return;
            }
            if (!EndDataAt(_position)) command.Fail(SenseData.MediumError, SenseData.WriteError);
        }

        /// <summary>The recorded data ends at <paramref name="position"/>: an end-of-medium word
        /// there when it fits, and a resizable image cut after it.</summary>
        private bool EndDataAt(long position)
        {
            IResizableStore? resizable = _store as IResizableStore;
            if (position + 4 <= Capacity())
            {
                if (!PutWord(position, EndOfMediumWord)) return false;
                position += 4;
            }
            return resizable == null || resizable.SetLength(position);
        }

        private bool PutWord(long position, uint value)
        {
            _word[0] = (byte)value;
            _word[1] = (byte)(value >> 8);
            _word[2] = (byte)(value >> 16);
            _word[3] = (byte)(value >> 24);
            return _store!.Write(position, _word, 0, 4);
        }

        private long Capacity()
        {
            IResizableStore? resizable = _store as IResizableStore;
            return resizable != null ? resizable.Capacity : _store!.Length;
        }

        // ---- positioning ----

        /// <summary>SPACE (9.2.12): code 0 blocks, 1 filemarks, 2 sequential filemarks, 3 end of
        /// data, 4 setmarks; a negative count moves toward the beginning.</summary>
        private void Space(TargetCommand command)
        {
            byte[] cdb = command.Cdb;
            int code = cdb[1] & 0x07;
            int count = (int)command.Field(2, 3);
            if ((count & 0x800000) != 0) count -= 0x1000000;
            switch (code)
            {
                case 0:
                    SpaceObjects(command, count, false);
                    return;
                case 1:
                    SpaceMarks(command, count, ObjectFilemark);
                    return;
                case 2:
                    SpaceSequentialFilemarks(command, count);
                    return;
                case 3:
                    while (true)
                    {
                        int kind = LookForward();
                        if (kind == ObjectEnd) return;
                        if (kind == ObjectBroken)
                        {
                            command.Fail(SenseData.MediumError, SequentialPositioningError);
                            return;
                        }
                        StepOver(kind);
                    }
                case 4:
                    if (!_profile.Setmarks) break;
                    SpaceMarks(command, count, ObjectSetmark);
                    return;
            }
            command.FailField(1);
        }

        /// <summary>Spaces over count blocks (records), or count objects of any kind when
        /// <paramref name="any"/> (LOCATE): a mark stops it (forward: after the mark; reverse:
        /// before it), as do the end of data and the beginning.</summary>
        private void SpaceObjects(TargetCommand command, int count, bool any)
        {
            if (count >= 0)
            {
                for (int i = 0; i < count; i++)
                {
                    int kind = LookForward();
                    if (kind == ObjectRecord || (any && (kind == ObjectFilemark || kind == ObjectSetmark)))
                    {
                        StepOver(kind);
                        continue;
                    }
                    StopForward(command, kind, count - i);
                    return;
                }
                return;
            }
            for (int i = 0; i < -count; i++)
            {
                int kind = LookBack();
                if (kind == ObjectRecord)
                {
                    StepBack();
                    continue;
                }
                StopReverse(command, kind, -count - i);
                return;
            }
        }

        /// <summary>Spaces over count marks of one kind (filemarks, or setmarks), records between
        /// them; forward it ends after the last mark, reverse before it.</summary>
        private void SpaceMarks(TargetCommand command, int count, int mark)
        {
            if (count >= 0)
            {
                int passed = 0;
                while (passed < count)
                {
                    int kind = LookForward();
                    if (kind == ObjectEnd || kind == ObjectBroken)
                    {
                        StopForward(command, kind, count - passed);
                        return;
                    }
                    if (kind == ObjectSetmark && mark == ObjectFilemark && SetmarksReported())
                    {
                        StepOver(kind);
                        command.FailSequential(SenseData.NoSense, 0, SetmarkDetected, count - passed);
                        return;
                    }
                    StepOver(kind);
                    if (kind == mark) passed++;
                }
                return;
            }
            int back = 0;
            while (back < -count)
            {
                int kind = LookBack();
                if (kind == ObjectBeginning || kind == ObjectBroken)
                {
                    StopReverse(command, kind, -count - back);
                    return;
                }
                StepBack();
                if (kind == mark) back++;
            }
        }

        private void SpaceSequentialFilemarks(TargetCommand command, int count)
        {
            if (count <= 0)
            {
                if (count < 0) command.FailField(2);  // reverse: not served
                return;
            }
            int run = 0;
            while (run < count)
            {
                int kind = LookForward();
                if (kind == ObjectEnd || kind == ObjectBroken)
                {
                    StopForward(command, kind, count);
                    return;
                }
                StepOver(kind);
                run = kind == ObjectFilemark ? run + 1 : 0;
            }
        }

        private bool SetmarksReported()
        {
            return (_pages.Get(0x10, ModePageTable.CurrentValues)[8] & 0x20) != 0;
        }

        private void StopForward(TargetCommand command, int kind, int residue)
        {
            switch (kind)
            {
                case ObjectFilemark:
                    StepOver(kind);
                    command.FailSequential(SenseData.NoSense, TargetCommand.Filemark, FilemarkDetected, residue);
                    return;
                case ObjectSetmark:
                    StepOver(kind);
                    command.FailSequential(SenseData.NoSense, 0, SetmarkDetected, residue);
                    return;
                case ObjectEnd:
                    command.FailSequential(SenseData.BlankCheck, _position >= Capacity() ? TargetCommand.EndOfMedium : 0, EndOfDataDetected, residue);
                    return;
                default:
                    command.FailSequential(SenseData.MediumError, 0, SequentialPositioningError, residue);
                    return;
            }
        }

        private void StopReverse(TargetCommand command, int kind, int residue)
        {
            switch (kind)
            {
                case ObjectFilemark:
                    StepBack();  // reverse: the position ends on the beginning side of the mark
                    command.FailSequential(SenseData.NoSense, TargetCommand.Filemark, FilemarkDetected, residue);
                    return;
                case ObjectSetmark:
                    StepBack();
                    command.FailSequential(SenseData.NoSense, 0, SetmarkDetected, residue);
                    return;
                case ObjectBeginning:
                    command.FailSequential(SenseData.NoSense, TargetCommand.EndOfMedium, BeginningOfPartitionDetected, residue);
                    return;
                default:
                    command.FailSequential(SenseData.MediumError, 0, SequentialPositioningError, residue);
                    return;
            }
        }

        /// <summary>LOCATE (SCSI-2 9.2.6): to the block address (the count of records and marks
        /// from the beginning); past the end of data answers BLANK CHECK, END-OF-DATA DETECTED.</summary>
        private void Locate(TargetCommand command)
        {
            byte[] cdb = command.Cdb;
            if ((cdb[1] & 0x02) != 0 && cdb[8] != 0)
            {
                command.FailField(8);  // one partition
                return;
            }
            long target = BigEndian.Get32(cdb, 3);
            if (target < _block)
            {
                _position = 0;
                _block = 0;
            }
            while (_block < target)
            {
                int kind = LookForward();
                if (kind == ObjectEnd)
                {
                    command.Fail(SenseData.BlankCheck, EndOfDataDetected);
                    return;
                }
                if (kind == ObjectBroken)
                {
                    command.Fail(SenseData.MediumError, SequentialPositioningError);
                    return;
                }
                StepOver(kind);
            }
        }

        /// <summary>READ POSITION (SCSI-2 9.2.8): 20 bytes, BOP, EOP (past the early warning),
        /// the block address as first and last block location (the same with BT or not: a
        /// block address is the count of records and marks), nothing buffered.</summary>
        private void ReadPosition(TargetCommand command, ITargetIo io)
        {
            Clear(20);
            byte flags = 0;
            if (_position == 0) flags |= 0x80;
            if (_position > Capacity() - EarlyWarningBytes) flags |= 0x40;
            _response[0] = flags;
            BigEndian.Put32(_response, 4, _block);
            BigEndian.Put32(_response, 8, _block);
            io.Send(_response, 0, 20);
        }

        /// <summary>LOAD/UNLOAD (9.2.5): LOAD puts the tape at its beginning (EOT: at the end of
        /// data); UNLOAD rewinds it and makes the unit not ready until the next LOAD.</summary>
        private void LoadUnload(TargetCommand command)
        {
            byte[] cdb = command.Cdb;
            bool load = (cdb[4] & 0x01) != 0;
            bool eot = (cdb[4] & 0x04) != 0;
            if (_store == null)
            {
                command.Fail(SenseData.NotReady, SenseData.MediumNotPresent);
                return;
            }
            _position = 0;
            _block = 0;
            if (!load)
            {
                if (eot)
                {
                    command.FailField(4);
                    return;
                }
                if (_prevent != 0)
                {
                    command.Fail(SenseData.IllegalRequest, SenseData.MediumRemovalPrevented);
                    return;
                }
                _loaded = false;
                return;
            }
            _loaded = true;
            if (eot)
            {
                while (true)
                {
                    int kind = LookForward();
                    if (kind == ObjectEnd || kind == ObjectBroken) return;
                    StepOver(kind);
                }
            }
        }

        // ---- the image ----

        /// <summary>What lies at the position: skips erase gaps; a record's length, start and
        /// error flag are left in the object fields.</summary>
        private int LookForward()
        {
            long length = _store!.Length;
            while (true)
            {
                uint word;
                if (_position + 4 > length) return ObjectEnd;
                if (!ReadWord(_position, out word)) return ObjectBroken;
                if (word == EndOfMediumWord) return ObjectEnd;
                if (word == EraseGapWord)
                {
                    _position += 4;
                    continue;
                }
                if (word == 0) return ObjectFilemark;
                if (word == SetmarkWord) return ObjectSetmark;
                if ((word & ~(BadRecordFlag | LengthMask)) != 0) return ObjectBroken;
                int n = (int)(word & LengthMask);
                if (_position + 8 + n + (n & 1) > length) return ObjectBroken;
                _objectStart = _position;
                _objectLength = n;
                _objectBad = (word & BadRecordFlag) != 0;
                return ObjectRecord;
            }
        }

        private void StepOver(int kind)
        {
            if (kind == ObjectRecord) _position = _objectStart + 8 + _objectLength + (_objectLength & 1);
            else _position += 4;
            _block++;
        }

        /// <summary>What lies just before the position, through the trailing length words.</summary>
        private int LookBack()
        {
            while (true)
            {
                if (_position <= 0) return ObjectBeginning;
                uint word;
                if (_position < 4 || !ReadWord(_position - 4, out word)) return ObjectBroken;
                if (word == EraseGapWord)
                {
                    _position -= 4;
                    continue;
                }
                if (word == 0) return ObjectFilemark;
                if (word == SetmarkWord) return ObjectSetmark;
                if ((word & ~(BadRecordFlag | LengthMask)) != 0) return ObjectBroken;
                int n = (int)(word & LengthMask);
                long start = _position - 8 - n - (n & 1);
                if (start < 0) return ObjectBroken;
                _objectStart = start;
                _objectLength = n;
                return ObjectRecord;
            }
        }

        private void StepBack()
        {
            uint word;
            ReadWord(_position - 4, out word);
            if (word == 0 || word == SetmarkWord) _position -= 4;
            else _position = _objectStart;
            _block--;
        }

        private bool ReadWord(long position, out uint value)
        {
            value = 0;
            if (!_store!.Read(position, _word, 0, 4)) return false;
            value = (uint)(_word[0] | (_word[1] << 8) | (_word[2] << 16) | (_word[3] << 24));
            return true;
        }

        private void Clear(int n)
        {
            Array.Clear(_response, 0, n);
        }
    }
}

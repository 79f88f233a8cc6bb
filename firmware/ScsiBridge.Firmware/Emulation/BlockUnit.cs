using System;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// What the emulated block devices (disk, removable disk, MO, CD-ROM) have in common, after
    /// SCSI-2 (X3.131-1994) clauses 7 (all device types), 8 (direct access) and 13 (CD-ROM):
    /// INQUIRY with vital product data, TEST UNIT READY, READ CAPACITY, READ(6)/(10), VERIFY,
    /// SEEK, REZERO UNIT, MODE SENSE/SELECT(6)/(10) with the four page control values, START STOP
    /// UNIT with load and eject, PREVENT ALLOW MEDIUM REMOVAL, RESERVE/RELEASE(6), SEND DIAGNOSTIC,
    /// READ/WRITE BUFFER; the medium (an <see cref="IBlockStore"/>) and its changes, reservations,
    /// and the unit attentions the unit raises itself (medium changed, mode parameters changed by
    /// another initiator). Data moves only through ring buffers of <see cref="ITargetIo"/>; every
    /// buffer acquired is released, whatever fails. All memory is taken in the constructor: serving
    /// a command allocates nothing.
    /// </summary>
    public abstract class BlockUnit : ILogicalUnit
    {
        /// <summary>Bytes of the READ BUFFER / WRITE BUFFER data buffer.</summary>
        public const int EchoBufferCapacity = 512;

        /// <summary>The largest logical block any unit supports.</summary>
        protected const int MaxBlockLength = 2048;

        private const int Slots = 9;          // initiator IDs 0-7, and slot 8 for a host that gave none
        private const int AllSlots = 0x1FF;
        private const int NoOne = -1;
        private const int MaxPageCode = 0x3E;

        private readonly object _sync = new object();
        private readonly DeviceProfile _profile;
        private readonly byte[] _inquiry;
        private readonly ModePageTable _pages = new ModePageTable();
        private readonly byte[] _response = new byte[DeviceProfile.MaxVpdLength];    // data in: built here, copied to ring buffers
        private readonly byte[] _parameters = new byte[1024];  // data out: parameter lists
        private readonly byte[] _pageImage = new byte[260];    // one page as MODE SENSE shows it
        private readonly byte[] _echo = new byte[4 + EchoBufferCapacity];
        private readonly byte[] _compare = new byte[MaxBlockLength];
        private readonly byte[]?[] _vpd = new byte[256][];
        private readonly byte[] _serialPage;
        private readonly byte[] _identificationPage;
        private IBlockStore? _store;
        private IBlockStore? _unloaded;  // ejected by START STOP UNIT, loaded again by it
        private long _blocks;
        private int _blockLength;
        private int _savedBlockLength;
        private int _uaMediumChanged;     // one bit per initiator slot
        private int _uaModeChanged;
        private int _reservedFor = NoOne;
        private int _reservedBy = NoOne;
        private int _prevent;             // one bit per initiator slot
        private bool _writeProtect;
        private readonly bool _removable;
        private readonly int _ansiVersion;

        /// <summary>Builds the unit for <paramref name="profile"/> with <paramref name="store"/> as
        /// its medium (null: no medium). The profile is read now and not kept in use afterwards.</summary>
        protected BlockUnit(DeviceProfile profile, IBlockStore? store, int defaultBlockLength)
        {
            if (profile == null) throw new ArgumentNullException("profile");
            if (!AcceptsDeviceType(profile.DeviceType)) throw new ArgumentException("the profile's peripheral device type does not fit this unit", "profile");
            _profile = profile.Clone();
            int blockLength = profile.BlockLength != 0 ? profile.BlockLength : defaultBlockLength;
            if (!IsSupportedBlockLength(blockLength)) throw new ArgumentException("the profile's block length is not one this unit supports", "profile");
            _blockLength = blockLength;
            _savedBlockLength = blockLength;
            _inquiry = _profile.BuildInquiry();
            _removable = _profile.Removable;
            _ansiVersion = _profile.AnsiVersion;

            DefineModePages();
            for (int code = 0; code <= MaxPageCode; code++)
            {
                if (_profile.IsModePageRemoved(code)) _pages.Remove(code);
                byte[]? page = _profile.GetModePage(code);
                if (page != null) _pages.Define(page, _profile.GetChangeableMask(code));
            }

            for (int code = 1; code < 256; code++)
            {
                _vpd[code] = _profile.GetVpdPage(code);
            }
            _serialPage = BuildSerialPage();
            _identificationPage = BuildIdentificationPage();

            if (store != null) SetMedium(store);
        }

        // ---- what the host side sees ----

        /// <summary>The standard INQUIRY data.</summary>
        public byte[] InquiryData
        {
            get { return _inquiry; }
        }

        /// <summary>A copy of the profile the unit was made from.</summary>
        public DeviceProfile Profile
        {
            get { return _profile.Clone(); }
        }

        public bool Removable
        {
            get { return _removable; }
        }

        public bool MediumPresent
        {
            get { lock (_sync) { return _store != null; } }
        }

        /// <summary>The logical block length now in use (changed by MODE SELECT).</summary>
        public int BlockLength
        {
            get { lock (_sync) { return _blockLength; } }
        }

        /// <summary>Addressable logical blocks of the medium (0 without one).</summary>
        public long BlockCount
        {
            get { lock (_sync) { return _blocks; } }
        }

        /// <summary>The write-protect switch; a read-only store protects the medium as well.</summary>
        public bool WriteProtect
        {
            get { lock (_sync) { return _writeProtect; } }
            set { lock (_sync) { _writeProtect = value; } }
        }

        /// <summary>Some initiator prevents medium removal (PREVENT ALLOW MEDIUM REMOVAL).</summary>
        public bool RemovalPrevented
        {
            get { lock (_sync) { return _prevent != 0; } }
        }

        /// <summary>The initiator (0-7, 8 for one without an ID) holding a reservation, or -1.</summary>
        public int ReservedFor
        {
            get { lock (_sync) { return _reservedFor; } }
        }

        /// <summary>
        /// Puts a medium in (or changes it). Every initiator gets UNIT ATTENTION, NOT READY TO READY
        /// CHANGE (medium may have changed) on its next command other than INQUIRY and REQUEST SENSE.
        /// Throws ArgumentException when the store holds less than one logical block.
        /// </summary>
        public void Insert(IBlockStore store)
        {
            if (store == null) throw new ArgumentNullException("store");
            lock (_sync)
            {
                SetMedium(store);
                _unloaded = null;
                _uaMediumChanged = AllSlots;
            }
        }

        /// <summary>Takes the medium out, as the eject button does: refused (false) while an
        /// initiator prevents medium removal.</summary>
        public bool Eject()
        {
            lock (_sync)
            {
                if (_prevent != 0) return false;
                RemoveMedium();
                _unloaded = null;
                return true;
            }
        }

        /// <summary>Takes the medium out even if removal is prevented (the operator's emergency eject).</summary>
        public void ForceEject()
        {
            lock (_sync)
            {
                RemoveMedium();
                _unloaded = null;
            }
        }

        // ---- ILogicalUnit ----

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
                    // A store or a bug threw: the host gets an error, the bus thread goes on.
                    command.Fail(SenseData.HardwareError, EmulationSense.InternalTargetFailure);
                }
            }
        }

        public void OnReset()
        {
            lock (_sync)
            {
                _reservedFor = NoOne;
                _reservedBy = NoOne;
                _prevent = 0;
                // Mode parameters are back to their saved values, so that news is void; a medium
                // change still is news (the engine may be set to raise no unit attention of its own).
                _uaModeChanged = 0;
                _pages.RestoreSaved();
                OnStartStop(false);  // a reset stops what the unit was doing (a CD-ROM's play)
                if (_blockLength != _savedBlockLength)
                {
                    _blockLength = _savedBlockLength;
                    UpdateCapacity();
                }
            }
        }

        // ---- for the device types ----

        protected abstract bool AcceptsDeviceType(int deviceType);

        protected abstract bool IsSupportedBlockLength(int blockLength);

        /// <summary>Addressable blocks of a medium of <paramref name="length"/> bytes.</summary>
        protected abstract long CapacityOf(long length, int blockLength);

        /// <summary>Defines the built-in mode pages with <see cref="DefinePage"/>; the profile's
        /// overrides are applied afterwards. Runs inside the base constructor.</summary>
        protected abstract void DefineModePages();

        /// <summary>Commands of the device type; false when the opcode is not one of them.</summary>
        protected virtual bool ExecuteSpecific(byte opcode, TargetCommand command, ITargetIo io)
        {
            return false;
        }

        /// <summary>Fills the fields of a page that depend on the medium and settings (as MODE
        /// SENSE shows current, default and saved values, never the changeable mask).</summary>
        protected virtual void FillDynamicFields(int code, byte[] page, int offset, int length)
        {
        }

        /// <summary>MODE SELECT: checks a page's values beyond the changeable mask; may ask for a
        /// new block length. False refuses the parameter list.</summary>
        protected virtual bool CheckSelectedPage(int code, byte[] list, int offset, int length, ref int newBlockLength)
        {
            return true;
        }

        /// <summary>READ CAPACITY with PMI: the last block before a substantial delay.</summary>
        protected virtual long LastBlockBeforeDelay(long lba)
        {
            return _blocks - 1;
        }

        protected virtual int MediumTypeCode
        {
            get { return 0; }
        }

        protected virtual int DeviceSpecificParameter
        {
            get { return 0; }
        }

        protected void DefinePage(byte[] page, byte[]? changeable)
        {
            _pages.Define(page, changeable);
        }

        /// <summary>The peripheral device type of the INQUIRY data.</summary>
        protected int DeviceType
        {
            get { return _inquiry[0] & 0x1F; }
        }

        protected IBlockStore? Store
        {
            get { return _store; }
        }

        protected long Blocks
        {
            get { return _blocks; }
        }

        protected int CurrentBlockLength
        {
            get { return _blockLength; }
        }

        protected bool IsWriteProtected
        {
            get { return _writeProtect || (_store != null && _store.ReadOnly); }
        }

        protected bool IsRemovalPrevented
        {
            get { return _prevent != 0; }
        }

        /// <summary>The response buffer for data-in commands (send it with <see cref="SendResponse"/>).</summary>
        protected byte[] Response
        {
            get { return _response; }
        }

        /// <summary>NOT READY, MEDIUM NOT PRESENT when there is no medium.</summary>
        protected bool RequireMedium(TargetCommand command)
        {
            if (_store != null) return true;
            command.Fail(SenseData.NotReady, SenseData.MediumNotPresent);
            return false;
        }

        /// <summary>ILLEGAL REQUEST, LOGICAL BLOCK ADDRESS OUT OF RANGE (information: the LBA of the
        /// CDB) unless blocks lba to lba+count-1 exist.</summary>
        protected bool CheckRange(TargetCommand command, long lba, long count)
        {
            if (lba >= 0 && lba < _blocks && lba + count <= _blocks) return true;
            command.FailAt(SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange, lba);
            return false;
        }

        /// <summary>Sends <paramref name="length"/> bytes of <see cref="Response"/>, cut to the
        /// allocation length.</summary>
        protected bool SendResponse(TargetCommand command, ITargetIo io, int length, int allocation)
        {
            int n = length < allocation ? length : allocation;
            return SendFrom(command, io, _response, 0, n);
        }

        /// <summary>Whether blocks lba.. may be read with READ; when not, the command's sense is
        /// set (a CD-ROM's audio frames: ILLEGAL MODE FOR THIS TRACK).</summary>
        protected virtual bool CanRead(TargetCommand command, long lba, long count)
        {
            return true;
        }

        /// <summary>START STOP UNIT arrived (before the unit loads or ejects), or a reset (start
        /// false): a CD-ROM stops play.</summary>
        protected virtual void OnStartStop(bool start)
        {
        }

        /// <summary>DATA IN of blocks lba.. from the medium (range already checked).</summary>
        protected void ReadBlocks(TargetCommand command, ITargetIo io, long lba, long count)
        {
            if (!CanRead(command, lba, count)) return;
            IBlockStore store = _store!;
            int bl = _blockLength;
            long position = lba * bl;
            long remaining = count * bl;
            while (remaining > 0)
            {
                RingBuffer? b = TakeBuffer(io);
                if (b == null) return;  // the command was ended meanwhile
                int n = (int)BigEndian.Min(remaining, ChunkSize(b, bl));
                bool ok;
                int rc = Errno.Ok;
                try
                {
                    ok = SafeRead(store, position, b.Data, 0, n);
                    if (ok)
                    {
                        b.Length = n;
                        rc = io.Send(b.Data, 0, n);
                    }
                }
                finally
                {
                    io.ReleaseBuffer(b);
                }
                if (!ok)
                {
                    command.FailAt(SenseData.MediumError, SenseData.UnrecoveredReadError, FirstUnreadableBlock(store, position, n, bl));
                    return;
                }
                if (rc != Errno.Ok)
                {
                    TransferStopped(command);
                    return;
                }
                position += n;
                remaining -= n;
            }
        }

        /// <summary>DATA OUT of blocks lba.. onto the medium (range and protection already checked).</summary>
        protected void WriteBlocks(TargetCommand command, ITargetIo io, long lba, long count)
        {
            IBlockStore store = _store!;
            int bl = _blockLength;
            long position = lba * bl;
            long remaining = count * bl;
            while (remaining > 0)
            {
                RingBuffer? b = TakeBuffer(io);
                if (b == null) return;
                int n = (int)BigEndian.Min(remaining, ChunkSize(b, bl));
                int rc;
                long failedAt = -1;
                try
                {
                    rc = io.Receive(b.Data, 0, n);
                    if (rc == Errno.Ok)
                    {
                        b.Length = n;
                        if (!SafeWrite(store, position, b.Data, 0, n)) failedAt = FirstUnwritableBlock(store, position, b.Data, n, bl);
                    }
                }
                finally
                {
                    io.ReleaseBuffer(b);
                }
                if (rc != Errno.Ok)
                {
                    TransferStopped(command);
                    return;
                }
                if (failedAt >= 0)
                {
                    command.FailAt(SenseData.MediumError, SenseData.WriteError, failedAt);
                    return;
                }
                position += n;
                remaining -= n;
            }
        }

        /// <summary>Receives <paramref name="count"/> bytes of parameter data into
        /// <paramref name="dest"/>; false when the transfer stopped (status already set).</summary>
        protected bool ReceiveInto(TargetCommand command, ITargetIo io, byte[] dest, int offset, int count)
        {
            return ReceiveChunks(command, io, dest, offset, count);
        }

        /// <summary>Receives and drops <paramref name="count"/> bytes (a defect list, say).</summary>
        protected bool Discard(TargetCommand command, ITargetIo io, long count)
        {
            return ReceiveChunks(command, io, null, 0, count);
        }

        /// <summary>DATA OUT through ring buffers, copied on into <paramref name="dest"/> when
        /// there is one; false when the transfer stopped (status already set).</summary>
        private bool ReceiveChunks(TargetCommand command, ITargetIo io, byte[]? dest, int offset, long count)
        {
            while (count > 0)
            {
                RingBuffer? b = TakeBuffer(io);
                if (b == null) return false;
                int n = (int)BigEndian.Min(count, b.Data.Length);
                int rc;
                try
                {
                    rc = io.Receive(b.Data, 0, n);
                    if (rc == Errno.Ok && dest != null) Array.Copy(b.Data, 0, dest, offset, n);
                }
                finally
                {
                    io.ReleaseBuffer(b);
                }
                if (rc != Errno.Ok)
                {
                    TransferStopped(command);
                    return false;
                }
                offset += n;
                count -= n;
            }
            return true;
        }

        // ---- dispatch ----

        private void Dispatch(TargetCommand command, ITargetIo io)
        {
            byte[] cdb = command.Cdb;
            byte op = cdb[0];
            int slot = Slot(command.InitiatorId);

            // INQUIRY and REQUEST SENSE are never held back by a unit attention or a reservation.
            if (op == TargetOpcodes.Inquiry)
            {
                Inquiry(command, io);
                return;
            }
            if (op == TargetOpcodes.RequestSense)
            {
                RequestSense(command, io);
                return;
            }

            // SCSI-2 9.2.12: another initiator's reservation refuses everything but RELEASE;
            // RESERVATION CONFLICT goes before a pending unit attention (7.9).
            if (_reservedFor != NoOne && slot != _reservedFor && slot != _reservedBy && op != TargetOpcodes.Release6)
            {
                command.Status = EmulationSense.StatusReservationConflict;
                return;
            }

            int bit = 1 << slot;
            if ((_uaMediumChanged & bit) != 0)
            {
                _uaMediumChanged &= ~bit;
                _uaModeChanged &= ~bit;
                command.Fail(SenseData.UnitAttention, SenseData.NotReadyToReadyChange);
                return;
            }
            if ((_uaModeChanged & bit) != 0)
            {
                _uaModeChanged &= ~bit;
                command.Fail(SenseData.UnitAttention, SenseData.ModeParametersChanged);
                return;
            }

            // Linked commands are not supported: a Link bit in the control byte is an invalid field.
            int control = ControlByteIndex(op);
            if (control >= 0 && (cdb[control] & 0x01) != 0)
            {
                command.FailField(control);
                return;
            }

            switch (op)
            {
                case TargetOpcodes.TestUnitReady:
                    RequireMedium(command);
                    return;
                case TargetOpcodes.RezeroUnit:
                    RequireMedium(command);
                    return;
                case TargetOpcodes.Read6:
                    Read6(command, io);
                    return;
                case TargetOpcodes.Read10:
                    Read10(command, io);
                    return;
                case TargetOpcodes.Seek6:
                    Seek(command, ((cdb[1] & 0x1F) << 16) | BigEndian.Get16(cdb, 2));
                    return;
                case TargetOpcodes.Seek10:
                    Seek(command, BigEndian.Get32(cdb, 2));
                    return;
                case TargetOpcodes.ReadCapacity10:
                    ReadCapacity(command, io);
                    return;
                case TargetOpcodes.Verify10:
                    Verify(command, io);
                    return;
                case TargetOpcodes.ModeSense6:
                    ModeSense(command, io, false);
                    return;
                case TargetOpcodes.ModeSense10:
                    ModeSense(command, io, true);
                    return;
                case TargetOpcodes.ModeSelect6:
                    ModeSelect(command, io, false, slot);
                    return;
                case TargetOpcodes.ModeSelect10:
                    ModeSelect(command, io, true, slot);
                    return;
                case TargetOpcodes.StartStopUnit:
                    StartStop(command);
                    return;
                case TargetOpcodes.PreventAllowMediumRemoval:
                    if ((cdb[4] & 0x01) != 0) _prevent |= bit;
                    else _prevent &= ~bit;
                    return;
                case TargetOpcodes.Reserve6:
                    Reserve(command, slot);
                    return;
                case TargetOpcodes.Release6:
                    Release(command, slot);
                    return;
                case TargetOpcodes.SendDiagnostic:
                    SendDiagnostic(command, io);
                    return;
                case TargetOpcodes.ReadBuffer:
                    ReadBuffer(command, io);
                    return;
                case TargetOpcodes.WriteBuffer:
                    WriteBuffer(command, io);
                    return;
            }

            if (!ExecuteSpecific(op, command, io))
            {
                command.Fail(SenseData.IllegalRequest, SenseData.InvalidCommandOperationCode);
            }
        }

        // ---- INQUIRY, REQUEST SENSE ----

        private void Inquiry(TargetCommand command, ITargetIo io)
        {
            byte[] cdb = command.Cdb;
            // SCSI-2 has the allocation length in byte 4; byte 3 is reserved there and zero, and
            // later hosts that put a 16-bit length in bytes 3-4 are read right this way too.
            int allocation = BigEndian.Get16(cdb, 3);
            bool evpd = (cdb[1] & 0x01) != 0;
            if ((cdb[1] & 0x02) != 0)
            {
                command.FailField(1);  // CmdDt: not supported
                return;
            }
            if (!evpd)
            {
                if (cdb[2] != 0)
                {
                    command.FailField(2);
                    return;
                }
                Array.Copy(_inquiry, _response, _inquiry.Length);
                SendResponse(command, io, _inquiry.Length, allocation);
                return;
            }
            if (_ansiVersion < 2)
            {
                command.FailField(1);  // SCSI-1 devices have no vital product data
                return;
            }
            int length = BuildVpdPage(cdb[2]);
            if (length < 0)
            {
                command.FailField(2);
                return;
            }
            SendResponse(command, io, length, allocation);
        }

        /// <summary>Builds VPD page <paramref name="code"/> into the response; its length, or -1.</summary>
        private int BuildVpdPage(int code)
        {
            byte[] r = _response;
            byte[]? custom = _vpd[code];
            if (code == 0x00)
            {
                r[0] = _inquiry[0];
                r[1] = 0x00;
                r[2] = 0;
                int n = 4;
                r[n++] = 0x00;
                for (int c = 1; c < 256; c++)
                {
                    if (c == 0x80 || c == 0x83 || _vpd[c] != null) r[n++] = (byte)c;
                }
                r[3] = (byte)(n - 4);
                return n;
            }
            if (custom != null)
            {
                Array.Copy(custom, r, custom.Length);
                return custom.Length;
            }
            byte[]? page = code == 0x80 ? _serialPage : code == 0x83 ? _identificationPage : null;
            if (page == null) return -1;
            Array.Copy(page, r, page.Length);
            return page.Length;
        }

        private byte[] BuildSerialPage()
        {
            string serial = _profile.Serial;
            int n = serial.Length > 251 ? 251 : serial.Length;
            byte[] p = new byte[4 + n];
            p[0] = _inquiry[0];
            p[1] = 0x80;
            p[3] = (byte)n;
            DeviceProfile.PutAscii(p, 4, n, serial);
            return p;
        }

        /// <summary>Device identification (83h): one ASCII T10 vendor ID based designator, the
        /// vendor (8 bytes), product (16) and serial number.</summary>
        private byte[] BuildIdentificationPage()
        {
            string serial = _profile.Serial;
            int serialLength = serial.Length > 200 ? 200 : serial.Length;
            int designator = 24 + serialLength;
            byte[] p = new byte[8 + designator];
            p[0] = _inquiry[0];
            p[1] = 0x83;
            p[3] = (byte)(4 + designator);
            p[4] = 0x02;  // code set: ASCII
            p[5] = 0x01;  // association: logical unit; designator type: T10 vendor ID based
            p[7] = (byte)designator;
            Array.Copy(_inquiry, 8, p, 8, 24);
            DeviceProfile.PutAscii(p, 32, serialLength, serial);
            return p;
        }

        /// <summary>Only reached when an engine passes REQUEST SENSE on: no sense pending here.</summary>
        private void RequestSense(TargetCommand command, ITargetIo io)
        {
            int allocation = command.Cdb[4];
            if (allocation == 0) allocation = 4;  // SCSI-1 hosts: zero asks for four bytes
            Array.Clear(_response, 0, 18);
            _response[0] = 0x70;
            _response[7] = 10;
            SendResponse(command, io, 18, allocation);
        }

        // ---- reads, capacity, seek, verify ----

        private void Read6(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command)) return;
            byte[] cdb = command.Cdb;
            long lba = ((cdb[1] & 0x1F) << 16) | BigEndian.Get16(cdb, 2);
            long count = cdb[4] == 0 ? 256 : cdb[4];
            if (!CheckRange(command, lba, count)) return;
            ReadBlocks(command, io, lba, count);
        }

        private void Read10(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command)) return;
            byte[] cdb = command.Cdb;
            if ((cdb[1] & 0x01) != 0)
            {
                command.FailField(1);  // RelAdr needs linked commands
                return;
            }
            long lba = BigEndian.Get32(cdb, 2);
            long count = BigEndian.Get16(cdb, 7);
            if (!CheckRange(command, lba, count)) return;
            ReadBlocks(command, io, lba, count);
        }

        private void Seek(TargetCommand command, long lba)
        {
            if (!RequireMedium(command)) return;
            CheckRange(command, lba, 1);
        }

        private void ReadCapacity(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command)) return;
            byte[] cdb = command.Cdb;
            if ((cdb[1] & 0x01) != 0)
            {
                command.FailField(1);
                return;
            }
            long lba = BigEndian.Get32(cdb, 2);
            bool pmi = (cdb[8] & 0x01) != 0;
            long last;
            if (!pmi)
            {
                if (lba != 0)
                {
                    command.FailField(2);  // SCSI-2: the LBA must be zero without PMI
                    return;
                }
                last = _blocks - 1;
            }
            else
            {
                if (lba >= _blocks)
                {
                    command.FailAt(SenseData.IllegalRequest, SenseData.LogicalBlockAddressOutOfRange, lba);
                    return;
                }
                last = LastBlockBeforeDelay(lba);
            }
            BigEndian.Put32(_response, 0, last);
            BigEndian.Put32(_response, 4, _blockLength);
            SendResponse(command, io, 8, 8);
        }

        /// <summary>VERIFY(10): BYTCHK 0 reads the blocks back from the medium; BYTCHK 1 compares
        /// them with data from the host (MISCOMPARE with the block's address when they differ).</summary>
        private void Verify(TargetCommand command, ITargetIo io)
        {
            if (!RequireMedium(command)) return;
            byte[] cdb = command.Cdb;
            if ((cdb[1] & 0x01) != 0)
            {
                command.FailField(1);
                return;
            }
            bool byteCheck = (cdb[1] & 0x02) != 0;
            long lba = BigEndian.Get32(cdb, 2);
            long count = BigEndian.Get16(cdb, 7);
            if (!CheckRange(command, lba, count)) return;

            IBlockStore store = _store!;
            int bl = _blockLength;
            long position = lba * bl;
            long remaining = count * bl;
            while (remaining > 0)
            {
                RingBuffer? b = TakeBuffer(io);
                if (b == null) return;
                int n = (int)BigEndian.Min(remaining, ChunkSize(b, bl));
                int rc = Errno.Ok;
                long unreadable = -1;
                long differs = -1;
                try
                {
                    if (!byteCheck)
                    {
                        if (!SafeRead(store, position, b.Data, 0, n)) unreadable = FirstUnreadableBlock(store, position, n, bl);
                    }
                    else
                    {
                        rc = io.Receive(b.Data, 0, n);
                        if (rc == Errno.Ok) Compare(store, position, b.Data, n, bl, out unreadable, out differs);
                    }
                }
                finally
                {
                    io.ReleaseBuffer(b);
                }
                if (rc != Errno.Ok)
                {
                    TransferStopped(command);
                    return;
                }
                if (unreadable >= 0)
                {
                    command.FailAt(SenseData.MediumError, SenseData.UnrecoveredReadError, unreadable);
                    return;
                }
                if (differs >= 0)
                {
                    command.FailAt(EmulationSense.Miscompare, EmulationSense.MiscompareDuringVerify, differs);
                    return;
                }
                position += n;
                remaining -= n;
            }
        }

        private void Compare(IBlockStore store, long position, byte[] data, int count, int bl, out long unreadable, out long differs)
        {
            unreadable = -1;
            differs = -1;
            int done = 0;
            while (done < count)
            {
                int n = count - done < _compare.Length ? count - done : _compare.Length;
                if (!SafeRead(store, position + done, _compare, 0, n))
                {
                    unreadable = (position + done) / bl;
                    return;
                }
                for (int i = 0; i < n; i++)
                {
                    if (_compare[i] != data[done + i])
                    {
                        differs = (position + done + i) / bl;
                        return;
                    }
                }
                done += n;
            }
        }

        // ---- MODE SENSE / MODE SELECT ----

        private void ModeSense(TargetCommand command, ITargetIo io, bool ten)
        {
            byte[] cdb = command.Cdb;
            bool dbd = (cdb[1] & 0x08) != 0;
            int pc = cdb[2] >> 6;
            int page = cdb[2] & 0x3F;
            int allocation = ten ? BigEndian.Get16(cdb, 7) : cdb[4];
            if (page != 0x3F && !_pages.Has(page))
            {
                command.FailField(2);
                return;
            }
            byte[] r = _response;
            int header = ten ? 8 : 4;
            int limit = ten ? r.Length : 256;  // MODE SENSE(6) counts its data in one byte
            Array.Clear(r, 0, header);
            int position = header;
            if (!dbd)
            {
                WriteBlockDescriptor(r, position);
                position += 8;
            }
            if (page == 0x3F)
            {
                // Ascending page codes, page 00h (vendor specific) last (SCSI-2 8.3.3).
                for (int code = 1; code <= MaxPageCode; code++)
                {
                    if (_pages.Has(code) && position + _pages.Length(code) <= limit) position = RenderPage(code, pc, r, position);
                }
                if (_pages.Has(0) && position + _pages.Length(0) <= limit) position = RenderPage(0, pc, r, position);
            }
            else
            {
                position = RenderPage(page, pc, r, position);
            }

            if (ten)
            {
                BigEndian.Put16(r, 0, position - 2);
                r[2] = (byte)MediumTypeCode;
                r[3] = (byte)DeviceSpecificParameter;
                BigEndian.Put16(r, 6, dbd ? 0 : 8);
            }
            else
            {
                r[0] = (byte)(position - 1 > 255 ? 255 : position - 1);
                r[1] = (byte)MediumTypeCode;
                r[2] = (byte)DeviceSpecificParameter;
                r[3] = (byte)(dbd ? 0 : 8);
            }
            SendResponse(command, io, position, allocation);
        }

        private void WriteBlockDescriptor(byte[] r, int offset)
        {
            r[offset] = 0;  // density code: default
            long blocks = _store == null || _blocks > 0xFFFFFF ? 0 : _blocks;  // 0: all blocks
            BigEndian.Put24(r, offset + 1, (int)blocks);
            r[offset + 4] = 0;
            BigEndian.Put24(r, offset + 5, _blockLength);
        }

        /// <summary>Copies page <paramref name="code"/> as MODE SENSE shows it for page control
        /// <paramref name="pc"/>; returns the offset after it.</summary>
        private int RenderPage(int code, int pc, byte[] dest, int offset)
        {
            byte[] page = _pages.Get(code, pc);
            int length = page.Length;
            Array.Copy(page, 0, dest, offset, length);
            if (pc != ModePageTable.ChangeableValues) FillDynamicFields(code, dest, offset, length);
            dest[offset] = (byte)(code | (_pages.Savable(code) ? 0x80 : 0x00));
            return offset + length;
        }

        private void ModeSelect(TargetCommand command, ITargetIo io, bool ten, int slot)
        {
            byte[] cdb = command.Cdb;
            bool pf = (cdb[1] & 0x10) != 0;
            bool save = (cdb[1] & 0x01) != 0;
            int length = ten ? BigEndian.Get16(cdb, 7) : cdb[4];
            if (length == 0) return;  // no data: not an error (SCSI-2 8.2.8)
            if (length > _parameters.Length)
            {
                command.FailField(ten ? 7 : 4);
                return;
            }
            if (!ReceiveInto(command, io, _parameters, 0, length)) return;

            byte[] p = _parameters;
            int header = ten ? 8 : 4;
            if (length < header)
            {
                command.Fail(SenseData.IllegalRequest, SenseData.ParameterListLengthError);
                return;
            }
            int descriptorLength = ten ? BigEndian.Get16(p, 6) : p[3];
            if (descriptorLength != 0 && descriptorLength != 8)
            {
                command.Fail(SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
                return;
            }
            if (header + descriptorLength > length)
            {
                command.Fail(SenseData.IllegalRequest, SenseData.ParameterListLengthError);
                return;
            }

            int newBlockLength = _blockLength;
            if (descriptorLength == 8)
            {
                int density = p[header];
                int requested = BigEndian.Get24(p, header + 5);
                // The number of blocks is taken as information only (hosts send back what they read).
                if (density != 0 || (requested != 0 && !IsSupportedBlockLength(requested)))
                {
                    command.Fail(SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
                    return;
                }
                if (requested != 0) newBlockLength = requested;
            }

            int pagesStart = header + descriptorLength;
            if (pagesStart < length && !pf && _ansiVersion >= 2)
            {
                // PF 0: the pages would be vendor specific; this unit has only SCSI-2 pages.
                // (SCSI-1/CCS hosts send PF 0 with pages of the same format, so those are taken.)
                command.FailField(1);
                return;
            }

            // First pass: every page is known, complete, and changes only changeable bits.
            int position = pagesStart;
            while (position < length)
            {
                if (position + 2 > length)
                {
                    command.Fail(SenseData.IllegalRequest, SenseData.ParameterListLengthError);
                    return;
                }
                int code = p[position] & 0x3F;
                int pageLength = p[position + 1] + 2;
                if (code == 0x3F || !_pages.Has(code) || pageLength != _pages.Length(code))
                {
                    command.Fail(SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
                    return;
                }
                if (position + pageLength > length)
                {
                    command.Fail(SenseData.IllegalRequest, SenseData.ParameterListLengthError);
                    return;
                }
                RenderPage(code, ModePageTable.CurrentValues, _pageImage, 0);
                byte[] mask = _pages.Get(code, ModePageTable.ChangeableValues);
                for (int i = 2; i < pageLength; i++)
                {
                    if (((p[position + i] ^ _pageImage[i]) & ~mask[i] & 0xFF) != 0)
                    {
                        command.Fail(SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
                        return;
                    }
                }
                if (!CheckSelectedPage(code, p, position, pageLength, ref newBlockLength))
                {
                    command.Fail(SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
                    return;
                }
                position += pageLength;
            }
            if (newBlockLength != _blockLength && _store != null && CapacityOf(_store.Length, newBlockLength) <= 0)
            {
                command.Fail(SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
                return;
            }

            // Second pass: take the values.
            bool changed = false;
            position = pagesStart;
            while (position < length)
            {
                int code = p[position] & 0x3F;
                if (_pages.Apply(code, p, position, save)) changed = true;
                position += p[position + 1] + 2;
            }
            if (newBlockLength != _blockLength)
            {
                _blockLength = newBlockLength;
                UpdateCapacity();
                changed = true;
            }
            if (save) _savedBlockLength = _blockLength;
            if (changed) _uaModeChanged |= AllSlots & ~(1 << slot);
        }

        // ---- START STOP UNIT, reservations, diagnostics, buffers ----

        private void StartStop(TargetCommand command)
        {
            byte[] cdb = command.Cdb;
            bool loadEject = (cdb[4] & 0x02) != 0;
            bool start = (cdb[4] & 0x01) != 0;
            OnStartStop(start);
            if (!loadEject) return;  // spinning up or down: nothing to do for an image
            if (!_removable)
            {
                command.FailField(4);
                return;
            }
            if (!start)
            {
                if (_prevent != 0)
                {
                    command.Fail(SenseData.IllegalRequest, SenseData.MediumRemovalPrevented);
                    return;
                }
                if (_store != null)
                {
                    IBlockStore s = _store;
                    RemoveMedium();
                    _unloaded = s;
                }
                return;
            }
            IBlockStore? unloaded = _unloaded;
            if (_store == null && unloaded != null)
            {
                _unloaded = null;
                SetMedium(unloaded);
            }
        }

        private void Reserve(TargetCommand command, int slot)
        {
            byte[] cdb = command.Cdb;
            if ((cdb[1] & 0x01) != 0)
            {
                command.FailField(1);  // extent reservations are not supported
                return;
            }
            int forSlot = (cdb[1] & 0x10) != 0 ? (cdb[1] >> 1) & 0x07 : slot;
            // Another initiator's reservation was refused above; the holder may supersede its own.
            _reservedFor = forSlot;
            _reservedBy = slot;
        }

        private void Release(TargetCommand command, int slot)
        {
            if ((command.Cdb[1] & 0x01) != 0)
            {
                command.FailField(1);
                return;
            }
            // Releasing what one does not hold is not an error and changes nothing (SCSI-2 9.2.11).
            if (_reservedFor != NoOne && (slot == _reservedBy || slot == _reservedFor))
            {
                _reservedFor = NoOne;
                _reservedBy = NoOne;
            }
        }

        private void SendDiagnostic(TargetCommand command, ITargetIo io)
        {
            byte[] cdb = command.Cdb;
            bool selfTest = (cdb[1] & 0x04) != 0;
            int length = BigEndian.Get16(cdb, 3);
            if (selfTest)
            {
                if (length != 0) command.FailField(3);
                return;  // the self-test passes
            }
            if (length == 0) return;
            if (length > _parameters.Length)
            {
                command.FailField(3);
                return;
            }
            if (!ReceiveInto(command, io, _parameters, 0, length)) return;
            // Only the supported diagnostic pages page (00h) with no parameters is accepted.
            if ((cdb[1] & 0x10) == 0 || length < 4 || _parameters[0] != 0 || BigEndian.Get16(_parameters, 2) != 0)
            {
                command.Fail(SenseData.IllegalRequest, SenseData.InvalidFieldInParameterList);
            }
        }

        private void ReadBuffer(TargetCommand command, ITargetIo io)
        {
            byte[] cdb = command.Cdb;
            int mode = cdb[1] & 0x07;
            int id = cdb[2];
            int offset = BigEndian.Get24(cdb, 3);
            int allocation = BigEndian.Get24(cdb, 6);
            switch (mode)
            {
                case 0:  // combined header and data
                    if (id != 0)
                    {
                        command.FailField(2);
                        return;
                    }
                    if (offset != 0)
                    {
                        command.FailField(3);
                        return;
                    }
                    _echo[0] = 0;
                    BigEndian.Put24(_echo, 1, EchoBufferCapacity);
                    SendFrom(command, io, _echo, 0, allocation < _echo.Length ? allocation : _echo.Length);
                    return;
                case 2:  // data
                    if (id != 0)
                    {
                        command.FailField(2);
                        return;
                    }
                    if (offset > EchoBufferCapacity)
                    {
                        command.FailField(3);
                        return;
                    }
                    int available = EchoBufferCapacity - offset;
                    SendFrom(command, io, _echo, 4 + offset, allocation < available ? allocation : available);
                    return;
                case 3:  // descriptor
                    if (id != 0)
                    {
                        command.FailField(2);
                        return;
                    }
                    _response[0] = 0;  // offset boundary: any byte
                    BigEndian.Put24(_response, 1, EchoBufferCapacity);
                    SendResponse(command, io, 4, allocation);
                    return;
                default:
                    command.FailField(1);
                    return;
            }
        }

        private void WriteBuffer(TargetCommand command, ITargetIo io)
        {
            byte[] cdb = command.Cdb;
            int mode = cdb[1] & 0x07;
            int id = cdb[2];
            int offset = BigEndian.Get24(cdb, 3);
            int length = BigEndian.Get24(cdb, 6);
            if (mode != 0 && mode != 2)
            {
                command.FailField(1);  // no microcode download, no vendor modes
                return;
            }
            if (id != 0)
            {
                command.FailField(2);
                return;
            }
            if (mode == 0)
            {
                if (offset != 0)
                {
                    command.FailField(3);
                    return;
                }
                if (length > _echo.Length)
                {
                    command.FailField(6);
                    return;
                }
                if (length <= 4)
                {
                    Discard(command, io, length);  // header only (reserved bytes)
                    return;
                }
                // The 4-byte header lands in the header bytes of the buffer image and is dropped.
                ReceiveInto(command, io, _echo, 0, length);
                return;
            }
            if (offset > EchoBufferCapacity || length > EchoBufferCapacity - offset)
            {
                command.FailField(offset > EchoBufferCapacity ? 3 : 6);
                return;
            }
            ReceiveInto(command, io, _echo, 4 + offset, length);
        }

        // ---- medium, transfers ----

        private void SetMedium(IBlockStore store)
        {
            if (CapacityOf(store.Length, _blockLength) <= 0) throw new ArgumentException("the image is smaller than one logical block", "store");
            _store = store;
            UpdateCapacity();
        }

        private void RemoveMedium()
        {
            _store = null;
            _blocks = 0;
        }

        private void UpdateCapacity()
        {
            _blocks = _store == null ? 0 : CapacityOf(_store.Length, _blockLength);
        }

        private static int Slot(int initiatorId)
        {
            return initiatorId >= 0 && initiatorId <= 7 ? initiatorId : 8;
        }

        /// <summary>Where the control byte of a CDB is (by opcode group), or -1 for vendor groups.</summary>
        private static int ControlByteIndex(byte opcode)
        {
            switch (opcode >> 5)
            {
                case 0: return 5;
                case 1:
                case 2: return 9;
                case 4: return 15;
                case 5: return 11;
                default: return -1;
            }
        }

        private static RingBuffer? TakeBuffer(ITargetIo io)
        {
            RingBuffer? b = io.AcquireBuffer();
            if (b == null) b = io.WaitForBuffer();
            return b;
        }

        /// <summary>Bytes per transfer piece: whole blocks where a buffer holds one or more.</summary>
        private static int ChunkSize(RingBuffer b, int blockLength)
        {
            int size = b.Data.Length;
            return size >= blockLength ? size - size % blockLength : size;
        }

        private bool SendFrom(TargetCommand command, ITargetIo io, byte[] source, int offset, int count)
        {
            while (count > 0)
            {
                RingBuffer? b = TakeBuffer(io);
                if (b == null) return false;
                int n = count < b.Data.Length ? count : b.Data.Length;
                int rc;
                try
                {
                    Array.Copy(source, offset, b.Data, 0, n);
                    b.Length = n;
                    rc = io.Send(b.Data, 0, n);
                }
                finally
                {
                    io.ReleaseBuffer(b);
                }
                if (rc != Errno.Ok)
                {
                    TransferStopped(command);
                    return false;
                }
                offset += n;
                count -= n;
            }
            return true;
        }

        /// <summary>The data phase ended early (abort, reset, parity): whatever status still goes
        /// out says the command did not complete.</summary>
        private static void TransferStopped(TargetCommand command)
        {
            command.Fail(SenseData.AbortedCommand, 0x0000);
        }

        /// <summary>Flushes the medium; false when there is none or the store fails.</summary>
        protected bool FlushMedium()
        {
            IBlockStore? store = _store;
            if (store == null) return false;
            try
            {
                return store.Flush();
            }
            catch (Exception)
            {
                return false;
            }
        }

        private static bool SafeRead(IBlockStore store, long position, byte[] buffer, int offset, int count)
        {
            try
            {
                return store.Read(position, buffer, offset, count);
            }
            catch (Exception)
            {
                return false;
            }
        }

        private static bool SafeWrite(IBlockStore store, long position, byte[] buffer, int offset, int count)
        {
            try
            {
                return store.Write(position, buffer, offset, count);
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <summary>After a failed read of a piece: the first block of it that cannot be read.</summary>
        private long FirstUnreadableBlock(IBlockStore store, long position, int count, int blockLength)
        {
            for (int done = 0; done < count; done += blockLength)
            {
                int n = count - done < blockLength ? count - done : blockLength;
                if (!SafeRead(store, position + done, _compare, 0, n)) return (position + done) / blockLength;
            }
            return position / blockLength;
        }

        /// <summary>After a failed write of a piece: writes it block by block to find the first
        /// block that cannot be written (the ones before it hold the same data either way).</summary>
        private static long FirstUnwritableBlock(IBlockStore store, long position, byte[] data, int count, int blockLength)
        {
            for (int done = 0; done < count; done += blockLength)
            {
                int n = count - done < blockLength ? count - done : blockLength;
                if (!SafeWrite(store, position + done, data, done, n)) return (position + done) / blockLength;
            }
            return position / blockLength;
        }
    }
}

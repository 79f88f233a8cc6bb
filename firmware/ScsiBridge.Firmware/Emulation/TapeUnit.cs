using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// A tape drive (type 01h, removable) on a SIMH .tap image, read-only: each record is a
    /// 32-bit little-endian length, the data padded to an even length and the length again; a
    /// zero length is a tape mark; FFFFFFFFh (or the end of the file) ends the recorded data.
    /// Serves TEST UNIT READY, INQUIRY, REWIND, READ BLOCK LIMITS, READ(6) in variable-block mode (a tape
    /// mark answers NO SENSE with FILEMARK; a record of another length than asked answers ILI
    /// with the residue unless SILI; the end of data answers BLANK CHECK, END-OF-DATA DETECTED),
    /// MODE SENSE(6) (a header and one block descriptor: variable blocks, write-protected).
    /// A record marked bad in the image (class 8) is sent and then answers MEDIUM ERROR.
    /// </summary>
    public sealed class TapeUnit : ILogicalUnit
    {
        public const int MaxRecord = 0xFFFF * 4;
        private const int EndOfDataCode = 0x0005;
        private const int FilemarkDetectedCode = 0x0001;
        private const int RecordLengthMask = 0x00FFFFFF;

        private readonly IBlockStore _store;
        private readonly byte[] _inquiry;
        private readonly byte[] _word = new byte[4];
        private readonly byte[] _response = new byte[12];
        private long _position;

        public TapeUnit(IBlockStore store)
        {
            _store = store;
            _inquiry = new byte[36];
            _inquiry[0] = 0x01;
            _inquiry[1] = 0x80;  // removable
            _inquiry[2] = 2;
            _inquiry[3] = 2;
            _inquiry[4] = 31;
            Text("SCSIBRDG", 8, 8);
            Text("EMULATED TAPE", 16, 16);
            Text("1.0", 32, 4);
        }

        public byte[] InquiryData
        {
            get { return _inquiry; }
        }

        public void OnReset()
        {
            _position = 0;
        }

        public void Execute(TargetCommand command, ITargetIo io)
        {
            byte[] cdb = command.Cdb;
            switch (cdb[0])
            {
                case TargetOpcodes.TestUnitReady:
                    return;
                case 0x12:  // INQUIRY: standard data only (no vital product data pages)
                    if ((cdb[1] & 0x01) != 0)
                    {
                        command.FailField(1);
                        return;
                    }
                    io.Send(_inquiry, 0, cdb[4] < _inquiry.Length ? cdb[4] : _inquiry.Length);
                    return;
                case 0x01:  // REWIND
                    _position = 0;
                    return;
                case 0x05:  // READ BLOCK LIMITS
                    Clear(6);
                    _response[1] = (byte)((MaxRecord >> 16) & 0xFF);
                    _response[2] = (byte)((MaxRecord >> 8) & 0xFF);
                    _response[3] = (byte)(MaxRecord & 0xFF);
                    _response[5] = 1;
                    Reply(io, 6, 6);
                    return;
                case 0x08:
                    Read(command, io);
                    return;
                case 0x1A:  // MODE SENSE(6): header + block descriptor (density 0, variable)
                    Clear(12);
                    _response[0] = 11;
                    _response[2] = 0x80;  // write-protected
                    _response[3] = 8;
                    Reply(io, 12, cdb[4]);
                    return;
                default:
                    command.Fail(SenseData.IllegalRequest, SenseData.InvalidCommandOperationCode);
                    return;
            }
        }

        private void Read(TargetCommand command, ITargetIo io)
        {
            byte[] cdb = command.Cdb;
            if ((cdb[1] & 0x01) != 0)
            {
                command.FailField(1);  // fixed-block mode: this drive records variable blocks only
                return;
            }
            bool suppressIli = (cdb[1] & 0x02) != 0;
            int requested = (int)command.Field(2, 3);
            if (requested == 0) return;
            uint word;
            if (!ReadWord(_position, out word) || word == 0xFFFFFFFF)
            {
                command.FailSequential(SenseData.BlankCheck, 0, EndOfDataCode, requested);
                return;
            }
            if (word == 0)
            {
                _position += 4;
                command.FailSequential(SenseData.NoSense, TargetCommand.Filemark, FilemarkDetectedCode, requested);
                return;
            }
            int length = (int)(word & RecordLengthMask);
            bool bad = (word & 0x80000000) != 0;
            long data = _position + 4;
            _position = data + length + (length & 1) + 4;
            int send = length < requested ? length : requested;
            int sent = 0;
            while (sent < send)
            {
                RingBuffer? b = io.AcquireBuffer();
                if (b == null) b = io.WaitForBuffer();
                if (b == null) return;  // the command was ended meanwhile
                int n = send - sent < b.Data.Length ? send - sent : b.Data.Length;
                int rc = Errno.EIO;
                try
                {
                    if (_store.Read(data + sent, b.Data, 0, n))
                    {
                        b.Length = n;
                        rc = io.Send(b.Data, 0, n);
                    }
                }
                finally
                {
                    io.ReleaseBuffer(b);
                }
                if (rc != Errno.Ok)
                {
                    command.Fail(SenseData.MediumError, SenseData.UnrecoveredReadError);
                    return;
                }
                sent += n;
            }
            if (bad)
            {
                command.FailAt(SenseData.MediumError, SenseData.UnrecoveredReadError, requested - send);
                return;
            }
            if (length != requested && (!suppressIli || length > requested))
            {
                command.FailSequential(SenseData.NoSense, TargetCommand.IncorrectLength, 0, requested - length);
            }
        }

        private bool ReadWord(long position, out uint value)
        {
            value = 0;
            if (position + 4 > _store.Length || !_store.Read(position, _word, 0, 4)) return false;
            value = (uint)(_word[0] | (_word[1] << 8) | (_word[2] << 16) | (_word[3] << 24));
            return true;
        }

        private void Reply(ITargetIo io, int length, int allocation)
        {
            int n = length < allocation ? length : allocation;
            if (n > 0) io.Send(_response, 0, n);
        }

        private void Clear(int n)
        {
            for (int i = 0; i < n; i++) _response[i] = 0;
        }

        private void Text(string text, int at, int width)
        {
            for (int i = 0; i < width; i++) _inquiry[at + i] = (byte)(i < text.Length ? text[i] : ' ');
        }
    }
}

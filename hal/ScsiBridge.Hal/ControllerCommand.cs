using System;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Hal
{
    /// <summary>
    /// One command for the controller (sb_command in command.h). A mutable object meant to be
    /// reused: firmware keeps one per controller and refills it with the Prepare... methods, so
    /// the hot path allocates nothing. The static factories allocate and are for set-up code.
    /// The data buffer is an array with offset and count because nanoFramework has no Span.
    /// </summary>
    public sealed class ControllerCommand
    {
        /// <summary>Size of the inline byte area (SB_INLINE_BYTES): messages and CDBs.</summary>
        public const int InlineBytes = 16;

        private readonly byte[] _bytes = new byte[InlineBytes];

        /// <summary>A ControllerOp value.</summary>
        public int Op { get; set; }

        /// <summary>CommandFlags bits.</summary>
        public int Flags { get; set; }

        /// <summary>SELECT: the target; RESELECT: the initiator; SET_SYNC: the peer.</summary>
        public int PeerId { get; set; }

        /// <summary>ENABLE_SELECTION: the IDs to answer; RESELECT: the ID to reselect as (one bit, 0 = own).</summary>
        public int IdMask { get; set; }

        /// <summary>SEND_STATUS: the status byte.</summary>
        public int StatusByte { get; set; }

        /// <summary>SET_SYNC: the REQ/ACK offset agreed (0 = asynchronous).</summary>
        public int SyncOffset { get; set; }

        /// <summary>SET_SYNC: the transfer period agreed, in nanoseconds.</summary>
        public int SyncPeriodNs { get; set; }

        /// <summary>Data phases: the number of bytes to move.</summary>
        public int Length { get; set; }

        /// <summary>0: none (SELECT always has the selection timeout).</summary>
        public long TimeoutNs { get; set; }

        /// <summary>Inline bytes (messages, CDB); the array is allocated once with the command.</summary>
        public byte[] Bytes
        {
            get { return _bytes; }
        }

        /// <summary>How many of <see cref="Bytes"/> are used.</summary>
        public int ByteCount { get; set; }

        /// <summary>Data phases: the caller's buffer; Length bytes move within [BufferOffset, BufferOffset + BufferCount).</summary>
        public byte[]? Buffer { get; set; }

        public int BufferOffset { get; set; }

        public int BufferCount { get; set; }

        /// <summary>Data phases, instead of Buffer: a slot of the native ring, so the bytes move
        /// between the bus and native memory without managed code touching them. Length bytes move
        /// within [SlotOffset, SlotOffset + BufferCount) of slot SlotHandle.</summary>
        public ISlotRing? Slots { get; set; }

        public int SlotHandle { get; set; }

        public int SlotOffset { get; set; }

        /// <summary>Clears every field and sets the op; the inline array is kept and zeroed.</summary>
        public ControllerCommand Reset(int op)
        {
            Op = op;
            Flags = 0;
            PeerId = 0;
            IdMask = 0;
            StatusByte = 0;
            SyncOffset = 0;
            SyncPeriodNs = 0;
            Length = 0;
            TimeoutNs = 0;
            ByteCount = 0;
            Buffer = null;
            BufferOffset = 0;
            BufferCount = 0;
            Slots = null;
            SlotHandle = 0;
            SlotOffset = 0;
            for (int i = 0; i < InlineBytes; i++)
            {
                _bytes[i] = 0;
            }

            return this;
        }

        /// <summary>Copies count bytes of source into the inline bytes.</summary>
        public ControllerCommand SetBytes(byte[] source, int offset, int count)
        {
            if (source == null)
            {
                throw new ArgumentNullException("source");
            }

            if (count < 0 || count > InlineBytes || offset < 0 || offset > source.Length - count)
            {
                throw new ArgumentOutOfRangeException("count", "At most " + InlineBytes.ToString() + " inline bytes, within the source array.");
            }

            Array.Copy(source, offset, _bytes, 0, count);
            ByteCount = count;
            return this;
        }

        /// <summary>Sets a single inline byte (a one-byte message) without a source array.</summary>
        public ControllerCommand SetByte(byte value)
        {
            _bytes[0] = value;
            ByteCount = 1;
            return this;
        }

        /// <summary>Points the data phase at buffer[offset, offset+count) and moves all of it.</summary>
        public ControllerCommand SetBuffer(byte[] buffer, int offset, int count)
        {
            Buffer = buffer;
            BufferOffset = offset;
            BufferCount = count;
            Length = count;
            return this;
        }

        /// <summary>Points the data phase at [offset, offset+count) of a ring buffer and moves all
        /// of it: its native slot when the ring is native, else its array.</summary>
        public ControllerCommand SetRingBuffer(RingBuffer buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (!buffer.IsNative)
            {
                return SetBuffer(buffer.Data, offset, count);
            }

            Buffer = null;
            BufferOffset = 0;
            Slots = buffer.Slots;
            SlotHandle = buffer.Handle;
            SlotOffset = offset;
            BufferCount = count;
            Length = count;
            return this;
        }

        // Allocation-free preparation, one per op.

        public ControllerCommand PrepareSelect(int targetId, int flags)
        {
            Reset(ControllerOp.Select);
            PeerId = targetId;
            Flags = flags;
            return this;
        }

        public ControllerCommand PrepareMessageOut(byte[] message, int offset, int count)
        {
            Reset(ControllerOp.MessageOut);
            return SetBytes(message, offset, count);
        }

        public ControllerCommand PrepareMessageOut(byte message)
        {
            Reset(ControllerOp.MessageOut);
            return SetByte(message);
        }

        public ControllerCommand PrepareCommandOut(byte[] cdb, int offset, int count)
        {
            Reset(ControllerOp.CommandOut);
            return SetBytes(cdb, offset, count);
        }

        public ControllerCommand PrepareTransfer(byte[] buffer, int offset, int count)
        {
            Reset(ControllerOp.Transfer);
            return SetBuffer(buffer, offset, count);
        }

        public ControllerCommand PrepareMessageIn()
        {
            return Reset(ControllerOp.MessageIn);
        }

        public ControllerCommand PrepareAcceptMessage()
        {
            return Reset(ControllerOp.AcceptMessage);
        }

        public ControllerCommand PrepareSetAtn()
        {
            return Reset(ControllerOp.SetAtn);
        }

        public ControllerCommand PrepareClearAtn()
        {
            return Reset(ControllerOp.ClearAtn);
        }

        public ControllerCommand PrepareWaitReselect()
        {
            return Reset(ControllerOp.WaitReselect);
        }

        public ControllerCommand PrepareResetBus()
        {
            return Reset(ControllerOp.ResetBus);
        }

        public ControllerCommand PrepareSetSync(int peerId, int periodNs, int offset)
        {
            Reset(ControllerOp.SetSync);
            PeerId = peerId;
            SyncPeriodNs = periodNs;
            SyncOffset = offset;
            return this;
        }

        public ControllerCommand PrepareStatusIn()
        {
            return Reset(ControllerOp.StatusIn);
        }

        public ControllerCommand PrepareEnableSelection(int idMask)
        {
            Reset(ControllerOp.EnableSelection);
            IdMask = idMask;
            return this;
        }

        public ControllerCommand PrepareReceiveCommand()
        {
            return Reset(ControllerOp.ReceiveCommand);
        }

        public ControllerCommand PrepareSendData(byte[] buffer, int offset, int count)
        {
            Reset(ControllerOp.SendData);
            return SetBuffer(buffer, offset, count);
        }

        public ControllerCommand PrepareReceiveData(byte[] buffer, int offset, int count)
        {
            Reset(ControllerOp.ReceiveData);
            return SetBuffer(buffer, offset, count);
        }

        public ControllerCommand PrepareSendStatus(int statusByte)
        {
            Reset(ControllerOp.SendStatus);
            StatusByte = statusByte;
            return this;
        }

        public ControllerCommand PrepareSendMessage(byte[] message, int offset, int count)
        {
            Reset(ControllerOp.SendMessage);
            return SetBytes(message, offset, count);
        }

        public ControllerCommand PrepareSendMessage(byte message)
        {
            Reset(ControllerOp.SendMessage);
            return SetByte(message);
        }

        public ControllerCommand PrepareReceiveMessage()
        {
            return Reset(ControllerOp.ReceiveMessage);
        }

        public ControllerCommand PrepareDisconnect()
        {
            return Reset(ControllerOp.Disconnect);
        }

        public ControllerCommand PrepareReselect(int initiatorId, int asIdMask)
        {
            Reset(ControllerOp.Reselect);
            PeerId = initiatorId;
            IdMask = asIdMask;
            return this;
        }

        // Allocating factories for set-up code and tests.

        public static ControllerCommand Select(int targetId, int flags)
        {
            return new ControllerCommand().PrepareSelect(targetId, flags);
        }

        public static ControllerCommand MessageOut(byte[] message)
        {
            return new ControllerCommand().PrepareMessageOut(message, 0, message.Length);
        }

        public static ControllerCommand CommandOut(byte[] cdb)
        {
            return new ControllerCommand().PrepareCommandOut(cdb, 0, cdb.Length);
        }

        public static ControllerCommand Transfer(byte[] buffer, int offset, int count)
        {
            return new ControllerCommand().PrepareTransfer(buffer, offset, count);
        }

        public static ControllerCommand MessageIn()
        {
            return new ControllerCommand().PrepareMessageIn();
        }

        public static ControllerCommand AcceptMessage()
        {
            return new ControllerCommand().PrepareAcceptMessage();
        }

        public static ControllerCommand SetAtn()
        {
            return new ControllerCommand().PrepareSetAtn();
        }

        public static ControllerCommand ClearAtn()
        {
            return new ControllerCommand().PrepareClearAtn();
        }

        public static ControllerCommand WaitReselect()
        {
            return new ControllerCommand().PrepareWaitReselect();
        }

        public static ControllerCommand ResetBus()
        {
            return new ControllerCommand().PrepareResetBus();
        }

        public static ControllerCommand SetSync(int peerId, int periodNs, int offset)
        {
            return new ControllerCommand().PrepareSetSync(peerId, periodNs, offset);
        }

        public static ControllerCommand StatusIn()
        {
            return new ControllerCommand().PrepareStatusIn();
        }

        public static ControllerCommand EnableSelection(int idMask)
        {
            return new ControllerCommand().PrepareEnableSelection(idMask);
        }

        public static ControllerCommand ReceiveCommand()
        {
            return new ControllerCommand().PrepareReceiveCommand();
        }

        public static ControllerCommand SendData(byte[] buffer, int offset, int count)
        {
            return new ControllerCommand().PrepareSendData(buffer, offset, count);
        }

        public static ControllerCommand ReceiveData(byte[] buffer, int offset, int count)
        {
            return new ControllerCommand().PrepareReceiveData(buffer, offset, count);
        }

        public static ControllerCommand SendStatus(int statusByte)
        {
            return new ControllerCommand().PrepareSendStatus(statusByte);
        }

        public static ControllerCommand SendMessage(byte[] message)
        {
            return new ControllerCommand().PrepareSendMessage(message, 0, message.Length);
        }

        public static ControllerCommand ReceiveMessage()
        {
            return new ControllerCommand().PrepareReceiveMessage();
        }

        public static ControllerCommand Disconnect()
        {
            return new ControllerCommand().PrepareDisconnect();
        }

        public static ControllerCommand Reselect(int initiatorId, int asIdMask)
        {
            return new ControllerCommand().PrepareReselect(initiatorId, asIdMask);
        }
    }
}

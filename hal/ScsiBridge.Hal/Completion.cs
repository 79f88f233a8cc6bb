using System;

namespace ScsiBridge.Hal
{
    /// <summary>
    /// The outcome of one controller command (sb_completion in command.h). Mutable and reusable:
    /// the firmware keeps one and has each completion written into it, so nothing is allocated
    /// per command. Msg and Cdb are allocated once with the object.
    /// </summary>
    public sealed class Completion
    {
        public const int InlineBytes = 16;

        private readonly byte[] _msg = new byte[InlineBytes];
        private readonly byte[] _cdb = new byte[InlineBytes];

        /// <summary>The ControllerOp that completed.</summary>
        public int Op { get; set; }

        /// <summary>A ControllerResult value.</summary>
        public int Result { get; set; }

        /// <summary>The BusPhase the bus requests now, or BusPhase.BusFree.</summary>
        public int Phase { get; set; }

        /// <summary>CompletionFlags bits.</summary>
        public int Flags { get; set; }

        /// <summary>The other device of the connection.</summary>
        public int PeerId { get; set; }

        /// <summary>The ID this controller was selected or reselected as.</summary>
        public int OwnId { get; set; }

        /// <summary>The IDENTIFY message, valid with CompletionFlags.Identify.</summary>
        public int Identify { get; set; }

        /// <summary>Messages received (MESSAGE_IN, or the target's ATTENTION/MESSAGES results).</summary>
        public byte[] Msg
        {
            get { return _msg; }
        }

        public int MsgLength { get; set; }

        /// <summary>The CDB a target received.</summary>
        public byte[] Cdb
        {
            get { return _cdb; }
        }

        public int CdbLength { get; set; }

        /// <summary>STATUS_IN: the status byte.</summary>
        public int StatusByte { get; set; }

        /// <summary>How many arbitrations were lost before this one was won.</summary>
        public int ArbitrationRetries { get; set; }

        public int BytesMoved { get; set; }

        /// <summary>Bytes of Length not moved.</summary>
        public int Residual { get; set; }

        /// <summary>ParityError: index of the first bad byte within this command.</summary>
        public int ParityIndex { get; set; }

        /// <summary>When the command completed, in bus nanoseconds.</summary>
        public long TimeNs { get; set; }

        public bool HasFlag(int flag)
        {
            return (Flags & flag) != 0;
        }

        /// <summary>Zeroes every field, keeping the inline arrays.</summary>
        public void Clear()
        {
            Op = 0;
            Result = 0;
            Phase = 0;
            Flags = 0;
            PeerId = 0;
            OwnId = 0;
            Identify = 0;
            MsgLength = 0;
            CdbLength = 0;
            StatusByte = 0;
            ArbitrationRetries = 0;
            BytesMoved = 0;
            Residual = 0;
            ParityIndex = 0;
            TimeNs = 0;
            for (int i = 0; i < InlineBytes; i++)
            {
                _msg[i] = 0;
                _cdb[i] = 0;
            }
        }

        /// <summary>Copies every field of other into this object without allocating.</summary>
        public void CopyFrom(Completion other)
        {
            if (other == null)
            {
                throw new ArgumentNullException("other");
            }

            Op = other.Op;
            Result = other.Result;
            Phase = other.Phase;
            Flags = other.Flags;
            PeerId = other.PeerId;
            OwnId = other.OwnId;
            Identify = other.Identify;
            MsgLength = other.MsgLength;
            CdbLength = other.CdbLength;
            StatusByte = other.StatusByte;
            ArbitrationRetries = other.ArbitrationRetries;
            BytesMoved = other.BytesMoved;
            Residual = other.Residual;
            ParityIndex = other.ParityIndex;
            TimeNs = other.TimeNs;
            Array.Copy(other._msg, _msg, InlineBytes);
            Array.Copy(other._cdb, _cdb, InlineBytes);
        }

        /// <summary>A one-line summary for logs and assertion messages (allocates).</summary>
        public override string ToString()
        {
            return ControllerOp.Name(Op) + " -> " + ControllerResult.Name(Result)
                + " phase=" + BusPhase.Name(Phase)
                + " flags=0x" + Flags.ToString("X2")
                + " peer=" + PeerId.ToString()
                + " own=" + OwnId.ToString()
                + " moved=" + BytesMoved.ToString()
                + " residual=" + Residual.ToString()
                + " t=" + TimeNs.ToString() + "ns";
        }
    }
}

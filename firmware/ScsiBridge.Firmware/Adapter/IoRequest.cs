using System;
using ScsiBridge.Hal;

namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>
    /// One SCSI command for a device (TMIOCMD's sc_iocmd) and, once done, its completion. Made once
    /// by <see cref="ScsiAdapter.CreateRequest"/> and reused, so issuing commands allocates nothing.
    /// The adapter does no error recovery on the caller's behalf: it reports what happened.
    /// </summary>
    public sealed class IoRequest
    {
        public const int MaxCdbLength = 16;

        private readonly IHalSignal _done;

        internal IoRequest(IHalSignal done)
        {
            _done = done;
            Cdb = new byte[MaxCdbLength];
        }

        // ---- what to do ----

        public int TargetId { get; set; }

        public int Lun { get; set; }

        /// <summary>The CDB; the adapter ORs the LUN into byte 1 bits 5-7 for SCSI-1/2 devices.</summary>
        public byte[] Cdb { get; private set; }

        /// <summary>6, 10, 12 or 16.</summary>
        public int CdbLength { get; set; }

        /// <summary>Bytes of data the command moves (0: none).</summary>
        public int DataLength { get; set; }

        /// <summary>IoFlags bits; IoFlags.Read is B_READ.</summary>
        public int Flags { get; set; }

        /// <summary>The whole command's time limit, selection to completion; 0 takes the adapter's default.</summary>
        public long TimeoutNs { get; set; }

        public IDataSink? Sink { get; set; }

        public IDataSource? Source { get; set; }

        /// <summary>Told when the request completes (besides <see cref="Wait"/>).</summary>
        public IRequestListener? Listener { get; set; }

        public bool IsRead
        {
            get { return (Flags & IoFlags.Read) != 0; }
        }

        // ---- what happened ----

        /// <summary>Errno.Ok or the reason the command did not complete normally.</summary>
        public int Errno { get; internal set; }

        /// <summary>StatusValidity bits.</summary>
        public int Validity { get; internal set; }

        public int ScsiStatus { get; internal set; }

        public int AdapterStatus { get; internal set; }

        /// <summary>Bytes of DataLength not transferred.</summary>
        public int Residual { get; internal set; }

        /// <summary>True from completion until the request is issued again.</summary>
        public bool IsDone { get; internal set; }

        /// <summary>Blocks the calling thread until the request completes.</summary>
        public void Wait()
        {
            _done.Wait();
        }

        /// <summary>Fills the CDB from cdb[0..length) and clears the rest.</summary>
        public void SetCdb(byte[] cdb, int length)
        {
            if (cdb == null) throw new ArgumentNullException("cdb");
            if (length < 1 || length > MaxCdbLength || length > cdb.Length) throw new ArgumentOutOfRangeException("length", "a CDB has 1 to 16 bytes");
            Array.Copy(cdb, 0, Cdb, 0, length);
            for (int i = length; i < MaxCdbLength; i++) Cdb[i] = 0;
            CdbLength = length;
        }

        // ---- the adapter's bookkeeping ----

        internal int Pointer;          // next byte of the data, as the bus has it now
        internal int SavedPointer;     // the target's saved data pointer
        internal int HighestPointer;   // the furthest the data got
        internal long DeadlineNs;
        internal IoRequest? Next;      // intrusive queue link
        internal int Slot;             // ID * 8 + LUN
        internal bool Started;
        internal bool Disconnected;
        internal bool SawComplete;
        internal bool SawDisconnect;
        internal bool CdbSent;
        internal int ParityRetries;
        internal bool OrLun;
        internal bool InUse;           // from queueing until completion

        internal void Complete()
        {
            IsDone = true;
            InUse = false;
            IRequestListener? listener = Listener;
            if (listener != null) listener.OnComplete(this);
            _done.Set();
        }

        internal void ResetResult()
        {
            Errno = ScsiBridge.Hal.Errno.Ok;
            Validity = 0;
            ScsiStatus = 0;
            AdapterStatus = 0;
            Residual = DataLength;
            IsDone = false;
            Pointer = SavedPointer = HighestPointer = 0;
            Next = null;
            Started = Disconnected = SawComplete = SawDisconnect = CdbSent = false;
            ParityRetries = 0;
        }
    }
}

using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Firmware.Target
{
    /// <summary>
    /// The bridge as a SCSI processor device (type 03h): the AIX tmscsi model. A host's SEND
    /// lands in the ring and goes to the target path opened for that host; RECEIVE returns what
    /// the PC queued for it. When a path has no buffer left the device disconnects until one is
    /// freed (or answers BUSY when the host does not allow disconnection): nothing is dropped.
    /// </summary>
    internal sealed class ProcessorUnit : ILogicalUnit
    {
        private const byte TestUnitReady = 0x00;
        private const byte Receive = 0x08;
        private const byte Send = 0x0A;
        private const byte Inquiry = 0x12;
        private const int Busy = 0x08;

        private readonly TargetPath[] _paths;
        private readonly TargetDelivery[] _deliveries;
        private readonly byte[] _inquiry = new byte[36];
        private readonly OutgoingQueue _outgoing;

        public ProcessorUnit(TargetPath[] paths, BufferRing ring, OutgoingQueue outgoing)
        {
            _paths = paths;
            _outgoing = outgoing;
            _deliveries = new TargetDelivery[ring.Count];
            for (int i = 0; i < _deliveries.Length; i++) _deliveries[i] = new TargetDelivery();
            _inquiry[0] = 0x03;  // processor device
            _inquiry[2] = 2;     // SCSI-2
            _inquiry[3] = 2;     // response data format
            _inquiry[4] = 31;
            Text("SCSIBRDG", 8, 8);
            Text("PROCESSOR PATH", 16, 16);
            Text(ScsiBridge.Firmware.Adapter.ScsiAdapter.FirmwareVersion, 32, 4);
        }

        public byte[] InquiryData
        {
            get { return _inquiry; }
        }

        public void OnReset()
        {
        }

        public void Execute(TargetCommand tc, ITargetIo io)
        {
            byte opcode = tc.Cdb[0];
            if (opcode == Inquiry)
            {
                if ((tc.Cdb[1] & 1) != 0)
                {
                    tc.FailField(1);
                    return;
                }
                int n = tc.Cdb[4] < _inquiry.Length ? tc.Cdb[4] : _inquiry.Length;
                if (n > 0) io.Send(_inquiry, 0, n);
                return;
            }
            if (opcode == TestUnitReady) return;
            if (opcode == Send)
            {
                TakeSend(tc, io);
                return;
            }
            if (opcode == Receive)
            {
                GiveReceive(tc, io);
                return;
            }
            tc.Fail(SenseData.IllegalRequest, SenseData.InvalidCommandOperationCode);
        }

        private void TakeSend(TargetCommand tc, ITargetIo io)
        {
            TargetPath? path = tc.InitiatorId >= 0 ? _paths[tc.InitiatorId] : null;
            if (path == null || !path.IsOpen)
            {
                tc.Fail(SenseData.IllegalRequest, SenseData.LogicalUnitNotSupported);  // no path for this host
                return;
            }
            int total = (int)tc.Field(2, 3);
            int done = 0;
            while (done < total)
            {
                RingBuffer? b = path.HasRoom ? io.AcquireBuffer() : null;
                if (b == null)
                {
                    if (done == 0 && !io.MayDisconnect)
                    {
                        tc.Status = Busy;  // cannot wait on the bus: the host tries again later
                        return;
                    }
                    if (!io.WaitForRelease())
                    {
                        tc.Fail(SenseData.AbortedCommand, 0);
                        return;
                    }
                    continue;
                }
                int piece = total - done;
                if (piece > path.BufferSize) piece = path.BufferSize;
                int rc = io.Receive(b.Data, 0, piece);
                int errors = 0;
                if (rc != Errno.Ok) errors = rc == Errno.ECANCELED ? TargetDelivery.Truncated : TargetDelivery.ParityError;
                path.Lent();
                Deliver(path, b, rc == Errno.Ok ? piece : 0, done, errors);
                if (rc != Errno.Ok) return;  // the engine reports the parity error or the abort
                done += piece;
            }
        }

        private void Deliver(TargetPath path, RingBuffer b, int count, int offset, int errors)
        {
            TargetDelivery d = _deliveries[b.Index];
            d.InitiatorId = path.InitiatorId;
            d.Correlator = path.Correlator;
            d.Buffer = b;
            d.Count = count;
            d.Offset = offset;
            d.Errors = errors;
            d.Path = path;
            b.Length = count;
            path.Deliveries++;
            ITargetReceiver? receiver = path.Receiver;
            if (receiver != null) receiver.OnReceive(d);
            else path.Free(b);  // closed meanwhile: the buffer goes straight back
        }

        private void GiveReceive(TargetCommand tc, ITargetIo io)
        {
            int wanted = (int)tc.Field(2, 3);
            int initiator = tc.InitiatorId;
            if (initiator < 0 || _outgoing.Queued(initiator) == 0)
            {
                // Nothing queued for this host: NOT READY, as a processor device with no data.
                tc.Fail(SenseData.NotReady, 0x0400);
                return;
            }
            int sent = 0;
            while (sent < wanted)
            {
                RingBuffer? b = _outgoing.Take(initiator);
                if (b == null) break;
                int n = b.Length;
                if (n > wanted - sent) n = wanted - sent;  // the rest of this buffer is dropped
                int rc = io.Send(b.Data, 0, n);
                io.ReleaseBuffer(b);
                if (rc != Errno.Ok) return;
                sent += n;
            }
        }

        private void Text(string s, int at, int width)
        {
            for (int i = 0; i < width; i++) _inquiry[at + i] = (byte)(i < s.Length ? s[i] : ' ');
        }
    }
}

using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;

namespace ScsiBridge.Iscsi.Scsi;

/// <summary>
/// An image file served by the firmware's own emulation (<see cref="DiskUnit"/> or
/// <see cref="CdromUnit"/>), the same code that answers vintage hosts on the bus: the gateway
/// hands it SCSI-2 commands and moves the data through a private buffer ring.
/// </summary>
internal sealed class EmulatedDevice : IScsiDevice
{
    private const int RingBuffers = 4;
    private const int RingBufferSize = 64 * 1024;

    private readonly BlockUnit _unit;
    private readonly FileBlockStore _store;
    private readonly MemoryIo _io;
    private readonly TargetCommand _command = new TargetCommand();
    private readonly object _gate = new object();

    private EmulatedDevice(BlockUnit unit, FileBlockStore store, string description)
    {
        _unit = unit;
        _store = store;
        _io = new MemoryIo(new BufferRing(RingBuffers, RingBufferSize, new ManagedBufferAllocator()));
        Description = description;
    }

    /// <summary>Opens an image: a CD-ROM for .iso and .cdr files (2048-byte blocks), a disk otherwise.</summary>
    public static EmulatedDevice Open(string path, bool writable)
    {
        if (!File.Exists(path)) throw new FileNotFoundException("no image file " + path, path);
        bool cdrom = path.EndsWith(".iso", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".cdr", StringComparison.OrdinalIgnoreCase);
        var store = new FileBlockStore(path, !writable || cdrom);
        try
        {
            BlockUnit unit = cdrom ? new CdromUnit(store) : new DiskUnit(store);
            return new EmulatedDevice(unit, store, (cdrom ? "CD-ROM image " : "disk image ") + Path.GetFileName(path));
        }
        catch (ArgumentException e)
        {
            store.Dispose();
            throw new InvalidDataException("the image " + path + " cannot be served: " + e.Message, e);
        }
    }

    public string Description { get; }

    public int MaxTransfer => 1 << 20;

    public int Parallelism => 1;

    public Task<DeviceResult> ExecuteAsync(byte[] cdb, int initiator, ReadOnlyMemory<byte> dataOut, Memory<byte> dataIn, CancellationToken ct)
    {
        lock (_gate)
        {
            TargetCommand c = _command;
            Array.Clear(c.Cdb);
            Array.Copy(cdb, c.Cdb, Math.Min(cdb.Length, TargetCommand.MaxCdbLength));
            c.Prepare(cdb.Length, 0, initiator);
            _io.Begin(dataOut, dataIn);
            _unit.Execute(c, _io);
            int count = _io.Sent;
            _io.End();
            if (c.Status == 0) return Task.FromResult(new DeviceResult(0, count, null));
            byte[]? sense = c.Status == 0x02
                ? Sense.Build(c.SenseKey & 0x0F, c.SenseCode, c.SenseInformationValid ? c.SenseInformation : null, c.FieldPointer)
                : null;
            return Task.FromResult(new DeviceResult(c.Status, count, sense));
        }
    }

    public Task ResetAsync(CancellationToken ct)
    {
        lock (_gate) _unit.OnReset();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate) _store.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The unit's data phases as copies to and from the iSCSI task's buffers.</summary>
    private sealed class MemoryIo : ITargetIo
    {
        private readonly BufferRing _ring;
        private ReadOnlyMemory<byte> _out;
        private Memory<byte> _in;
        private int _received;

        public MemoryIo(BufferRing ring)
        {
            _ring = ring;
        }

        public int Sent { get; private set; }

        public bool MayDisconnect => false;

        public void Begin(ReadOnlyMemory<byte> dataOut, Memory<byte> dataIn)
        {
            _out = dataOut;
            _in = dataIn;
            _received = 0;
            Sent = 0;
        }

        public void End()
        {
            _out = default;
            _in = default;
        }

        public int Send(byte[] buffer, int offset, int count)
        {
            int room = _in.Length - Sent;
            if (count > room) return Errno.EIO;  // more than the initiator's buffer: the command stops
            buffer.AsSpan(offset, count).CopyTo(_in.Span.Slice(Sent));
            Sent += count;
            return Errno.Ok;
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            if (count > _out.Length - _received) return Errno.EIO;  // the initiator sent less than the CDB asks for
            _out.Span.Slice(_received, count).CopyTo(buffer.AsSpan(offset, count));
            _received += count;
            return Errno.Ok;
        }

        public RingBuffer? AcquireBuffer() => _ring.TryAcquire();

        public RingBuffer? WaitForBuffer() => _ring.TryAcquire();  // one command at a time: the ring never runs dry

        public bool WaitForRelease() => true;

        public void ReleaseBuffer(RingBuffer buffer) => _ring.Release(buffer);
    }
}

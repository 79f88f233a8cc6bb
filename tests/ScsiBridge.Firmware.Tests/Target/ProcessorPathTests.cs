using System.Collections.Generic;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.Sim;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Target;

/// <summary>SCIOSTARTTGT: receive paths of the processor device (the AIX tmscsi model).</summary>
public class ProcessorPathTests
{
    private static byte[] SendCdb(int length) => new byte[] { 0x0A, 0, (byte)(length >> 16), (byte)(length >> 8), (byte)length, 0 };

    private static byte[] ReceiveCdb(int length) => new byte[] { 0x08, 0, (byte)(length >> 16), (byte)(length >> 8), (byte)length, 0 };

    [Fact]
    public void StartTargetChecksEveryDocumentedRule()
    {
        using var rig = new TargetRig(new TargetConfig { RingBuffers = 40 });
        var target = new ScsiTarget(rig.Engine, 0);
        var sink = new Collector();
        TargetPath? path;
        // Before the engine runs the bus cannot be enabled.
        Assert.Equal(Errno.EIO, target.StartTarget(7, 0, 4096, 16, sink, 1, true, out path));
        rig.Run(() =>
        {
            Assert.Equal(Errno.EPERM, target.StartTarget(7, 0, 4096, 16, sink, 1, false, out path));
            Assert.Equal(Errno.EINVAL, target.StartTarget(0, 0, 4096, 16, sink, 1, true, out path));  // own ID
            Assert.Equal(Errno.EINVAL, target.StartTarget(8, 0, 4096, 16, sink, 1, true, out path));
            Assert.Equal(Errno.EINVAL, target.StartTarget(7, 1, 4096, 16, sink, 1, true, out path));  // LUN must be 0
            Assert.Equal(Errno.EINVAL, target.StartTarget(7, 0, 4097, 16, sink, 1, true, out path));
            Assert.Equal(Errno.EINVAL, target.StartTarget(7, 0, 0, 16, sink, 1, true, out path));
            Assert.Equal(Errno.EINVAL, target.StartTarget(7, 0, 4096, 15, sink, 1, true, out path));
            Assert.Equal(Errno.EINVAL, target.StartTarget(7, 0, 4096, 16, null, 1, true, out path));
            Assert.Equal(Errno.Ok, target.StartTarget(7, 0, 4096, 16, sink, 1, true, out path));
            Assert.NotNull(path);
            Assert.Equal(Errno.EINVAL, target.StartTarget(7, 0, 4096, 16, sink, 2, true, out path));  // one opener per ID
            Assert.Equal(Errno.Ok, target.StartTarget(6, 0, 4096, 16, sink, 2, true, out path));
            Assert.Equal(Errno.ENOMEM, target.StartTarget(5, 0, 4096, 16, sink, 3, true, out path));  // 40 buffers: 32 taken
            Assert.Equal(Errno.Ok, target.StopTarget(6, true));
            Assert.Equal(Errno.Ok, target.StartTarget(5, 0, 4096, 16, sink, 3, true, out path));
            Assert.Equal(Errno.EINVAL, target.StopTarget(4, true));
            Assert.Equal(Errno.EPERM, target.StopTarget(5, false));
        });
    }

    [Fact]
    public void TheDeviceIsAProcessor()
    {
        using var rig = new TargetRig();
        var target = new ScsiTarget(rig.Engine, 0);
        var o = new ProbeOutcome();
        rig.Run(() => Assert.Equal(ProbeResult.Exists, rig.Adapter.Probe(0, 0, ProbeWait.DoNotWait, null, o)));
        Assert.Equal(0x03, o.Inquiry[0]);
        Assert.Equal("SCSIBRDG", System.Text.Encoding.ASCII.GetString(o.Inquiry, 8, 8));
        Assert.Equal("", rig.Violations());
    }

    [Fact]
    public void TenMebibytesThroughASlowConsumerLoseNothing()
    {
        const int total = 10 * 1024 * 1024;
        const int perCommand = 64 * 1024;
        using var rig = new TargetRig(new TargetConfig { RingBuffers = 16, RingBufferSize = 4096 });
        var target = new ScsiTarget(rig.Engine, 0);
        byte[] source = new byte[total];
        new System.Random(10).NextBytes(source);
        byte[] received = new byte[total];
        var consumer = new SlowConsumer(rig.Bus, received, delayNs: 20_000_000);  // far slower than the bus
        rig.Bus.Spawn("consumer", consumer.Run);
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, target.StartTarget(7, 0, 4096, 16, consumer, 0x5EED, true, out TargetPath? path));
            rig.Greet(0, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, enableWrites: true, elevated: true));
            byte[] piece = new byte[perCommand];
            IoRequest r = rig.Request(0, 0, SendCdb(perCommand), piece, read: false);
            r.TimeoutNs = 10_000_000_000L;
            for (int done = 0; done < total; done += perCommand)
            {
                System.Array.Copy(source, done, piece, 0, perCommand);
                Assert.Equal(Errno.Ok, rig.Adapter.Execute(r, true));
            }
            consumer.Finish(total);
            Assert.Equal(Errno.Ok, target.StopTarget(7, true));
        });
        Assert.Equal(source, received);
        Assert.Equal(total / 4096, consumer.Deliveries);
        Assert.True(consumer.AllCorrelatorsMatched(0x5EED));
        Assert.Equal(0, consumer.Errors);
        Assert.Equal(rig.Engine.Ring.Count, rig.Engine.Ring.FreeCount);  // every buffer returned
        Assert.True(consumer.MostOutstanding <= 16);
        Assert.True(consumer.WaitedForBuffers, "the consumer was slow enough that the target had to wait");
        Assert.True(rig.Engine.Disconnects > 0, "the target disconnected while it waited");
        Assert.Equal("", rig.Violations());
    }

    [Fact]
    public void WithoutDisconnectPrivilegeAFullPathAnswersBusy()
    {
        using var rig = new TargetRig(new TargetConfig { RingBuffers = 16 }, new AdapterConfig { AllowDisconnect = false });
        var target = new ScsiTarget(rig.Engine, 0);
        var hoarder = new Collector();  // never frees
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, target.StartTarget(7, 0, 4096, 16, hoarder, 1, true, out TargetPath? path));
            rig.Greet(0, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, true, true));
            byte[] data = new byte[16 * 4096];
            IoRequest first = rig.Request(0, 0, SendCdb(data.Length), data, false);
            rig.Adapter.Execute(first, true);
            Assert.True(first.Errno == Errno.Ok, "status " + first.ScsiStatus + " adapter " + first.AdapterStatus + " residual " + first.Residual);
            IoRequest more = rig.Request(0, 0, SendCdb(4096), new byte[4096], false);
            Assert.Equal(Errno.EIO, rig.Adapter.Execute(more, true));
            Assert.Equal(ScsiBridge.Firmware.Adapter.ScsiStatus.Busy, more.ScsiStatus);
            foreach (TargetDelivery d in hoarder.Deliveries) Assert.Equal(Errno.Ok, d.Path!.Free(d.Buffer));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(more, true));
        });
        Assert.Equal(17, hoarder.Count);
    }

    [Fact]
    public void ReceiveReturnsWhatThePcQueued()
    {
        using var rig = new TargetRig();
        var target = new ScsiTarget(rig.Engine, 0);
        var sink = new Collector();
        byte[] queued = new byte[6000];
        new System.Random(3).NextBytes(queued);
        byte[] got = new byte[6000];
        rig.Run(() =>
        {
            Assert.Equal(Errno.Ok, target.StartTarget(7, 0, 4096, 16, sink, 1, true, out TargetPath? path));
            rig.Greet(0, 0);
            Assert.Equal(Errno.Ok, rig.Adapter.StartDevice(0, 0, false, false));
            IoRequest empty = rig.Request(0, 0, ReceiveCdb(100), new byte[100], true);
            Assert.Equal(Errno.EIO, rig.Adapter.Execute(empty, true));  // nothing queued: NOT READY
            Assert.Equal(Errno.Ok, target.QueueReceiveData(7, queued, 0, queued.Length, true));
            Assert.Equal(Errno.Ok, rig.Adapter.Execute(rig.Request(0, 0, ReceiveCdb(6000), got, true), true));
        });
        Assert.Equal(queued, got);
        Assert.Equal(rig.Engine.Ring.Count, rig.Engine.Ring.FreeCount);
        Assert.Equal("", rig.Violations());
    }

    internal sealed class Collector : ITargetReceiver
    {
        public readonly List<TargetDelivery> Deliveries = new();
        public int Count;

        public void OnReceive(TargetDelivery delivery)
        {
            Count++;
            Deliveries.Add(delivery);
        }
    }

    /// <summary>Takes deliveries on the target's bus thread, works through them on its own
    /// instance at a fixed virtual pace, frees each buffer when done.</summary>
    private sealed class SlowConsumer : ITargetReceiver
    {
        private readonly SimBus _bus;
        private readonly SimSignal _arrived;
        private readonly Queue<TargetDelivery> _queue = new();
        private readonly byte[] _into;
        private readonly long _delayNs;
        private readonly List<int> _correlators = new();
        private int _expected = -1;
        private int _consumed;
        public int Deliveries;
        public int Errors;
        public int MostOutstanding;
        public bool WaitedForBuffers;

        public SlowConsumer(SimBus bus, byte[] into, long delayNs)
        {
            _bus = bus;
            _arrived = bus.CreateSignal();
            _into = into;
            _delayNs = delayNs;
        }

        private int _commandBase;
        private int _lastOffset = -1;

        public void OnReceive(TargetDelivery d)
        {
            Deliveries++;
            _correlators.Add(d.Correlator);
            if (d.Errors != 0) Errors++;
            // Offsets restart at 0 with every SEND command.
            if (d.Offset <= _lastOffset) _commandBase += _lastOffset + 4096;
            _lastOffset = d.Offset;
            System.Array.Copy(d.Buffer!.Data, 0, _into, _commandBase + d.Offset, d.Count);
            _queue.Enqueue(d);
            MostOutstanding = System.Math.Max(MostOutstanding, d.Path!.Outstanding);
            if (d.Path.Outstanding >= 16) WaitedForBuffers = true;
            _arrived.Set();
        }

        public void Finish(int total) => _expected = total / 4096;

        public void Run()
        {
            for (;;)
            {
                if (_expected >= 0 && _consumed == _expected) return;
                if (_queue.Count == 0)
                {
                    _arrived.Wait(1_000_000);
                    continue;
                }
                TargetDelivery d = _queue.Dequeue();
                _bus.Clock.SleepNs(_delayNs);
                d.Path!.Free(d.Buffer);
                _consumed++;
            }
        }

        public bool AllCorrelatorsMatched(int correlator) => _correlators.TrueForAll(c => c == correlator);
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using ScsiBridge.Device;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;
using ScsiBridge.Protocol;

namespace ScsiBridge.Device.Tests;

/// <summary>A board made of the simulator: its bus, its HAL, a link that is two byte queues.</summary>
internal sealed class SimBoard : IBoard, ILinkPort
{
    private readonly Queue<byte> _fromPc = new();
    private readonly List<byte> _toPc = new();
    private readonly FrameDecoder _decoder = new();
    private readonly FrameWriter _writer = new();

    public SimBoard(SimBus bus)
    {
        Bus = bus;
        Platform = new SimPlatform(bus);
        Lines = new SimLineProbe(null);
    }

    public SimBus Bus { get; }

    public IHalPlatform Platform { get; }

    public ILinkPort Link => this;

    public IBusLineProbe? Lines { get; }

    public IImageLibrary? Images => null;

    public bool? Termination { get; private set; }

    public int LedChanges { get; private set; }

    public bool Led { get; private set; }

    public int WatchdogFeeds { get; private set; }

    public List<string> Threads { get; } = new();

    public IScsiController CreateController(ControllerOptions options) => Bus.Attach(options);

    public void StartThread(string name, ThreadStart body)
    {
        Threads.Add(name);
        Bus.Spawn(name, body);
    }

    public void SetTermination(bool on) => Termination = on;

    public void SetStatusLed(bool on)
    {
        if (on != Led) LedChanges++;
        Led = on;
    }

    public void FeedWatchdog() => WatchdogFeeds++;

    public int Read(byte[] buffer, int offset, int count)
    {
        lock (_fromPc)
        {
            int n = 0;
            while (n < count && _fromPc.Count > 0) buffer[offset + n++] = _fromPc.Dequeue();
            if (n > 0) return n;
        }

        Bus.Clock.SleepNs(20_000);  // a UART read that timed out
        return 0;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        lock (_toPc)
        {
            for (int i = 0; i < count; i++) _toPc.Add(buffer[offset + i]);
        }
    }

    /// <summary>The PC sends a request.</summary>
    public void Send(byte opcode, int id, byte[] payload)
    {
        byte[] wire = new byte[LinkConstants.MaxEncoded];
        int n = _writer.Encode(FrameType.Request, 0, opcode, id, payload, 0, payload.Length, wire, 0);
        lock (_fromPc)
        {
            for (int i = 0; i < n; i++) _fromPc.Enqueue(wire[i]);
        }
    }

    /// <summary>The PC waits (virtual time) for the answer to a request.</summary>
    public byte[] AnswerTo(int id)
    {
        for (int wait = 0; wait < 2000; wait++)
        {
            byte[] bytes;
            lock (_toPc)
            {
                bytes = _toPc.ToArray();
                _toPc.Clear();
            }

            int at = 0;
            while (at < bytes.Length)
            {
                at += _decoder.Feed(bytes, at, bytes.Length - at, out bool complete);
                if (complete && _decoder.Current.RequestId == id && _decoder.Current.Type == FrameType.Response)
                {
                    Frame f = _decoder.Current;
                    return f.Buffer.AsSpan(f.PayloadOffset, f.PayloadLength).ToArray();
                }
            }

            Bus.Clock.SleepNs(1_000_000);
        }

        throw new Xunit.Sdk.XunitException("no answer to request " + id);
    }
}

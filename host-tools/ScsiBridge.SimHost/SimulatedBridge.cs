using System;
using System.Collections.Generic;
using System.Threading;
using ScsiBridge.Client.Transports;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Link;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;

namespace ScsiBridge.SimHost
{
    /// <summary>A device on the simulated bus: an image served by the emulations.</summary>
    public sealed record SimDevice(int Id, string Path, bool Cdrom, bool ReadOnly);

    /// <summary>
    /// The bridge as firmware on the simulated bus: the initiator adapter and link server of the
    /// real firmware, vintage devices made of the target engine and its disk and CD-ROM
    /// emulations, and the link to the PC through a pseudo-terminal. <see cref="Run"/> serves one
    /// PC after another (a hang-up ends a session, the next one starts with HELLO) until
    /// <see cref="Stop"/>.
    /// </summary>
    public sealed class SimulatedBridge : IDisposable
    {
        private readonly SimBus _bus = new SimBus();
        private readonly ScsiAdapter _adapter;
        private readonly TargetEngine? _devices;
        private readonly LinkServer _server;
        private readonly LinkModel _model;
        private readonly PseudoTerminal _pty;
        private readonly CountingOutput _output;
        private readonly List<IDisposable> _stores = new List<IDisposable>();
        private volatile bool _stop;

        public SimulatedBridge(IReadOnlyList<SimDevice> devices, LinkModel model, LinkConfig? linkConfig = null)
        {
            _model = model;
            var adapterConfig = new AdapterConfig();
            _adapter = new ScsiAdapter(_bus.Attach(new ControllerOptions(adapterConfig.ScsiId)), new SimPlatform(_bus), adapterConfig);
            int mask = 0;
            foreach (SimDevice d in devices)
            {
                if (d.Id < 0 || d.Id > 7 || d.Id == adapterConfig.ScsiId) throw new ArgumentException("device ID " + d.Id + " must be 0-7 and not the bridge's own 7");
                if ((mask & (1 << d.Id)) != 0) throw new ArgumentException("two devices at ID " + d.Id);
                mask |= 1 << d.Id;
            }
            if (mask != 0)
            {
                int first = 0;
                while ((mask & (1 << first)) == 0) first++;
                _devices = new TargetEngine(_bus.Attach(new ControllerOptions(first)), new SimPlatform(_bus), new TargetConfig { IdMask = mask });
                foreach (SimDevice d in devices)
                {
                    var store = new FileBlockStore(d.Path, d.ReadOnly || d.Cdrom);
                    _stores.Add(store);
                    ILogicalUnit unit = d.Cdrom ? new CdromUnit(store) : new DiskUnit(store);
                    _devices.SetUnit(d.Id, 0, unit, true);
                }
            }
            _pty = PseudoTerminal.Open();
            _output = new CountingOutput(_pty.Master);
            _server = new LinkServer(_adapter, _bus.Clock, _output, linkConfig ?? new LinkConfig { BoardName = "ScsiBridge simulator" });
        }

        /// <summary>The port to connect to, as to a board's /dev/ttyUSB0.</summary>
        public string PortPath => _pty.SlavePath;

        public LinkModel Model => _model;

        public long VirtualTimeNs => _bus.NowNs;

        /// <summary>Serves the link until Stop; returns when every instance has ended.</summary>
        public void Run()
        {
            if (_devices != null) _bus.Spawn("devices", _devices.RunBusThread);
            _bus.Spawn("adapter", _adapter.RunBusThread);
            _bus.Spawn("link", ServeLink);
            _bus.RunAll();
        }

        public void Stop()
        {
            _stop = true;
        }

        private void ServeLink()
        {
            byte[] buffer = new byte[4096];
            try
            {
                while (!_stop)
                {
                    if (!_pty.IsPeerConnected)
                    {
                        try
                        {
                            _pty.WaitForPeer(100);  // nobody there: wait in real time, the bus is idle
                        }
                        catch (ObjectDisposedException)
                        {
                            break;
                        }
                        continue;
                    }
                    int n;
                    try
                    {
                        n = _pty.Master.Read(buffer, 0, buffer.Length, 0);
                    }
                    catch (LinkHangupException)
                    {
                        _server.OnPeerLost();
                        continue;
                    }
                    catch (ObjectDisposedException)
                    {
                        break;  // disposed while serving: that is a stop too
                    }
                    if (n == 0)
                    {
                        _bus.Clock.SleepNs(20_000);  // the board's link task polls its UART
                        continue;
                    }
                    // The bytes took their time on the wire before they were all here.
                    _bus.Clock.SleepNs(_model.Cost(n, 0));
                    _output.Reset();
                    try
                    {
                        _server.OnBytes(buffer, 0, n);
                    }
                    catch (LinkHangupException)
                    {
                        _server.OnPeerLost();
                        continue;
                    }
                    if (_output.Bytes > 0) _bus.Clock.SleepNs(_model.Cost(_output.Bytes, _output.Frames));
                }
            }
            finally
            {
                _adapter.Shutdown();
                _devices?.Stop();
            }
        }

        public void Dispose()
        {
            _stop = true;
            _pty.Dispose();
            foreach (IDisposable s in _stores) s.Dispose();
            _bus.Dispose();
        }

        /// <summary>Writes to the pty and counts what went out, for the link model.</summary>
        private sealed class CountingOutput : ILinkOutput
        {
            private readonly ILinkTransport _link;
            private long _bytes;
            private int _frames;

            public CountingOutput(ILinkTransport link) => _link = link;

            public long Bytes => Interlocked.Read(ref _bytes);

            public int Frames => Volatile.Read(ref _frames);

            public void Reset()
            {
                Interlocked.Exchange(ref _bytes, 0);
                Volatile.Write(ref _frames, 0);
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                _link.Write(buffer, offset, count);
                Interlocked.Add(ref _bytes, count);
                Interlocked.Increment(ref _frames);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using ScsiBridge.Client.Transports;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Link;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Sim;
using ScsiBridge.SelfTests;

namespace ScsiBridge.SimHost
{
    /// <summary>
    /// The bridge as firmware on the simulated bus, behind a pseudo-terminal:
    /// <list type="bullet">
    /// <item>the bridge: initiator adapter (ID 7), link server with its worker and transmitter,
    /// and its target side (processor device for target paths, images attached by name);</item>
    /// <item>the vintage devices of the config: disks and CD-ROMs of the emulations, processor
    /// peers, and hosts that send files to the bridge's processor;</item>
    /// <item>the link to the PC, its bytes charged in virtual time by the link model.</item>
    /// </list>
    /// <see cref="Run"/> serves one PC after another (a hang-up ends a session, the next one
    /// starts with HELLO) until <see cref="Stop"/>.
    /// </summary>
    public sealed class SimulatedBridge : IDisposable
    {
        private readonly SimBus _bus = new SimBus();
        private readonly SimConfig _config;
        private readonly ScsiAdapter _adapter;
        private readonly TargetEngine? _devices;
        private readonly TargetEngine _bridgeTarget;
        private readonly ImageManager? _images;
        private readonly LinkServer _server;
        private readonly PseudoTerminal _pty;
        private readonly WireOutput _output;
        private readonly List<IDisposable> _owned = new List<IDisposable>();
        private readonly List<HostPeer> _hosts = new List<HostPeer>();
        private readonly List<ScsiAdapter> _hostAdapters = new List<ScsiAdapter>();
        private volatile bool _stop;

        public SimulatedBridge(IReadOnlyList<SimDevice> devices, LinkModel model, LinkConfig? linkConfig = null)
            : this(Configure(devices, model), linkConfig)
        {
        }

        public SimulatedBridge(SimConfig config, LinkConfig? linkConfig = null)
        {
            _config = config;
            var adapterConfig = new AdapterConfig();
            int own = adapterConfig.ScsiId;
            _adapter = new ScsiAdapter(_bus.Attach(new ControllerOptions(own)), new SimPlatform(_bus), adapterConfig);
            int used = 1 << own;
            void Claim(int id, string what)
            {
                if (id < 0 || id > 7 || id == own) throw new ArgumentException(what + " ID " + id + " must be 0-7 and not the bridge's own " + own);
                if ((used & (1 << id)) != 0) throw new ArgumentException("two devices at ID " + id + " (" + what + ")");
                used |= 1 << id;
            }
            int deviceMask = 0;
            foreach (SimDevice d in config.Devices) Claim(d.Id, "device");
            foreach (SimProcessor p in config.Processors) Claim(p.Id, "processor");
            foreach (SimDevice d in config.Devices) deviceMask |= 1 << d.Id;
            foreach (SimProcessor p in config.Processors) deviceMask |= 1 << p.Id;
            int bridgeMask = 0;
            foreach (int id in config.BridgeTargetIds)
            {
                Claim(id, "bridge target");
                bridgeMask |= 1 << id;
            }
            foreach (SimInitiator h in config.Initiators) Claim(h.Id, "host");
            if (bridgeMask == 0) throw new ArgumentException("the bridge needs at least one target ID");

            if (deviceMask != 0)
            {
                SimController devicesController = _bus.Attach(new ControllerOptions(Lowest(deviceMask)));
                DevicesControllerIndex = devicesController.DeviceIndex;
                _devices = new TargetEngine(devicesController, new SimPlatform(_bus), new TargetConfig { IdMask = deviceMask });
                foreach (SimDevice d in config.Devices)
                {
                    if (d.Cdrom && d.Path.EndsWith(".cue", StringComparison.OrdinalIgnoreCase))
                    {
                        // A disc of several tracks: the CUE sheet and its BINs.
                        CdDisc disc = FolderCueOpener.Load(d.Path, _owned);
                        var cd = CdromUnit.ForDisc(d.Profile ?? DeviceProfile.GenericCdrom(), disc);
                        cd.Clock = _bus.Clock;
                        _devices.SetUnit(d.Id, 0, cd, true);
                        continue;
                    }
                    var file = d.Tape && !d.ReadOnly ? new FileBlockStore(d.Path, false, SimDevice.TapeCapacity) : new FileBlockStore(d.Path, d.ReadOnly || d.Cdrom || d.Tape);
                    _owned.Add(file);
                    IBlockStore store = d.BadBlocks == null || d.Tape ? file : new UnreadableBlockStore(file, d.BadBlocks, d.Cdrom ? 2048 : 512);
                    if (config.WrapStore != null) store = config.WrapStore(d, store);
                    ILogicalUnit unit = d.Tape ? new TapeUnit(d.TapeDriveOrDefault(), store) : d.Cdrom ? (d.Profile != null ? new CdromUnit(d.Profile, store) : new CdromUnit(store))
                                                : (d.Profile != null ? new DiskUnit(d.Profile, store) : new DiskUnit(store));
                    if (unit is CdromUnit cdrom) cdrom.Clock = _bus.Clock;
                    if (config.WrapUnit != null) unit = config.WrapUnit(d, unit);
                    _devices.SetUnit(d.Id, 0, unit, true);
                }
                foreach (SimProcessor p in config.Processors)
                {
                    var processor = new ScsiTarget(_devices, p.Id);
                    var sink = new ProcessorSink(p.SinkPath);
                    _owned.Add(sink);
                    ProcessorPaths.Add((processor, sink));
                }
            }

            // The bridge's own target side: its processor at the highest of its IDs, images at the rest.
            int processorId = Highest(bridgeMask);
            _bridgeTarget = new TargetEngine(_bus.Attach(new ControllerOptions(processorId)), new SimPlatform(_bus), new TargetConfig { IdMask = bridgeMask });
            var bridgeProcessor = new ScsiTarget(_bridgeTarget, processorId);
            if (config.ImageFolder != null)
            {
                _images = new ImageManager(_bridgeTarget, new FolderImageLibrary(config.ImageFolder), bridgeMask & ~(1 << processorId)) { Clock = _bus.Clock };
            }
            BridgeProcessorId = processorId;

            foreach (SimInitiator h in config.Initiators)
            {
                byte[] data = File.ReadAllBytes(h.SourcePath);
                var hostAdapter = new ScsiAdapter(_bus.Attach(new ControllerOptions(h.Id)), new SimPlatform(_bus), new AdapterConfig { ScsiId = h.Id });
                _hostAdapters.Add(hostAdapter);
                _hosts.Add(new HostPeer(hostAdapter, _bus.Clock, processorId, data));
            }

            _pty = PseudoTerminal.Open();
            _bus.Interpreter = config.Interpreter;
            Time = new SimulatorTimeProvider(() => _bus.NowNs);
            if (config.LockStepQuietMs > 0) _lockStep = new PcLockStep(_pty.Master, Math.Max(config.LockStepAnswerMs, config.LockStepQuietMs), config.LockStepQuietMs, () => _bus.NowNs);
            _output = new WireOutput(_pty.Master, config.Link, _bus.Clock, config.Interpreter, _lockStep);
            _server = new LinkServer(_adapter, new SimPlatform(_bus), _output, linkConfig ?? new LinkConfig { BoardName = "ScsiBridge simulator" },
                                     bridgeProcessor, _images);
            // The board's self-tests, on the simulator's HAL: SELFTEST runs the same sources.
            _server.SelfTests = new BoardSelfTestRunner(new SimLineProbe(_bus), _adapter.Ring);
        }

        private static SimConfig Configure(IReadOnlyList<SimDevice> devices, LinkModel model)
        {
            var config = new SimConfig { Link = model };
            config.Devices.AddRange(devices);
            return config;
        }

        private static int Lowest(int mask)
        {
            int id = 0;
            while ((mask & (1 << id)) == 0) id++;
            return id;
        }

        private static int Highest(int mask)
        {
            int id = 7;
            while ((mask & (1 << id)) == 0) id--;
            return id;
        }

        /// <summary>Processor peers with their sinks; tests open a path on them for the bridge.</summary>
        internal List<(ScsiTarget Target, ProcessorSink Sink)> ProcessorPaths { get; } = new();

        /// <summary>The port to connect to, as to a board's /dev/ttyUSB0.</summary>
        public string PortPath => _pty.SlavePath;

        public LinkModel Model => _config.Link;

        /// <summary>The bridge's processor device (target paths) is at this ID.</summary>
        public int BridgeProcessorId { get; }

        public long VirtualTimeNs => _bus.NowNs;

        /// <summary>Virtual time as a TimeProvider: the tool's clock when a test runs it against
        /// this simulator (its timers fire from the link receiver).</summary>
        public SimulatorTimeProvider Time { get; }

        private readonly PcLockStep? _lockStep;
        private int _lateReads;

        /// <summary>In lock-step: times the PC's bytes came outside a hold (the tool took longer
        /// than the quiet time to answer, or spoke first). Each may make the run differ in
        /// virtual time from another run of the same seed; 0 means the tool was in step throughout.</summary>
        public int LateReads => Volatile.Read(ref _lateReads);

        /// <summary>In lock-step: holds the tool let pass without a word.</summary>
        public int UnansweredHolds => _lockStep?.Unanswered ?? 0;

        /// <summary>Records every edge on the bus while on (see <see cref="TraceVcd"/>).</summary>
        public bool TraceEnabled
        {
            get => _bus.TraceEnabled;
            set => _bus.TraceEnabled = value;
        }

        /// <summary>The edges recorded so far, as VCD text (GTKWave, PulseView, Surfer).</summary>
        public byte[] TraceVcd() => _bus.VcdBytes();

        /// <summary>Commands of one SCSI opcode a simulated device has served (how tests see that
        /// a WRITE was applied once).</summary>
        public int CommandsServed(int opcode) => _devices?.CommandsServed(opcode) ?? 0;

        /// <summary>Line noise on answers only: the next n responses arrive with a CRC error.</summary>
        public void DamageResponsesToPc(int n) => _output.DamageNextResponses(n);

        /// <summary>Someone pressed a reset button on the bus: a SCSI bus reset a moment from now.</summary>
        public void ResetBus() => _bus.Inject(SimFault.ResetAt(_bus.NowNs + 100_000));

        /// <summary>Any fault the simulated bus can inject (parity, a device that stops answering
        /// or vanishes, a reset at a phase...), for fault campaigns.</summary>
        public void Inject(SimFault fault) => _bus.Inject(fault);

        /// <summary>The bus controller index of the emulated devices (for SimFault's device).</summary>
        public int DevicesControllerIndex { get; } = -1;

        /// <summary>
        /// What the bridge holds for PCs now: ring buffers free of all, write frames held, whether
        /// a session is elevated, and how many device sessions are open. After a PC has gone and the
        /// bridge has noticed, a bridge that leaks nothing has every buffer free, nothing held, no
        /// privilege and no session.
        /// </summary>
        public (int RingFree, int RingCount, int DataHeld, bool Elevated, int SessionsOpen) Health()
        {
            int open = 0;
            for (int id = 0; id < 8; id++)
            {
                for (int lun = 0; lun < 8; lun++)
                {
                    if (_adapter.IsStarted(id, lun)) open++;
                }
            }
            return (_adapter.Ring.FreeCount, _adapter.Ring.Count, _server.DataHeld, _server.Elevated, open);
        }

        /// <summary>Serves the link until Stop; returns when every instance has ended.</summary>
        public void Run()
        {
            if (_devices != null) _bus.Spawn("devices", _devices.RunBusThread);
            foreach (var (target, sink) in ProcessorPaths)
            {
                _bus.Spawn("processor peer", () =>
                {
                    // The peer accepts data from the bridge as soon as its engine listens.
                    while (target.StartTarget(7, 0, 4096, 16, sink, 0, true, out _) == Errno.EIO && !_stop) _bus.Clock.SleepNs(1_000_000);
                });
            }
            _bus.Spawn("bridge target", _bridgeTarget.RunBusThread);
            _bus.Spawn("adapter", _adapter.RunBusThread);
            _bus.Spawn("link worker", _server.RunWorker);
            _bus.Spawn("link transmitter", _server.RunTransmitter);
            for (int i = 0; i < _hosts.Count; i++)
            {
                _bus.Spawn("host " + _hosts[i].Id + " bus", _hostAdapters[i].RunBusThread);
                _bus.Spawn("host " + _hosts[i].Id, _hosts[i].Run);
            }
            _bus.Spawn("link receiver", ServeLink);
            _bus.RunAll();
        }

        public void Stop()
        {
            _stop = true;
        }

        private void ServeLink()
        {
            byte[] buffer = new byte[4096];
            bool hadPeer = false;
            long endingSince = 0;
            try
            {
                while (!_stop)
                {
                    // The tool's timers that are due start now; in lock-step the simulation then
                    // holds still until the tool has done what they made it do.
                    if (Time.NextDueNs != long.MaxValue && Time.FireDue(_bus.NowNs) > 0) _lockStep?.Hold();
                    int kept = _lockStep?.Take(buffer) ?? 0;
                    if (kept > 0)
                    {
                        Received(buffer, kept);
                        continue;
                    }
                    if (!_pty.IsPeerConnected)
                    {
                        if (hadPeer)
                        {
                            // The PC closed the port between two reads: the board's UART would
                            // see the USB bridge's hang-up the same way. The session ends now.
                            hadPeer = false;
                            _server.OnPeerLost();
                            endingSince = _bus.NowNs;
                        }
                        if ((_server.SessionEnding || !_server.IsIdle) && _bus.NowNs - endingSince < 120_000_000_000L)
                        {
                            // Waiting for a peer in real time holds the whole simulation still:
                            // first let the worker end the old session (it halts and stops the
                            // devices on the bus), in virtual time.
                            _bus.Clock.SleepNs(1_000_000);
                            continue;
                        }
                        try
                        {
                            _pty.WaitForPeer(100);  // nobody there: wait in real time
                        }
                        catch (ObjectDisposedException)
                        {
                            break;
                        }
                        continue;
                    }
                    hadPeer = true;
                    int n;
                    try
                    {
                        n = _pty.Master.Read(buffer, 0, buffer.Length, 0);
                        if (n == 0 && _config.Paced) n = WaitForTheWallClock(buffer);
                    }
                    catch (LinkHangupException)
                    {
                        hadPeer = false;
                        _server.OnPeerLost();
                        endingSince = _bus.NowNs;
                        continue;
                    }
                    catch (ObjectDisposedException)
                    {
                        break;  // disposed while serving: that is a stop too
                    }
                    if (n == 0)
                    {
                        if (_lockStep != null && _server.IsIdle && !_stop)
                        {
                            // In step with the tool, and nothing for the bridge to do: virtual time
                            // stands still while the tool works, and moves on to its next timer
                            // only once the tool has been quiet.
                            if (_lockStep.Hold()) continue;
                            long due = Time.NextDueNs, now = _bus.NowNs;
                            if (due == long.MaxValue) continue;
                            if (due > now) _bus.Clock.SleepNs(due - now);
                            continue;
                        }
                        _bus.Clock.SleepNs(20_000);  // the board's link task polls its UART
                        continue;
                    }
                    if (_lockStep != null && _bus.NowNs != _lockStep.HeldAtNs) Interlocked.Increment(ref _lateReads);
                    Received(buffer, n);
                }
            }
            finally
            {
                foreach (HostPeer h in _hosts) h.Stop();
                _server.Shutdown();
                while (!_server.Stopped) _bus.Clock.SleepNs(100_000);
                _adapter.Shutdown();
                _bridgeTarget.Stop();
                _devices?.Stop();
                _images?.DetachAll();
            }
        }

        // The bytes took their time on the wire before they were all here, and the link server's
        // managed code takes its time for each frame they complete.
        private void Received(byte[] buffer, int n)
        {
            _bus.Clock.SleepNs(_config.Link.Cost(n) + FramesEnded(buffer, n) * _config.Interpreter.FrameNs);
            _server.OnBytes(buffer, 0, n);
        }

        // A frame ends at its delimiter, a zero byte (COBS leaves no other zero).
        private static int FramesEnded(byte[] buffer, int count)
        {
            int frames = 0;
            for (int i = 0; i < count; i++) if (buffer[i] == 0) frames++;
            return frames;
        }

        private readonly System.Diagnostics.Stopwatch _wall = new System.Diagnostics.Stopwatch();
        private long _anchorWallNs;
        private long _anchorVirtualNs;

        /// <summary>
        /// Pacing: while virtual time is ahead of the wall clock, wait in real time (for the PC's
        /// next bytes, or until the wall clock has caught up). Virtual time that fell behind (the
        /// simulator idle without a PC, or the host slower than the board) is not made up in a
        /// burst: the two clocks are tied together again from there.
        /// </summary>
        private int WaitForTheWallClock(byte[] buffer)
        {
            if (!_wall.IsRunning) _wall.Start();
            long wallNs = _wall.Elapsed.Ticks * 100 - _anchorWallNs;
            long virtualNs = _bus.NowNs - _anchorVirtualNs;
            long ahead = virtualNs - wallNs;
            if (ahead < -20_000_000)
            {
                _anchorWallNs = _wall.Elapsed.Ticks * 100;
                _anchorVirtualNs = _bus.NowNs;
                return 0;
            }
            if (ahead < 1_000_000) return 0;
            return _pty.Master.Read(buffer, 0, buffer.Length, (int)Math.Min(ahead / 1_000_000, 50));
        }

        public void Dispose()
        {
            _stop = true;
            _pty.Dispose();
            foreach (IDisposable s in _owned) s.Dispose();
            _bus.Dispose();
        }
    }
}

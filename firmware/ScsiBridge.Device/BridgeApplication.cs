using System;
using ScsiBridge.Firmware.Adapter;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Firmware.Link;
using ScsiBridge.Firmware.Target;
using ScsiBridge.Hal;
using ScsiBridge.SelfTests;

namespace ScsiBridge.Device
{
    /// <summary>
    /// The bridge on a board: the initiator adapter, the target side (when the configuration
    /// gives the bridge target IDs), images from the board's storage, the link server with the
    /// self-tests, and their threads; then an idle loop that sleeps on a signal, feeds the
    /// watchdog and drives the status LED. Everything goes through IBoard and the HAL, so the
    /// same code runs on the simulator.
    /// </summary>
    public sealed class BridgeApplication
    {
        /// <summary>The idle loop's period: LED pattern step and watchdog feed.</summary>
        public const long IdleTickNs = 250000000L;

        private readonly IBoard _board;
        private readonly BridgeSettings _settings;
        private readonly IHalSignal _wake;
        private ScsiAdapter? _adapter;
        private TargetEngine? _target;
        private ImageManager? _images;
        private LinkServer? _server;
        private bool _stop;
        private bool _linkEnded;
        private int _framesSeen;

        public BridgeApplication(IBoard board, BridgeSettings settings)
        {
            if (board == null) throw new ArgumentNullException("board");
            if (settings == null) throw new ArgumentNullException("settings");
            _board = board;
            _settings = settings;
            _wake = board.Platform.CreateSignal();
        }

        /// <summary>The link server, once started.</summary>
        public LinkServer? Server
        {
            get { return _server; }
        }

        /// <summary>Builds the bridge and starts its threads.</summary>
        public void Start()
        {
            if (_server != null) throw new InvalidOperationException("the application is already started");
            IHalPlatform platform = _board.Platform;
            _board.SetTermination(_settings.Termination);
            _adapter = new ScsiAdapter(_board.CreateController(new ControllerOptions(_settings.ScsiId)), platform, new AdapterConfig { ScsiId = _settings.ScsiId });

            ScsiTarget? processor = null;
            int targets = _settings.TargetIdMask;
            if (targets != 0)
            {
                int processorId = Highest(targets);
                _target = new TargetEngine(_board.CreateController(new ControllerOptions(processorId)), platform, new TargetConfig { IdMask = targets });
                processor = new ScsiTarget(_target, processorId);
                int imageIds = targets & ~(1 << processorId);
                IImageLibrary? library = _board.Images;
                if (library != null && imageIds != 0) _images = new ImageManager(_target, library, imageIds);
            }

            _server = new LinkServer(_adapter, platform, _board.Link,
                                     new LinkConfig { BoardName = _settings.BoardName, AdminPin = _settings.AdminPin }, processor, _images);
            _server.SelfTests = new BoardSelfTestRunner(_board.Lines, _adapter.Ring);

            _board.StartThread("adapter", _adapter.RunBusThread);
            if (_target != null) _board.StartThread("target", _target.RunBusThread);
            _board.StartThread("link worker", _server.RunWorker);
            _board.StartThread("link transmitter", _server.RunTransmitter);
            _board.StartThread("link receiver", ReceiveLink);
        }

        /// <summary>
        /// The main thread's loop until Stop: never spins, wakes every IdleTickNs to feed the
        /// watchdog and step the LED. Returns once the link side has shut down.
        /// </summary>
        public void RunIdle()
        {
            long tick = 0;
            while (!Stopping())
            {
                _wake.Wait(IdleTickNs);
                _board.FeedWatchdog();
                _board.SetStatusLed(StatusLed.IsOn(State(), tick));
                tick++;
            }

            while (!LinkEnded())
            {
                _board.FeedWatchdog();
                _wake.Wait(IdleTickNs);
            }

            _board.SetStatusLed(false);
        }

        /// <summary>Stops the link and the bus threads; RunIdle returns when they are down.</summary>
        public void Stop()
        {
            lock (_wake)
            {
                _stop = true;
            }

            _wake.Set();
        }

        /// <summary>Waiting or Active, from the frames the link has seen since the last tick.</summary>
        private int State()
        {
            LinkServer? server = _server;
            if (server == null) return StatusLed.Failed;
            int frames = server.FramesIn;
            bool active = frames != _framesSeen;
            _framesSeen = frames;
            return active ? StatusLed.Active : StatusLed.Waiting;
        }

        private void ReceiveLink()
        {
            byte[] buffer = new byte[512];
            LinkServer server = _server!;
            try
            {
                while (!Stopping())
                {
                    int n = _board.Link.Read(buffer, 0, buffer.Length);
                    if (n > 0) server.OnBytes(buffer, 0, n);
                    else if (n < 0) server.OnPeerLost();
                }
            }
            finally
            {
                server.Shutdown();
                while (!server.Stopped) _board.Platform.Clock.SleepNs(1000000);
                _adapter!.Shutdown();
                if (_target != null) _target.Stop();
                if (_images != null) _images.DetachAll();
                lock (_wake)
                {
                    _linkEnded = true;
                }

                _wake.Set();
            }
        }

        private bool Stopping()
        {
            lock (_wake)
            {
                return _stop;
            }
        }

        private bool LinkEnded()
        {
            lock (_wake)
            {
                return _linkEnded;
            }
        }

        private static int Highest(int mask)
        {
            int id = 7;
            while ((mask & (1 << id)) == 0) id--;
            return id;
        }
    }
}

using System;

namespace ScsiBridge.Hal.Esp32
{
    /// <summary>
    /// The board's HAL in one object: the platform (clock, signals, native data plane), the
    /// controllers, the link port and the slow lines, over the interop component. The custom
    /// events the component posts come in through <see cref="OnCustomEvent"/> (Interop/NativeHal
    /// subscribes it to nanoFramework's CustomEvent) and wake the controller or the link they name.
    /// </summary>
    public sealed class Esp32Hal
    {
        /// <summary>The link port's read timeout: a reader wakes at least this often.</summary>
        public const int LinkReadTimeoutMs = 250;

        private readonly IControllerInterop _controllers;
        private readonly Esp32Controller?[] _open = new Esp32Controller?[InteropLayout.MaxControllers];
        private readonly Esp32Platform _platform;
        private readonly Esp32LinkPort _link;
        private readonly SlowLines _lines;
        private int _strayEvents;

        internal Esp32Hal(IControllerInterop controllers, IRingInterop ring, IFrameCodecInterop codec, ILinkInterop link, SlowLines lines)
        {
            _controllers = controllers;
            _platform = new Esp32Platform(new Esp32Clock(controllers), new Esp32DataPlane(ring, codec));
            InteropStatus.Check(link.Open(), "opening the link to the PC");
            _link = new Esp32LinkPort(link, LinkReadTimeoutMs);
            _lines = lines;
        }

        public IHalPlatform Platform
        {
            get { return _platform; }
        }

        public Esp32LinkPort Link
        {
            get { return _link; }
        }

        public SlowLines Lines
        {
            get { return _lines; }
        }

        /// <summary>Custom events that named nothing open (another component's, or a closed controller's).</summary>
        public int StrayEvents
        {
            get { return _strayEvents; }
        }

        /// <summary>Opens a controller on the board's bus (at most two: the initiator adapter and the target side).</summary>
        public IScsiController OpenController(ControllerOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            if (options.ScsiId < 0 || options.ScsiId > 7) throw new ArgumentOutOfRangeException("options", "a SCSI ID is 0 to 7");
            int index = InteropStatus.Check(
                _controllers.Open(options.ScsiId, options.ParityCheck ? 1 : 0, options.MaxSyncOffset, options.MinSyncPeriodNs),
                "opening a controller as SCSI ID " + options.ScsiId.ToString());
            if (index >= _open.Length)
            {
                throw new Esp32InteropException(InteropStatus.NoSuchController, "opening a controller: the component gave index " + index.ToString() + ", beyond the two this HAL keeps");
            }

            var controller = new Esp32Controller(_controllers, index, options.ScsiId);
            lock (_open)
            {
                _open[index] = controller;
            }

            return controller;
        }

        /// <summary>A custom event (nanoFramework's CustomEventArgs.Data1 and Data2): wakes the
        /// controller whose completion is ready, or the link reader. Returns whether it was ours.</summary>
        public bool OnCustomEvent(int data1, uint data2)
        {
            if (data1 == InteropLayout.EventCompletion)
            {
                Esp32Controller? target = null;
                lock (_open)
                {
                    if (data2 < (uint)_open.Length) target = _open[(int)data2];
                }

                if (target != null)
                {
                    target.OnCompletionEvent();
                    return true;
                }
            }
            else if (data1 == InteropLayout.EventLinkData)
            {
                _link.OnDataEvent();
                return true;
            }

            _strayEvents++;
            return false;
        }
    }
}

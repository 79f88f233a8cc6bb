using System.Threading;
using ScsiBridge.Firmware.Emulation;
using ScsiBridge.Hal;
using ScsiBridge.Hal.Esp32;

namespace ScsiBridge.Device
{
    /// <summary>
    /// The ESP32-S3 board through hal/ScsiBridge.Hal.Esp32: its controllers, native data plane,
    /// link and slow lines. The self-tests' line probe and SD-card images are not wired yet (null).
    /// </summary>
    public sealed class Esp32Board : IBoard
    {
        private readonly Esp32Hal _hal;
        private readonly ILinkPort _link;

        public Esp32Board(Esp32Hal hal)
        {
            if (hal == null) throw new System.ArgumentNullException("hal");
            _hal = hal;
            _link = new Esp32Link(hal.Link);
        }

        public IHalPlatform Platform
        {
            get { return _hal.Platform; }
        }

        public IScsiController CreateController(ControllerOptions options)
        {
            return _hal.OpenController(options);
        }

        public ILinkPort Link
        {
            get { return _link; }
        }

        public IBusLineProbe? Lines
        {
            get { return null; }
        }

        public IImageLibrary? Images
        {
            get { return null; }
        }

        public void StartThread(string name, ThreadStart body)
        {
            new Thread(body).Start();
        }

        public void SetTermination(bool on)
        {
            _hal.Lines.SetTermination(on);
        }

        public void SetStatusLed(bool on)
        {
            _hal.Lines.SetStatusLed(on);
        }

        public void FeedWatchdog()
        {
            // The board HAL exposes no watchdog to managed code: the idle loop's regular wake-up
            // is what there is to show, and the bus loop on core 1 never blocks core 0.
        }

        private sealed class Esp32Link : ILinkPort
        {
            private readonly Esp32LinkPort _port;

            public Esp32Link(Esp32LinkPort port)
            {
                _port = port;
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                return _port.Read(buffer, offset, count);
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                _port.Write(buffer, offset, count);
            }
        }
    }
}

using System;

namespace ScsiBridge.Hal.Esp32
{
    /// <summary>
    /// The board's slow lines: the terminator's enable (TERM_EN, which powers the active
    /// terminator from TERMPWR) and the status LED, with the GPIOs and active levels the
    /// application takes from the generated BoardPins (board/pins.csv).
    /// </summary>
    public sealed class SlowLines
    {
        private readonly IBoardLines _lines;
        private readonly int _termEn;
        private readonly bool _termEnActiveHigh;
        private readonly int _led;
        private readonly bool _ledActiveHigh;

        public SlowLines(IBoardLines lines, int termEnGpio, bool termEnActiveHigh, int statusLedGpio, bool statusLedActiveHigh)
        {
            if (lines == null) throw new ArgumentNullException("lines");
            if (termEnGpio < 0 || termEnGpio > 48) throw new ArgumentOutOfRangeException("termEnGpio", "an ESP32-S3 GPIO is 0 to 48");
            if (statusLedGpio < 0 || statusLedGpio > 48) throw new ArgumentOutOfRangeException("statusLedGpio", "an ESP32-S3 GPIO is 0 to 48");
            if (termEnGpio == statusLedGpio) throw new ArgumentException("TERM_EN and the status LED cannot share GPIO " + termEnGpio.ToString() + "; check board/pins.csv", "statusLedGpio");
            _lines = lines;
            _termEn = termEnGpio;
            _termEnActiveHigh = termEnActiveHigh;
            _led = statusLedGpio;
            _ledActiveHigh = statusLedActiveHigh;
        }

        public void SetTermination(bool on)
        {
            _lines.Write(_termEn, on == _termEnActiveHigh);
        }

        public void SetStatusLed(bool on)
        {
            _lines.Write(_led, on == _ledActiveHigh);
        }
    }
}

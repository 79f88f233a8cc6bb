// Generated from board/pins.csv by `dotnet run --project board/ScsiBridge.Board -- generate`; do not edit.
namespace ScsiBridge.Device
{
    /// <summary>
    /// The ESP32-S3 GPIO of every board signal, from board/pins.csv. Bus signals read low when
    /// asserted except where a constant says otherwise; DB0-7 are on dedicated-GPIO channels 0-7.
    /// </summary>
    public static class BoardPins
    {
        /// <summary>data line DB0, both directions.</summary>
        public const int Db0 = 4;

        /// <summary>data line DB1, both directions.</summary>
        public const int Db1 = 5;

        /// <summary>data line DB2, both directions.</summary>
        public const int Db2 = 6;

        /// <summary>data line DB3, both directions.</summary>
        public const int Db3 = 7;

        /// <summary>data line DB4, both directions.</summary>
        public const int Db4 = 8;

        /// <summary>data line DB5, both directions.</summary>
        public const int Db5 = 9;

        /// <summary>data line DB6, both directions.</summary>
        public const int Db6 = 10;

        /// <summary>data line DB7, both directions.</summary>
        public const int Db7 = 11;

        /// <summary>data line DBP, both directions.</summary>
        public const int Dbp = 12;

        /// <summary>board output DATA_OE_N.</summary>
        public const int DataOeN = 17;

        /// <summary>board output ROLE.</summary>
        public const int Role = 18;

        /// <summary>REQ, driven by the target, sensed by the other role.</summary>
        public const int Req = 14;

        /// <summary>ACK, driven by the initiator, sensed by the other role.</summary>
        public const int Ack = 15;

        /// <summary>MSG, driven by the target, sensed by the other role.</summary>
        public const int Msg = 13;

        /// <summary>CD, driven by the target, sensed by the other role.</summary>
        public const int Cd = 16;

        /// <summary>IO, driven by the target, sensed by the other role.</summary>
        public const int Io = 21;

        /// <summary>ATN, driven by the initiator, sensed by the other role.</summary>
        public const int Atn = 47;

        /// <summary>BSY (wired-OR), sensed.</summary>
        public const int Bsy = 1;

        /// <summary>BSY (wired-OR), driven.</summary>
        public const int BsyDrv = 2;

        /// <summary>SEL (wired-OR), sensed.</summary>
        public const int Sel = 39;

        /// <summary>SEL (wired-OR), driven.</summary>
        public const int SelDrv = 40;

        /// <summary>RST (wired-OR), sensed.</summary>
        public const int Rst = 41;

        /// <summary>RST (wired-OR), driven.</summary>
        public const int RstDrv = 42;

        /// <summary>board output TERM_EN.</summary>
        public const int TermEn = 38;

        /// <summary>board output STATUS_LED.</summary>
        public const int StatusLed = 48;

        /// <summary>The level that turns DATA_OE_N on.</summary>
        public const bool DataOeNActiveHigh = false;

        /// <summary>The level that turns ROLE on.</summary>
        public const bool RoleActiveHigh = true;

        /// <summary>The level that turns TERM_EN on.</summary>
        public const bool TermEnActiveHigh = true;

        /// <summary>The level that turns STATUS_LED on.</summary>
        public const bool StatusLedActiveHigh = true;

        /// <summary>DB0-7 in bit order: the GPIOs of dedicated-GPIO channels 0-7.</summary>
        public static readonly int[] DataBundle = { 4, 5, 6, 7, 8, 9, 10, 11 };
    }
}

namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>What SCIOLRESET found after its BUS DEVICE RESET.</summary>
    public sealed class ResetOutcome
    {
        /// <summary>The unit attention that followed the reset, consumed by the adapter.</summary>
        public bool HadUnitAttention { get; internal set; }

        public int Asc { get; internal set; }

        public int Ascq { get; internal set; }

        internal void Clear()
        {
            HadUnitAttention = false;
            Asc = Ascq = 0;
        }
    }
}

namespace ScsiBridge.Firmware.Adapter
{
    /// <summary>Which status fields of a completed request hold something (AIX status_validity).</summary>
    public static class StatusValidity
    {
        public const int ScsiStatusValid = 1;
        public const int AdapterStatusValid = 2;
    }
}

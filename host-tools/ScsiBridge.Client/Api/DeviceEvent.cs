namespace ScsiBridge.Client.Api
{
    /// <summary>A device session's asynchronous event (SCIOLEVENT), as the bridge forwards it.</summary>
    public sealed record DeviceEvent(int Kind, int TargetId, int Lun, uint Correlator, int SenseKey, int Asc, int Ascq)
    {
        public string KindName => Kind switch
        {
            1 => "unit attention",
            2 => "bus reset",
            3 => "device reset",
            4 => "device no longer answering",
            5 => "command timeout",
            _ => "event " + Kind,
        };
    }
}

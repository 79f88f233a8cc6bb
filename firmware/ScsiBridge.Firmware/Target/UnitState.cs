namespace ScsiBridge.Firmware.Target
{
    /// <summary>
    /// The engine's bookkeeping for one logical unit: the unit itself, and per initiator (IDs
    /// 0-7, and slot 8 for a SCSI-1 host that gave no ID) a pending unit attention and the
    /// sense of the last CHECK CONDITION (contingent allegiance: REQUEST SENSE returns it once).
    /// </summary>
    internal sealed class UnitState
    {
        public const int Initiators = 9;

        public ILogicalUnit? Unit;
        public bool UnitAttentionOnReset = true;
        public readonly bool[] UnitAttention = new bool[Initiators];
        public readonly int[] UaCode = new int[Initiators];
        public readonly int[] SenseKey = new int[Initiators];
        public readonly int[] SenseCode = new int[Initiators];
        public readonly long[] SenseInfo = new long[Initiators];
        public readonly bool[] SenseInfoValid = new bool[Initiators];
        public readonly int[] SenseField = new int[Initiators];

        public void RaiseUnitAttention(int code)
        {
            for (int i = 0; i < Initiators; i++)
            {
                UnitAttention[i] = true;
                UaCode[i] = code;
            }
        }

        public void ClearSense(int initiator)
        {
            SenseKey[initiator] = 0;
            SenseCode[initiator] = 0;
            SenseInfo[initiator] = 0;
            SenseInfoValid[initiator] = false;
            SenseField[initiator] = -1;
        }
    }
}

namespace ScsiBridge.Iscsi.Scsi;

/// <summary>
/// Fixed-format sense data (SPC-3 4.5.3) as the gateway hands it to initiators, whatever the
/// unit behind it produced: an emulated unit's answer, a drive's extended sense, or a failure of
/// the bridge itself turned into the closest standard condition.
/// </summary>
internal static class Sense
{
    public const int Length = 18;

    public const int NoSense = 0x0;
    public const int NotReady = 0x2;
    public const int MediumError = 0x3;
    public const int HardwareError = 0x4;
    public const int IllegalRequest = 0x5;
    public const int UnitAttention = 0x6;
    public const int DataProtect = 0x7;
    public const int AbortedCommand = 0xB;
    public const int Miscompare = 0xE;

    public const int InvalidCommandOperationCode = 0x2000;
    public const int LogicalBlockAddressOutOfRange = 0x2100;
    public const int InvalidFieldInCdb = 0x2400;
    public const int LogicalUnitNotSupported = 0x2500;
    public const int InvalidFieldInParameterList = 0x2600;
    public const int WriteProtected = 0x2700;
    public const int MiscompareDuringVerify = 0x1D00;
    public const int UnrecoveredReadError = 0x1100;
    public const int InternalTargetFailure = 0x4400;
    public const int CommunicationFailure = 0x0800;
    public const int CommunicationTimeout = 0x0801;
    public const int ParameterListLengthError = 0x1A00;
    public const int CommandSequenceError = 0x2C00;

    public static byte[] Build(int key, int code, long? information = null, int fieldPointer = -1, bool fieldInCdb = true)
    {
        byte[] s = new byte[Length];
        s[0] = (byte)(information.HasValue ? 0xF0 : 0x70);
        s[2] = (byte)(key & 0x0F);
        if (information.HasValue)
        {
            uint info = unchecked((uint)information.Value);
            s[3] = (byte)(info >> 24);
            s[4] = (byte)(info >> 16);
            s[5] = (byte)(info >> 8);
            s[6] = (byte)info;
        }
        s[7] = 10;
        s[12] = (byte)(code >> 8);
        s[13] = (byte)code;
        if (fieldPointer >= 0)
        {
            s[15] = (byte)(0x80 | (fieldInCdb ? 0x40 : 0x00));  // SKSV, C/D
            s[16] = (byte)(fieldPointer >> 8);
            s[17] = (byte)fieldPointer;
        }
        return s;
    }

    public static int KeyOf(byte[] sense) => sense.Length > 2 ? sense[2] & 0x0F : 0;

    public static int CodeOf(byte[] sense) => sense.Length > 13 ? (sense[12] << 8) | sense[13] : 0;

    public static string Describe(byte[] sense) =>
        Client.Api.SenseData.KeyName(KeyOf(sense)) + " " + (CodeOf(sense) >> 8).ToString("X2") + "/" + (CodeOf(sense) & 0xFF).ToString("X2");
}

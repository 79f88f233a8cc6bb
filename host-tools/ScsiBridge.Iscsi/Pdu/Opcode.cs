namespace ScsiBridge.Iscsi.Pdu;

/// <summary>PDU opcodes (RFC 7143 11.2.1.2): initiator to target below 0x20, target to initiator above.</summary>
internal static class Opcode
{
    public const int NopOut = 0x00;
    public const int ScsiCommand = 0x01;
    public const int TaskManagementRequest = 0x02;
    public const int LoginRequest = 0x03;
    public const int TextRequest = 0x04;
    public const int DataOut = 0x05;
    public const int LogoutRequest = 0x06;
    public const int Snack = 0x10;

    public const int NopIn = 0x20;
    public const int ScsiResponse = 0x21;
    public const int TaskManagementResponse = 0x22;
    public const int LoginResponse = 0x23;
    public const int TextResponse = 0x24;
    public const int DataIn = 0x25;
    public const int LogoutResponse = 0x26;
    public const int ReadyToTransfer = 0x31;
    public const int AsyncMessage = 0x32;
    public const int Reject = 0x3F;
}

/// <summary>Reject reasons (RFC 7143 11.17.1).</summary>
internal static class RejectReason
{
    public const int SnackReject = 0x03;
    public const int ProtocolError = 0x04;
    public const int CommandNotSupported = 0x05;
    public const int InvalidPduField = 0x09;
}

namespace ScsiBridge.Iscsi.Login;

/// <summary>Login response status class and detail (RFC 7143 11.13.5), as one 16-bit value.</summary>
internal static class LoginStatus
{
    public const int Success = 0x0000;
    public const int InitiatorError = 0x0200;
    public const int AuthenticationFailure = 0x0201;
    public const int TargetNotFound = 0x0203;
    public const int UnsupportedVersion = 0x0205;
    public const int MissingParameter = 0x0207;
    public const int SessionTypeNotSupported = 0x0209;
    public const int SessionDoesNotExist = 0x020A;
    public const int InvalidDuringLogin = 0x020B;
    public const int TargetError = 0x0300;
    public const int OutOfResources = 0x0302;
}

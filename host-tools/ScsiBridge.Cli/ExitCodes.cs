namespace ScsiBridge.Cli;

/// <summary>
/// What scsibridge's exit status means (docs/cli.md lists them for scripts). Each failure a
/// script may want to tell apart has its own number.
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Anything else: a file could not be read or written, an unexpected error.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: unknown option, bad hex, a value out of range.</summary>
    public const int Usage = 2;

    /// <summary>No bridge reached: no port, the port busy or not the bridge's, nothing answering, link errors.</summary>
    public const int Link = 3;

    /// <summary>No device answered at that SCSI ID and LUN.</summary>
    public const int DeviceNotFound = 4;

    /// <summary>The device ended a command with CHECK CONDITION (or another status than GOOD).</summary>
    public const int CheckCondition = 5;

    /// <summary>Not allowed: --privileged or --allow-write missing, confirmation refused, the
    /// port's permissions, or the bridge refused the privilege.</summary>
    public const int Permission = 6;

    /// <summary>The job ended but is not whole: unreadable blocks remain, or --verify found a difference.</summary>
    public const int Incomplete = 7;

    /// <summary>The device or the bridge is busy with something else.</summary>
    public const int Busy = 8;

    /// <summary>restore --verify read back a block that differs from the image (or does not read):
    /// the device does not hold the image. The block is named.</summary>
    public const int Mismatch = 9;

    /// <summary>Stopped by Ctrl-C (SIGINT) or SIGTERM; what was done is saved (a dump resumes).</summary>
    public const int Interrupted = 130;

    public static string Name(int code) => code switch
    {
        Ok => "ok",
        Failure => "failure",
        Usage => "usage",
        Link => "link",
        DeviceNotFound => "device-not-found",
        CheckCondition => "check-condition",
        Permission => "permission",
        Incomplete => "incomplete",
        Busy => "busy",
        Mismatch => "mismatch",
        Interrupted => "interrupted",
        _ => "exit " + code,
    };
}

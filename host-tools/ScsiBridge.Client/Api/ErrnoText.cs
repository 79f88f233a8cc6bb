namespace ScsiBridge.Client.Api
{
    /// <summary>The bridge's errno values (Linux numbers, as ScsiBridge.Hal.Errno) in words.</summary>
    public static class ErrnoText
    {
        public static string Name(int errno) => errno switch
        {
            0 => "OK",
            1 => "EPERM",
            5 => "EIO",
            12 => "ENOMEM",
            16 => "EBUSY",
            19 => "ENODEV",
            22 => "EINVAL",
            110 => "ETIMEDOUT",
            125 => "ECANCELED",
            _ => "errno " + errno,
        };

        public static string Describe(int errno) => errno switch
        {
            0 => "success",
            1 => "not permitted: elevate the session first (and enable writes for write commands)",
            5 => "I/O error on the SCSI bus or a failed command; check the device, its termination and the cable",
            12 => "no buffer free on the bridge; wait for transfers to finish",
            16 => "busy: the device or path is in use",
            19 => "no device answered at that SCSI ID and LUN",
            22 => "invalid argument or state (is the device started?)",
            110 => "the device did not finish in time",
            125 => "cancelled before it completed",
            _ => "error " + errno,
        };
    }
}

namespace ScsiBridge.Hal
{
    /// <summary>
    /// The error vocabulary of the adapter contract, after the AIX and POSIX errno names the
    /// reference operations document. Values are the Linux numbers so that logs and the link
    /// protocol read the same everywhere.
    /// </summary>
    public static class Errno
    {
        public const int Ok = 0;
        public const int EPERM = 1;
        public const int ENODEV = 19;
        public const int EIO = 5;
        public const int ENOMEM = 12;
        public const int EBUSY = 16;
        public const int EINVAL = 22;
        public const int ETIMEDOUT = 110;
        public const int ECANCELED = 125;

        /// <summary>The errno name, for logs and messages (Enum.ToString is not on the board).</summary>
        public static string Name(int errno)
        {
            switch (errno)
            {
                case Ok: return "OK";
                case EPERM: return "EPERM";
                case ENODEV: return "ENODEV";
                case EIO: return "EIO";
                case ENOMEM: return "ENOMEM";
                case EBUSY: return "EBUSY";
                case EINVAL: return "EINVAL";
                case ETIMEDOUT: return "ETIMEDOUT";
                case ECANCELED: return "ECANCELED";
                default: return "E" + errno.ToString();
            }
        }

        /// <summary>A sentence a person can act on.</summary>
        public static string Describe(int errno)
        {
            switch (errno)
            {
                case Ok: return "success";
                case EPERM: return "not permitted: this operation needs an elevated session";
                case ENODEV: return "no such device: nothing answered at that SCSI ID and LUN";
                case EIO: return "I/O error on the SCSI bus; the device or the cabling may be faulty";
                case ENOMEM: return "no buffer free: wait for transfers in progress to finish";
                case EBUSY: return "busy: the device or path is already in use";
                case EINVAL: return "invalid argument or state for this operation";
                case ETIMEDOUT: return "timed out: the device did not finish in time";
                case ECANCELED: return "cancelled before it completed";
                default: return "error " + errno.ToString();
            }
        }
    }
}

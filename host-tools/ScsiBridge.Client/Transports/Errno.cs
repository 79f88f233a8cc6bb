namespace ScsiBridge.Client.Transports
{
    /// <summary>Linux errno values (asm-generic) the transports look at, and their names.</summary>
    internal static class Errno
    {
        public const int EPERM = 1;
        public const int ENOENT = 2;
        public const int EINTR = 4;
        public const int EIO = 5;
        public const int ENXIO = 6;
        public const int EBADF = 9;
        public const int EAGAIN = 11;
        public const int EWOULDBLOCK = EAGAIN;
        public const int ENOMEM = 12;
        public const int EACCES = 13;
        public const int EBUSY = 16;
        public const int ENODEV = 19;
        public const int ENOTDIR = 20;
        public const int EISDIR = 21;
        public const int EINVAL = 22;
        public const int ENFILE = 23;
        public const int EMFILE = 24;
        public const int ENOTTY = 25;
        public const int EROFS = 30;
        public const int EPIPE = 32;
        public const int ENAMETOOLONG = 36;
        public const int ENOLCK = 37;
        public const int ENOSYS = 38;
        public const int ELOOP = 40;
        public const int EOPNOTSUPP = 95;
        public const int ETIMEDOUT = 110;

        /// <summary>The symbolic name of <paramref name="errno"/>, or "errno N" for one not listed.</summary>
        public static string Name(int errno)
        {
            switch (errno)
            {
                case EPERM: return "EPERM";
                case ENOENT: return "ENOENT";
                case EINTR: return "EINTR";
                case EIO: return "EIO";
                case ENXIO: return "ENXIO";
                case EBADF: return "EBADF";
                case EAGAIN: return "EAGAIN";
                case ENOMEM: return "ENOMEM";
                case EACCES: return "EACCES";
                case EBUSY: return "EBUSY";
                case ENODEV: return "ENODEV";
                case ENOTDIR: return "ENOTDIR";
                case EISDIR: return "EISDIR";
                case EINVAL: return "EINVAL";
                case ENFILE: return "ENFILE";
                case EMFILE: return "EMFILE";
                case ENOTTY: return "ENOTTY";
                case EROFS: return "EROFS";
                case EPIPE: return "EPIPE";
                case ENAMETOOLONG: return "ENAMETOOLONG";
                case ENOLCK: return "ENOLCK";
                case ENOSYS: return "ENOSYS";
                case ELOOP: return "ELOOP";
                case EOPNOTSUPP: return "EOPNOTSUPP";
                case ETIMEDOUT: return "ETIMEDOUT";
                default: return "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}

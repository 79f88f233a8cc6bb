using ScsiBridge.Client.Transports;
using Xunit;

namespace ScsiBridge.Client.Tests.Transports
{
    /// <summary>
    /// The messages for failures a test cannot provoke on demand (the tests may run as root, and
    /// no adapter is plugged in): each names the port and the errno and says what to do.
    /// </summary>
    public sealed class TransportErrorsTests
    {
        private const string Port = "/dev/ttyUSB0";

        [Fact]
        public void PermissionDeniedSuggestsTheDialoutGroup()
        {
            LinkTransportException error = TransportErrors.Open(Port, Errno.EACCES);

            Assert.Equal("EACCES", error.ErrnoName);
            Assert.StartsWith("permission denied on /dev/ttyUSB0", error.Message);
            Assert.Contains("sudo usermod -aG dialout $USER", error.Message);
            Assert.Contains("log in again", error.Message);
        }

        [Fact]
        public void ExclusiveOpenElsewhereIsBusy()
        {
            LinkTransportException error = TransportErrors.Open(Port, Errno.EBUSY);

            Assert.IsType<LinkPortBusyException>(error);
            Assert.Equal("EBUSY", error.ErrnoName);
            Assert.Contains("port /dev/ttyUSB0 is busy", error.Message);
        }

        [Fact]
        public void AHeldLockIsBusy()
        {
            LinkTransportException error = TransportErrors.Lock(Port, Errno.EWOULDBLOCK);

            Assert.IsType<LinkPortBusyException>(error);
            Assert.Equal("EWOULDBLOCK", error.ErrnoName);
            Assert.Equal("flock", error.Operation);
        }

        [Fact]
        public void AnUnpluggedAdapterIsAHangUp()
        {
            LinkTransportException error = TransportErrors.Io(Port, "read", Errno.EIO);

            Assert.IsType<LinkHangupException>(error);
            Assert.Contains("unplugged", error.Message);
        }

        [Fact]
        public void ARefusedRateNamesTheRate()
        {
            LinkTransportException error = TransportErrors.Settings(Port, "ioctl(TCSETS2)", Errno.EINVAL, 3000000);

            Assert.Equal("EINVAL", error.ErrnoName);
            Assert.Contains("3000000 baud", error.Message);
        }

        [Fact]
        public void OtherErrorsCarryTheSystemMessageAndName()
        {
            LinkTransportException error = TransportErrors.Generic(Port, "poll", Errno.ENOMEM);

            Assert.Equal("ENOMEM", error.ErrnoName);
            Assert.Contains("poll on /dev/ttyUSB0 failed", error.Message);
            Assert.Contains("(ENOMEM)", error.Message);
        }
    }
}

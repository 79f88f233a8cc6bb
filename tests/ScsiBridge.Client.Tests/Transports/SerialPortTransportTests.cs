using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ScsiBridge.Client.Transports;
using Xunit;

namespace ScsiBridge.Client.Tests.Transports
{
    /// <summary>
    /// The serial port transport over the slave side of a pseudo-terminal, the one tty every
    /// Linux machine has; a pty stores the line settings and checks the termios calls like a
    /// real port, it just does not clock bits.
    /// </summary>
    public sealed class SerialPortTransportTests
    {
        [Theory]
        [InlineData(SerialPortTransport.DefaultBaudRate)]
        [InlineData(115200)]
        [InlineData(4000000)]
        [InlineData(250000)]   // not a Bxxx rate: set through termios2 BOTHER
        [InlineData(1234567)]
        public void OpensAtTheRequestedRateAndCarriesData(int baudRate)
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            using SerialPortTransport port = SerialPortTransport.Open(pty.SlavePath, baudRate, rtsCts: false, exclusive: false);

            Assert.True(port.IsOpen);
            Assert.True(port.IsPseudoTerminalSlave);
            Assert.Equal(pty.SlavePath, port.Name);
            Assert.Equal(baudRate, port.BaudRate);
            Assert.Equal(baudRate, port.ActualBaudRate);

            byte[] sent = LinkTestIo.RandomBlock(1000, seed: baudRate);
            port.Write(sent, 0, sent.Length);
            Assert.Equal(sent, LinkTestIo.ReadExactly(pty.Master, sent.Length));
        }

        [Fact]
        public void OpensWithRtsCts()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            using SerialPortTransport port = SerialPortTransport.Open(pty.SlavePath, rtsCts: true, exclusive: false);

            Assert.True(port.RtsCts);
            byte[] sent = LinkTestIo.AllByteValues();
            pty.Master.Write(sent, 0, sent.Length);
            Assert.Equal(sent, LinkTestIo.ReadExactly(port, sent.Length));
        }

        [Fact]
        public void OpeningDiscardsBytesQueuedBeforeIt()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            using (SerialPortTransport first = SerialPortTransport.Open(pty.SlavePath, exclusive: false))
            {
                Assert.True(pty.WaitForPeer(LinkTestIo.ReadTimeoutMs));
                byte[] unread = { 0xDE, 0xAD };
                pty.Master.Write(unread, 0, unread.Length);
            }

            using SerialPortTransport second = SerialPortTransport.Open(pty.SlavePath, exclusive: false);
            Assert.Equal(0, second.Read(new byte[4], 0, 4, 20));
        }

        [Fact]
        public void ASecondExclusiveOpenOfTheSamePortIsRefusedAsBusy()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            using (SerialPortTransport first = SerialPortTransport.Open(pty.SlavePath, exclusive: true))
            {
                Assert.True(first.IsExclusive);
                var busy = Assert.Throws<LinkPortBusyException>(() => SerialPortTransport.Open(pty.SlavePath, exclusive: true));
                Assert.Contains(pty.SlavePath, busy.Message);
                Assert.Contains("busy", busy.Message);
                Assert.Equal(pty.SlavePath, busy.PortName);
                Assert.True(busy.ErrnoName == "EWOULDBLOCK" || busy.ErrnoName == "EBUSY", busy.ErrnoName);
            }

            // Closing releases the lock, and leaves nothing on the pty that refuses the next client.
            using SerialPortTransport again = SerialPortTransport.Open(pty.SlavePath, exclusive: true);
            Assert.True(again.IsOpen);
        }

        [Fact]
        public void AMissingPortSaysSoAndPointsAtThePortsCommand()
        {
            string path = Path.Combine(Path.GetTempPath(), "scsibridge-no-such-port-" + Guid.NewGuid().ToString("N"));

            var error = Assert.Throws<LinkTransportException>(() => SerialPortTransport.Open(path));

            Assert.Equal("ENOENT", error.ErrnoName);
            Assert.Equal(2, error.Errno);
            Assert.Equal("open", error.Operation);
            Assert.Contains("no such port " + path, error.Message);
            Assert.Contains("scsibridge ports", error.Message);
        }

        [Fact]
        public void ARegularFileIsNotASerialPort()
        {
            string path = Path.GetTempFileName();
            try
            {
                var error = Assert.Throws<LinkTransportException>(() => SerialPortTransport.Open(path));

                Assert.Equal("ENOTTY", error.ErrnoName);
                Assert.Contains("not a serial port", error.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void ADirectoryIsNotASerialPort()
        {
            var error = Assert.Throws<LinkTransportException>(() => SerialPortTransport.Open(Path.GetTempPath()));

            Assert.Equal("EISDIR", error.ErrnoName);
            Assert.Contains("not a serial port", error.Message);
        }

        [Fact]
        public async Task DisposeWakesABlockedRead()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            SerialPortTransport port = SerialPortTransport.Open(pty.SlavePath, exclusive: false);
            using var reading = new ManualResetEventSlim();
            Task<int> read = Task.Run(() =>
            {
                reading.Set();
                return port.Read(new byte[8], 0, 8, Timeout.Infinite);
            });
            Assert.True(reading.Wait(TimeSpan.FromSeconds(5)));

            port.Dispose();

            await Assert.ThrowsAsync<ObjectDisposedException>(() => read.WaitAsync(TimeSpan.FromSeconds(5)));
            Assert.False(port.IsOpen);
        }

        [Fact]
        public void UseAfterDisposeThrowsObjectDisposed()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            SerialPortTransport port = SerialPortTransport.Open(pty.SlavePath, exclusive: false);
            port.Dispose();
            port.Dispose();

            Assert.Throws<ObjectDisposedException>(() => port.Read(new byte[1], 0, 1, 0));
            Assert.Throws<ObjectDisposedException>(() => port.Write(new byte[1], 0, 1));
        }

        [Fact]
        public void BadArgumentsAreRejectedBeforeAnySystemCall()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            using SerialPortTransport port = SerialPortTransport.Open(pty.SlavePath, exclusive: false);
            var buffer = new byte[4];

            Assert.Throws<ArgumentOutOfRangeException>(() => port.Read(buffer, 2, 3, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => port.Write(buffer, -1, 1));
            Assert.Throws<ArgumentNullException>(() => port.Write(null!, 0, 0));
            Assert.Equal(0, port.Read(buffer, 4, 0, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => SerialPortTransport.Open(pty.SlavePath, 0));
            Assert.Throws<ArgumentException>(() => SerialPortTransport.Open(string.Empty));
        }

        [Fact]
        public void AStalledWriteFailsAfterTheWriteTimeout()
        {
            // Nobody reads the client's side of the pty, so its output buffer fills up.
            using PseudoTerminal pty = PseudoTerminal.Open();
            using SerialPortTransport port = SerialPortTransport.Open(pty.SlavePath, exclusive: false);
            port.WriteTimeoutMs = 50;
            byte[] block = new byte[1024 * 1024];

            var error = Assert.Throws<LinkTransportException>(() => port.Write(block, 0, block.Length));

            Assert.Equal("ETIMEDOUT", error.ErrnoName);
            Assert.Contains("stalled", error.Message);
        }
    }
}

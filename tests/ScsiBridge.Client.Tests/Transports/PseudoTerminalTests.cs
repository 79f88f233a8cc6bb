using System;
using System.Threading.Tasks;
using ScsiBridge.Client.Transports;
using Xunit;

namespace ScsiBridge.Client.Tests.Transports
{
    public sealed class PseudoTerminalTests
    {
        [Fact]
        public void EveryByteValuePassesFromMasterToClientUnchanged()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            using SerialPortTransport client = SerialPortTransport.Open(pty.SlavePath, exclusive: false);
            byte[] sent = LinkTestIo.AllByteValues();

            pty.Master.Write(sent, 0, sent.Length);

            Assert.Equal(sent, LinkTestIo.ReadExactly(client, sent.Length));
        }

        [Fact]
        public void EveryByteValuePassesFromClientToMasterUnchanged()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            using SerialPortTransport client = SerialPortTransport.Open(pty.SlavePath, exclusive: false);
            byte[] sent = LinkTestIo.AllByteValues();

            client.Write(sent, 0, sent.Length);

            Assert.Equal(sent, LinkTestIo.ReadExactly(pty.Master, sent.Length));
        }

        [Fact]
        public async Task A64KiBRandomBlockPassesBothWays()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            using SerialPortTransport client = SerialPortTransport.Open(pty.SlavePath, exclusive: false);
            byte[] down = LinkTestIo.RandomBlock(64 * 1024, seed: 1);
            byte[] up = LinkTestIo.RandomBlock(64 * 1024, seed: 2);

            // The pty buffers far less than 64 KiB, so each direction needs its reader running.
            Task writeDown = Task.Run(() => pty.Master.Write(down, 0, down.Length));
            Task writeUp = Task.Run(() => client.Write(up, 0, up.Length));
            byte[] gotDown = LinkTestIo.ReadExactly(client, down.Length);
            byte[] gotUp = LinkTestIo.ReadExactly(pty.Master, up.Length);
            await Task.WhenAll(writeDown, writeUp).WaitAsync(TimeSpan.FromSeconds(5));

            Assert.Equal(down, gotDown);
            Assert.Equal(up, gotUp);
        }

        [Fact]
        public void AClientThatChangesNoSettingsStillSeesRawBytes()
        {
            // Another process might open the slave with plain open(2); the pair's own raw setting
            // must keep CR/LF, XON/XOFF and 0x00 intact and echo nothing back.
            using PseudoTerminal pty = PseudoTerminal.Open();
            int fd = Libc.Open(pty.SlavePath, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
            Assert.True(fd >= 0, $"open {pty.SlavePath}: errno {Libc.LastErrno}");
            using var naive = new FileDescriptorStream(
                new FileDescriptorHandle(fd),
                pty.SlavePath,
                (operation, errno) => new LinkHangupException("hang-up", pty.SlavePath, operation, errno, string.Empty),
                timeoutMs => new LinkTransportException("stalled"));
            byte[] sent = LinkTestIo.AllByteValues();

            pty.Master.Write(sent, 0, sent.Length);
            var received = new byte[sent.Length];
            int done = 0;
            while (done < received.Length)
            {
                int got = naive.Read(received, done, received.Length - done, LinkTestIo.ReadTimeoutMs);
                Assert.True(got > 0);
                done += got;
            }

            naive.Write(sent, 0, sent.Length);

            Assert.Equal(sent, received);
            Assert.Equal(sent, LinkTestIo.ReadExactly(pty.Master, sent.Length));
            // Nothing more: an echo of the first block would show up here.
            Assert.Equal(0, pty.Master.Read(new byte[16], 0, 16, 20));
        }

        [Fact]
        public unsafe void TheSlaveIsLeftInRawMode()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            Termios termios = default;
            pty.Master.Stream.TryUseDescriptor(fd =>
            {
                Termios current;
                Assert.Equal(0, Libc.TcGetAttr(fd, &current));
                termios = current;
            });

            Assert.Equal(0u, termios.InputFlags & (Libc.IXON | Libc.IXOFF | Libc.ICRNL | Libc.INLCR | Libc.IGNCR | Libc.ISTRIP));
            Assert.Equal(0u, termios.OutputFlags & Libc.OPOST);
            Assert.Equal(0u, termios.LocalFlags & (Libc.ECHO | Libc.ICANON | Libc.ISIG | Libc.IEXTEN));
            Assert.Equal(Libc.CS8, termios.ControlFlags & Libc.CSIZE);
            Assert.Equal(0u, termios.ControlFlags & Libc.PARENB);
        }

        [Fact]
        public void ReadTimesOutWithZeroWhenNothingArrives()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            using SerialPortTransport client = SerialPortTransport.Open(pty.SlavePath, exclusive: false);
            var buffer = new byte[16];

            Assert.Equal(0, pty.Master.Read(buffer, 0, buffer.Length, 50));
            Assert.Equal(0, client.Read(buffer, 0, buffer.Length, 50));
            Assert.Equal(0, client.Read(buffer, 0, buffer.Length, 0));
        }

        [Fact]
        public void MasterReportsHangUpWhenTheClientClosesAndServesTheNextClient()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            var buffer = new byte[16];
            Assert.False(pty.IsPeerConnected);

            SerialPortTransport first = SerialPortTransport.Open(pty.SlavePath, exclusive: false);
            Assert.True(pty.WaitForPeer(LinkTestIo.ReadTimeoutMs));
            Assert.True(pty.IsPeerConnected);
            byte[] last = { 0x01, 0x00, 0x02 };
            first.Write(last, 0, last.Length);
            first.Dispose();

            // What the client wrote before closing still arrives; the read after it reports the hang-up.
            Assert.Equal(last, LinkTestIo.ReadExactly(pty.Master, last.Length));
            var readHangup = Assert.Throws<LinkHangupException>(() => pty.Master.Read(buffer, 0, buffer.Length, LinkTestIo.ReadTimeoutMs));
            Assert.Contains(pty.SlavePath, readHangup.Message);
            Assert.False(pty.IsPeerConnected);
            Assert.True(pty.Master.IsOpen);
            Assert.Throws<LinkHangupException>(() => pty.Master.Write(last, 0, last.Length));

            using SerialPortTransport second = SerialPortTransport.Open(pty.SlavePath, exclusive: false);
            Assert.True(pty.WaitForPeer(LinkTestIo.ReadTimeoutMs));
            byte[] hello = { 0x48, 0x00, 0x11, 0x13 };
            pty.Master.Write(hello, 0, hello.Length);
            Assert.Equal(hello, LinkTestIo.ReadExactly(second, hello.Length));
            second.Write(hello, 0, hello.Length);
            Assert.Equal(hello, LinkTestIo.ReadExactly(pty.Master, hello.Length));
        }

        [Fact]
        public void MasterReportsHangUpBeforeAnyClientConnects()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();

            Assert.Throws<LinkHangupException>(() => pty.Master.Read(new byte[4], 0, 4, LinkTestIo.ReadTimeoutMs));
            Assert.False(pty.WaitForPeer(30));
        }

        [Fact]
        public async Task WaitForPeerWakesWhenAClientOpensTheSlave()
        {
            using PseudoTerminal pty = PseudoTerminal.Open();
            Task<SerialPortTransport> opening = Task.Run(() => SerialPortTransport.Open(pty.SlavePath, exclusive: false));

            Assert.True(pty.WaitForPeer(5000));
            using SerialPortTransport client = await opening.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.True(pty.IsPeerConnected);
        }

        [Fact]
        public void ClientSeesHangUpWhenTheMasterCloses()
        {
            PseudoTerminal pty = PseudoTerminal.Open();
            using SerialPortTransport client = SerialPortTransport.Open(pty.SlavePath, exclusive: false);

            pty.Dispose();

            var hangup = Assert.Throws<LinkHangupException>(() => client.Read(new byte[4], 0, 4, LinkTestIo.ReadTimeoutMs));
            Assert.Contains(pty.SlavePath, hangup.Message);
            Assert.False(client.IsOpen);
        }

        [Fact]
        public async Task DisposeEndsAWaitForPeer()
        {
            PseudoTerminal pty = PseudoTerminal.Open();
            Task<bool> waiting = Task.Run(() => pty.WaitForPeer(-1));

            pty.Dispose();

            await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        }

        [Fact]
        public void MasterIsClosedAfterDispose()
        {
            PseudoTerminal pty = PseudoTerminal.Open();
            pty.Dispose();

            Assert.False(pty.Master.IsOpen);
            Assert.Throws<ObjectDisposedException>(() => pty.Master.Read(new byte[1], 0, 1, 0));
            Assert.Throws<ObjectDisposedException>(() => pty.Master.Write(new byte[1], 0, 1));
        }
    }
}

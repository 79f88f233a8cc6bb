using System;
using System.Threading;
using ScsiBridge.Hal.Esp32;
using Xunit;

namespace ScsiBridge.Hal.Esp32.Tests
{
    public class LinkAndLinesTests
    {
        [Fact]
        public void AReadWaitsForTheDataEventThenReads()
        {
            var rig = new Rig();
            Esp32LinkPort link = rig.Hal.Link;
            byte[] buffer = new byte[16];
            rig.Link.ReadResults.Enqueue(0); // nothing yet: the reader waits for the event
            rig.Link.ReadResults.Enqueue(3);
            int read = -2;
            var reader = new Thread(() => read = link.Read(buffer, 2, 10));
            reader.Start();
            Assert.True(rig.Hal.OnCustomEvent(InteropLayout.EventLinkData, 3));
            Assert.True(reader.Join(TimeSpan.FromSeconds(30)), "the link data event did not wake the reader");
            Assert.Equal(3, read);
            Assert.Equal(0xA0, buffer[2]);
            Assert.Equal(0xA2, buffer[4]);
        }

        [Fact]
        public void AClosedLinkReadsAsMinusOne()
        {
            var rig = new Rig();
            rig.Link.ReadResults.Enqueue(InteropStatus.LinkClosed);
            Assert.Equal(-1, rig.Hal.Link.Read(new byte[4], 0, 4));
        }

        [Fact]
        public void AWriteHandsOverEveryByteAcrossPartialWrites()
        {
            var rig = new Rig();
            rig.Link.WriteResults.Enqueue(3);
            rig.Link.WriteResults.Enqueue(0);
            rig.Link.WriteResults.Enqueue(100);
            byte[] data = { 1, 2, 3, 4, 5, 6, 7 };
            rig.Hal.Link.Write(data, 1, 6);
            Assert.Equal(new byte[] { 2, 3, 4, 5, 6, 7 }, rig.Link.Written.ToArray());
        }

        [Fact]
        public void ABuildWithoutALinkChannelSaysSoAtOpen()
        {
            var rig = new Rig();
            rig.Link.OpenStatus = InteropStatus.NoLink;
            var e = Assert.Throws<Esp32InteropException>(() => rig.Hal);
            Assert.Equal(InteropStatus.NoLink, e.Status);
            Assert.Contains("no link channel", e.Message);
        }

        [Fact]
        public void SlowLinesFollowTheirActiveLevels()
        {
            var rig = new Rig();
            rig.Hal.Lines.SetTermination(true);
            rig.Hal.Lines.SetStatusLed(true);
            rig.Hal.Lines.SetStatusLed(false);
            Assert.Equal(new[] { "38=high", "48=low", "48=high" }, rig.Lines.Writes.ToArray());
            Assert.Throws<ArgumentException>(() => new SlowLines(rig.Lines, 38, true, 38, true));
        }

        [Fact]
        public void WaitsRoundUpToWholeMilliseconds()
        {
            Assert.Equal(0, Esp32Signal.Milliseconds(0));
            Assert.Equal(1, Esp32Signal.Milliseconds(1));
            Assert.Equal(1, Esp32Signal.Milliseconds(1000000));
            Assert.Equal(2, Esp32Signal.Milliseconds(1000001));
            Assert.Equal(int.MaxValue, Esp32Signal.Milliseconds(long.MaxValue));
        }
    }
}

using System;
using ScsiBridge.Firmware.Link;
using ScsiBridge.Firmware.Tests.Targets;
using ScsiBridge.Hal;
using ScsiBridge.Protocol;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Link;

/// <summary>
/// The link over the native data plane (native ring, native frame codec) against the same link
/// without it (managed ring, ScsiBridge.Protocol's codec): the PC must see the same bytes.
/// </summary>
public class LinkDataPlaneTests
{
    private const int WriteId = 6;

    [Fact]
    public void TheWireIsTheSameWithOrWithoutTheNativeDataPlane()
    {
        byte[] data = new byte[16 * 512];
        new Random(11).NextBytes(data);
        (byte[] nativeWire, byte[] nativeDisk, int framesOut, int framesIn) = Session(true, data);
        (byte[] managedWire, byte[] managedDisk, int managedOut, int managedIn) = Session(false, data);
        Assert.Equal(data, nativeDisk[(100 * 512)..(116 * 512)]);
        Assert.Equal(managedDisk, nativeDisk);
        Assert.Equal(managedWire.Length, nativeWire.Length);
        Assert.Equal(managedWire, nativeWire);
        Assert.Equal(8, framesOut);   // two 8 KiB reads, four data frames each, framed natively
        Assert.Equal(3, framesIn);    // 8 KiB of write data in three frames, each receiver to slot
        Assert.Equal(0, managedOut);
        Assert.Equal(0, managedIn);
    }

    /// <summary>A read, a write, the write read back, STATISTICS: what the PC saw, and the disk.</summary>
    private static (byte[] Wire, byte[] Disk, int NativeOut, int NativeIn) Session(bool native, byte[] data)
    {
        using var link = new LinkRig(nativeDataPlane: native);
        var peer = link.Peer;
        link.Run(() =>
        {
            link.OpenDisk(writes: true);
            link.Request(Opcodes.Execute, 4, LinkPeer.Execute(0, 0, Cdb.Read10(4, 16), true, 8192));
            link.Feed(peer.Request(Opcodes.Execute, WriteId, LinkPeer.Execute(0, 0, Cdb.Write10(100, 16), false, data.Length)));
            for (int at = 0; at < data.Length; at += LinkServer.MaxDataPerFrame)
            {
                link.Feed(peer.Data(WriteId, at, data, at, Math.Min(LinkServer.MaxDataPerFrame, data.Length - at)));
            }
            link.Settle();
            link.Request(Opcodes.Execute, 7, LinkPeer.Execute(0, 0, Cdb.Read10(100, 16), true, 8192));
            link.Request(Opcodes.Statistics, 8, Array.Empty<byte>());
        });
        Assert.Equal(Errno.Ok, LinkPeer.Errno(peer.AnswerTo(WriteId).Payload));
        link.AssertEveryBufferBack();
        return (peer.Wire.ToArray(), (byte[])link.Disk.Image.Clone(), link.Server.NativeDataFramesOut, link.Server.NativeDataFramesIn);
    }
}

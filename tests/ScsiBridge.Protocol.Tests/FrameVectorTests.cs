using System;
using System.Linq;
using ScsiBridge.Protocol;
using ScsiBridge.TestVectors;
using Xunit;

namespace ScsiBridge.Protocol.Tests;

/// <summary>The C# codec against the shared vectors (tests/vectors/frames.txt), which the native
/// codec's GoogleTest reads too: both must give these bytes and these verdicts.</summary>
public class FrameVectorTests
{
    [Fact]
    public void Crc32CMatchesTheVectors()
    {
        var rows = FrameVectors.Rows("crc").ToList();
        Assert.True(rows.Count >= 3);
        foreach (string[] r in rows)
        {
            byte[] data = FrameVectors.Hex(r[1]);
            Assert.Equal(Convert.ToUInt32(r[2], 16), Crc32C.Compute(data, 0, data.Length));
        }
    }

    [Fact]
    public void EncodeMatchesTheVectors()
    {
        var rows = FrameVectors.Rows("encode").ToList();
        Assert.True(rows.Count >= 10);
        var writer = new FrameWriter();
        var output = new byte[LinkConstants.MaxEncoded];
        foreach (string[] r in rows)
        {
            byte[] payload = FrameVectors.Hex(r[5]);
            int n = writer.Encode(byte.Parse(r[1]), byte.Parse(r[2]), byte.Parse(r[3]), int.Parse(r[4]), payload, 0, payload.Length, output, 0);
            Assert.Equal(r[6], Convert.ToHexString(output, 0, n).ToLowerInvariant());
        }
    }

    [Fact]
    public void DecodeMatchesTheVectors()
    {
        var rows = FrameVectors.Rows("decode").ToList();
        Assert.True(rows.Count >= 15);
        foreach (string[] r in rows)
        {
            byte[] fed = FrameVectors.Hex(r[1]).Append((byte)0).ToArray();
            var decoder = new FrameDecoder();
            int used = decoder.Feed(fed, 0, fed.Length, out bool complete);
            Assert.True(complete, r[2]);
            Assert.Equal(fed.Length, used);
            Frame f = decoder.Current;
            Assert.Equal(FrameVectors.Verdict(r[2]), f.Error);
            Assert.Equal(r[3] == "1", f.HeaderReadable);
            Assert.Equal(new[] { int.Parse(r[4]), int.Parse(r[5]), int.Parse(r[6]), int.Parse(r[7]), int.Parse(r[8]), int.Parse(r[9]) },
                         new[] { f.Version, f.Type, f.Flags, f.Opcode, f.RequestId, f.PayloadLength });
            if (f.Error == LinkErrors.None)
            {
                Assert.Equal(FrameVectors.Hex(r[10]), f.Buffer.AsSpan(f.PayloadOffset, f.PayloadLength).ToArray());
            }
        }
    }
}

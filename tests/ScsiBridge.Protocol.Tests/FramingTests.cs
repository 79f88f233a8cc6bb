using System;
using System.Collections.Generic;
using FsCheck;
using FsCheck.Fluent;
using ScsiBridge.Protocol;
using Xunit;

namespace ScsiBridge.Protocol.Tests;

public class FramingTests
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Crc32cMatchesTheCheckValue()
    {
        byte[] check = System.Text.Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xE3069283u, Crc32C.Compute(check, 0, check.Length));
        Assert.Equal(0x00000000u, Crc32C.Compute(check, 0, 0));
    }

    [Fact]
    public void CobsNeverPutsAZeroInsideAFrameAndDecodesBack()
    {
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i))), data =>
        {
            if (data.Length > LinkConstants.MaxFrame) data = data[..LinkConstants.MaxFrame];
            var enc = new CobsEncoder();
            byte[] outBuf = new byte[LinkConstants.MaxEncoded];
            enc.Begin(outBuf, 0);
            enc.Put(data, 0, data.Length);
            int n = enc.End();
            for (int i = 0; i < n - 1; i++) if (outBuf[i] == 0) return false;
            if (outBuf[n - 1] != 0) return false;
            byte[] back = new byte[LinkConstants.MaxFrame];
            int m = Cobs.Decode(outBuf, 0, n - 1, back, 0, back.Length);
            return m == data.Length && back.AsSpan(0, m).SequenceEqual(data);
        }).Check(Many);
    }

    [Fact]
    public void AnyFrameRoundTripsWhateverTheChunking()
    {
        var frames = from type in Gen.Choose(1, 5)
                     from flags in Gen.Choose(0, 3)
                     from opcode in Gen.Choose(0, 255)
                     from id in Gen.Choose(0, 65535)
                     from length in Gen.Frequency((3, Gen.Choose(0, 64)), (1, Gen.Choose(0, LinkConstants.MaxPayload)))
                     from seed in Gen.Choose(0, int.MaxValue)
                     from chunk in Gen.Choose(1, 700)
                     select (type, flags, opcode, id, length, seed, chunk);
        Prop.ForAll(Arb.From(frames), f =>
        {
            byte[] payload = new byte[f.length];
            new Random(f.seed).NextBytes(payload);
            var writer = new FrameWriter();
            byte[] wire = new byte[LinkConstants.MaxEncoded];
            int n = writer.Encode((byte)f.type, (byte)f.flags, (byte)f.opcode, f.id, payload, 0, payload.Length, wire, 0);
            var decoder = new FrameDecoder();
            int fed = 0;
            bool complete = false;
            while (fed < n && !complete)
            {
                int take = Math.Min(f.chunk, n - fed);
                int used = decoder.Feed(wire, fed, take, out complete);
                fed += used;
            }
            Frame got = decoder.Current;
            return complete && fed == n && got.Error == LinkErrors.None && got.Type == f.type && got.Flags == f.flags
                   && got.Opcode == f.opcode && got.RequestId == f.id && got.PayloadLength == f.length
                   && got.Buffer.AsSpan(got.PayloadOffset, got.PayloadLength).SequenceEqual(payload);
        }).Check(Many);
    }

    [Fact]
    public void AnyBytesGiveFramesOrErrorsNeverAnExceptionAndTheNextGoodFrameGetsThrough()
    {
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Frequency((1, Gen.Constant((byte)0)), (6, Gen.Choose(0, 255).Select(i => (byte)i))))), garbage =>
        {
            var decoder = new FrameDecoder();
            Drain(decoder, garbage, out _);
            // After any garbage a delimiter ends whatever was pending; then a good frame decodes.
            byte[] wire = new byte[LinkConstants.MaxEncoded + 1];
            wire[0] = 0;
            int n = 1 + new FrameWriter().Encode(FrameType.Request, 0, Opcodes.Hello, 7, new byte[] { 1, 0 }, 0, 2, wire, 1);
            var results = Drain(decoder, wire[..n], out _);
            Frame last = decoder.Current;
            return results.Count >= 1 && last.Error == LinkErrors.None && last.RequestId == 7 && last.Opcode == Opcodes.Hello;
        }).Check(Many);
    }

    private static List<int> Drain(FrameDecoder decoder, byte[] bytes, out int frames)
    {
        var errors = new List<int>();
        frames = 0;
        int fed = 0;
        while (fed < bytes.Length)
        {
            fed += decoder.Feed(bytes, fed, bytes.Length - fed, out bool complete);
            if (complete)
            {
                errors.Add(decoder.Current.Error);
                frames++;
            }
        }
        return errors;
    }

    private static byte[] Encode(byte type, byte opcode, int id, byte[] payload)
    {
        byte[] wire = new byte[LinkConstants.MaxEncoded];
        int n = new FrameWriter().Encode(type, 0, opcode, id, payload, 0, payload.Length, wire, 0);
        return wire[..n];
    }

    /// <summary>Decodes a frame, lets the caller damage the decoded bytes, re-encodes without
    /// fixing the CRC, and returns the decoder's verdict.</summary>
    private static Frame Damaged(Func<byte[], byte[]> damage)
    {
        byte[] good = Encode(FrameType.Request, Opcodes.Probe, 0x1234, new byte[] { 2, 0 });
        byte[] raw = new byte[LinkConstants.MaxFrame];
        int n = Cobs.Decode(good, 0, good.Length - 1, raw, 0, raw.Length);
        byte[] bad = damage(raw[..n]);
        var enc = new CobsEncoder();
        byte[] wire = new byte[LinkConstants.MaxEncoded * 2];
        enc.Begin(wire, 0);
        enc.Put(bad, 0, bad.Length);
        int w = enc.End();
        var decoder = new FrameDecoder();
        decoder.Feed(wire, 0, w, out bool complete);
        Assert.True(complete);
        return decoder.Current;
    }

    private static byte[] FixCrc(byte[] frame)
    {
        uint crc = Crc32C.Compute(frame, 0, frame.Length - 4);
        frame[^4] = (byte)crc;
        frame[^3] = (byte)(crc >> 8);
        frame[^2] = (byte)(crc >> 16);
        frame[^1] = (byte)(crc >> 24);
        return frame;
    }

    [Fact]
    public void EachFaultHasItsOwnError()
    {
        Frame crc = Damaged(f => { f[9] ^= 0x40; return f; });
        Assert.Equal(LinkErrors.BadCrc, crc.Error);
        Assert.True(crc.HeaderReadable);
        Assert.Equal(0x1234, crc.RequestId);

        Assert.Equal(LinkErrors.UnsupportedVersion, Damaged(f => { f[0] = 2; return FixCrc(f); }).Error);
        Assert.Equal(LinkErrors.BadLength, Damaged(f => { f[6] = 3; return FixCrc(f); }).Error);
        Assert.Equal(LinkErrors.BadLength, Damaged(f => { f[1] = 9; return FixCrc(f); }).Error);
        Assert.Equal(LinkErrors.ShortFrame, Damaged(f => f[..6]).Error);

        var decoder = new FrameDecoder();
        decoder.Feed(new byte[] { 0x05, 1, 2, 0 }, 0, 4, out bool complete);  // a block that runs past the end
        Assert.True(complete);
        Assert.Equal(LinkErrors.BadCobs, decoder.Current.Error);

        byte[] huge = new byte[LinkConstants.MaxEncoded + 10];
        Array.Fill(huge, (byte)1);
        huge[^1] = 0;
        decoder.Feed(huge, 0, huge.Length, out complete);
        Assert.True(complete);
        Assert.Equal(LinkErrors.PayloadTooLarge, decoder.Current.Error);
        Assert.Equal(1, decoder.TooLarge);
        Assert.Equal(1, decoder.BadCobs);
    }

    [Fact]
    public void PayloadsTooLargeAreRefusedByTheWriter()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new FrameWriter().Encode(1, 0, 1, 1, new byte[4097], 0, 4097, new byte[LinkConstants.MaxEncoded * 2], 0));
    }

    [Fact]
    public void PayloadFieldsRoundTripAndShortPayloadsAreDetected()
    {
        byte[] buf = new byte[64];
        var w = new PayloadWriter().Reset(buf, 0, buf.Length);
        w.U8(7).U16(0xBEEF).U32(0xDEADBEEF).Str("SCSIBRDG").Bytes(new byte[] { 1, 2, 3 }, 0, 3);
        Assert.True(w.Ok);
        var r = new PayloadReader().Reset(buf, 0, w.Length);
        Assert.Equal(7, r.U8());
        Assert.Equal(0xBEEF, r.U16());
        Assert.Equal(0xDEADBEEFu, r.U32());
        Assert.Equal("SCSIBRDG", r.Str());
        byte[] three = new byte[3];
        Assert.True(r.Bytes(three, 0, 3));
        Assert.Equal(new byte[] { 1, 2, 3 }, three);
        Assert.True(r.Ok);
        Assert.Equal(0, r.U8());
        Assert.False(r.Ok);
        var small = new PayloadWriter().Reset(new byte[3], 0, 3);
        small.U32(1);
        Assert.False(small.Ok);
        Assert.Equal(0, small.Length);
    }
}

using System;
using System.Diagnostics;
using ScsiBridge.Hal.DataPlane;
using ScsiBridge.Hal.Sim;
using ScsiBridge.Protocol;

namespace ScsiBridge.Link.Bench;

/// <summary>
/// The link's byte work on this PC, native against C#: 64 KiB of read data (16 ring buffers of
/// 4 KiB, two data frames each, as the transmitter frames them) encoded from native ring slots by
/// the native codec and from managed arrays by ScsiBridge.Protocol's FrameWriter, and the same
/// stream decoded by the native receiver and by FrameDecoder. MB/s of payload, host wall time,
/// best of five alternating rounds; both sides' output is compared once so the figures are of equal work.
/// </summary>
internal static class CodecBench
{
    private const int Buffers = 16;
    private const int BufferSize = 4096;
    private const int Rounds = 5;

    public static int Run()
    {
        var random = new Random(64);
        byte[][] managed = new byte[Buffers][];
        using var ring = new NativeSlotRing(Buffers, BufferSize);
        int[] handles = new int[Buffers];
        for (int i = 0; i < Buffers; i++)
        {
            managed[i] = new byte[BufferSize];
            random.NextBytes(managed[i]);
            handles[i] = ring.Acquire();
            ring.CopyIn(handles[i], 0, managed[i], 0, BufferSize);
        }
        var writer = new FrameWriter();
        var encoder = new NativeFrameEncoder();
        byte[] header = new byte[4];
        byte[] stream = new byte[2 * Buffers * LinkConstants.MaxEncoded];
        byte[] nativeStream = new byte[stream.Length];

        int EncodeManaged(byte[] into)
        {
            int at = 0;
            for (int i = 0; i < Buffers; i++)
            {
                for (int done = 0; done < BufferSize;)
                {
                    int part = Math.Min(BufferSize - done, LinkConstants.MaxPayload - 4);
                    BitConverter.TryWriteBytes(header, i * BufferSize + done);
                    at += writer.EncodeTwoPart(FrameType.Data, 0, Opcodes.Execute, 1, header, 0, 4, managed[i], done, part, into, at);
                    done += part;
                }
            }
            return at;
        }

        int EncodeNative(byte[] into)
        {
            int at = 0;
            for (int i = 0; i < Buffers; i++)
            {
                for (int done = 0; done < BufferSize;)
                {
                    int part = Math.Min(BufferSize - done, LinkConstants.MaxPayload - 4);
                    BitConverter.TryWriteBytes(header, i * BufferSize + done);
                    int n = encoder.EncodeFromSlot(FrameType.Data, 0, Opcodes.Execute, 1, header, 0, 4, ring, handles[i], done, part, into, at);
                    if (n < 0) throw new InvalidOperationException(FrameStatus.Describe(n));
                    at += n;
                    done += part;
                }
            }
            return at;
        }

        int length = EncodeManaged(stream);
        if (EncodeNative(nativeStream) != length || !stream.AsSpan(0, length).SequenceEqual(nativeStream.AsSpan(0, length)))
        {
            Console.Error.WriteLine("the native and C# encoders disagree: no figures");
            return 1;
        }

        var decoder = new FrameDecoder();
        using var receiver = new NativeFrameReceiver();
        int DecodeManaged()
        {
            int frames = 0;
            for (int at = 0; at < length;)
            {
                at += decoder.Feed(stream, at, length - at, out bool complete);
                if (complete && decoder.Current.Error == LinkErrors.None) frames++;
            }
            return frames;
        }

        int DecodeNative()
        {
            int frames = 0;
            for (int at = 0; at < length;)
            {
                at += receiver.Feed(stream, at, length - at, out bool complete);
                if (complete && receiver.Error == LinkErrors.None) frames++;
            }
            return frames;
        }

        if (DecodeManaged() != 2 * Buffers || DecodeNative() != 2 * Buffers)
        {
            Console.Error.WriteLine("a decoder refused good frames: no figures");
            return 1;
        }

        const int payload = Buffers * BufferSize;
        Console.WriteLine("link codec on this PC: 64 KiB of read data as 32 data frames (16 ring buffers of 4 KiB), best of {0} rounds", Rounds);
        Console.WriteLine("{0,-30} {1,12} {2,12} {3,8}", "work", "C# MB/s", "native MB/s", "ratio");
        Row("encode (COBS + CRC-32C)", payload, () => EncodeManaged(stream), () => EncodeNative(nativeStream));
        Row("decode (delimit, COBS, CRC)", payload, () => DecodeManaged(), () => DecodeNative());
        Console.WriteLine("(host wall time, .NET JIT against g++ -O3, the simulator library as CMake builds it; on the board the C# side runs on nanoFramework's interpreter instead)");
        return 0;
    }

    /// <summary>Rounds of the two alternate, so a machine busy with other work slows both alike;
    /// each keeps its best round.</summary>
    private static void Row(string name, int payload, Func<int> managed, Func<int> native)
    {
        managed();  // warm-up (JIT)
        native();
        double m = 0, n = 0;
        for (int round = 0; round < Rounds; round++)
        {
            m = Math.Max(m, Round(payload, managed));
            n = Math.Max(n, Round(payload, native));
        }
        Console.WriteLine("{0,-30} {1,12:F1} {2,12:F1} {3,7:F1}x", name, m, n, n / m);
    }

    /// <summary>MB/s (10^6 bytes) over about 0.2 s of repeats.</summary>
    private static double Round(int payload, Func<int> work)
    {
        int times = 0;
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 200)
        {
            work();
            times++;
        }
        return (double)payload * times / clock.Elapsed.TotalSeconds / 1e6;
    }
}

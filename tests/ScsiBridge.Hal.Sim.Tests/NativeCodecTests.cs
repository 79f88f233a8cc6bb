using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.DataPlane;
using ScsiBridge.Hal.Sim;
using ScsiBridge.Protocol;
using ScsiBridge.TestVectors;
using Xunit;

namespace ScsiBridge.Hal.Sim.Tests
{
    /// <summary>
    /// The native frame codec through P/Invoke, against the shared vectors and against the C#
    /// codec of ScsiBridge.Protocol on random frames and random damage: both must write the same
    /// bytes and give the same verdict on the same input.
    /// </summary>
    public class NativeCodecTests
    {
        private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(300).WithReplay(20261202, 7);

        [Fact]
        public void NativeEncodeMatchesTheVectors()
        {
            var encoder = new NativeFrameEncoder();
            var output = new byte[FrameStatus.MaxEncoded];
            var rows = FrameVectors.Rows("encode").ToList();
            Assert.True(rows.Count >= 10);
            foreach (string[] r in rows)
            {
                byte[] payload = FrameVectors.Hex(r[5]);
                int n = encoder.Encode(int.Parse(r[1]), int.Parse(r[2]), int.Parse(r[3]), int.Parse(r[4]), payload, 0, payload.Length, null, 0, 0, output, 0);
                Assert.True(n > 0, FrameStatus.Describe(n));
                Assert.Equal(r[6], Convert.ToHexString(output, 0, n).ToLowerInvariant());
            }
        }

        [Fact]
        public void NativeReceiverMatchesTheVectors()
        {
            var rows = FrameVectors.Rows("decode").ToList();
            Assert.True(rows.Count >= 15);
            foreach (string[] r in rows)
            {
                byte[] fed = FrameVectors.Hex(r[1]).Append((byte)0).ToArray();
                using var rx = new NativeFrameReceiver();
                int used = rx.Feed(fed, 0, fed.Length, out bool complete);
                Assert.True(complete, r[2]);
                Assert.Equal(fed.Length, used);
                Assert.Equal(FrameVectors.Verdict(r[2]), rx.Error);
                Assert.Equal(r[3] == "1", rx.HeaderReadable);
                Assert.Equal(new[] { int.Parse(r[4]), int.Parse(r[5]), int.Parse(r[6]), int.Parse(r[7]), int.Parse(r[8]), int.Parse(r[9]) },
                             new[] { rx.Version, rx.Type, rx.Flags, rx.Opcode, rx.RequestId, rx.PayloadLength });
                if (rx.Error == 0)
                {
                    byte[] payload = new byte[rx.PayloadLength];
                    Assert.Equal(FrameStatus.Ok, rx.PayloadOut(0, payload, 0, payload.Length));
                    Assert.Equal(FrameVectors.Hex(r[10]), payload);
                }
            }
        }

        [Fact]
        public void AnyFrameEncodesToTheSameBytesBothWays()
        {
            var frames = from type in Gen.Choose(0, 255)
                         from flags in Gen.Choose(0, 255)
                         from opcode in Gen.Choose(0, 255)
                         from id in Gen.Choose(0, 65535)
                         from prefix in Gen.Choose(0, 12)
                         from length in Gen.Frequency((3, Gen.Choose(0, 600)), (1, Gen.Choose(0, LinkConstants.MaxPayload - 12)))
                         from zeros in Gen.Choose(0, 100)
                         from seed in Gen.Choose(0, int.MaxValue)
                         select (type, flags, opcode, id, prefix, length, zeros, seed);
            var writer = new FrameWriter();
            var encoder = new NativeFrameEncoder();
            using var ring = new NativeSlotRing(2, 4096);
            Prop.ForAll(Arb.From(frames), f =>
            {
                byte[] head = Payload(f.prefix, f.zeros, f.seed);
                byte[] data = Payload(f.length, f.zeros, f.seed + 1);
                var managed = new byte[LinkConstants.MaxEncoded];
                var native = new byte[LinkConstants.MaxEncoded];
                var fromSlot = new byte[LinkConstants.MaxEncoded];
                int m = writer.EncodeTwoPart((byte)f.type, (byte)f.flags, (byte)f.opcode, f.id, head, 0, head.Length, data, 0, data.Length, managed, 0);
                int n = encoder.Encode(f.type, f.flags, f.opcode, f.id, head, 0, head.Length, data, 0, data.Length, native, 0);
                int handle = ring.Acquire();
                Assert.Equal(RingStatus.Ok, ring.CopyIn(handle, 7, data, 0, data.Length));
                int s = encoder.EncodeFromSlot(f.type, f.flags, f.opcode, f.id, head, 0, head.Length, ring, handle, 7, data.Length, fromSlot, 0);
                Assert.Equal(RingStatus.Ok, ring.Release(handle));
                return m == n && m == s && managed.AsSpan(0, m).SequenceEqual(native.AsSpan(0, n)) && managed.AsSpan(0, m).SequenceEqual(fromSlot.AsSpan(0, s));
            }).Check(Many);
        }

        [Fact]
        public void AnyDamageGetsTheSameVerdictsBothWays()
        {
            // A few good frames, then damage: flipped bits, lost bytes, inserted bytes (delimiters
            // too), a cut; both receivers are fed the same stream in the same chunks.
            var cases = from count in Gen.Choose(1, 4)
                        from damage in Gen.Choose(0, 6)
                        from chunk in Gen.Choose(1, 5000)
                        from seed in Gen.Choose(0, int.MaxValue)
                        select (count, damage, chunk, seed);
            Prop.ForAll(Arb.From(cases), c =>
            {
                var random = new Random(c.seed);
                var stream = new List<byte>();
                var writer = new FrameWriter();
                var wire = new byte[LinkConstants.MaxEncoded];
                for (int i = 0; i < c.count; i++)
                {
                    byte[] p = Payload(random.Next(2) == 0 ? random.Next(40) : random.Next(LinkConstants.MaxPayload + 1), random.Next(30), random.Next());
                    int n = writer.Encode((byte)random.Next(0, 7), (byte)random.Next(4), (byte)random.Next(256), random.Next(65536), p, 0, p.Length, wire, 0);
                    stream.AddRange(wire.AsSpan(0, n).ToArray());
                }
                for (int d = 0; d < c.damage && stream.Count > 0; d++)
                {
                    int at = random.Next(stream.Count);
                    switch (random.Next(5))
                    {
                        case 0: stream[at] ^= (byte)(1 << random.Next(8)); break;
                        case 1: stream.RemoveAt(at); break;
                        case 2: stream.Insert(at, (byte)random.Next(256)); break;
                        case 3: stream.Insert(at, 0); break;
                        default: stream.RemoveRange(at, stream.Count - at); break;
                    }
                }
                if (random.Next(8) == 0) stream.AddRange(Enumerable.Repeat((byte)0x5A, LinkConstants.MaxEncoded + random.Next(50)));
                stream.Add(0);
                byte[] bytes = stream.ToArray();
                return Verdicts(bytes, c.chunk, managed: true).SequenceEqual(Verdicts(bytes, c.chunk, managed: false));
            }).Check(Many);
        }

        [Fact]
        public void ReceivedDataLandsInARingSlot()
        {
            using var ring = new NativeSlotRing(4, 4096);
            var data = Payload(4092, 50, 99);
            var offset = new byte[] { 0, 0x10, 0, 0 };
            var wire = new byte[LinkConstants.MaxEncoded];
            int n = new FrameWriter().EncodeTwoPart(FrameType.Data, 0, 0x20, 5, offset, 0, 4, data, 0, data.Length, wire, 0);
            using var rx = new NativeFrameReceiver();
            Assert.Equal(n, rx.Feed(wire, 0, n, out bool complete));
            Assert.True(complete);
            Assert.Equal(0, rx.Error);
            int handle = ring.Acquire();
            Assert.Equal(RingStatus.Ok, rx.PayloadToSlot(ring, handle, 0, 4, 4092));
            var back = new byte[4092];
            Assert.Equal(RingStatus.Ok, ring.CopyOut(handle, 0, back, 0, back.Length));
            Assert.Equal(data, back);
            // A range past the slot, a stale handle, a smaller ring: statuses, nothing written.
            Assert.Equal(RingStatus.OutOfRange, rx.PayloadToSlot(ring, handle, 5, 4, 4092));
            Assert.Equal(RingStatus.Ok, ring.Release(handle));
            Assert.Equal(RingStatus.BadHandle, rx.PayloadToSlot(ring, handle, 0, 4, 16));
            using var small = new NativeSlotRing(1, 512);
            Assert.Equal(FrameStatus.LongerThanSlot, rx.PayloadToSlot(small, small.Acquire(), 0, 4, 4092));
            Assert.Equal(FrameStatus.BadArgument, rx.PayloadToSlot(new ManagedOnlyRing(), 1, 0, 0, 1));
        }

        private static List<(int, bool, int, int, int, int, int, int, string)> Verdicts(byte[] bytes, int chunk, bool managed)
        {
            var seen = new List<(int, bool, int, int, int, int, int, int, string)>();
            var decoder = new FrameDecoder();
            using var rx = new NativeFrameReceiver();
            int fed = 0;
            while (fed < bytes.Length)
            {
                int take = Math.Min(chunk, bytes.Length - fed);
                bool complete;
                fed += managed ? decoder.Feed(bytes, fed, take, out complete) : rx.Feed(bytes, fed, take, out complete);
                if (!complete) continue;
                if (managed)
                {
                    Frame f = decoder.Current;
                    string payload = f.Error == 0 ? Convert.ToHexString(f.Buffer, f.PayloadOffset, f.PayloadLength) : "";
                    seen.Add((f.Error, f.HeaderReadable, f.Version, f.Type, f.Flags, f.Opcode, f.RequestId, f.PayloadLength, payload));
                }
                else
                {
                    string payload = "";
                    if (rx.Error == 0)
                    {
                        var p = new byte[rx.PayloadLength];
                        Assert.Equal(FrameStatus.Ok, rx.PayloadOut(0, p, 0, p.Length));
                        payload = Convert.ToHexString(p);
                    }
                    seen.Add((rx.Error, rx.HeaderReadable, rx.Version, rx.Type, rx.Flags, rx.Opcode, rx.RequestId, rx.PayloadLength, payload));
                }
            }
            return seen;
        }

        /// <summary>Random bytes with about zeros percent of them 0 (COBS's special case).</summary>
        private static byte[] Payload(int length, int zeros, int seed)
        {
            var random = new Random(seed);
            var p = new byte[length];
            random.NextBytes(p);
            for (int i = 0; i < length; i++)
            {
                if (random.Next(100) < zeros) p[i] = 0;
            }
            return p;
        }

        /// <summary>A ring that is not the native one: the native codec must refuse it, not cast it.</summary>
        private sealed class ManagedOnlyRing : ISlotRing
        {
            public int SlotCount => 1;
            public int SlotSize => 16;
            public int Acquire() => 1;
            public int Release(int handle) => 0;
            public int CopyIn(int handle, int slotOffset, byte[] source, int sourceOffset, int count) => 0;
            public int CopyOut(int handle, int slotOffset, byte[] destination, int destinationOffset, int count) => 0;
            public int Copy(int fromHandle, int fromOffset, int toHandle, int toOffset, int count) => 0;
            public void GetStats(SlotRingStats into) { }
        }
    }
}

using System;
using ScsiBridge.Client.Transports;
using Xunit;

namespace ScsiBridge.Client.Tests.Transports
{
    /// <summary>Helpers that move whole blocks over a transport in the tests.</summary>
    internal static class LinkTestIo
    {
        // Long enough for a loaded CI machine, and only ever waited out when a test fails.
        public const int ReadTimeoutMs = 2000;

        public static byte[] ReadExactly(ILinkTransport transport, int count)
        {
            var data = new byte[count];
            int done = 0;
            while (done < count)
            {
                int got = transport.Read(data, done, count - done, ReadTimeoutMs);
                Assert.True(got > 0, $"{transport.Name}: no data within {ReadTimeoutMs} ms after {done} of {count} bytes");
                done += got;
            }

            return data;
        }

        public static byte[] AllByteValues()
        {
            var data = new byte[256];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)i;
            }

            return data;
        }

        public static byte[] RandomBlock(int length, int seed)
        {
            var data = new byte[length];
            new Random(seed).NextBytes(data);
            return data;
        }
    }
}

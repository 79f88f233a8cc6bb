using System.IO;
using Xunit;
using Xunit.Abstractions;

namespace NanoFramework.CompileCheck.Tests
{
    public class NativeChecksumTests
    {
        private readonly ITestOutputHelper _out;

        public NativeChecksumTests(ITestOutputHelper output)
        {
            _out = output;
        }

        /// <summary>The package's mscorlib.pe was written by nanoFramework's metadata processor
        /// from the mscorlib.dll beside it; its header carries the checksum the processor computed.
        /// Ours, from the .dll's metadata, must be the same number (hundreds of types, generics,
        /// nested types, hundreds of native methods: the whole rule set at work).</summary>
        [Fact]
        public void TheCoreLibrarysChecksumIsTheOneItsPeFileCarries()
        {
            string pe = Path.ChangeExtension(NanoCompiler.MscorlibPath, ".pe");
            uint expected = NativeChecksum.FromPeHeader(pe);
            NativeChecksum computed = NativeChecksum.Of(NanoCompiler.MscorlibPath);
            _out.WriteLine("mscorlib: .pe header 0x" + expected.ToString("X8") + ", computed 0x" + computed.Checksum.ToString("X8")
                           + " over " + computed.NativeMethods.Count + " native methods");
            Assert.True(computed.NativeMethods.Count > 100);
            Assert.Equal(expected.ToString("X8"), computed.Checksum.ToString("X8"));
        }

        [Fact]
        public void TheCrcIsTheProcessorsVariant()
        {
            // CRC-32/MPEG-2's polynomial, MSB first, from the caller's start value, no final XOR:
            // "123456789" from 0xFFFFFFFF gives 0x0376E6E7 (the catalogue check value of that variant).
            Assert.Equal(0x0376E6E7u, NativeChecksum.Crc32(System.Text.Encoding.ASCII.GetBytes("123456789"), 0xFFFFFFFFu));
        }
    }
}

using nanoFramework.TestFramework;
using ScsiBridge.Protocol;

namespace ScsiBridge.SelfTests
{
    /// <summary>The link's frame codec (COBS and CRC-32C) as the board runs it.</summary>
    [TestClass]
    public class CodecTests
    {
        [TestMethod]
        public void Crc32CGivesTheStandardCheckValue()
        {
            // CRC-32C (Castagnoli) of the ASCII digits 1-9 is 0xE3069283 (RFC 3720, B.4 check value).
            byte[] digits = { 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39 };

            Assert.AreEqual(0xE3069283u, Crc32C.Compute(digits, 0, digits.Length));
        }

        [TestMethod]
        public void AFrameWithZerosDecodesWhole()
        {
            byte[] payload = Payloads.Pattern(600);
            byte[] encoded = new byte[LinkConstants.MaxEncoded];
            int length = new FrameWriter().Encode(FrameType.Request, 0, Opcodes.Statistics, 0x1234, payload, 0, payload.Length, encoded, 0);

            Assert.AreEqual(-1, System.Array.IndexOf(encoded, (byte)0, 0, length - 1), "a zero byte inside the COBS-encoded frame");
            Assert.AreEqual((byte)0, encoded[length - 1], "the frame's delimiter");
            var decoder = new FrameDecoder();
            bool complete;
            Assert.AreEqual(length, decoder.Feed(encoded, 0, length, out complete));
            Assert.IsTrue(complete);
            Frame f = decoder.Current;
            Assert.AreEqual(LinkErrors.None, f.Error);
            Assert.AreEqual(0x1234, f.RequestId);
            Assert.AreEqual(payload.Length, f.PayloadLength);
            Assert.AreEqual(Crc32C.Compute(payload, 0, payload.Length), Crc32C.Compute(f.Buffer, f.PayloadOffset, f.PayloadLength), "the payload's checksum after the round trip");
        }

        [TestMethod]
        public void ACorruptedFrameIsRefused()
        {
            byte[] payload = Payloads.Pattern(100);
            byte[] encoded = new byte[LinkConstants.MaxEncoded];
            int length = new FrameWriter().Encode(FrameType.Request, 0, Opcodes.Statistics, 7, payload, 0, payload.Length, encoded, 0);
            encoded[length / 2] ^= 0x10;
            if (encoded[length / 2] == 0)
            {
                encoded[length / 2] = 0x55;
            }

            var decoder = new FrameDecoder();
            bool complete;
            decoder.Feed(encoded, 0, length, out complete);

            Assert.IsTrue(complete);
            Assert.AreNotEqual(LinkErrors.None, decoder.Current.Error);
            Assert.AreEqual(1, decoder.BadCrc + decoder.BadCobs + decoder.BadLength + decoder.Short, "the refusal is counted once");
        }
    }
}

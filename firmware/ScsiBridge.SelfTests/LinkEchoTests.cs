using nanoFramework.TestFramework;
using ScsiBridge.Protocol;

namespace ScsiBridge.SelfTests
{
    /// <summary>
    /// A request goes out through the link's framing and comes back as the wire delivers it, in
    /// small pieces, and its fields read back as written. The wire itself is exercised by the
    /// SELFTEST exchange that carries these results to the PC.
    /// </summary>
    [TestClass]
    public class LinkEchoTests
    {
        [TestMethod]
        public void ARequestEchoesBackFieldByField()
        {
            byte[] payload = new byte[64];
            var writer = new PayloadWriter();
            writer.Reset(payload, 0, payload.Length).U16(513).U8(1).Str("ScsiBridge").U32(0xDEADBEEF);
            Assert.IsTrue(writer.Ok);

            byte[] wire = new byte[LinkConstants.MaxEncoded];
            int length = new FrameWriter().Encode(FrameType.Request, 0, Opcodes.SelfTest, 42, payload, 0, writer.Length, wire, 0);

            var decoder = new FrameDecoder();
            bool complete = false;
            int fed = 0;
            while (!complete && fed < length)
            {
                int piece = length - fed < 7 ? length - fed : 7;
                fed += decoder.Feed(wire, fed, piece, out complete);
            }

            Assert.IsTrue(complete, "the frame never ended");
            Frame f = decoder.Current;
            Assert.AreEqual(LinkErrors.None, f.Error);
            Assert.AreEqual((int)Opcodes.SelfTest, f.Opcode);
            Assert.AreEqual(42, f.RequestId);
            var reader = new PayloadReader();
            reader.Reset(f.Buffer, f.PayloadOffset, f.PayloadLength);
            Assert.AreEqual(513, reader.U16());
            Assert.AreEqual(1, reader.U8());
            Assert.AreEqual("ScsiBridge", reader.Str());
            Assert.AreEqual(0xDEADBEEFu, reader.U32());
            Assert.IsTrue(reader.Ok && reader.Remaining == 0, "the payload read back whole and no more");
        }
    }
}

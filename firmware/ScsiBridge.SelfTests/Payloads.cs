namespace ScsiBridge.SelfTests
{
    /// <summary>Test payloads with zeros in them, so COBS has work to do.</summary>
    internal static class Payloads
    {
        public static byte[] Pattern(int length)
        {
            // Built once per test, outside any data path: a test is allowed a loop here.
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++)
            {
                data[i] = (byte)(i % 7 == 0 ? 0 : i * 37);
            }

            return data;
        }
    }
}

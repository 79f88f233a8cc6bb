namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// Decimal numbers in the text files the emulations read (profile files, CUE sheets): digits
    /// only, no sign, no spaces, no culture, and a bound on the digits so that no value
    /// overflows an int.
    /// </summary>
    internal static class DecimalText
    {
        /// <summary>The number, or -1 when the text is empty, longer than maxDigits (at most 9)
        /// or holds anything but the digits 0-9.</summary>
        public static int Parse(string text, int maxDigits)
        {
            if (text.Length == 0 || text.Length > maxDigits) return -1;
            int v = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                v = v * 10 + (c - '0');
            }
            return v;
        }
    }
}

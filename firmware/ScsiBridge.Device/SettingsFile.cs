using System.IO;

namespace ScsiBridge.Device
{
    /// <summary>Reads the board configuration file from the board's internal storage.</summary>
    public static class SettingsFile
    {
        /// <summary>nanoFramework's ESP32 targets mount the internal flash file system as I:.</summary>
        public const string Path = "I:\\scsibridge.conf";

        /// <summary>Largest configuration file read; a longer one is refused.</summary>
        public const int MaxLength = 2048;

        /// <summary>The settings in the file, or the defaults when there is no file.</summary>
        /// <exception cref="BridgeSettingsException">The file is too long or says something wrong.</exception>
        public static BridgeSettings Load(string path)
        {
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.Open, FileAccess.Read);
            }
            catch (IOException)
            {
                return BridgeSettings.Parse(string.Empty);
            }

            byte[] bytes;
            int length;
            try
            {
                if (file.Length > MaxLength) throw new BridgeSettingsException(0, path + " is longer than " + MaxLength.ToString() + " bytes");
                bytes = new byte[(int)file.Length];
                length = file.Read(bytes, 0, bytes.Length);
            }
            finally
            {
                file.Dispose();
            }

            return BridgeSettings.Parse(Ascii(bytes, length));
        }

        // Once at start-up, a file of at most 2 KiB: the only place the application turns bytes
        // into text (there is no System.Text on the board).
        private static string Ascii(byte[] bytes, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)(bytes[i] & 0x7F);
            }

            return new string(chars);
        }
    }
}

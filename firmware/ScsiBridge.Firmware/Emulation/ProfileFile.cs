using System;

namespace ScsiBridge.Firmware.Emulation
{
    /// <summary>
    /// The text form of a <see cref="DeviceProfile"/> cloned from a real drive (docs/profiles.md):
    /// one item a line, <c>key: value</c> or <c>key XX: value</c>, <c>#</c> starts a comment, blank
    /// lines are ignored, keys are case-insensitive.
    /// <code>
    /// name: Quantum Fireball 1080S        (optional, for people)
    /// inquiry: 00 00 02 02 1F 00 00 10 ... (required: the standard INQUIRY data, 36 bytes or more)
    /// serial: 123456                      (optional: the serial number for VPD 80h and 83h)
    /// block-length: 512                   (optional: the block length to start with)
    /// page 01: 81 0A C0 08 ...            (a mode page, code and length bytes included)
    /// changeable 01: 00 00 FF FF ...      (optional: its changeable mask, same length)
    /// remove-page: 08                     (optional: a built-in page the drive does not have)
    /// vpd 80: 00 80 00 08 ...             (optional: a VPD page sent verbatim)
    /// </code>
    /// Hexadecimal bytes are pairs of digits, spaces between them optional. Malformed input is
    /// refused with a message that names the line. Parsing uses no System.Text (nanoFramework).
    /// </summary>
    public static class ProfileFile
    {
        /// <summary>The profile in <paramref name="text"/>; throws FormatException ("line N: ...").</summary>
        public static DeviceProfile Parse(string text)
        {
            DeviceProfile? profile;
            string error;
            if (!TryParse(text, out profile, out error)) throw new FormatException(error);
            return profile!;
        }

        /// <summary>The profile in <paramref name="text"/>, or false and a message naming the line.</summary>
        public static bool TryParse(string text, out DeviceProfile? profile, out string error)
        {
            profile = null;
            error = string.Empty;
            if (text == null)
            {
                error = "no text";
                return false;
            }

            byte[]? inquiry = null;
            string? name = null;
            string? serial = null;
            int blockLength = 0;
            byte[]?[] pages = new byte[0x3F][];
            byte[]?[] masks = new byte[0x3F][];
            int[] maskLines = new int[0x3F];
            long removed = 0;
            byte[]?[] vpd = new byte[256][];

            int lineNumber = 0;
            int start = 0;
            while (start <= text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0) end = text.Length;
                lineNumber++;
                string line = text.Substring(start, end - start);
                start = end + 1;

                int hash = line.IndexOf('#');
                if (hash >= 0) line = line.Substring(0, hash);
                line = line.Trim();
                if (line.Length == 0) continue;

                int colon = line.IndexOf(':');
                if (colon < 0) return Fail(out error, lineNumber, "expected 'key: value'");
                string key = line.Substring(0, colon).Trim().ToLower();
                string value = line.Substring(colon + 1).Trim();
                string argument = string.Empty;
                int space = IndexOfBlank(key);
                if (space >= 0)
                {
                    argument = key.Substring(space + 1).Trim();
                    key = key.Substring(0, space);
                }

                string message;
                switch (key)
                {
                    case "name":
                        if (!NoArgument(argument, key, out message)) return Fail(out error, lineNumber, message);
                        name = value;
                        break;

                    case "serial":
                        if (!NoArgument(argument, key, out message)) return Fail(out error, lineNumber, message);
                        serial = value;
                        break;

                    case "inquiry":
                    {
                        if (!NoArgument(argument, key, out message)) return Fail(out error, lineNumber, message);
                        if (inquiry != null) return Fail(out error, lineNumber, "a second 'inquiry' line");
                        byte[]? data = ParseHex(value, out message);
                        if (data == null) return Fail(out error, lineNumber, message);
                        if (data.Length < 36 || data.Length > 255) return Fail(out error, lineNumber, "standard INQUIRY data has 36 to 255 bytes, this has " + data.Length.ToString());
                        inquiry = data;
                        break;
                    }

                    case "block-length":
                    {
                        if (!NoArgument(argument, key, out message)) return Fail(out error, lineNumber, message);
                        int n = ParseDecimal(value);
                        if (n != 256 && n != 512 && n != 1024 && n != 2048) return Fail(out error, lineNumber, "block length '" + value + "' is not 256, 512, 1024 or 2048");
                        blockLength = n;
                        break;
                    }

                    case "page":
                    {
                        int code = ParsePageCode(argument, 0x3E, out message);
                        if (code < 0) return Fail(out error, lineNumber, message);
                        if (pages[code] != null) return Fail(out error, lineNumber, "page " + Hex2(code) + " is given twice");
                        byte[]? data = ParseHex(value, out message);
                        if (data == null) return Fail(out error, lineNumber, message);
                        if (data.Length < 2) return Fail(out error, lineNumber, "a mode page has at least its code and length bytes");
                        if ((data[0] & 0x3F) != code) return Fail(out error, lineNumber, "page " + Hex2(code) + " starts with page code " + Hex2(data[0] & 0x3F));
                        if (data[1] + 2 != data.Length) return Fail(out error, lineNumber, "page " + Hex2(code) + ": its length byte says " + (data[1] + 2).ToString() + " bytes, the line has " + data.Length.ToString());
                        pages[code] = data;
                        break;
                    }

                    case "changeable":
                    {
                        int code = ParsePageCode(argument, 0x3E, out message);
                        if (code < 0) return Fail(out error, lineNumber, message);
                        if (masks[code] != null) return Fail(out error, lineNumber, "changeable " + Hex2(code) + " is given twice");
                        byte[]? data = ParseHex(value, out message);
                        if (data == null) return Fail(out error, lineNumber, message);
                        masks[code] = data;
                        maskLines[code] = lineNumber;
                        break;
                    }

                    case "remove-page":
                    {
                        if (!NoArgument(argument, key, out message)) return Fail(out error, lineNumber, message);
                        int code = ParsePageCode(value, 0x3E, out message);
                        if (code < 0) return Fail(out error, lineNumber, message);
                        removed |= 1L << code;
                        break;
                    }

                    case "vpd":
                    {
                        int code = ParsePageCode(argument, 0xFF, out message);
                        if (code < 0) return Fail(out error, lineNumber, message);
                        if (code == 0) return Fail(out error, lineNumber, "VPD page 00 (the list) is built by the unit");
                        if (vpd[code] != null) return Fail(out error, lineNumber, "vpd " + Hex2(code) + " is given twice");
                        byte[]? data = ParseHex(value, out message);
                        if (data == null) return Fail(out error, lineNumber, message);
                        if (data.Length < 4 || data[1] != code) return Fail(out error, lineNumber, "vpd " + Hex2(code) + " does not start with a header for page " + Hex2(code));
                        int length = (data[2] << 8) | data[3];
                        if (length + 4 != data.Length) return Fail(out error, lineNumber, "vpd " + Hex2(code) + ": its length field says " + (length + 4).ToString() + " bytes, the line has " + data.Length.ToString());
                        if (data.Length > DeviceProfile.MaxVpdLength) return Fail(out error, lineNumber, "vpd " + Hex2(code) + " is longer than " + DeviceProfile.MaxVpdLength.ToString() + " bytes");
                        vpd[code] = data;
                        break;
                    }

                    default:
                        return Fail(out error, lineNumber, "unknown key '" + key + "'");
                }
            }

            if (inquiry == null)
            {
                error = "no 'inquiry:' line: a profile needs the drive's INQUIRY data";
                return false;
            }
            for (int code = 0; code < 0x3F; code++)
            {
                byte[]? mask = masks[code];
                if (mask == null) continue;
                byte[]? page = pages[code];
                if (page == null) return Fail(out error, maskLines[code], "changeable " + Hex2(code) + " has no 'page " + Hex2(code) + "' line");
                if (mask.Length != page.Length) return Fail(out error, maskLines[code], "changeable " + Hex2(code) + " has " + mask.Length.ToString() + " bytes, its page " + page.Length.ToString());
            }

            DeviceProfile p = new DeviceProfile(inquiry[0] & 0x1F, string.Empty, string.Empty, string.Empty);
            p.TakeInquiry(inquiry);
            if (name != null) p.Name = name;
            if (serial != null) p.Serial = serial;
            p.BlockLength = blockLength;
            for (int code = 0; code < 0x3F; code++)
            {
                if ((removed & (1L << code)) != 0) p.RemoveModePage(code);
            }
            for (int code = 0; code < 0x3F; code++)
            {
                byte[]? page = pages[code];
                if (page != null) p.SetModePage(page, masks[code]);
            }
            for (int code = 1; code < 256; code++)
            {
                byte[]? page = vpd[code];
                if (page != null) p.SetVpdPage(page);
            }
            profile = p;
            return true;
        }

        /// <summary>The profile as text that <see cref="Parse"/> reads back to the same profile.</summary>
        public static string Write(DeviceProfile profile)
        {
            if (profile == null) throw new ArgumentNullException("profile");
            string text = "# ScsiBridge device profile (format: docs/profiles.md)\n";
            if (profile.Name.Length > 0) text += "name: " + OneLine(profile.Name) + "\n";
            text += "inquiry: " + Hex(profile.BuildInquiry()) + "\n";
            if (profile.Serial.Length > 0) text += "serial: " + OneLine(profile.Serial) + "\n";
            if (profile.BlockLength != 0) text += "block-length: " + profile.BlockLength.ToString() + "\n";
            for (int code = 0; code < 0x3F; code++)
            {
                if (profile.IsModePageRemoved(code)) text += "remove-page: " + Hex2(code) + "\n";
            }
            for (int code = 0; code < 0x3F; code++)
            {
                byte[]? page = profile.GetModePage(code);
                if (page == null) continue;
                text += "page " + Hex2(code) + ": " + Hex(page) + "\n";
                byte[]? mask = profile.GetChangeableMask(code);
                if (mask != null) text += "changeable " + Hex2(code) + ": " + Hex(mask) + "\n";
            }
            for (int code = 1; code < 256; code++)
            {
                byte[]? page = profile.GetVpdPage(code);
                if (page != null) text += "vpd " + Hex2(code) + ": " + Hex(page) + "\n";
            }
            return text;
        }

        // ---- hexadecimal and decimal by hand (no System.Text, no culture) ----

        /// <summary>Bytes from pairs of hex digits, blanks allowed between bytes; null and a message if malformed.</summary>
        internal static byte[]? ParseHex(string value, out string message)
        {
            message = string.Empty;
            int digits = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (IsBlank(c)) continue;
                if (Nibble(c) < 0)
                {
                    message = "'" + c.ToString() + "' is not a hexadecimal digit";
                    return null;
                }
                digits++;
            }
            if (digits == 0)
            {
                message = "no bytes given";
                return null;
            }
            byte[] data = new byte[digits / 2 + 1];
            int count = 0;
            int high = -1;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (IsBlank(c))
                {
                    if (high >= 0)
                    {
                        message = "a byte needs two hexadecimal digits (a lone digit before column " + (i + 1).ToString() + ")";
                        return null;
                    }
                    continue;
                }
                int n = Nibble(c);
                if (high < 0)
                {
                    high = n;
                }
                else
                {
                    data[count++] = (byte)((high << 4) | n);
                    high = -1;
                }
            }
            if (high >= 0)
            {
                message = "a byte needs two hexadecimal digits (a lone digit at the end)";
                return null;
            }
            byte[] result = new byte[count];
            Array.Copy(data, result, count);
            return result;
        }

        internal static string Hex(byte[] data)
        {
            if (data.Length == 0) return string.Empty;
            char[] chars = new char[data.Length * 3 - 1];
            for (int i = 0; i < data.Length; i++)
            {
                chars[i * 3] = Digit(data[i] >> 4);
                chars[i * 3 + 1] = Digit(data[i] & 0x0F);
                if (i < data.Length - 1) chars[i * 3 + 2] = ' ';
            }
            return new string(chars);
        }

        internal static string Hex2(int value)
        {
            char[] chars = new char[2];
            chars[0] = Digit((value >> 4) & 0x0F);
            chars[1] = Digit(value & 0x0F);
            return new string(chars);
        }

        private static int ParsePageCode(string text, int max, out string message)
        {
            message = string.Empty;
            string t = text.Trim();
            if (t.Length != 2 || Nibble(t[0]) < 0 || Nibble(t[1]) < 0)
            {
                message = t.Length == 0 ? "a page code (two hexadecimal digits) is missing" : "page code '" + t + "' is not two hexadecimal digits";
                return -1;
            }
            int code = (Nibble(t[0]) << 4) | Nibble(t[1]);
            if (code > max)
            {
                message = "page code " + Hex2(code) + " is above " + Hex2(max);
                return -1;
            }
            return code;
        }

        private static int ParseDecimal(string text) => DecimalText.Parse(text, 9);

        private static bool NoArgument(string argument, string key, out string message)
        {
            message = argument.Length == 0 ? string.Empty : "'" + key + "' takes no page code";
            return argument.Length == 0;
        }

        private static bool Fail(out string error, int line, string message)
        {
            error = "line " + line.ToString() + ": " + message;
            return false;
        }

        private static int IndexOfBlank(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (IsBlank(s[i])) return i;
            }
            return -1;
        }

        private static bool IsBlank(char c)
        {
            return c == ' ' || c == '\t' || c == '\r';
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        private static char Digit(int nibble)
        {
            return (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
        }

        /// <summary>Text for a one-line value: line breaks and '#' (a comment) become spaces.</summary>
        private static string OneLine(string s)
        {
            char[] chars = s.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == '\n' || chars[i] == '\r' || chars[i] == '#') chars[i] = ' ';
            }
            return new string(chars).Trim();
        }
    }
}

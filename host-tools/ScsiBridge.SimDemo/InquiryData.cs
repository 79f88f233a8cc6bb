using System;
using System.Text;

namespace ScsiBridge.SimDemo
{
    /// <summary>The standard 36 bytes of INQUIRY data (SCSI-2 8.2.5): what a device says it is.</summary>
    public sealed class InquiryData
    {
        public const int StandardLength = 36;

        public InquiryData(int peripheralType, string vendor, string product, string revision)
        {
            PeripheralType = peripheralType;
            Vendor = vendor;
            Product = product;
            Revision = revision;
        }

        /// <summary>0 = direct-access (disk), 5 = CD-ROM, 1 = tape, 3 = processor ...</summary>
        public int PeripheralType { get; }

        public string Vendor { get; }

        public string Product { get; }

        public string Revision { get; }

        public static string PeripheralTypeName(int type)
        {
            switch (type)
            {
                case 0x00: return "direct-access device (disk)";
                case 0x01: return "sequential-access device (tape)";
                case 0x02: return "printer";
                case 0x03: return "processor";
                case 0x04: return "write-once device";
                case 0x05: return "CD-ROM device";
                case 0x06: return "scanner";
                case 0x07: return "optical memory device";
                case 0x08: return "medium changer";
                case 0x09: return "communications device";
                case 0x1F: return "unknown or no device type";
                default: return "device type 0x" + type.ToString("X2");
            }
        }

        /// <summary>Encodes the standard data: SCSI-2, response format 2, fields space-padded.</summary>
        public byte[] Encode()
        {
            var data = new byte[StandardLength];
            data[0] = (byte)(PeripheralType & 0x1F);  // qualifier 0: a device is connected
            data[2] = 0x02;                            // ANSI version: SCSI-2
            data[3] = 0x02;                            // response data format: SCSI-2
            data[4] = StandardLength - 5;              // additional length
            Pad(Vendor, data, 8, 8);
            Pad(Product, data, 16, 16);
            Pad(Revision, data, 32, 4);
            return data;
        }

        /// <summary>Decodes at least the first 36 bytes of INQUIRY data.</summary>
        public static InquiryData Decode(byte[] data, int offset, int count)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (count < StandardLength || offset < 0 || offset > data.Length - count)
            {
                throw new ArgumentException("Standard INQUIRY data is " + StandardLength + " bytes; got " + count + ".", nameof(count));
            }

            return new InquiryData(
                data[offset] & 0x1F,
                Text(data, offset + 8, 8),
                Text(data, offset + 16, 16),
                Text(data, offset + 32, 4));
        }

        private static void Pad(string text, byte[] into, int offset, int width)
        {
            for (int i = 0; i < width; i++)
            {
                into[offset + i] = i < text.Length ? (byte)text[i] : (byte)' ';
            }
        }

        private static string Text(byte[] data, int offset, int width)
        {
            return Encoding.ASCII.GetString(data, offset, width).TrimEnd(' ', '\0');
        }
    }
}

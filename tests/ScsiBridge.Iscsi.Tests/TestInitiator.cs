using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace ScsiBridge.Iscsi.Tests;

/// <summary>
/// A small iSCSI initiator for the tests: login (optionally with CHAP), SCSI commands one at a
/// time with immediate data and R2T, and the raw PDU stream for the fuzzer. It follows RFC 7143
/// independently of the gateway's code, so that the two check each other.
/// </summary>
internal sealed class TestInitiator : IDisposable
{
    public const string InitiatorName = "iqn.2026-12.invalid.scsibridge:test-initiator";

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private uint _cmdSn = 1;
    private uint _itt = 1;
    private uint _expStatSn;

    public TestInitiator(IPEndPoint target)
    {
        _tcp = new TcpClient();
        _tcp.Connect(target);
        _tcp.NoDelay = true;
        _stream = _tcp.GetStream();
        // Generous: a simulated bridge behind the gateway shares two cores with other suites;
        // a hang still ends the test, and no assertion depends on this wait.
        _stream.ReadTimeout = 30000;
    }

    public int LoginStatus { get; private set; } = -1;

    /// <summary>How long Receive waits for the target, in milliseconds.</summary>
    public int ReadTimeout
    {
        get => _stream.ReadTimeout;
        set => _stream.ReadTimeout = value;
    }

    public int MaxRecv { get; private set; } = 8192;

    public record Response(int Status, byte[] Data, byte[] Sense, int ResidualFlags, uint Residual)
    {
        public int SenseKey => Sense.Length > 2 ? Sense[2] & 0x0F : 0;

        public int Asc => Sense.Length > 13 ? (Sense[12] << 8) | Sense[13] : 0;
    }

    public sealed record Pdu(byte[] Header, byte[] Data)
    {
        public int Opcode => Header[0] & 0x3F;
    }

    /// <summary>Logs in to a normal session of target (or discovery when target is null); true on success.</summary>
    public bool Login(string? target, string? chapUser = null, string? chapSecret = null, string isid = "400001370000")
    {
        var keys = new List<string> { "InitiatorName=" + InitiatorName, "SessionType=" + (target == null ? "Discovery" : "Normal") };
        if (target != null) keys.Add("TargetName=" + target);
        if (chapUser != null)
        {
            keys.Add("AuthMethod=CHAP,None");
            Pdu r = LoginPdu(0, 0, false, keys, isid);
            if (Status(r) != 0) return false;
            r = LoginPdu(0, 0, false, new List<string> { "CHAP_A=5" }, isid);
            if (Status(r) != 0) return false;
            var got = Keys(r.Data);
            byte id = byte.Parse(got["CHAP_I"]);
            byte[] challenge = Convert.FromHexString(got["CHAP_C"].Substring(2));
            byte[] input = new byte[1 + chapSecret!.Length + challenge.Length];
            input[0] = id;
            Encoding.UTF8.GetBytes(chapSecret).CopyTo(input, 1);
            challenge.CopyTo(input, 1 + chapSecret.Length);
            string response = "0x" + Convert.ToHexString(MD5.HashData(input));
            r = LoginPdu(0, 1, true, new List<string> { "CHAP_N=" + chapUser, "CHAP_R=" + response }, isid);
            if (Status(r) != 0) return false;
            keys = new List<string>();
        }
        else
        {
            keys.Add("AuthMethod=None");
            Pdu r0 = LoginPdu(0, 1, true, keys, isid);
            if (Status(r0) != 0) return false;
            keys = new List<string>();
        }
        keys.AddRange(new[] { "HeaderDigest=None", "DataDigest=None", "MaxRecvDataSegmentLength=65536", "InitialR2T=Yes", "ImmediateData=Yes", "MaxBurstLength=262144", "FirstBurstLength=65536" });
        Pdu last = LoginPdu(1, 3, true, keys, isid);
        return Status(last) == 0 && (last.Header[1] & 0x80) != 0;
    }

    private int Status(Pdu r)
    {
        LoginStatus = (r.Header[36] << 8) | r.Header[37];
        return LoginStatus;
    }

    private Pdu LoginPdu(int stage, int next, bool transit, List<string> keys, string isid)
    {
        byte[] h = new byte[48];
        h[0] = 0x43;
        h[1] = (byte)((transit ? 0x80 : 0) | (stage << 2) | (transit ? next : 0));
        Convert.FromHexString(isid).CopyTo(h, 8);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(16), _itt++);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(24), _cmdSn);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(28), _expStatSn);
        Send(h, Encoding.UTF8.GetBytes(string.Join("\0", keys) + "\0"));
        Pdu r = Receive() ?? throw new IOException("the target closed the connection during login");
        _expStatSn = BinaryPrimitives.ReadUInt32BigEndian(r.Header.AsSpan(24)) + 1;
        return r;
    }

    public static Dictionary<string, string> Keys(byte[] data) =>
        Encoding.UTF8.GetString(data).Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    /// <summary>One SCSI command; dataOut goes as immediate data (up to 64 KiB) and R2T bursts.</summary>
    public Response Command(int lun, byte[] cdb, int dataIn, byte[]? dataOut = null, int? expected = null)
    {
        byte[] h = new byte[48];
        h[0] = 0x01;
        h[1] = (byte)(0x80 | (dataIn > 0 ? 0x40 : 0) | (dataOut != null ? 0x20 : 0));
        h[9] = (byte)lun;
        uint itt = _itt++;
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(16), itt);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(20), (uint)(expected ?? (dataOut?.Length ?? dataIn)));
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(24), _cmdSn++);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(28), _expStatSn);
        cdb.CopyTo(h, 32);
        int immediate = dataOut == null ? 0 : Math.Min(dataOut.Length, 65536);
        Send(h, dataOut == null ? Array.Empty<byte>() : dataOut[..immediate]);
        var data = new MemoryStream();
        while (true)
        {
            Pdu r = Receive() ?? throw new IOException("the target closed the connection");
            switch (r.Opcode)
            {
                case 0x25:  // Data-In
                    data.Write(r.Data);
                    if ((r.Header[1] & 0x01) != 0)
                    {
                        _expStatSn = BinaryPrimitives.ReadUInt32BigEndian(r.Header.AsSpan(24)) + 1;
                        return new Response(r.Header[3], data.ToArray(), Array.Empty<byte>(), r.Header[1] & 0x06, BinaryPrimitives.ReadUInt32BigEndian(r.Header.AsSpan(44)));
                    }
                    break;
                case 0x31:  // R2T
                {
                    uint offset = BinaryPrimitives.ReadUInt32BigEndian(r.Header.AsSpan(40));
                    uint length = BinaryPrimitives.ReadUInt32BigEndian(r.Header.AsSpan(44));
                    for (uint done = 0; done < length; done += 65536)
                    {
                        uint n = Math.Min(65536, length - done);
                        byte[] d = new byte[48];
                        d[0] = 0x05;
                        d[1] = (byte)(done + n >= length ? 0x80 : 0);
                        Array.Copy(r.Header, 8, d, 8, 8);
                        BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(16), itt);
                        Array.Copy(r.Header, 20, d, 20, 4);
                        BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(28), _expStatSn);
                        BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(40), offset + done);
                        Send(d, dataOut!.AsSpan((int)(offset + done), (int)n).ToArray());
                    }
                    break;
                }
                case 0x21:  // SCSI Response
                {
                    _expStatSn = BinaryPrimitives.ReadUInt32BigEndian(r.Header.AsSpan(24)) + 1;
                    byte[] sense = r.Data.Length >= 2 ? r.Data.AsSpan(2, BinaryPrimitives.ReadUInt16BigEndian(r.Data)).ToArray() : Array.Empty<byte>();
                    return new Response(r.Header[3], data.ToArray(), sense, r.Header[1] & 0x06, BinaryPrimitives.ReadUInt32BigEndian(r.Header.AsSpan(44)));
                }
                default:
                    throw new IOException("unexpected PDU opcode " + r.Opcode.ToString("X2") + "h during a command");
            }
        }
    }

    public void Logout()
    {
        byte[] h = new byte[48];
        h[0] = 0x46;
        h[1] = 0x80;
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(16), _itt++);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(24), _cmdSn);
        BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(28), _expStatSn);
        Send(h, Array.Empty<byte>());
        Receive();
    }

    /// <summary>Writes a header (its data segment length set here) and data, padded.</summary>
    public void Send(byte[] header, byte[] data)
    {
        header[5] = (byte)(data.Length >> 16);
        header[6] = (byte)(data.Length >> 8);
        header[7] = (byte)data.Length;
        SendRaw(header);
        SendRaw(data);
        int pad = (4 - (data.Length & 3)) & 3;
        if (pad > 0) SendRaw(new byte[pad]);
    }

    public void SendRaw(byte[] bytes) => _stream.Write(bytes);

    /// <summary>The next PDU, or null when the target closed the connection.</summary>
    public Pdu? Receive()
    {
        byte[] h = new byte[48];
        if (!Fill(h)) return null;
        int ahs = h[4] * 4;
        int length = (h[5] << 16) | (h[6] << 8) | h[7];
        if (ahs > 0 && !Fill(new byte[ahs])) return null;
        byte[] data = new byte[(length + 3) & ~3];
        if (!Fill(data)) return null;
        return new Pdu(h, data[..length]);
    }

    private bool Fill(byte[] buffer)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n;
            try
            {
                n = _stream.Read(buffer, done, buffer.Length - done);
            }
            catch (IOException)
            {
                return false;
            }
            if (n == 0) return false;
            done += n;
        }
        return true;
    }

    public void Dispose() => _tcp.Dispose();
}

using System.Security.Cryptography;

namespace ScsiBridge.Iscsi.Login;

/// <summary>
/// One-way CHAP with MD5 (RFC 7143 12.1.3, RFC 1994): the target sends an identifier and a
/// random challenge; the initiator answers MD5(identifier || secret || challenge) under the
/// configured user name. The comparison takes the same time whatever differs.
/// </summary>
internal sealed class ChapAuthenticator
{
    public const string Md5Algorithm = "5";

    private readonly string _user;
    private readonly byte[] _secret;
    private byte _identifier;
    private byte[]? _challenge;

    public ChapAuthenticator(string user, byte[] secret)
    {
        _user = user;
        _secret = secret;
    }

    /// <summary>Chooses MD5 from the initiator's CHAP_A list; null when it is not offered.</summary>
    public static string? ChooseAlgorithm(string offered) =>
        offered.Split(',').Any(a => a.Trim() == Md5Algorithm) ? Md5Algorithm : null;

    /// <summary>The CHAP_I and CHAP_C values to send: a fresh identifier and 16-byte challenge.</summary>
    public (string Identifier, string Challenge) NewChallenge()
    {
        _identifier = (byte)RandomNumberGenerator.GetInt32(256);
        _challenge = RandomNumberGenerator.GetBytes(16);
        return (_identifier.ToString(), "0x" + Convert.ToHexString(_challenge).ToLowerInvariant());
    }

    /// <summary>True when CHAP_N is the user and CHAP_R the right response to the challenge sent.</summary>
    public bool Verify(string? name, string? response)
    {
        if (_challenge == null || name == null || response == null) return false;
        byte[]? given = DecodeBinary(response);
        if (given == null) return false;
        byte[] expected = Response(_identifier, _secret, _challenge);
        bool userOk = CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(name), System.Text.Encoding.UTF8.GetBytes(_user));
        bool responseOk = given.Length == expected.Length && CryptographicOperations.FixedTimeEquals(given, expected);
        _challenge = null;  // one answer per challenge
        return userOk & responseOk;
    }

    public static byte[] Response(byte identifier, byte[] secret, byte[] challenge)
    {
        byte[] input = new byte[1 + secret.Length + challenge.Length];
        input[0] = identifier;
        secret.CopyTo(input, 1);
        challenge.CopyTo(input, 1 + secret.Length);
        return MD5.HashData(input);
    }

    /// <summary>An RFC 7143 binary value: 0x hex or 0b base64; null when it is neither.</summary>
    public static byte[]? DecodeBinary(string value)
    {
        try
        {
            if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                string hex = value.Substring(2);
                if (hex.Length % 2 == 1) hex = "0" + hex;
                return Convert.FromHexString(hex);
            }
            if (value.StartsWith("0b", StringComparison.OrdinalIgnoreCase)) return Convert.FromBase64String(value.Substring(2));
        }
        catch (FormatException)
        {
        }
        return null;
    }
}

using System.Globalization;

namespace ScsiBridge.Iscsi.Login;

/// <summary>
/// The login phase of one connection (RFC 7143 6.3 and 13): the security stage (CHAP when the
/// target has a secret, None otherwise), the operational stage, and the step into full feature
/// phase. Each Login Request's keys go through <see cref="Negotiate"/>, which answers them and
/// says whether the initiator may move to the stage it asked for.
/// </summary>
internal sealed class LoginNegotiator
{
    public const int SecurityStage = 0;
    public const int OperationalStage = 1;
    public const int FullFeaturePhase = 3;

    private readonly string _targetName;
    private readonly ChapAuthenticator? _chap;
    private bool _chapChosen;
    private bool _challengeSent;
    private bool _authenticated;
    private bool _sentPortalGroup;
    private bool _declaredMaxRecv;

    public LoginNegotiator(string targetName, ChapAuthenticator? chap)
    {
        _targetName = targetName;
        _chap = chap;
        _authenticated = chap == null;
    }

    public SessionParameters Parameters { get; } = new SessionParameters();

    public bool SawSessionType { get; private set; }

    /// <summary>A reason the initiator gave that ends the login, or Success.</summary>
    public int Failure { get; private set; }

    public string FailureMessage { get; private set; } = "";

    /// <summary>
    /// Answers the keys of one Login Request in stage <paramref name="stage"/>; returns the keys of
    /// the response, or null after setting <see cref="Failure"/>. <paramref name="first"/>: the
    /// first PDU of the login, where InitiatorName and SessionType come.
    /// </summary>
    public TextKeys? Negotiate(int stage, TextKeys request, bool first)
    {
        var response = new TextKeys();
        if (first)
        {
            string? initiator = request.Get("InitiatorName");
            string? type = request.Get("SessionType") ?? "Normal";
            if (initiator == null) return Fail(LoginStatus.MissingParameter, "the first Login Request has no InitiatorName");
            Parameters.InitiatorName = initiator;
            SawSessionType = true;
            if (type == "Discovery") Parameters.Discovery = true;
            else if (type != "Normal") return Fail(LoginStatus.SessionTypeNotSupported, "SessionType " + type + " is neither Normal nor Discovery");
            if (!Parameters.Discovery)
            {
                string? target = request.Get("TargetName");
                if (target == null) return Fail(LoginStatus.MissingParameter, "a normal session's first Login Request has no TargetName");
                if (!string.Equals(target, _targetName, StringComparison.OrdinalIgnoreCase))
                {
                    return Fail(LoginStatus.TargetNotFound, "no target named " + target + " here (this one is " + _targetName + ")");
                }
            }
        }
        if (!_sentPortalGroup && !Parameters.Discovery)
        {
            response.Add("TargetPortalGroupTag", "1");
            _sentPortalGroup = true;
        }

        foreach (var (key, value) in request.Pairs)
        {
            string? answer = stage == SecurityStage ? SecurityKey(key, value) : OperationalKey(key, value);
            if (Failure != LoginStatus.Success) return null;
            if (answer != null) response.Add(key, answer);
        }
        if (stage == SecurityStage && _chapChosen && _chap != null && !_challengeSent && request.Get("CHAP_A") != null)
        {
            string? algorithm = ChapAuthenticator.ChooseAlgorithm(request.Get("CHAP_A")!);
            if (algorithm == null) return Fail(LoginStatus.AuthenticationFailure, "the initiator offers no CHAP algorithm but MD5 (5)");
            var (id, challenge) = _chap.NewChallenge();
            response.Add("CHAP_I", id);
            response.Add("CHAP_C", challenge);
            _challengeSent = true;
        }
        else if (stage == SecurityStage && _challengeSent && request.Get("CHAP_R") != null)
        {
            if (!_chap!.Verify(request.Get("CHAP_N"), request.Get("CHAP_R")))
            {
                return Fail(LoginStatus.AuthenticationFailure, "CHAP: the user name or the response is wrong");
            }
            if (request.Get("CHAP_I") != null || request.Get("CHAP_C") != null)
            {
                return Fail(LoginStatus.AuthenticationFailure, "the initiator asks for mutual CHAP, which this target does not do");
            }
            _authenticated = true;
        }
        if (stage == OperationalStage && !_declaredMaxRecv && !Parameters.Discovery)
        {
            _declaredMaxRecv = true;
            if (request.Get("MaxRecvDataSegmentLength") == null) response.Add("MaxRecvDataSegmentLength", SessionParameters.TargetMaxRecvDataSegmentLength.ToString(CultureInfo.InvariantCulture));
        }
        return response;
    }

    /// <summary>May the login leave the security stage (or skip it)?</summary>
    public bool MayLeaveSecurity => _authenticated;

    private string? SecurityKey(string key, string value)
    {
        switch (key)
        {
            case "AuthMethod":
            {
                var offered = value.Split(',').Select(v => v.Trim()).ToList();
                if (_chap != null)
                {
                    if (!offered.Contains("CHAP")) { Fail(LoginStatus.AuthenticationFailure, "this target requires CHAP; the initiator offers " + value); return null; }
                    _chapChosen = true;
                    return "CHAP";
                }
                if (offered.Contains("None")) return "None";
                Fail(LoginStatus.AuthenticationFailure, "the initiator offers only " + value + " and this target has no CHAP secret (--chap-user)");
                return null;
            }
            case "CHAP_A":
            {
                if (!_chapChosen) return "Irrelevant";
                return ChapAuthenticator.ChooseAlgorithm(value) ?? "Reject";
            }
            case "CHAP_N":
            case "CHAP_R":
            case "CHAP_I":
            case "CHAP_C":
                return null;  // handled with the whole PDU
            default:
                return OperationalKey(key, value);
        }
    }

    private string? OperationalKey(string key, string value)
    {
        var p = Parameters;
        switch (key)
        {
            case "InitiatorName":
            case "TargetName":
            case "SessionType":
                return null;  // declarative, read with the first PDU
            case "InitiatorAlias":
                p.InitiatorAlias = value;
                return null;
            case "HeaderDigest":
            case "DataDigest":
                return value.Split(',').Any(v => v.Trim() == "None") ? "None" : "Reject";
            case "MaxConnections":
                return "1";
            case "InitialR2T":
                p.InitialR2T = value == "Yes";
                return p.InitialR2T ? "Yes" : "No";
            case "ImmediateData":
                p.ImmediateData = value == "Yes";
                return p.ImmediateData ? "Yes" : "No";
            case "MaxRecvDataSegmentLength":
            {
                if (!TryNumber(value, 512, 16777215, out long n)) return "Reject";
                p.InitiatorMaxRecvDataSegmentLength = (int)n;
                _declaredMaxRecv = true;
                return SessionParameters.TargetMaxRecvDataSegmentLength.ToString(CultureInfo.InvariantCulture);
            }
            case "MaxBurstLength":
            {
                if (!TryNumber(value, 512, 16777215, out long n)) return "Reject";
                p.MaxBurstLength = (int)Math.Min(n, p.MaxBurstLength);
                return p.MaxBurstLength.ToString(CultureInfo.InvariantCulture);
            }
            case "FirstBurstLength":
            {
                if (!TryNumber(value, 512, 16777215, out long n)) return "Reject";
                p.FirstBurstLength = (int)Math.Min(n, p.FirstBurstLength);
                return p.FirstBurstLength.ToString(CultureInfo.InvariantCulture);
            }
            case "DefaultTime2Wait":
                return TryNumber(value, 0, 3600, out long wait) ? Math.Max(wait, 2).ToString(CultureInfo.InvariantCulture) : "Reject";
            case "DefaultTime2Retain":
                return TryNumber(value, 0, 3600, out _) ? "0" : "Reject";
            case "MaxOutstandingR2T":
                return TryNumber(value, 1, 65535, out _) ? "1" : "Reject";
            case "DataPDUInOrder":
            case "DataSequenceInOrder":
                return "Yes";
            case "ErrorRecoveryLevel":
                return TryNumber(value, 0, 2, out _) ? "0" : "Reject";
            case "IFMarker":
            case "OFMarker":
                return "No";
            case "OFMarkInt":
            case "IFMarkInt":
                return "Irrelevant";
            case "TargetAlias":
            case "TargetAddress":
            case "TargetPortalGroupTag":
                Fail(LoginStatus.InitiatorError, "the initiator sent " + key + ", which only a target may send");
                return null;
            default:
                return "NotUnderstood";
        }
    }

    private static bool TryNumber(string value, long min, long max, out long n) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out n) && n >= min && n <= max;

    private TextKeys? Fail(int status, string message)
    {
        Failure = status;
        FailureMessage = message;
        return null;
    }
}

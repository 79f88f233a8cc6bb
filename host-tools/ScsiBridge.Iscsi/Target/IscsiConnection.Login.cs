using ScsiBridge.Iscsi.Login;
using ScsiBridge.Iscsi.Pdu;

namespace ScsiBridge.Iscsi.Target;

/// <summary>The login phase of a connection (RFC 7143 6): Login Requests until full feature phase or a refusal.</summary>
internal sealed partial class IscsiConnection
{
    private const int MaxLoginPdus = 64;
    private const int MaxLoginText = 64 * 1024;

    private async Task<bool> LoginAsync(CancellationToken ct)
    {
        var negotiator = new LoginNegotiator(_target.Name, _target.NewChap());
        _parameters = negotiator.Parameters;
        bool first = true;
        var pending = new MemoryStream();
        for (int round = 0; round < MaxLoginPdus; round++)
        {
            ProtocolData? pdu = await _channel.ReadAsync(ct).ConfigureAwait(false);
            if (pdu == null) return false;
            if (pdu.Opcode != Opcode.LoginRequest)
            {
                throw new PduFormatException("the first PDUs of a connection must be Login Requests, not opcode " + pdu.Opcode.ToString("X2") + "h");
            }
            bool transit = (pdu.Flags & 0x80) != 0;
            bool more = (pdu.Flags & 0x40) != 0;
            int stage = (pdu.Flags >> 2) & 0x03;
            int next = pdu.Flags & 0x03;
            if (first)
            {
                Array.Copy(pdu.Header, 8, Isid, 0, 6);
                _expCmdSn = pdu.U32(24);
                _statSn = pdu.U32(28);
                if (pdu.U16(14) != 0)
                {
                    await LoginFailAsync(pdu, LoginStatus.SessionDoesNotExist, "the initiator adds a connection to a session; this target has one connection per session", ct).ConfigureAwait(false);
                    return false;
                }
                if (pdu.Header[3] > 0)
                {
                    await LoginFailAsync(pdu, LoginStatus.UnsupportedVersion, "the initiator's lowest iSCSI version is " + pdu.Header[3] + "; this target speaks version 0", ct).ConfigureAwait(false);
                    return false;
                }
            }
            if (stage == 2 || (transit && (next == 2 || next <= stage)))
            {
                await LoginFailAsync(pdu, LoginStatus.InitiatorError, "the Login Request asks for stage " + stage + " to " + next + ", which does not exist", ct).ConfigureAwait(false);
                return false;
            }
            pending.Write(pdu.Data, 0, pdu.DataLength);
            if (pending.Length > MaxLoginText)
            {
                await LoginFailAsync(pdu, LoginStatus.InitiatorError, "the login text is longer than " + MaxLoginText + " bytes", ct).ConfigureAwait(false);
                return false;
            }
            if (more)
            {
                // Text continues in the next PDU: acknowledge with an empty response.
                await LoginRespondAsync(pdu, stage, false, 0, new TextKeys(), 0, ct).ConfigureAwait(false);
                continue;
            }
            TextKeys request;
            try
            {
                request = TextKeys.Parse(pending.GetBuffer(), (int)pending.Length);
            }
            catch (FormatException e)
            {
                await LoginFailAsync(pdu, LoginStatus.InitiatorError, e.Message, ct).ConfigureAwait(false);
                return false;
            }
            pending.SetLength(0);
            if (stage == LoginNegotiator.OperationalStage && !negotiator.MayLeaveSecurity)
            {
                await LoginFailAsync(pdu, LoginStatus.AuthenticationFailure, "this target requires CHAP; the initiator skipped the security stage", ct).ConfigureAwait(false);
                return false;
            }
            TextKeys? response = negotiator.Negotiate(stage, request, first);
            first = false;
            if (response == null)
            {
                await LoginFailAsync(pdu, negotiator.Failure, negotiator.FailureMessage, ct).ConfigureAwait(false);
                return false;
            }
            bool mayTransit = transit && (stage != LoginNegotiator.SecurityStage || negotiator.MayLeaveSecurity);
            if (mayTransit && next == LoginNegotiator.FullFeaturePhase)
            {
                string? refusal = _target.Admit(this);
                if (refusal != null)
                {
                    await LoginFailAsync(pdu, LoginStatus.OutOfResources, refusal, ct).ConfigureAwait(false);
                    return false;
                }
                Tsih = _target.NewTsih();
                _channel.MaxReceiveData = SessionParameters.TargetMaxRecvDataSegmentLength;
                await LoginRespondAsync(pdu, stage, true, next, response, 0, ct).ConfigureAwait(false);
                _target.Say("session " + Number + ": " + (IsDiscovery ? "discovery" : "login") + " from " + InitiatorName + " at " + Peer);
                return true;
            }
            await LoginRespondAsync(pdu, stage, mayTransit, next, response, 0, ct).ConfigureAwait(false);
        }
        throw new PduFormatException("the login did not end after " + MaxLoginPdus + " Login Requests");
    }

    private async Task LoginRespondAsync(ProtocolData request, int stage, bool transit, int next, TextKeys keys, int status, CancellationToken ct)
    {
        var p = ProtocolData.Create(Opcode.LoginResponse, false);
        p.Flags = (byte)((transit ? 0x80 : 0x00) | (stage << 2) | (transit ? next : 0));
        p.Header[2] = 0x00;  // version max
        p.Header[3] = 0x00;  // version active
        Array.Copy(request.Header, 8, p.Header, 8, 6);
        p.SetU16(14, transit && next == LoginNegotiator.FullFeaturePhase ? Tsih : 0);
        p.TaskTag = request.TaskTag;
        p.Header[36] = (byte)(status >> 8);
        p.Header[37] = (byte)status;
        byte[] text = keys.Encode();
        p.SetData(text, text.Length);
        await SendStatusAsync(p, ct).ConfigureAwait(false);
    }

    private async Task LoginFailAsync(ProtocolData request, int status, string why, CancellationToken ct)
    {
        _target.Say("session " + Number + " (" + Peer + "): login refused: " + why);
        await LoginRespondAsync(request, (request.Flags >> 2) & 0x03, false, 0, new TextKeys(), status, ct).ConfigureAwait(false);
    }
}

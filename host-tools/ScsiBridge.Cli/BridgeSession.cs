using ScsiBridge.Client.Api;

namespace ScsiBridge.Cli;

/// <summary>
/// The bridge, opened for one command: the client after HELLO (and ELEVATE), and the devices
/// the command started, which it stops again when it is disposed.
/// </summary>
internal sealed class BridgeSession : IAsyncDisposable
{
    private readonly List<(int Id, int Lun, ProbeReport? Probe)> _started = new List<(int, int, ProbeReport?)>();

    private BridgeSession(BridgeClient client)
    {
        Client = client;
    }

    public BridgeClient Client { get; }

    public BridgeInfo Info => Client.Info!;

    /// <summary>How long the tool waits for an answer before asking again. Fault campaigns,
    /// which lose frames on purpose thousands of times, shorten it (a test seam).</summary>
    internal static TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The clock of the tool's timeouts and intervals: the wall clock, or a simulator's
    /// virtual clock when a test runs the tool against one (a test seam).</summary>
    internal static TimeProvider Time = TimeProvider.System;

    public static async Task<BridgeSession> OpenAsync(string? port, int baud, string? pin, CancellationToken ct)
    {
        BridgeClient client = await BridgeClient.ConnectAsync(port, baud, new BridgeClientOptions { ResponseTimeout = ResponseTimeout, Time = Time }, ct);
        try
        {
            if (pin != null)
            {
                try
                {
                    await client.ElevateAsync(pin, ct);
                }
                catch (BridgeErrnoException e) when (e.Errno == 1)
                {
                    throw new CliException(ExitCodes.Permission, "the bridge refused ELEVATE: " + (pin.Length == 0
                        ? "it has a PIN; give it with --pin or SCSIBRIDGE_PIN"
                        : "the PIN is wrong (too many wrong PINs make it wait before the next try)"), e);
                }
            }
            return new BridgeSession(client);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens a session with the device (SCIOLSTART), after a probe that says whether anything is
    /// there at all: "nothing at ID 3" is a different failure from a command that fails. A probe
    /// the caller already has (from a scan) is used instead of probing again.
    /// </summary>
    public async Task<ProbeReport> StartDeviceAsync(int id, int lun, bool writes, CancellationToken ct, ProbeReport? probed = null)
    {
        ProbeReport probe = probed ?? await Client.ProbeAsync(id, lun, ct);
        if (probe.Result != 0 && probe.Result != 1)
        {
            throw new CliException(ExitCodes.DeviceNotFound, "no device answered at ID " + id + " LUN " + lun + " (probe: " + probe.ResultName
                                   + "); `scsibridge scan` lists what is on the bus");
        }
        await Client.StartDeviceAsync(id, lun, writes, ct);
        _started.Add((id, lun, probe));
        return probe;
    }

    /// <summary>SCIOLSTART alone, with nothing sent to the device: for `cdb`, which must send
    /// exactly the command it is given.</summary>
    public async Task StartDeviceUnprobedAsync(int id, int lun, bool writes, CancellationToken ct)
    {
        await Client.StartDeviceAsync(id, lun, writes, ct);
        _started.Add((id, lun, null));
    }

    /// <summary>The INQUIRY data of a started device: the probe's, or asked again when the probe
    /// had none (a drive that answered INQUIRY with CHECK CONDITION at first).</summary>
    public async Task<InquiryData> InquiryAsync(int id, int lun, CancellationToken ct) =>
        _started.FirstOrDefault(s => s.Id == id && s.Lun == lun).Probe?.Inquiry ?? await Client.InquiryAsync(id, lun, ct);

    /// <summary>Blocks per command: what the caller wants, within the bridge's largest transfer.</summary>
    public int BlocksPerTransfer(int wanted, int blockLength) => (int)Math.Min(wanted, Math.Max(1, Info.MaxTransfer / (uint)blockLength));

    /// <summary>
    /// TEST UNIT READY until the unit attentions a reset or a medium change left are taken (a
    /// drive reports each once); any other failure is the device's answer and is thrown.
    /// </summary>
    public async Task SettleAsync(int id, int lun, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            ScsiResult r = await Client.ExecuteAsync(id, lun, new byte[6], 0, null, true, ct);
            if (r.IsGood) return;
            if (r.Sense?.Key != 6 || attempt == 3) throw new ScsiCommandException(r);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (id, lun, _) in _started)
        {
            try
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5), Client.Time);
                await Client.StopDeviceAsync(id, lun, quick.Token);
            }
            catch (Exception)
            {
                // The link is gone or the device was never fully started: the bridge stops
                // every device of a PC that hangs up, so nothing is left running either way.
            }
        }
        await Client.DisposeAsync();
    }
}

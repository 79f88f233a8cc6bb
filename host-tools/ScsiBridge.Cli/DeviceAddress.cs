using System.CommandLine;

namespace ScsiBridge.Cli;

/// <summary>The --id and --lun a device command takes, and opening that device on the bridge.</summary>
internal sealed class DeviceAddress
{
    public Option<int> Id { get; } = GlobalOptions.Id();

    public Option<int> Lun { get; } = GlobalOptions.Lun();

    public void AddTo(Command command)
    {
        command.Options.Add(Id);
        command.Options.Add(Lun);
    }

    /// <summary>Connects, elevates and starts the device (writes allowed only when asked);
    /// settle takes the unit attentions a reset left first.</summary>
    public async Task<(BridgeSession Session, int Id, int Lun)> OpenAsync(Invocation run, bool settle, bool writes = false)
    {
        int id = run.Get(Id), lun = run.Get(Lun);
        BridgeSession session = await run.ConnectAsync();
        try
        {
            await session.StartDeviceAsync(id, lun, writes, run.Cancel);
            if (settle) await session.SettleAsync(id, lun, run.Cancel);
            return (session, id, lun);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }
}

using ScsiBridge.Firmware.Target;

namespace ScsiBridge.Campaign.Tests;

/// <summary>
/// An emulated drive with passing troubles, as old drives have: at chosen READ or WRITE commands
/// (counted from the drive's power-on) it answers BUSY, UNIT ATTENTION (power on or reset), or a
/// MEDIUM ERROR, once each: the same command again succeeds. Everything else is the emulation.
/// </summary>
internal sealed class TroubledDrive : ILogicalUnit
{
    private readonly ILogicalUnit _inner;
    private readonly Dictionary<int, FaultKind> _plan;
    private readonly Tally _tally;
    private int _commands;

    public TroubledDrive(ILogicalUnit inner, Dictionary<int, FaultKind> plan, Tally tally)
    {
        _inner = inner;
        _plan = plan;
        _tally = tally;
    }

    public byte[] InquiryData => _inner.InquiryData;

    public void OnReset() => _inner.OnReset();

    /// <summary>Every command and how it ended, for a person looking at one job closely.</summary>
    public static Action<string>? Trace;

    /// <summary>Called on the simulator's thread as each READ or WRITE begins, with the number of
    /// them the drive served before it: the campaign's bus faults and kills strike there, at the
    /// same command of the same job on every run, while the whole simulation stands still.</summary>
    public Action<int>? OnDataCommand { get; set; }

    public void Execute(TargetCommand command, ITargetIo io)
    {
        Run(command, io);
        Trace?.Invoke("drive: " + command.Cdb[0].ToString("X2") + " lba " + (command.Cdb[0] is 0x28 or 0x2A ? command.Field(2, 4) : -1) + " status " + command.Status + " key " + command.SenseKey);
    }

    private void Run(TargetCommand command, ITargetIo io)
    {
        int opcode = command.Cdb[0];
        bool data = opcode is 0x08 or 0x0A or 0x28 or 0x2A;
        if (data) OnDataCommand?.Invoke(_commands);
        if (data && _plan.Remove(_commands++, out FaultKind trouble))
        {
            _tally.Injected(trouble);
            switch (trouble)
            {
                case FaultKind.Busy:
                    command.Status = 0x08;
                    return;
                case FaultKind.UnitAttention:
                    command.Fail(SenseData.UnitAttention, SenseData.PowerOnResetOrBusDeviceReset);
                    return;
                case FaultKind.TransientMediumError when opcode is 0x28 or 0x08:
                    long lba = opcode == 0x28 ? command.Field(2, 4) : command.Field(1, 3) & 0x1FFFFF;
                    command.FailAt(SenseData.MediumError, SenseData.UnrecoveredReadError, lba);
                    return;
                case FaultKind.TransientMediumError:
                    command.Fail(SenseData.MediumError, SenseData.WriteError);
                    return;
                case FaultKind.ParityCommand:
                    command.Fail(SenseData.AbortedCommand, SenseData.ScsiParityError);  // as a drive reports a CDB with bad parity
                    return;
            }
        }
        _inner.Execute(command, io);
    }
}

using ScsiBridge.Client.Api;

namespace ScsiBridge.Cli.Imaging;

/// <summary>The block mode a tape is read or written in (SCSI-2 9.3.3, the block descriptor).</summary>
internal static class TapeModes
{
    /// <summary>
    /// Puts the drive in variable-block mode when it is in fixed mode and takes the change
    /// (MODE SELECT(6), PF=0 as SCSI-1 drives want, block length 0, the density kept); the block
    /// length to use: 0 for variable, else the fixed block length of a drive that records fixed
    /// blocks only (QIC). A drive without MODE SENSE is taken as variable.
    /// </summary>
    public static async Task<int> PreferVariableAsync(BridgeClient client, int id, int lun, CancellationToken ct)
    {
        ScsiResult sense = await client.ExecuteAsync(id, lun, new byte[] { 0x1A, 0, 0, 0, 12, 0 }, 12, null, true, ct);
        if (!sense.IsGood || sense.Data.Length < 12 || sense.Data[3] < 8) return 0;
        int length = (sense.Data[9] << 16) | (sense.Data[10] << 8) | sense.Data[11];
        if (length == 0) return 0;
        byte[] select = { 0, 0, (byte)(sense.Data[2] & 0x70), 8, sense.Data[4], 0, 0, 0, 0, 0, 0, 0 };
        ScsiResult r = await client.ExecuteWriteAsync(id, lun, new byte[] { 0x15, 0, 0, 0, (byte)select.Length, 0 }, select, null, true, ct);
        return r.IsGood ? 0 : length;
    }

    /// <summary>The block length the drive uses now (MODE SENSE(6)'s block descriptor): 0
    /// variable; a drive without MODE SENSE is taken as variable.</summary>
    public static async Task<int> CurrentAsync(BridgeClient client, int id, int lun, CancellationToken ct)
    {
        ScsiResult sense = await client.ExecuteAsync(id, lun, new byte[] { 0x1A, 0, 0, 0, 12, 0 }, 12, null, true, ct);
        if (!sense.IsGood || sense.Data.Length < 12 || sense.Data[3] < 8) return 0;
        return (sense.Data[9] << 16) | (sense.Data[10] << 8) | sense.Data[11];
    }

    public static string Describe(int blockLength) => blockLength == 0 ? "variable blocks" : "fixed " + blockLength + "-byte blocks";
}

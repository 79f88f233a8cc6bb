#:project ../ScsiBridge.Client/ScsiBridge.Client.csproj
#:property PublishAot=false
// Images every disk and CD-ROM on the bus, using the client library directly:
//
//     dotnet run image-all.cs -- [PORT] [FOLDER]
//
// PORT defaults to $SCSIBRIDGE_PORT, else the only candidate port; FOLDER to the current one.
// Try it on the simulator: `scsibridge sim --disk 0:disk.img` prints a port to give here.
// For damaged media use `scsibridge dump`, which retries, maps bad areas and resumes.
using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using ScsiBridge.Client.Api;

string? port = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("SCSIBRIDGE_PORT");
string folder = args.Length > 1 ? args[1] : ".";

await using BridgeClient bridge = await BridgeClient.ConnectAsync(port);
await bridge.ElevateAsync(Environment.GetEnvironmentVariable("SCSIBRIDGE_PIN") ?? "");
Console.WriteLine($"bridge: {bridge.Info!.BoardName}, firmware {bridge.Info.FirmwareVersion}");

int imaged = 0;
foreach (ProbeReport device in await bridge.ScanAsync())
{
    InquiryData? inquiry = device.Inquiry;
    if (inquiry == null || inquiry.PeripheralType is not (0 or 5 or 7)) continue;  // disks, CD-ROMs, optical
    int id = device.TargetId, lun = device.Lun;
    await bridge.StartDeviceAsync(id, lun);
    try
    {
        await TestUnitReadyTwice(bridge, id, lun);
        var (blocks, blockLength) = await bridge.ReadCapacityAsync(id, lun);
        string path = Path.Combine(folder, $"id{id}-lun{lun}.img");
        await using var file = File.Create(path);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int chunk = Math.Max(1, 65536 / blockLength);
        for (long lba = 0; lba < blocks; lba += chunk)
        {
            int count = (int)Math.Min(chunk, blocks - lba);
            byte[] data = await bridge.ReadBlocksAsync(id, lun, lba, count, blockLength);
            await file.WriteAsync(data);
            sha.AppendData(data);
        }
        Console.WriteLine($"ID {id} {inquiry.Vendor} {inquiry.Product}: {blocks} x {blockLength} bytes -> {path}");
        Console.WriteLine($"  sha256 {Convert.ToHexStringLower(sha.GetHashAndReset())}");
        imaged++;
    }
    finally
    {
        await bridge.StopDeviceAsync(id, lun);
    }
}
Console.WriteLine(imaged == 0 ? "no disk or CD-ROM on the bus" : $"{imaged} device(s) imaged");

// A drive reports a reset or medium change once, as UNIT ATTENTION, to the first command.
static async Task TestUnitReadyTwice(BridgeClient bridge, int id, int lun)
{
    try
    {
        await bridge.TestUnitReadyAsync(id, lun);
    }
    catch (ScsiCommandException e) when (e.Result.Sense?.Key == 6)
    {
        await bridge.TestUnitReadyAsync(id, lun);
    }
}

#:project ../ScsiBridge.Client/ScsiBridge.Client.csproj
#:property PublishAot=false
// Images every disk and CD-ROM on the bus into a folder, as `scsibridge dump` does: GNU
// ddrescue's mapfile next to each image, bad areas trimmed and retried, and a second run
// resuming where the first stopped. A device that cannot be imaged is reported and skipped;
// the exit status says whether every device was imaged whole.
//
//     dotnet run image-all.cs -- [PORT] [FOLDER]
//
// PORT defaults to $SCSIBRIDGE_PORT, else the only candidate port; FOLDER to "images" (made
// when missing). Try it on the simulator: `scsibridge sim --disk 0:disk.img` prints a port.
using System;
using System.IO;
using ScsiBridge.Client.Api;
using ScsiBridge.Client.Imaging;

string? port = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("SCSIBRIDGE_PORT");
string folder = args.Length > 1 ? args[1] : "images";
Directory.CreateDirectory(folder);

await using BridgeClient bridge = await BridgeClient.ConnectAsync(port);
await bridge.ElevateAsync(Environment.GetEnvironmentVariable("SCSIBRIDGE_PIN") ?? "");
Console.WriteLine($"bridge: {bridge.Info!.BoardName}, firmware {bridge.Info.FirmwareVersion}");

int whole = 0, partial = 0, failed = 0;
foreach (ProbeReport device in await bridge.ScanAsync())
{
    InquiryData? inquiry = device.Inquiry;
    if (device.Result != 0 || inquiry == null || inquiry.PeripheralType is not (0 or 5 or 7)) continue;  // disks, CD-ROMs, optical
    string name = $"ID {device.TargetId} {inquiry.Vendor} {inquiry.Product}".TrimEnd();
    string image = Path.Combine(folder, $"id{device.TargetId}-lun{device.Lun}.img");
    try
    {
        DiskImageResult r = await DiskImaging.ImageAsync(bridge, device.TargetId, device.Lun, image, retries: 2);
        Console.WriteLine($"{name}: {r.Blocks} x {r.BlockLength} bytes -> {r.Image} (mapfile {r.Map})");
        Console.WriteLine($"  sha256 {r.Sha256}");
        if (r.Complete)
        {
            whole++;
        }
        else
        {
            partial++;
            Console.WriteLine($"  {r.UnreadableBlocks} blocks unreadable (zero in the image; run again to retry them)");
        }
    }
    catch (BridgeException e)
    {
        // One device that cannot be read (no medium, gone from the bus) does not stop the others.
        failed++;
        Console.Error.WriteLine($"{name}: not imaged: {e.Message}");
    }
}
Console.WriteLine($"{whole} imaged whole, {partial} with unreadable blocks, {failed} not imaged");
return failed > 0 ? 1 : partial > 0 ? 7 : 0;  // scsibridge's exit codes: 7 = not whole

using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using ScsiBridge.Cli.Output;
using ScsiBridge.Iscsi;

namespace ScsiBridge.Cli.Commands;

/// <summary>
/// scsibridge iscsi: an iSCSI target whose LUNs are devices behind the bridge and image files,
/// for any operating system's initiator, qemu-img or libiscsi. Read-only unless --allow-write;
/// on 127.0.0.1 unless --listen says otherwise; runs until Ctrl-C, which asks every initiator
/// to log out first.
/// </summary>
internal static class IscsiCommand
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LogoutWait = TimeSpan.FromSeconds(2);

    public static Command Create(CliApp app)
    {
        var ids = new Option<string[]>("--id", "-i") { Description = "a device on the bridge's bus to serve, as ID or ID:LUN (repeat for several)", AllowMultipleArgumentsPerToken = false };
        var images = OptionValues.Files(new Option<FileInfo[]>("--image") { Description = "an image file to serve (a dump, a .iso as a CD-ROM); repeat for several" });
        var allowWrite = new Option<bool>("--allow-write") { Description = "let initiators write (privileged on the bridge, as restore is); read-only otherwise" };
        var listen = new Option<string>("--listen") { Description = "ADDR:PORT to listen on (default 127.0.0.1:3260; port 0 picks a free one)", DefaultValueFactory = _ => "127.0.0.1:" + GatewayOptions.DefaultPort };
        var name = new Option<string?>("--name") { Description = "the target's IQN (default iqn.2026-12.invalid.scsibridge:<host>)" };
        var chapUser = new Option<string?>("--chap-user") { Description = "require CHAP with this user name; the secret comes from --chap-secret-file or SCSIBRIDGE_CHAP_SECRET" };
        var chapFile = OptionValues.OptionalFile(new Option<FileInfo?>("--chap-secret-file") { Description = "a file holding the CHAP secret (12 to 16 characters are usual; trailing newline ignored)" });
        var command = new Command("iscsi", "serve bridge devices and image files to iSCSI initiators (qemu-img, libiscsi, any OS) until Ctrl-C")
        {
            ids, images, allowWrite, listen, name, chapUser, chapFile,
        };
        app.Handle(command, async run =>
        {
            var devices = (run.Get(ids) ?? Array.Empty<string>()).Select(ParseDevice).ToList();
            var files = run.Get(images) ?? Array.Empty<FileInfo>();
            if (devices.Count == 0 && files.Length == 0) throw new CliException(ExitCodes.Usage, "nothing to serve: give --id N[:LUN] for a device on the bridge or --image FILE");
            bool writable = run.Get(allowWrite);
            var options = new GatewayOptions { Listen = ParseListen(run.Get(listen)) };
            string? iqn = run.Get(name);
            if (iqn != null) options.TargetName = iqn;
            if (!GatewayOptions.IsValidIqn(options.TargetName)) throw new CliException(ExitCodes.Usage, "--name " + options.TargetName + " is not an iSCSI qualified name (iqn.yyyy-mm.reversed.domain:name, lower case)");
            string? user = run.Get(chapUser);
            if (user != null)
            {
                options.ChapUser = user;
                options.ChapSecret = ReadSecret(run.Get(chapFile));
            }
            if (!IPAddress.IsLoopback(options.Listen.Address))
            {
                run.Note("warning: listening on " + options.Listen + ", not on loopback: anyone who reaches this address can read" + (writable ? " and write" : "") + " the LUNs" + (user == null ? " (no CHAP)" : ""));
            }

            BridgeSession? session = null;
            IscsiTarget? target = null;
            try
            {
                target = new IscsiTarget(options);
                target.Message += text => run.Note(DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " " + text);
                if (devices.Count > 0)
                {
                    session = await run.ConnectAsync();
                    foreach (var (id, lun) in devices)
                    {
                        await session.StartDeviceAsync(id, lun, writable, run.Cancel);
                        try
                        {
                            await target.AddBridgeDeviceAsync(session.Client, id, lun, writable, run.Cancel);
                        }
                        catch (InvalidDataException e)
                        {
                            throw new CliException(ExitCodes.Usage, e.Message);  // a tape or a processor, say
                        }
                        catch (IOException e)
                        {
                            throw new CliException(ExitCodes.Failure, e.Message);  // it would not answer INQUIRY
                        }
                    }
                }
                foreach (FileInfo f in files)
                {
                    try
                    {
                        await target.AddImageAsync(f.FullName, writable, run.Cancel);
                    }
                    catch (Exception e) when (e is FileNotFoundException or InvalidDataException or UnauthorizedAccessException)
                    {
                        throw new CliException(ExitCodes.Usage, e.Message);
                    }
                }
                target.Start();
                Announce(run, target);
                await ServeAsync(run, target);
                return ExitCodes.Ok;
            }
            catch (IOException e) when (target?.Endpoint == null && e.Message.StartsWith("cannot listen", StringComparison.Ordinal))
            {
                throw new CliException(ExitCodes.Failure, e.Message);
            }
            finally
            {
                if (target != null) await target.DisposeAsync();
                if (session != null) await session.DisposeAsync();
            }
        });
        return command;
    }

    private static void Announce(Invocation run, IscsiTarget target)
    {
        if (run.Json)
        {
            run.Emit(new
            {
                target = target.Name,
                listen = target.Endpoint!.ToString(),
                luns = target.Luns.Select(l => new
                {
                    lun = l.Lun, url = target.UrlOf(l.Lun), backing = l.Description, vendor = l.Vendor, product = l.Product,
                    blocks = l.Blocks, blockLength = l.BlockLength, writable = l.Writable,
                }),
            });
        }
        run.Line("iSCSI target " + target.Name + " on " + target.Endpoint);
        var table = new TextTable("LUN", "URL", "BACKING", "DEVICE", "CAPACITY", "ACCESS");
        foreach (GatewayLun l in target.Luns)
        {
            table.Add(l.Lun.ToString(), target.UrlOf(l.Lun), l.Description, (l.Vendor + " " + l.Product).Trim(),
                      l.Blocks > 0 ? Sizes.Capacity(l.Blocks, l.BlockLength) : "no medium", l.Writable ? "read-write" : "read-only");
        }
        if (!run.Json) table.Write(run.Console);
        run.Note("serving; Ctrl-C asks the initiators to log out and stops");
    }

    /// <summary>Until Ctrl-C: a line whenever a LUN has read, written or failed more than before.</summary>
    private static async Task ServeAsync(Invocation run, IscsiTarget target)
    {
        var last = new Dictionary<int, (long, long, long)>();
        try
        {
            while (true)
            {
                await Task.Delay(ProgressEvery, run.Cancel);
                foreach (GatewayLun l in target.Luns)
                {
                    var now = (l.BytesRead, l.BytesWritten, l.Errors);
                    if (last.TryGetValue(l.Lun, out var before) && before == now) continue;
                    if (!last.ContainsKey(l.Lun) && now == (0, 0, 0))
                    {
                        last[l.Lun] = now;
                        continue;
                    }
                    last[l.Lun] = now;
                    run.Note("LUN " + l.Lun + " " + l.Description + ": " + Sizes.Mib(l.BytesRead) + " read" + (l.CacheHits > 0 ? " (" + l.CacheHits + " cache hits)" : "")
                             + (l.BytesWritten > 0 ? ", " + Sizes.Mib(l.BytesWritten) + " written" : "") + ", " + l.Errors + " errors; " + target.SessionCount + " sessions");
                }
            }
        }
        catch (OperationCanceledException)
        {
            run.Note("stopping: asking " + target.SessionCount + " sessions to log out");
            await target.StopAsync(LogoutWait);
            run.Note("stopped");
        }
    }

    private static (int Id, int Lun) ParseDevice(string text)
    {
        string[] parts = text.Split(':');
        if (parts.Length is < 1 or > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id > 7
            || (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int l) || l > 7)))
        {
            throw new CliException(ExitCodes.Usage, "--id " + text + ": give a SCSI ID 0-7, or ID:LUN with a LUN 0-7");
        }
        return (id, parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0);
    }

    private static IPEndPoint ParseListen(string text)
    {
        if (IPEndPoint.TryParse(text, out IPEndPoint? e) && e.Port >= 0 && (text.Contains(':') || text.Contains(']')))
        {
            if (e.Port == 0 && !text.EndsWith(":0", StringComparison.Ordinal)) e.Port = GatewayOptions.DefaultPort;
            return e;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535) return new IPEndPoint(IPAddress.Loopback, port);
        throw new CliException(ExitCodes.Usage, "--listen " + text + ": give ADDR:PORT (127.0.0.1:3260) or a port");
    }

    private static byte[] ReadSecret(FileInfo? file)
    {
        string? secret = file != null
            ? (file.Exists ? File.ReadAllText(file.FullName).TrimEnd('\r', '\n') : throw new CliException(ExitCodes.Usage, "--chap-secret-file " + file.FullName + " does not exist"))
            : Environment.GetEnvironmentVariable("SCSIBRIDGE_CHAP_SECRET");
        if (string.IsNullOrEmpty(secret)) throw new CliException(ExitCodes.Usage, "--chap-user needs a secret: --chap-secret-file FILE or SCSIBRIDGE_CHAP_SECRET");
        byte[] bytes = Encoding.UTF8.GetBytes(secret);
        if (bytes.Length < 12 || bytes.Length > 256) throw new CliException(ExitCodes.Usage, "a CHAP secret has 12 to 256 bytes; this one has " + bytes.Length);
        return bytes;
    }
}

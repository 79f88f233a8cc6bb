namespace ScsiBridge.Cli;

/// <summary>The question restore asks before it overwrites a device.</summary>
internal static class RestoreConfirm
{
    /// <summary>Asks on the terminal; anything but yes stops. With no terminal to ask on, stops too.</summary>
    public static void Ask(Invocation run, string question)
    {
        if (!run.Console.InIsTerminal)
        {
            throw new CliException(ExitCodes.Permission, "restore asks for confirmation on a terminal; to run it from a script, add --yes");
        }
        run.Console.Error.Write(question + " Everything on it is lost. Type yes to go on: ");
        run.Console.Error.Flush();
        string? answer = run.Console.In.ReadLine();
        if (!string.Equals(answer?.Trim(), "yes", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer?.Trim(), "y", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException(ExitCodes.Permission, "not confirmed; nothing was written");
        }
    }
}

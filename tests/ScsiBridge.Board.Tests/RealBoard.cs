using System;
using System.IO;
using ScsiBridge.Board;

namespace ScsiBridge.Board.Tests;

/// <summary>The repository's own board/pins.csv, as text and as a map.</summary>
internal static class RealBoard
{
    public static readonly string Root = RepositoryRoot.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("ScsiBridge.sln not found above " + AppContext.BaseDirectory);

    public static string PinsPath => Path.Combine(Root, "board", "pins.csv");

    public static string Text => File.ReadAllText(PinsPath);

    public static PinMap Map => PinMap.Load(PinsPath);
}

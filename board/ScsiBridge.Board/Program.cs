using System;
using System.Collections.Generic;
using System.IO;
using ScsiBridge.Board;

// board/ScsiBridge.Board: `check` validates board/pins.csv; `generate` validates it and writes
// the files that come from it (GeneratedFiles). Run from anywhere inside the repository.
string command = args.Length > 0 ? args[0] : string.Empty;
if (command != "check" && command != "generate")
{
    Console.Error.WriteLine("usage: dotnet run --project board/ScsiBridge.Board -- check | generate");
    return 2;
}

string? root = RepositoryRoot.Find(Directory.GetCurrentDirectory());
if (root == null)
{
    Console.Error.WriteLine("error: run this inside the ScsiBridge repository (no ScsiBridge.sln above " + Directory.GetCurrentDirectory() + ")");
    return 2;
}

PinMap map;
try
{
    map = PinMap.Load(Path.Combine(root, "board", "pins.csv"));
}
catch (PinMapFormatException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 1;
}

IReadOnlyList<PinMapError> errors = PinMapValidator.Validate(map);
foreach (PinMapError e in errors)
{
    Console.Error.WriteLine("error: pins.csv " + e.Message + " [" + e.Rule + "]");
}

if (errors.Count > 0)
{
    return 1;
}

Console.WriteLine("board/pins.csv: " + map.Pins.Count + " GPIOs, every rule kept");
if (command == "generate")
{
    foreach (KeyValuePair<string, string> file in GeneratedFiles.All(map))
    {
        string path = Path.Combine(root, file.Key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, file.Value);
        Console.WriteLine("wrote " + file.Key);
    }
}

return 0;
